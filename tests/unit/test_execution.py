"""lawgraph.api.execution.LeafExecution against strawberry's own execution context: the same data and the same
errors (message, path) for plain leaf fields holding what each scalar accepts, converts or refuses."""

from __future__ import annotations

import asyncio
import math
from typing import Any

import strawberry
from graphql.pyutils import Undefined
from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from lawgraph.api.execution import LeafExecution


class Deny(BasePermission):
    message = "denied"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return False


class Upper(FieldExtension):
    def resolve(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
        return str(next_(source, info, **kwargs)).upper()


@strawberry.type
class Item:
    text: str
    maybe_text: str | None
    number: int
    maybe_number: int | None
    ratio: float
    maybe_ratio: float | None
    flag: bool
    key: strawberry.ID
    maybe_key: strawberry.ID | None
    tags: list[str]
    secret: str | None = strawberry.field(default=None, permission_classes=[Deny])
    loud: str = strawberry.field(default="", extensions=[Upper()])

    @strawberry.field
    def shout(self, times: int = 1) -> str:
        return self.text.upper() * times


ODD: list[dict[str, Any]] = [
    # what each scalar takes as it is
    {"text": "罚款", "maybe_text": None, "number": 3, "maybe_number": None, "ratio": 0.5, "maybe_ratio": None,
     "flag": True, "key": "p1", "maybe_key": None, "tags": ["a"], "secret": "涉密", "loud": "quiet"},
    # what the scalars convert: a bool or number to a String, a whole float to an Int, an int to a Float or ID
    {"text": True, "maybe_text": 12, "number": 2.0, "maybe_number": True, "ratio": 3, "maybe_ratio": False,
     "flag": 1, "key": 7, "maybe_key": 8, "tags": [], "secret": None, "loud": "x"},
    # what they refuse: nulls where the type forbids them, a str for an Int, an Int beyond 32 bits, NaN, a
    # fraction for an Int, a list for a String, an exception object as a value
    {"text": None, "maybe_text": ["x"], "number": "x", "maybe_number": 2**40, "ratio": math.nan,
     "maybe_ratio": "1.5", "flag": None, "key": 1.5, "maybe_key": ValueError("boom"), "tags": [None],
     "secret": Undefined, "loud": "y"},
    {"text": ValueError("boom"), "maybe_text": object(), "number": 2.5, "maybe_number": math.inf, "ratio": None,
     "maybe_ratio": math.inf, "flag": "yes", "key": None, "maybe_key": {"a": 1}, "tags": ["b"], "secret": "x",
     "loud": "z"},
]


def _item(values: dict[str, Any]) -> Item:
    item = Item.__new__(Item)  # the values as they are, without the dataclass's checks
    for name, value in values.items():
        object.__setattr__(item, name, value)
    return item


@strawberry.type
class Pair:
    a: str
    b: int | None


def _pair(a: Any, b: Any) -> Pair:
    pair = Pair.__new__(Pair)
    object.__setattr__(pair, "a", a)
    object.__setattr__(pair, "b", b)
    return pair


@strawberry.type
class Holder:  # plain fields down to the leaves: an object, a list of objects, a list of strings
    name: str
    pair: Pair | None
    pairs: list[Pair]
    tags: list[str | None]
    ranks: list[int]


class Later:
    """An awaitable giving `value`."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __await__(self) -> Any:
        if False:  # (a generator: nothing to wait for)
            yield
        return self.value


def _holder(name: Any, pair: Any, pairs: Any, tags: Any, ranks: Any) -> Holder:
    holder = Holder.__new__(Holder)
    for key, value in (("name", name), ("pair", pair), ("pairs", pairs), ("tags", tags), ("ranks", ranks)):
        object.__setattr__(holder, key, value)
    return holder


@strawberry.type
class Query:
    @strawberry.field
    def good(self) -> list[Holder]:
        pair = _pair("x", None)
        return [_holder("g1", pair, [pair, pair], ["a", None], [1]), _holder("g2", None, [], [], [])]

    @strawberry.field
    def holders(self) -> list[Holder | None]:
        good = _pair("x", 1)
        return [_holder("h1", good, [good, _pair("y", None)], ["a", None], [1, 2]),
                _holder("h2", None, [], [], ()),
                _holder("h3", _pair(None, 1), [good], ["b"], [3]),  # a null for a non-null leaf, inside an object
                _holder("h4", good, [good, None], ["c"], [4]),  # a null item where items may not be null
                _holder("h5", good, (good,), "not a list", [5]),  # a string is no list
                _holder("h6", good, [good], [ValueError("t")], [2**40]),
                _holder(7, {"a": "dict"}, [good], [], [1.0]),
                _holder("h8", good, (p for p in [good]), {"s"}, range(2)),  # other iterables: graphql-core's way
                _holder("h9", good, [good], [Later("t")], [Later(3)])]  # awaitables: graphql-core awaits them

    @strawberry.field
    def items(self) -> list[Item | None]:
        return [_item(values) for values in ODD]

    @strawberry.field
    def pairs(self) -> list[Pair | None]:  # objects of plain leaves only: completed in one pass when they can be
        return [_pair("x", 1), _pair(None, 2), _pair(True, None), _pair("y", 2**40), _pair("z", ValueError("b")),
                _pair(Undefined, 3), _pair("w", 4)]

    @strawberry.field
    def first(self) -> Item:
        return _item(ODD[0])

    @strawberry.field
    def broken(self) -> Item:
        return _item(ODD[2])


QUERIES = [
    "{ items { text maybeText number maybeNumber ratio maybeRatio flag key maybeKey tags shout } }",
    "{ items { maybeText maybeNumber maybeRatio maybeKey } }",
    "{ first { text number ratio flag key shout(times: 2) alias: text } }",
    "{ broken { maybeText } }",
    "{ broken { text } }",
    "{ items { ...F } } fragment F on Item { maybeKey flag }",
    "{ items { text @skip(if: true) number @include(if: false) maybeText } }",
    "{ items { text number ratio flag key } }",
    "{ items { secret loud maybeText } }",  # a permission class and a field extension: their own path
    "{ first { secret } }",
    # whole objects of plain leaves (LeafExecution.execute_fields), with __typename, aliases, fragments, directives
    "{ pairs { a b } }",
    "{ pairs { __typename x: a y: a b } }",
    "{ __typename first { __typename text } }",
    "{ pairs { ... on Pair { a } b a } }",
    "{ pairs { a @skip(if: true) b } }",
    "{ pairs { b } items { maybeNumber } }",
    "{ holders { name pair { a b } pairs { a __typename } tags ranks } }",
    "{ good { name pair { a b } pairs { a __typename } tags ranks } }",
    "{ holders { name pair { b } } }",
    "{ holders { pairs { b } ranks } }",
    "{ holders { tags } }",
    "{ holders { __typename ... on Holder { pair { ... P } } } } fragment P on Pair { a b }",
    "{ holders { pair @include(if: false) { a } name } }",
    "{ items { tags maybeText } }",
]


def _run(execution: type[StrawberryGraphQLCoreExecutionContext], query: str) -> tuple[Any, list[Any]]:
    schema = strawberry.Schema(query=Query, execution_context_class=execution)
    result = asyncio.run(schema.execute(query))
    errors = sorted((e.message, tuple(e.path or ())) for e in result.errors or [])
    return result.data, errors


def test_leaf_execution_answers_as_strawberrys_own() -> None:
    for query in QUERIES:
        assert _run(LeafExecution, query) == _run(StrawberryGraphQLCoreExecutionContext, query), query


def test_permission_classes_and_field_extensions_still_apply() -> None:
    data, errors = _run(LeafExecution, "{ items { secret loud } }")
    assert [item["secret"] for item in data["items"]] == [None, None, None, None]
    assert [item["loud"] for item in data["items"]] == ["QUIET", "X", "Y", "Z"]
    assert {message for message, _ in errors} == {"denied"}


def test_the_odd_values_do_make_errors() -> None:
    # the cases above are not all plain: the refused values give errors, the converted ones converted values
    data, errors = _run(LeafExecution, "{ items { text number ratio flag key } }")
    assert data["items"][:2] == [{"text": "罚款", "number": 3, "ratio": 0.5, "flag": True, "key": "p1"},
                                 {"text": "true", "number": 2, "ratio": 3.0, "flag": True, "key": "7"}]
    assert data["items"][2:] == [None, None]  # a non-null field failed: the item is null
    assert {path for _, path in errors} == {("items", 2, "text"), ("items", 3, "text")}, errors
    data, errors = _run(LeafExecution, QUERIES[1])  # nullable fields only: each refused value is one error
    assert data["items"][1] == {"maybeText": "12", "maybeNumber": 1, "maybeRatio": 0, "maybeKey": "8"}
    assert data["items"][2] == {"maybeText": None, "maybeNumber": None, "maybeRatio": 1.5, "maybeKey": None}
    assert {path for _, path in errors} == {("items", 2, "maybeText"), ("items", 2, "maybeNumber"),
                                            ("items", 2, "maybeKey"), ("items", 3, "maybeText"),
                                            ("items", 3, "maybeNumber"), ("items", 3, "maybeRatio"),
                                            ("items", 3, "maybeKey")}, errors


def test_objects_of_plain_leaves_are_completed_in_one_pass_and_err_as_before() -> None:
    data, errors = _run(LeafExecution, "{ pairs { __typename a b } }")
    assert data["pairs"] == [{"__typename": "Pair", "a": "x", "b": 1}, None, {"__typename": "Pair", "a": "true",
                             "b": None}, {"__typename": "Pair", "a": "y", "b": None},
                             {"__typename": "Pair", "a": "z", "b": None}, None, {"__typename": "Pair", "a": "w",
                                                                                 "b": 4}]
    assert {path for _, path in errors} == {("pairs", 1, "a"), ("pairs", 3, "b"), ("pairs", 4, "b"),
                                            ("pairs", 5, "a")}, errors


def test_plain_objects_down_to_their_leaves_do_not_go_graphql_cores_way(monkeypatch: Any) -> None:
    """The direct path is taken (not only answers alike): graphql-core executes the root's fields and no more."""
    calls: list[str] = []
    plain = StrawberryGraphQLCoreExecutionContext.execute_fields

    def counted(self: Any, parent_type: Any, *args: Any) -> Any:
        calls.append(parent_type.name)
        return plain(self, parent_type, *args)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_fields", counted)
    query = "{ good { __typename name pair { a b } pairs { ... on Pair { a b } } tags ranks } }"
    data, errors = _run(LeafExecution, query)
    assert calls == ["Query"] and not errors
    assert data["good"][0] == {"__typename": "Holder", "name": "g1", "pair": {"a": "x", "b": None},
                               "pairs": [{"a": "x", "b": None}] * 2, "tags": ["a", None], "ranks": [1]}
    calls.clear()
    _run(LeafExecution, "{ holders { name pair { a b } } }")  # h3's pair and h7 cannot: graphql-core's way
    assert calls == ["Query", "Holder", "Pair", "Holder", "Pair"]
    assert _run(LeafExecution, query) == _run(StrawberryGraphQLCoreExecutionContext, query)
