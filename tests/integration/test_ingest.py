"""Statute ingest into the real store: sample, idempotency, versions, the whole corpus, crash recovery."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lawgraph.config import Settings
from lawgraph.domain.align import raw_of_statute
from lawgraph.graph.backends import embedded
from lawgraph.graph.repos import alignment
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.repos.transfer import export_graph
from lawgraph.graph.store import GraphStore, open_store
from lawgraph.ingest import load
from lawgraph.ingest.load import IngestReport, group_versions, ingest_statutes, parse_files
from lawgraph.ingest.statutes.read import discover
from tests.conftest import SAMPLE, corpus


def test_sample_ingest_and_reingest_changes_nothing(store: GraphStore) -> None:
    report = ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    assert report.ok and report.errors == []
    assert report.summary() | {"warnings": 0} == {
        "files": 19, "skipped": 1, "laws": 16, "versions_written": 19, "versions_unchanged": 0,
        "articles": 1704, "warnings": 0, "errors": 0, "citations_reresolved": 0, "bases_reresolved": 0, "citations": {
            "other:resolved": 1, "other:unresolved": 2, "other_law:resolved": 18, "other_law:unresolved": 29,
            "self:resolved": 403}, "laws_aligned": 3, "aligned_ahead": 0,
            "extracted_ahead": 0}
    first = law_repo.stats(store)
    assert first["nodes"]["Law"] == 16 and first["nodes"]["LawVersion"] == 19
    assert first["nodes"]["Article"] == 1704
    rule = law_repo.find_law(store, law_id="医疗器械经营监督管理办法", title="")
    assert rule is not None and rule["level"] == "部门规章"  # from its folder, statutes/部门规章/
    again = ingest_statutes(store, [SAMPLE / "statutes"], workers=2)
    assert again.versions_written == 0 and again.versions_unchanged == 19
    assert law_repo.stats(store) == first


def test_versions_and_version_in_force(store: GraphStore) -> None:
    ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    law = law_repo.find_law(store, law_id="农产品质量安全法", title="")
    assert law == {"id": "农产品质量安全法", "title": "中华人民共和国农产品质量安全法", "level": "法律"}
    versions = law_repo.law_versions(store, law_id="农产品质量安全法")
    assert [(v["date"], v["effective"], v["status"], v["article_count"]) for v in versions] == [
        ("2018-10-26", None, "superseded", 56), ("2022-09-02", "2023-01-01", "in_force", 81)]
    at = law_repo.version_at
    assert at(store, law_id="农产品质量安全法", at=date(2019, 1, 1))["id"] == "农产品质量安全法@2018-10-26"
    # the 2022 text was passed on 2022-09-02 but took effect on 2023-01-01
    assert at(store, law_id="农产品质量安全法", at=date(2022, 12, 31))["id"] == "农产品质量安全法@2018-10-26"
    assert at(store, law_id="农产品质量安全法", at=date(2023, 1, 1))["id"] == "农产品质量安全法@2022-09-02"
    assert at(store, law_id="农产品质量安全法", at=date(2000, 1, 1)) is None
    penalty = law_repo.version_at(store, law_id="行政处罚法", at=date(2020, 1, 1))
    assert penalty is not None and penalty["id"] == "行政处罚法@2017-09-01"


def test_article_units(store: GraphStore) -> None:
    ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    art = law_repo.article(store, version_id="行政处罚法@2021-01-22", number="9")
    assert art is not None and art["label"] == "第九条"
    assert art["paragraphs"][0]["text"] == "行政处罚的种类："
    assert [i["text"][:4] for i in art["paragraphs"][0]["items"]] == [
        "（一）警", "（二）罚", "（三）暂", "（四）限", "（五）行", "（六）法"]


def test_a_changed_text_replaces_its_version(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "某法(2020-01-01).md"
    path.write_text("# 某法\n\n<!-- INFO END -->\n\n第一条 一。\n\n第二条 二。\n\n（一）项。\n", encoding="utf-8")
    ingest_statutes(store, [path], workers=1)
    path.write_text("# 某法\n\n<!-- INFO END -->\n\n第一条 一改。\n", encoding="utf-8")
    report = ingest_statutes(store, [path], workers=1)
    assert report.versions_written == 1
    stats = law_repo.stats(store)["nodes"]
    assert stats["Article"] == 1 and stats["Paragraph"] == 1 and "Item" not in stats


def test_bad_files_are_reported_and_the_rest_loads(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "good(2020-01-01).md").write_text("# 好法\n\n<!-- INFO END -->\n\n第一条 好。\n\n第三条 跳。\n")
    report = ingest_statutes(store, [tmp_path], workers=1)
    assert not report.ok
    assert sorted(e.split(": ", 1)[1] for e in report.errors) == [
        "the file is empty", "this is a binary file, not text (NUL bytes found); give a .md, .txt or .docx"]
    assert report.warnings == [f"{tmp_path}/good(2020-01-01).md:7: numbering jumps from 第一条 to 第三条"]
    assert law_repo.stats(store)["nodes"]["Article"] == 2


def test_whole_corpus_loads_with_zero_errors_and_twice_changes_nothing(store: GraphStore) -> None:
    root = corpus()
    report = ingest_statutes(store, [root / "lawrefbook", root / "versions"])
    assert report.errors == []
    assert report.files == 3441 and report.articles == 148162
    # the 120 pairs of versions were compared while the texts were being written (two processes or more)
    assert report.laws_aligned == 108 and report.aligned_ahead == (120 if (os.cpu_count() or 1) > 1 else 0)
    # … and the citations of every text written were extracted meanwhile
    assert report.extracted_ahead == (report.versions_written if (os.cpu_count() or 1) > 1 else 0)
    assert all("案例" in s or "_index.md" in s or "法律法规模版" in s for s in report.skipped)
    counts = {
        ("行政处罚法", "2021-01-22"): 86, ("行政处罚法", "2017-09-01"): 64, ("行政许可法", "2019-04-23"): 83,
        ("行政强制法", "2011-06-30"): 71, ("食品安全法", "2021-04-29"): 154, ("安全生产法", "2021-06-10"): 119,
        ("农产品质量安全法", "2018-10-26"): 56, ("农产品质量安全法", "2022-09-02"): 81,
        ("民法典", "2020-05-28"): 1260, ("刑法", "2023-12-29"): None,
        ("动物防疫法", "1997-07-03"): 58, ("动物防疫法", "2021-01-22"): 113,
    }
    for (law_id, when), expected in counts.items():
        versions = {v["date"]: v for v in law_repo.law_versions(store, law_id=law_id)}
        assert when in versions, (law_id, when, sorted(versions))
        if expected is not None:
            assert versions[when]["article_count"] == expected, (law_id, when)
    animal = [v["date"] for v in law_repo.law_versions(store, law_id="动物防疫法")]
    assert animal == ["1997-07-03", "2007-08-30", "2013-01-01", "2015-04-24", "2021-01-22"]
    civil = law_repo.article(store, version_id="民法典@2020-05-28", number="1260")
    assert civil is not None and "施行" in civil["text"]
    # 飞行基本规则 prints several articles on one line; they are split where the next number follows
    assert [v["article_count"] for v in law_repo.law_versions(store, law_id="飞行基本规则")] == [124]
    # self-citations (本法第X条, bare 第X条, 本条, 前款) resolve within the citing text
    self_resolved = report.citations["self:resolved"]
    self_rate = self_resolved / (self_resolved + report.citations.get("self:unresolved", 0))
    assert self_resolved > 22_000 and self_rate >= 0.995
    assert report.citations["other:resolved"] > 2_500 and report.citations["other_law:resolved"] > 3_000
    first = law_repo.stats(store)
    assert first["relationships"]["CITES"] > 25_000
    again = ingest_statutes(store, [root / "lawrefbook", root / "versions"])
    assert again.versions_written == 0 and again.errors == []
    assert law_repo.stats(store) == first


def _stats_of(directory: Path) -> dict[str, dict[str, int]]:
    store = open_store(Settings(graph_url=f"embedded:{directory}"))
    try:
        return law_repo.stats(store)
    finally:
        store.close()


def _ingest_cli(directory: Path, source: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "lawgraph.cli.main", "ingest", "statutes", "--graph", f"embedded:{directory}", str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_kill_9_of_the_server_mid_ingest_then_rerun_matches_a_clean_run(data_root: Path) -> None:
    source = corpus() / "lawrefbook" / "行政法规"
    crashed, clean = data_root / "crash", data_root / "clean"
    try:
        embedded.start_server(crashed)
        proc = _ingest_cli(crashed, source)
        store = open_store(Settings(graph_url=f"embedded:{crashed}"))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            nodes = law_repo.stats(store)["nodes"]
            if nodes.get("Paragraph", 0) > 2000:
                break
            time.sleep(0.25)
        pid = embedded.status(crashed).pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        store.close()
        out, errs = proc.communicate(timeout=120)
        assert proc.returncode != 0, out  # the ingest saw the store vanish
        rerun = _ingest_cli(crashed, source)
        out, errs = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, errs
        reference = _ingest_cli(clean, source)
        out, errs = reference.communicate(timeout=300)
        assert reference.returncode == 0, errs
        assert _stats_of(crashed) == _stats_of(clean)
    finally:
        embedded.stop_server(crashed)
        embedded.stop_server(clean)


def _exported(store: GraphStore, path: Path, rel: str, label: str, show: Callable[[dict[str, Any]], str]
              ) -> tuple[list[str], list[str]]:
    """The `rel` edges and the `label` nodes (each as `show` puts its properties) of the graph, from an export,
    sorted."""
    export_graph(store, path)
    edges: list[str] = []
    nodes: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("rel") == rel:
            edges.append(json.dumps([row["start"], row["end"], row["props"]], sort_keys=True, ensure_ascii=False))
        elif label in row.get("node", []):
            nodes.append(show(row["props"]))
    return sorted(edges), sorted(nodes)


def _alignment_of(store: GraphStore, path: Path) -> tuple[list[str], list[str]]:
    """The ALIGNED edges and the work ids of the graph."""
    return _exported(store, path, "ALIGNED", "Article", lambda props: f"{props['id']} {props.get('work')}")


def test_units_read_back_from_the_store_are_the_units_parsed(store: GraphStore) -> None:
    files, _ = discover([SAMPLE / "statutes"])  # the files the ingest reads (.md, .txt …)
    statutes, errors = parse_files(files, level=None, workers=1, progress=None)
    versions = group_versions(statutes, {}, IngestReport())
    assert ingest_statutes(store, [SAMPLE / "statutes"], workers=1).ok
    assert errors == [] and {v.id for v in versions} == {
        row["version_id"] for row in store.run("laws/catalogue")}
    assert "食品安全法@2015-10-01" in {v.id for v in versions}  # read from a .txt file
    for version in versions:
        raw = raw_of_statute(version.id, version.statute)
        assert raw and raw == alignment.version_raw(store, version.id), version.id


def test_versions_compared_while_written_are_aligned_as_when_compared_at_the_end(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "AHEAD_LEAST", 1)  # the sample has three pairs; the corpus has 120
    report = ingest_statutes(store, [SAMPLE / "statutes"], workers=2)
    assert report.ok and report.laws_aligned == 3
    several = sorted({row["law_id"] for row in store.run("laws/catalogue")
                      if len(law_repo.law_versions(store, law_id=row["law_id"])) > 1})
    pairs = sum(len(law_repo.law_versions(store, law_id=law_id)) - 1 for law_id in several)
    assert pairs >= 3 and report.aligned_ahead == pairs  # every pair was taken from the worker
    ahead = _alignment_of(store, tmp_path / "ahead.jsonl")
    assert ahead[0] and ahead[1]
    alignment.align_laws(store, several, workers=1)  # compared again here, from the stored texts
    assert _alignment_of(store, tmp_path / "here.jsonl") == ahead
    # a comparison made from other texts than those stored is not taken
    law_id = several[0]
    chain = [v["id"] for v in sorted(law_repo.law_versions(store, law_id=law_id),
                                     key=lambda v: (v["effective"] or v["date"] or "", v["id"]))]
    old, new = alignment.version_raw(store, chain[0]), alignment.version_raw(store, chain[1])
    changed = ((old[0][0], old[0][1] + "（已修改）", old[0][2], old[0][3]), *old[1:])
    for texts, taken in (((changed, new), 0), ((old, new), 1)):
        pool = alignment.background_pool(1)
        early = alignment.Ahead({(chain[0], chain[1]): texts}, pool)
        try:
            alignment.align_laws(store, [law_id], workers=1, ahead=early)
            assert early.used == taken
        finally:
            alignment.stop_pool(pool, early.futures)
    assert _alignment_of(store, tmp_path / "again.jsonl") == ahead
    # a pair legal staff reviewed: stored as when the law alone is realigned (align_law, on whole units)
    alignment.save_review(store, "农产品质量安全法", "农产品质量安全法@2018-10-26", "农产品质量安全法@2022-09-02",
                          [{"old": "50", "new": "70", "kind": "split"}, {"old": "50", "new": "71", "kind": "split"}],
                          "法制科")
    reviewed = _alignment_of(store, tmp_path / "reviewed.jsonl")
    assert reviewed != ahead
    alignment.align_laws(store, several, workers=1)
    assert _alignment_of(store, tmp_path / "reviewed-again.jsonl") == reviewed


def _citations_of(store: GraphStore, path: Path) -> tuple[list[str], list[str]]:
    """The CITES edges and the open Citation nodes of the graph."""
    return _exported(store, path, "CITES", "Citation",
                     lambda props: json.dumps(props, sort_keys=True, ensure_ascii=False))


def test_citations_extracted_while_written_are_linked_as_when_extracted_at_link_time(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "AHEAD_TEXTS", 1)  # the sample has a few hundred citing texts; the corpus 86,000
    early = ingest_statutes(store, [SAMPLE / "statutes"], workers=2)
    assert early.ok and early.extracted_ahead == early.versions_written == 19
    found = _citations_of(store, tmp_path / "early.jsonl")
    assert len(found[0]) > 400 and found[1]
    store.clear()
    here = ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    assert here.ok and here.extracted_ahead == 0
    assert here.citations == early.citations
    assert _citations_of(store, tmp_path / "here.jsonl") == found
    # extracted knowing other law names than linking knows: not taken, extracted again at link time
    store.clear()
    monkeypatch.setattr(load, "bare_names", lambda law_ids: frozenset({"某某法"}))
    other = ingest_statutes(store, [SAMPLE / "statutes"], workers=2)
    assert other.ok and other.extracted_ahead == 0
    assert other.citations == early.citations
    assert _citations_of(store, tmp_path / "other.jsonl") == found
