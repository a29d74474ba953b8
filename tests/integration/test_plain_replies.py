"""Queries marked `// reply: plain` (graph.queries) are sent to FalkorDB in its verbose format, which holds strings,
integers and nulls without loss but turns floats, booleans, lists and maps into text. Each such query is run here
on the sample both ways, on an embedded FalkorDB whatever store the suite runs on (the marker means nothing to
Neo4j), and must answer the same rows; a query marked without being checked here fails the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lawgraph.analysis.impact import _level
from lawgraph.analysis.tracking import track_laws
from lawgraph.config import Settings
from lawgraph.errors import StoreError
from lawgraph.graph.backends import embedded
from lawgraph.graph.backends.falkordb import FalkorStore
from lawgraph.graph.queries import catalog
from lawgraph.graph.store import open_store
from lawgraph.ingest.documents import ingest_documents
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE


def _params(store: FalkorStore, units: dict[str, list[str]], departments: list[str]) -> dict[str, dict[str, Any]]:
    """Parameters for every plain query: every unit of every version in the sample, so that each answers rows."""
    dependents = {f"impact/dependents_{level}": {"ids": units[level], "confidential": True}
                  for level in ("article", "paragraph", "item")}
    citing = {f"impact/citing_{level}": {"ids": units[level], "law_id": ""} for level in ("article", "paragraph", "item")}
    return {**dependents, **citing,
            "impact/citing_documents": {f"{level}s": units[level] for level in ("article", "paragraph", "item",
                                                                                  "subitem")},
            "impact/departments": {"ids": departments},
            "impact/tiers": {f"{level}s": units[level] for level in ("article", "paragraph", "item")}
            | {"region": None, "above": []},
            "breaks/summary": {"law": None, "region": None, "confidential": True}}


def test_every_plain_query_answers_as_in_the_compact_format(data_root: Path, tmp_path: Path) -> None:
    folder = data_root / "plain"
    store = open_store(Settings(graph_url=f"embedded:{folder}"))
    try:
        assert isinstance(store, FalkorStore)
        assert load_sample(store, SAMPLE).ok
        notice = tmp_path / "通知.txt"  # a policy document citing 农产品质量安全法 (impact/citing_documents)
        notice.write_text("青禾县农业农村局关于做好农产品质量安全执法工作的通知\n青农发〔2020〕5号\n各乡镇：\n"
                          "依照《中华人民共和国农产品质量安全法》第四十七条、第五十条第一款第（二）项予以查处。\n"
                          "青禾县农业农村局\n2020年6月1日\n", encoding="utf-8")
        assert ingest_documents(store, [notice]).ok
        track_laws(store, None, "test")  # the tracked breaks (breaks/summary)
        units: dict[str, list[str]] = {"article": [], "paragraph": [], "item": [], "subitem": []}
        for version in {row["version_id"] for row in store.run("laws/catalogue")}:
            for row in store.run("laws/version_texts", id=version):
                units[_level(row["id"])].append(row["id"])
        departments = sorted({row["department"] for row in store.run("impact/dependents_article",
                                                                     ids=units["article"], confidential=True)})
        params = _params(store, units, departments)
        plain = sorted(name for name, query in catalog().items() if query.plain)
        assert plain == sorted(params), "a query marked `// reply: plain` is not checked here: add its parameters"
        for name in plain:
            store.plain_replies = True
            verbose = store.run(name, **params[name])
            store.plain_replies = False
            compact = store.run(name, **params[name])
            assert verbose, f"{name} answered no rows on the sample: nothing was compared"
            assert sorted(map(repr, verbose)) == sorted(map(repr, compact)), name
            # the marker's promise: strings, integers and nulls only, but floats (or nulls) and lists of strings
            # without ", " (or nulls) in the columns it names
            query = catalog()[name]
            for row in compact:
                for k, v in row.items():
                    if k in query.lists:
                        assert v is None or all(type(x) is str and ", " not in x for x in v), (name, k, v)
                    else:
                        assert v is None or type(v) in ((float,) if k in query.floats else (str, int)), (name, k, v)
            for k in compact[0]:  # each column compared with a value at least once (a column null throughout
                # the sample would have its type unchecked)
                assert any(row[k] is not None for row in compact), (name, k)
            if query.lists:
                assert any(len(row[k]) > 1 for k in query.lists for row in compact if row[k]), name
        # and why only those: a float, a boolean and a list arrive as text in the verbose format, unless named
        text = "RETURN 1.5 AS f, true AS b, ['罚款'] AS l, 'x' AS s, 2 AS i, null AS n, [] AS e, ['a, b', 'c'] AS c"
        store.plain_replies = True
        assert store._query(text, {}, "ad hoc", plain=True) == [{"f": "1.5", "b": "true", "l": "[罚款]", "s": "x",
                                                                  "i": 2, "n": None, "e": "[]", "c": "[a, b, c]"}]
        assert store._query(text, {}, "ad hoc", plain=True, floats=("f", "n"), lists=("l", "e", "n")) == [
            {"f": 1.5, "b": "true", "l": ["罚款"], "s": "x", "i": 2, "n": None, "e": [], "c": "[a, b, c]"}]
        with pytest.raises(StoreError, match="declared a list"):  # (not a list: said, not cut up)
            store._query(text, {}, "ad hoc", plain=True, lists=("s",))
        assert store._query(text, {}, "ad hoc") == [{"f": 1.5, "b": True, "l": ["罚款"], "s": "x", "i": 2, "n": None,
                                                     "e": [], "c": ["a, b", "c"]}]  # (why a list's strings may not
        # hold ", ": in the verbose format it reads as three)
    finally:
        store.close()
        embedded.stop_server(folder)
