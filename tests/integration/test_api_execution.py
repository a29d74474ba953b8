"""The API's execution (lawgraph.api.execution.LeafExecution: plain leaf fields read directly) against strawberry's
own, on the sample in the real store: hand-written queries that read every kind of object, then queries generated
from the schema (hypothesis-graphql) for every query field — the same data and the same errors each time."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import hypothesis_graphql
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from lawgraph.api.context import Context
from lawgraph.api.execution import LeafExecution
from lawgraph.api.schema import build_schema
from lawgraph.api.security import Caller
from lawgraph.config import Settings
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE

WRITTEN = [
    """{ powers(first: 50) { totalCount edges { cursor node { id code name category categoryRaw subItems discretionary
        confidential timeLimit levels department { id name code } steps { name timeLimit }
        bases { unit text role status } openBases { text } delegations { region kind act date }
        benchmarkIds lists { id kind conduct } caseIds
        benchmarks { id conduct effective expires tiers { name conditions fine { min max } } } } } } }""",
    """{ laws(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title level } } } }""",
    """{ law(title: "农产品质量安全法") { id title level } }""",
    """{ regions { id name level parentId childIds departments { id name code } } }""",
    """{ cases(first: 20) { totalCount edges { node { id title date facts outcome penaltyTypes fine tierName origin powerId tierId department { name } } } } }""",
]


def _scalars() -> dict[str, st.SearchStrategy[Any]]:
    return {"Date": st.dates().map(lambda d: nodes.String(d.isoformat())),
            "JSON": st.just(nodes.String("{}")), "Upload": st.just(nodes.Null)}


def _leaves(data: Any) -> int:
    if isinstance(data, dict):
        return sum(_leaves(v) for v in data.values())
    if isinstance(data, list):
        return sum(_leaves(v) for v in data)
    return int(data is not None)


def _answer(schema: Any, store: GraphStore, query: str) -> tuple[Any, list[tuple[str, tuple[Any, ...]]]]:
    result = asyncio.run(schema.execute(query, context_value=Context(store=store, caller=Caller("t", "editor", "x"))))
    return result.data, sorted((e.message, tuple(e.path or ())) for e in result.errors or [])


def _compare(fast: Any, plain: Any, store: GraphStore, sdl: str, name: str, compared: dict[str, int],
             leaves: list[int]) -> None:
    @given(query=hypothesis_graphql.queries(sdl, fields=[name], custom_scalars=_scalars()))
    @hypothesis_settings(max_examples=int(os.environ.get("LAWGRAPH_FUZZ_EXAMPLES", "10")), deadline=None,
                         suppress_health_check=list(HealthCheck), database=None, derandomize=True)
    def same(query: str) -> None:
        answer = _answer(fast, store, query)
        assert answer == _answer(plain, store, query), query
        leaves[0] += _leaves(answer[0])
        compared[name] = compared.get(name, 0) + 1

    same()


def test_leaf_execution_answers_as_strawberrys_own_on_the_sample(store: GraphStore, settings: Settings) -> None:
    assert load_sample(store, SAMPLE).ok
    fast = build_schema(settings)
    plain = build_schema(settings)
    plain.execution_context_class = StrawberryGraphQLCoreExecutionContext
    assert fast.execution_context_class is LeafExecution
    for query in WRITTEN:
        data, errors = _answer(fast, store, query)
        assert errors == [] and data, (query, errors)
        assert (data, errors) == _answer(plain, store, query), query
    page = _answer(fast, store, WRITTEN[0])[0]["powers"]["edges"]
    assert len(page) >= 10 and any(e["node"]["benchmarks"] for e in page)  # the page read real leaves

    sdl = str(fast)
    fields = [f for f in fast.get_type_by_name("Query").fields if f.name not in {"me", "apiKeys"}]  # type: ignore[union-attr]
    assert len(fields) >= 12
    compared: dict[str, int] = {}
    leaves = [0]
    for field in fields:
        _compare(fast, plain, store, sdl, fast.config.name_converter.get_graphql_name(field), compared, leaves)
    assert len(compared) == len(fields), compared
    assert leaves[0] >= 100, leaves  # the generated queries read real values too, not only nulls and errors
