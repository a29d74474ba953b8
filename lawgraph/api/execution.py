"""A cheaper execution of plain leaf fields: most of a large answer's fields (a power's name, a tier's fine) are a
String/Int/Float/Boolean/ID read straight off the object — strawberry's "basic" field, no resolver, no arguments,
no extensions. graphql-core still builds a resolve info, a list of nodes and an argument map for each, calls the
resolver through strawberry's wrapper and completes the value through its generic path: about half of the
executor's work for a page of 50 powers with their tiers (1,503 fields).

`LeafExecution` reads such a field with `getattr` and coerces it with the scalar's own `coerce_output_value`. An
object whose selected fields are all plain down to their leaves — lists of them, objects in them — is completed in
one pass without graphql-core (an amendment impact of 13,000 breaks: 2.3 s of execution → 0.33 s). Any
other case — a null where the type forbids it, graphql-core's Undefined, a value the scalar refuses, a field with
a resolver, arguments, permission classes or field extensions, a custom scalar or an enum, a schema extension that
wraps resolvers (middleware) — goes through graphql-core's own path unchanged, so an answer and its errors are
what the plain executor gives (tests/unit/test_execution.py and tests/integration/test_api_execution.py compare
both, on odd values and on generated queries)."""

from __future__ import annotations

import weakref
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
)
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

_BUILT_IN = (GraphQLString, GraphQLInt, GraphQLFloat, GraphQLBoolean, GraphQLID)
_BACKREF = "strawberry-definition"  # strawberry's GraphQLField.extensions key for its own field

# The shape of a plain field's value: a built-in scalar (its coerce), an object type (completed from the
# selection's plan), or a list (whether its items may be null, and their shape).
_LEAF, _OBJECT, _LIST, _TYPENAME = 0, 1, 2, 3
Shape = tuple[Any, ...]
# (attribute, nullable, shape) of a plain field — no resolver, no arguments, no permission classes or extensions —
# or None; per schema, parent type and field name
Field = tuple[str, bool, Shape] | None
_fields: weakref.WeakKeyDictionary[GraphQLSchema, dict[tuple[str, str], Field]] = weakref.WeakKeyDictionary()


def _shape(kind: Any) -> tuple[bool, Shape] | None:
    """(nullable, shape) of a field's GraphQL type, or None when it is not plain (an enum, a custom scalar, an
    interface or union, an object type that checks what it is given: is_type_of)."""
    nullable = not isinstance(kind, GraphQLNonNull)
    inner = kind.of_type if isinstance(kind, GraphQLNonNull) else kind
    if isinstance(inner, GraphQLScalarType):
        if any(inner is scalar for scalar in _BUILT_IN) and inner.coerce_output_value is not None:
            return nullable, (_LEAF, inner.coerce_output_value)
        return None
    if isinstance(inner, GraphQLObjectType):
        return (nullable, (_OBJECT, inner)) if inner.is_type_of is None else None
    if isinstance(inner, GraphQLList):
        item = _shape(inner.of_type)
        return None if item is None else (nullable, (_LIST, *item))
    return None


def _field(schema: GraphQLSchema, parent: GraphQLObjectType, name: str) -> Field:
    fields = _fields.get(schema)
    if fields is None:
        fields = _fields[schema] = {}
    key = (parent.name, name)
    try:
        return fields[key]
    except KeyError:
        pass
    found: Field = None
    field = schema.get_field(parent, name)
    if field is not None and not field.args and getattr(field.resolve, "_is_default", False):
        own = (field.extensions or {}).get(_BACKREF)
        shaped = _shape(field.type)
        # (strawberry marks a field with permission classes or extensions "default" too: those go the plain way)
        if shaped is not None and own is not None and own.is_basic_field \
                and not getattr(own, "permission_classes", None) and own.default_resolver is getattr \
                and isinstance(own.python_name, str):
            found = (own.python_name, *shaped)
    fields[key] = found  # (a schema has a few hundred fields: the map stays small)
    return found


_PLAIN_TYPES = frozenset((str, int, float, bool, list, tuple))  # (never awaitable: no check for them)


class _Other(Exception):
    """A value the direct path does not take (a null where the type forbids it, a value the scalar refuses…)."""


# an object's selected fields, each plain: (response key, attribute, nullable, shape, the plan of its objects);
# for __typename the attribute is None and the shape (_TYPENAME, the type's name)
Plan = list[tuple[str, str | None, bool, Shape, Any]]


class LeafExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with plain fields read directly (see the module's text)."""

    _direct: bool | None = None
    _plans: dict[tuple[str, int], tuple[Any, Plan | None]] | None = None

    def _no_middleware(self) -> bool:
        direct = self._direct
        if direct is None:  # once per request: no middleware (an extension's resolve hook) to go through
            manager = self.middleware_manager
            direct = self._direct = manager is None or manager.get_field_resolver(len) is len
        return direct

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> Plan | None:
        """The plan of an object whose every selected field is plain, down to its leaves, else None; made once per
        selection of the request (graphql-core collects an object type's subfields once per selection, and gives
        the same set for every object of a list)."""
        plans = self._plans
        if plans is None:
            plans = self._plans = {}
        key = (parent_type.name, id(grouped_field_set))
        found = plans.get(key)
        if found is not None and found[0] is grouped_field_set:
            return found[1]
        entries: Plan = []
        plan: Plan | None = entries
        for response_key, field_details_list in grouped_field_set.items():
            node = field_details_list[0].node
            name = node.name.value
            if name == "__typename":
                entries.append((response_key, None, False, (_TYPENAME, parent_type.name), None))
                continue
            # (a directive other than @skip / @include — @stream, a schema's own — is graphql-core's to apply)
            field = None if node.arguments or any(d.name.value not in ("skip", "include") for d in node.directives
                                                  or ()) else _field(self.schema, parent_type, name)
            if field is None:
                plan = None
                break
            attribute, nullable, shape = field
            inner = shape
            while inner[0] == _LIST:
                inner = inner[2]
            sub: Plan | None = None
            if inner[0] == _OBJECT:  # its own selection, collected as graphql-core does (fragments, directives)
                grouped, deferred, *_ = self.collect_subfields(inner[1], field_details_list)
                sub = None if deferred else self._plan(inner[1], grouped)
                if sub is None:
                    plan = None
                    break
            entries.append((response_key, attribute, nullable, shape, sub))
        plans[key] = (grouped_field_set, plan)  # (the set kept alive with its plan: its id is not reused)
        return plan

    def _complete(self, plan: Plan, source: Any) -> dict[str, Any]:
        return {key: self._value(shape[1] if attribute is None else getattr(source, attribute), nullable, shape, sub)
                for key, attribute, nullable, shape, sub in plan}

    def _value(self, value: Any, nullable: bool, shape: Shape, sub: Any) -> Any:
        if value is None:
            if nullable:
                return None
            raise _Other
        if value is Undefined or isinstance(value, BaseException) or \
                (type(value) not in _PLAIN_TYPES and self.is_awaitable(value)):  # (graphql-core awaits it)
            raise _Other
        kind = shape[0]
        if kind == _LEAF:
            coerced = shape[1](value)
            if coerced is Undefined or coerced is None:
                raise _Other
            return coerced
        if kind == _OBJECT:
            return self._complete(sub, value)
        if kind == _LIST:
            if not isinstance(value, list | tuple):
                raise _Other
            item_nullable, item_shape = shape[1], shape[2]
            return [self._value(item, item_nullable, item_shape, sub) for item in value]
        return shape[1]  # __typename

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Any, grouped_field_set: Any,
                       position_context: Any) -> Any:
        """An object whose selected fields are all plain, down to their leaves (an impact and its breaks, a
        break's department, a tier's fine), is completed here in one pass; anything the direct path does not take
        sends the whole object graphql-core's way."""
        plan = self._plan(parent_type, grouped_field_set) if self._no_middleware() else None
        if plan is not None:
            try:
                return self._complete(plan, source_value)
            except Exception:  # (_Other, or what reading or coercing raised) the plain path meets it again,
                pass  # and locates and reports it
        return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)

    def execute_field(self, parent_type: GraphQLObjectType, source: Any, field_details_list: Any, path: Any,
                      position_context: Any) -> Any:
        node = field_details_list[0].node
        if self._no_middleware() and not node.arguments:
            field = _field(self.schema, parent_type, node.name.value)
            if field is not None and field[2][0] == _LEAF:
                attribute, nullable, shape = field
                try:  # (the same checks as a leaf of a plain object)
                    return self._value(getattr(source, attribute), nullable, shape, None)
                except Exception:  # (_Other, or what reading or coercing raised) the plain path below meets it
                    pass  # again, and locates and reports it
        return super().execute_field(parent_type, source, field_details_list, path, position_context)
