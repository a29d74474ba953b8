"""Moving a graph between stores (`lawgraph db export` / `db import`): the sample goes from an embedded store to
the store under test (Neo4j in the Neo4j run) and back to another embedded store — the same counts, and the same
impact, overlaps and findings on all three."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lawgraph.analysis.findings import check
from lawgraph.analysis.impact import impact
from lawgraph.analysis.overlaps import overlaps
from lawgraph.cli.main import app
from lawgraph.config import Settings
from lawgraph.errors import InputError
from lawgraph.graph.repos.laws import stats
from lawgraph.graph.repos.transfer import export_graph, import_graph
from lawgraph.graph.store import GraphStore, open_store
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE

OLD, NEW = "农产品质量安全法@2018-10-26", "农产品质量安全法@2022-09-02"


@pytest.fixture
def embedded_pair(data_root: Path) -> Iterator[tuple[GraphStore, GraphStore]]:
    """Two embedded stores of their own (the session's data_root stops their servers at the end)."""
    first = open_store(Settings(graph_url=f"embedded:{data_root / 'moved-from'}"))
    second = open_store(Settings(graph_url=f"embedded:{data_root / 'moved-back'}"))
    first.clear()
    second.clear()
    yield first, second
    first.close()
    second.close()


def _analyses(store: GraphStore) -> str:
    found: dict[str, Any] = {
        "impact": impact(store, "农产品质量安全法", OLD, NEW),
        # overlap groups as unordered pairs: which of two powers is `a` may differ with the store's row order
        "overlaps": sorted([*sorted([v["a"], v["b"]]), v["kind"]] for g in overlaps(store)["groups"]
                           for v in g["pairs"]),
        "check": check(store, at=date(2026, 1, 1)),
    }
    return json.dumps(_canonical(found), ensure_ascii=False, sort_keys=True, default=str)


def _canonical(value: Any) -> Any:
    """Lists compared as multisets: the two stores may return rows of equal rank in another order."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True, default=str))
    return value


def test_the_sample_moves_there_and_back(store: GraphStore, embedded_pair: tuple[GraphStore, GraphStore],
                                         tmp_path: Path) -> None:
    source, back = embedded_pair
    assert load_sample(source, SAMPLE).ok
    (tmp_path / "sample.jsonl.gz").write_text("an older file anyone could read")
    (tmp_path / "sample.jsonl.gz").chmod(0o644)
    there = export_graph(source, tmp_path / "sample.jsonl.gz")
    assert there["nodes"] > 5000 and there["relationships"] > 5000
    # 涉密 powers and webhook secrets are in it: for its owner's eyes only, also where it replaced another file
    assert (tmp_path / "sample.jsonl.gz").stat().st_mode & 0o777 == 0o600
    assert import_graph(store, tmp_path / "sample.jsonl.gz")["nodes"] == there["nodes"]
    assert stats(store) == stats(source)
    export_graph(store, tmp_path / "again.jsonl")
    assert (tmp_path / "again.jsonl").stat().st_mode & 0o777 == 0o600
    import_graph(back, tmp_path / "again.jsonl")
    assert stats(back) == stats(source)
    expected = _analyses(source)
    assert _analyses(store) == expected
    assert _analyses(back) == expected


def test_import_refuses_a_non_empty_graph_and_bad_files(store: GraphStore, embedded_pair: tuple[GraphStore, GraphStore],
                                                       tmp_path: Path, settings: Settings) -> None:
    source, _ = embedded_pair
    assert load_sample(source, SAMPLE).ok
    dump = tmp_path / "sample.jsonl"
    export_graph(source, dump)
    import_graph(store, dump)
    with pytest.raises(InputError, match=r"not empty.*--replace"):
        import_graph(store, dump)
    assert import_graph(store, dump, replace=True)["nodes"] > 0
    lines = dump.read_text(encoding="utf-8").splitlines()
    cases = {
        "notjson.jsonl": ([*lines[:3], "{oops"], "line 4: not JSON"),
        "label.jsonl": ([lines[0], json.dumps({"node": ["Secret"], "props": {"id": "x"}})], "line 2: labels"),
        "version.jsonl": ([json.dumps({**json.loads(lines[0]), "version": 99})], "line 1: export format version 99"),
        "cut.jsonl": (lines[: len(lines) // 2], "ends without its closing line"),
    }
    for name, (content, message) in cases.items():
        bad = tmp_path / name
        bad.write_text("\n".join(content) + "\n", encoding="utf-8")
        with pytest.raises(InputError, match=re.escape(message)):
            import_graph(store, bad, replace=True)
    # the CLI says it as a message, exit 2
    runner = CliRunner()
    refused = runner.invoke(app, ["db", "import", str(tmp_path / "label.jsonl"), "--replace", "--graph",
                                  settings.graph_url])
    assert refused.exit_code == 2 and "labels ['Secret'] are not lawgraph's" in refused.output


def test_cli_export_and_import(store: GraphStore, settings: Settings, embedded_pair: tuple[GraphStore, GraphStore],
                               tmp_path: Path, data_root: Path) -> None:
    assert load_sample(store, SAMPLE).ok
    runner = CliRunner()
    dump = tmp_path / "all.jsonl.gz"
    done = runner.invoke(app, ["db", "export", str(dump), "--graph", settings.graph_url])
    assert done.exit_code == 0, done.output
    with gzip.open(dump, "rt", encoding="utf-8") as lines:
        header = json.loads(next(lines))
    assert header["format"] == "lawgraph-export" and header["version"] == 1
    loaded = runner.invoke(app, ["db", "import", str(dump), "--graph", f"embedded:{data_root / 'moved-back'}"])
    assert loaded.exit_code == 0, loaded.output
    assert json.loads(loaded.stdout)["nodes"] == json.loads(done.stdout)["nodes"]
    assert stats(embedded_pair[1]) == stats(store)
