"""A cheaper execution of plain leaf fields: most of a large answer's fields (a power's name, a tier's fine) are a
String/Int/Float/Boolean/ID read straight off the object — strawberry's "basic" field, no resolver, no arguments,
no extensions. graphql-core still builds a resolve info, a list of nodes and an argument map for each, calls the
resolver through strawberry's wrapper and completes the value through its generic path: about half of the
executor's work for a page of 50 powers with their tiers (1,503 fields).

`LeafExecution` reads such a field with `getattr` and coerces it with the scalar's own `coerce_output_value`. Any
other case — a null where the type forbids it, graphql-core's Undefined, a value the scalar refuses, a field with
a resolver, arguments, permission classes or field extensions, a custom scalar or an enum, a schema extension that
wraps resolvers (middleware) — goes through graphql-core's own path unchanged, so an answer and its errors are
what the plain executor gives (tests/unit/test_execution.py and tests/integration/test_api_execution.py compare
both, on odd values and on generated queries)."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
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

# (attribute, coerce, nullable) of a plain leaf field, or None; per schema, parent type and field name
Plan = tuple[str, Callable[[Any], Any], bool] | None
_plans: weakref.WeakKeyDictionary[GraphQLSchema, dict[tuple[str, str], Plan]] = weakref.WeakKeyDictionary()


def _plan(schema: GraphQLSchema, parent: GraphQLObjectType, name: str) -> Plan:
    plans = _plans.get(schema)
    if plans is None:
        plans = _plans[schema] = {}
    key = (parent.name, name)
    try:
        return plans[key]
    except KeyError:
        pass
    found: Plan = None
    field = schema.get_field(parent, name)
    if field is not None and not field.args and getattr(field.resolve, "_is_default", False):
        kind = field.type
        nullable = not isinstance(kind, GraphQLNonNull)
        inner = kind.of_type if isinstance(kind, GraphQLNonNull) else kind
        own = (field.extensions or {}).get(_BACKREF)
        # (strawberry marks a field with permission classes or extensions "default" too: those go the plain way)
        if isinstance(inner, GraphQLScalarType) and any(inner is scalar for scalar in _BUILT_IN) \
                and own is not None and own.is_basic_field and not getattr(own, "permission_classes", None) \
                and own.default_resolver is getattr and isinstance(own.python_name, str) \
                and inner.coerce_output_value is not None:
            found = (own.python_name, inner.coerce_output_value, nullable)
    plans[key] = found  # (a schema has a few hundred fields: the map stays small)
    return found


class LeafExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with plain leaf fields read directly (see the module's text)."""

    _direct: bool | None = None

    def execute_field(self, parent_type: GraphQLObjectType, source: Any, field_details_list: Any, path: Any,
                      position_context: Any) -> Any:
        node = field_details_list[0].node
        direct = self._direct
        if direct is None:  # once per request: no middleware (an extension's resolve hook) to go through
            manager = self.middleware_manager
            direct = self._direct = manager is None or manager.get_field_resolver(len) is len
        if direct and not node.arguments:
            plan = _plan(self.schema, parent_type, node.name.value)
            if plan is not None:
                attribute, coerce, nullable = plan
                try:
                    value = getattr(source, attribute)
                    if value is None:
                        if nullable:
                            return None
                    elif value is not Undefined and not isinstance(value, BaseException):
                        coerced = coerce(value)
                        if coerced is not Undefined and coerced is not None:
                            return coerced
                except Exception:  # the plain path below meets it again, and locates and reports it
                    pass
        return super().execute_field(parent_type, source, field_details_list, path, position_context)
