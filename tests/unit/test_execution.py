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
class Query:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return [_item(values) for values in ODD]

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
