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
from lawgraph.graph.backends import embedded, falkordb_bulk
from lawgraph.graph.backends.falkordb import FalkorStore
from lawgraph.graph.bulk import BulkUnsuitable, NewGraph
from lawgraph.graph.records import VersionRows
from lawgraph.graph.repos import alignment
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.repos.transfer import export_graph
from lawgraph.graph.store import GraphStore, bulk_loader, open_store
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
            "extracted_ahead": 0, "bulk": False, "versions_resumed": 0}  # 8,000 units: fewer than law_repo.BULK_LEAST
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
    assert report.bulk == (store.backend == "falkordb")  # a first load: FalkorDB's GRAPH.BULK (Neo4j: UNWIND)
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


def _whole(store: GraphStore, path: Path) -> list[str]:
    """Every node and relationship of the graph, as an export writes them, sorted."""
    export_graph(store, path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in lines if "node" in row or "rel" in row)


def test_a_first_load_through_the_bulk_path_stores_what_unwind_stores(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(law_repo, "BULK_LEAST", 1)  # the sample has a few thousand units; the corpus 500,000
    # small commands and tokens: the sample goes in many GRAPH.BULK commands, as the corpus does; and the UNWIND
    # path writes it in several chunks, as it writes the corpus
    monkeypatch.setattr(falkordb_bulk, "TOKEN_BYTES", 40_000)
    monkeypatch.setattr(falkordb_bulk, "COMMAND_BYTES", 100_000)
    monkeypatch.setattr(law_repo, "CHUNK_ROWS", 1_500)
    # and a law in 编, 章 and 节 (the sample has none): a 节 is a division in a division in a division
    sources = [SAMPLE / "statutes", corpus() / "lawrefbook" / "诉讼与非诉讼程序法" / "刑事诉讼法(2018-10-26).md"]
    bulk = ingest_statutes(store, sources, workers=1)
    assert bulk.ok and bulk.bulk == (store.backend == "falkordb")  # Neo4j has no bulk path here: UNWIND
    loaded = _whole(store, tmp_path / "bulk.jsonl")
    assert len(loaded) > 5000
    sections = [line for line in loaded if '"Division"' in line and '"kind": "section"' in line]
    assert any('"刑事诉讼法@2018-10-26/d:p' in line for line in sections), sections[:3]
    again = ingest_statutes(store, sources, workers=1)  # not empty now: nothing written
    assert again.ok and again.versions_written == 0 and not again.bulk
    assert _whole(store, tmp_path / "again.jsonl") == loaded
    store.clear()
    monkeypatch.setattr(law_repo, "BULK_LEAST", 10**9)
    unwind = ingest_statutes(store, sources, workers=1)
    assert unwind.ok and not unwind.bulk
    assert _whole(store, tmp_path / "unwind.jsonl") == loaded
    assert unwind.summary() | {"bulk": True} == bulk.summary() | {"bulk": True}


def test_an_ingest_cut_off_before_linking_is_linked_by_the_next(store: GraphStore, tmp_path: Path) -> None:
    first = ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    assert first.ok and first.versions_resumed == 0
    whole = _whole(store, tmp_path / "first.jsonl")
    # as an ingest leaves the versions it wrote when cut off before linking them (the CITES edges of a partial
    # link, here all of them, are in the graph)
    ids = [row["version_id"] for row in store.run("laws/catalogue")]
    states = store.run("laws/version_states", ids=ids)
    store.write("laws/complete_versions", [{"id": row["id"], "hash": row["hash"]} for row in states])
    again = ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    assert again.ok and again.versions_written == 0 and again.versions_resumed == 19
    assert again.citations == first.citations and again.laws_aligned == 3 and again.amended == first.amended
    assert _whole(store, tmp_path / "again.jsonl") == whole  # no twin CITES edge, no citation lost
    assert ingest_statutes(store, [SAMPLE / "statutes"], workers=1).versions_resumed == 0
    # an ingest told not to link leaves its versions to the next one that links
    store.clear()
    unlinked = ingest_statutes(store, [SAMPLE / "statutes"], workers=1, link=False)
    assert unlinked.ok and unlinked.citations == {}
    linked = ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    assert linked.versions_written == 0 and linked.versions_resumed == 19 and linked.citations == first.citations
    assert _whole(store, tmp_path / "linked.jsonl") == whole


def test_a_bulk_load_cut_off_is_finished_by_the_next_ingest(data_root: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """On the embedded store (FalkorDB) whatever the suite's store: a load killed half way leaves the commands the
    server ran, whole segments (a version with all its units) whose versions are not marked complete."""
    monkeypatch.setattr(law_repo, "BULK_LEAST", 1)
    sources = [SAMPLE / "statutes"]
    files, _ = discover(sources)
    statutes, _ = parse_files(files, level=None, workers=1, progress=None)
    graph = law_repo.new_graph([load.version_rows(v) for v in group_versions(statutes, {}, IngestReport())])
    assert graph is not None and len(graph.segments) == 20  # the laws, then one a version
    stores = []
    try:
        for name in ("bulk-cut", "bulk-clean"):  # (data_root is the session's: the kill -9 test has a "clean")
            stores.append(open_store(Settings(graph_url=f"embedded:{data_root / name}")))
            stores[-1].clear()
        cut, clean = stores
        loader = bulk_loader(cut)
        assert loader is not None
        loader.create_graph(NewGraph(segments=graph.segments[:9]))  # the laws and eight versions
        assert law_repo.stats(cut)["nodes"]["LawVersion"] == 8
        report = ingest_statutes(cut, sources, workers=1)
        assert report.ok and not report.bulk and report.versions_written == 19
        reference = ingest_statutes(clean, sources, workers=1)
        assert reference.ok and reference.bulk
        assert _whole(cut, tmp_path / "cut.jsonl") == _whole(clean, tmp_path / "clean.jsonl")
    finally:
        for opened in stores:
            opened.close()
        embedded.stop_server(data_root / "bulk-cut")
        embedded.stop_server(data_root / "bulk-clean")


def test_a_resumed_version_citing_a_rewritten_one_is_linked_once(store: GraphStore, tmp_path: Path) -> None:
    citing, cited = tmp_path / "甲法(2020-01-01).md", tmp_path / "乙法(2020-01-01).md"
    citing.write_text("# 甲法\n\n<!-- INFO END -->\n\n第一条 违反《乙法》第一条规定的，依法处理。\n", encoding="utf-8")
    cited.write_text("# 乙法\n\n<!-- INFO END -->\n\n第一条 一。\n\n第二条 二。\n", encoding="utf-8")
    assert ingest_statutes(store, [tmp_path], workers=1).ok
    assert law_repo.stats(store)["relationships"].get("CITES") == 1
    # 甲法 left unlinked by an ingest cut off, and 乙法 changed since: 甲法 is resumed, 乙法 rewritten, and the
    # citation of 乙法 by 甲法 is written once (not kept from before and linked again)
    store.write("laws/complete_versions", [{"id": row["id"], "hash": row["hash"]}
                                           for row in store.run("laws/version_states", ids=["甲法@2020-01-01"])])
    cited.write_text("# 乙法\n\n<!-- INFO END -->\n\n第一条 一改。\n\n第二条 二。\n", encoding="utf-8")
    report = ingest_statutes(store, [tmp_path], workers=1)
    assert report.ok and report.versions_written == 1 and report.versions_resumed == 1
    resumed = _whole(store, tmp_path / "resumed.jsonl")
    store.clear()
    assert ingest_statutes(store, [tmp_path], workers=1).ok
    assert _whole(store, tmp_path / "clean.jsonl") == resumed
    assert law_repo.stats(store)["relationships"].get("CITES") == 1


def test_a_law_titled_in_several_chunks_is_titled_alike_in_bulk_and_with_unwind(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(law_repo, "BULK_LEAST", 1)
    monkeypatch.setattr(law_repo, "CHUNK_ROWS", 1)  # a chunk a version
    rows = []
    for day, title, level in (("01", "某法", "法律"), ("02", "中华人民共和国某法", "行政法规"), ("03", "某法", "地方性法规")):
        vid = f"某法@2020-01-{day}"
        rows.append(VersionRows(vid, "某法", f"h{day}", {"id": "某法", "title": title, "level": level},
                                {"id": vid, "law_id": "某法", "props": {"title": title, "complete": False}},
                                articles=[{"id": f"{vid}/1", "version_id": vid, "division_id": None,
                                           "props": {"number": "1"}, "paragraphs": []}], units=1))
    found = []
    for least in (1, 10**9):  # in bulk (on FalkorDB), then with UNWIND
        store.clear()
        monkeypatch.setattr(law_repo, "BULK_LEAST", least)
        written = law_repo.write_versions(store, versions=rows)
        assert written.bulk == (least == 1 and store.backend == "falkordb")
        found.append(law_repo.find_law(store, law_id="某法", title=""))
    assert found[0] == found[1]
    assert found[0] is not None and found[0]["title"] == "中华人民共和国某法" and found[0]["level"] == "地方性法规"


def test_a_bulk_load_the_server_refuses_part_way_is_written_with_unwind(data_root: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """On the embedded store whatever the suite's store: the third command is refused (as `_bulk` reports a
    FalkorDB refusal of the form, see test_falkordb_bulk), after two ran."""
    monkeypatch.setattr(law_repo, "BULK_LEAST", 1)
    monkeypatch.setattr(falkordb_bulk, "TOKEN_BYTES", 40_000)
    monkeypatch.setattr(falkordb_bulk, "COMMAND_BYTES", 100_000)
    real = FalkorStore._bulk
    calls: list[list[object]] = []

    def refusing(self: FalkorStore, args: list[object], *, fresh: bool = False) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise BulkUnsuitable("FalkorDB refused the bulk load: Bulk insert format error (a test)")
        real(self, args, fresh=fresh)

    store = open_store(Settings(graph_url=f"embedded:{data_root / 'bulk-refused'}"))
    store.clear()
    try:
        monkeypatch.setattr(FalkorStore, "_bulk", refusing)
        report = ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
        assert len(calls) == 3 and report.ok and not report.bulk and report.versions_written == 19
        assert [w for w in report.warnings if w.startswith("store:")] == [
            "store: not loaded in bulk (FalkorDB refused the bulk load: Bulk insert format error (a test)); "
            "written with UNWIND instead"]
        refused = _whole(store, tmp_path / "refused.jsonl")
        store.clear()
        monkeypatch.setattr(law_repo, "BULK_LEAST", 10**9)
        assert ingest_statutes(store, [SAMPLE / "statutes"], workers=1).ok
        assert _whole(store, tmp_path / "unwind.jsonl") == refused
    finally:
        store.close()
        embedded.stop_server(data_root / "bulk-refused")
