"""The store contract, on the real backend of this run (embedded FalkorDB, or Neo4j with NEO4J_URI)."""

from __future__ import annotations

import pytest

from lawgraph.errors import UnknownQueryError
from lawgraph.graph import queries
from lawgraph.graph.store import GraphStore

AWKWARD = "第一条\n“引号” 'single' \\back\\slash $dollar \ttab 😀　全角"


def test_unknown_query_lists_known_names(store: GraphStore) -> None:
    with pytest.raises(UnknownQueryError) as caught:
        store.run("laws/no_such_query")
    assert "laws/find_law" in str(caught.value)


def test_every_query_declares_its_parameters() -> None:
    for name, query in queries.catalog().items():
        assert "// params:" in query.text, name
        used = set(queries._PARAM.findall("\n".join(
            ln for ln in query.text.splitlines() if not ln.lstrip().startswith("//"))))
        assert used <= set(query.params), (name, used - set(query.params))


def test_parameters_round_trip(store: GraphStore) -> None:
    store.write("laws/upsert_laws", [{"id": AWKWARD, "title": AWKWARD, "level": "法律"}])
    assert store.run("laws/find_law", id=AWKWARD, title="")[0]["title"] == AWKWARD


def test_every_kind_of_value_round_trips_in_batches(store: GraphStore) -> None:
    """Strings with quotes and backslashes in every position, line and paragraph separators, numbers, booleans,
    nulls and lists, sent in several batches (the batched path serialises them apart) and read back unchanged."""
    texts = ['"', "\\", '\\"', 'a\\', '\\\\"x"', "\u2028\u2029\r\n", "`backtick`", "{not: a map}", "",
             "CYPHER x=1 RETURN 1", AWKWARD]
    rows = [{"id": f"k{i}", "props": {
        "evidence": text, "unit_new": [text, "第二条"], "needs_review": i % 2 == 0, "confidential": False,
        "count": i * 10**12, "share": i / 7, "large": (i + 1) * 1e16, "tiny": (i + 1) * 1e-7, "note": None}}
        for i, text in enumerate(texts)]
    assert store.write("breaks/upsert", rows, batch=3, law="l", old="o", new="n", at="2026-12-01") == len(rows)
    got = {r["row"]["id"]: r["row"] for r in store.run("breaks/by_ids", ids=[r["id"] for r in rows])}
    for row in rows:
        stored = got[row["id"]]
        for key, value in row["props"].items():
            if value is None:
                assert stored.get(key) is None
            elif isinstance(value, float):
                assert stored[key] == pytest.approx(value)
            else:
                assert stored[key] == value, (key, value, stored[key])


def test_write_batches_and_counts_round_trips(store: GraphStore) -> None:
    rows = [{"id": f"法{i}", "title": f"法{i}", "level": "法律"} for i in range(250)]
    store.round_trips = 0
    assert store.write("laws/upsert_laws", rows, batch=100) == 250
    assert store.round_trips == 3
    page, total = store.run("laws/search_laws", search="法", level=None, skip=0, limit=10), None
    assert len(page) == 10 and total is None
    assert store.run("laws/count_laws", search=None, level="法律") == [{"total": 250}]


def test_schema_is_idempotent(store: GraphStore) -> None:
    store.apply_schema()
    store.apply_schema()
    assert store.ping()
