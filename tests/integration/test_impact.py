"""Alignment stored in the graph, article history, and amendment impact on the sample county."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lawgraph.analysis.impact import _level, _tiers, impact
from lawgraph.cli.main import app
from lawgraph.config import Settings
from lawgraph.domain.align import align, counts
from lawgraph.errors import InputError
from lawgraph.graph.repos import alignment, enforcement
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.sample import load_sample
from lawgraph.ingest.statutes.parse import parse_statute
from lawgraph.ingest.statutes.read import read_source
from tests.conftest import SAMPLE, sample_with_secret_powers

OLD, NEW = "农产品质量安全法@2018-10-26", "农产品质量安全法@2022-09-02"
NY, SC, PROVINCE = "青禾县农业农村局", "青禾县市场监督管理局", "江北省农业农村厅"

# The breaks of data/sample/PLANTED.md P1, as (kind, owner kind, owner, tier, case).
EXPECTED = {
    ("basis_renumbered", "power", f"{NY}#NY02001", "", ""),
    ("basis_changed", "power", f"{NY}#NY02001", "", ""),
    ("basis_renumbered", "benchmark", f"{NY}#NY02001@2021-06-01", "", ""),
    ("basis_changed", "benchmark", f"{NY}#NY02001@2021-06-01", "", ""),
    ("range_exceeded", "benchmark", f"{NY}#NY02001@2021-06-01", "一般", ""),
    ("range_exceeded", "benchmark", f"{NY}#NY02001@2021-06-01", "严重", ""),
    ("case_precedent", "benchmark", f"{NY}#NY02001@2021-06-01", "一般", "case:QH-2022-003"),
    ("basis_renumbered", "list_entry", f"{NY}#从轻处罚#NY02001", "", ""),
    ("basis_changed", "list_entry", f"{NY}#从轻处罚#NY02001", "", ""),
    ("basis_repealed", "power", f"{NY}#NY02002", "", ""),
    ("basis_repealed", "power", f"{PROVINCE}#NY02002", "", ""),
    ("basis_repealed", "benchmark", f"{PROVINCE}#NY02002@2021-01-01", "", ""),
    ("basis_repealed", "list_entry", f"{NY}#不予处罚#NY02002", "", ""),
    ("basis_changed", "power", f"{NY}#NY02003", "", ""),
    ("basis_changed", "power", f"{SC}#SC02011", "", ""),
    ("basis_changed", "benchmark", f"{NY}#NY02003@2021-06-01", "", ""),
    ("basis_changed", "benchmark", f"{SC}#SC02011@2021-06-01", "", ""),
    # against 第七十一条's alternatives (货值金额不足一万元 50,000–100,000 元; 对农户 500–5,000 元) no tier fits
    *{("range_exceeded", "benchmark", f"{NY}#NY02003@2021-06-01", t, "") for t in ("轻微", "一般", "较重", "严重", "特别严重")},
    *{("range_exceeded", "benchmark", f"{SC}#SC02011@2021-06-01", t, "") for t in ("轻微", "一般", "严重")},
    ("case_precedent", "benchmark", f"{NY}#NY02003@2021-06-01", "一般", "case:QH-2021-001"),
    ("case_precedent", "benchmark", f"{NY}#NY02003@2021-06-01", "严重", "case:QH-2021-002"),
    ("case_precedent", "benchmark", f"{NY}#NY02003@2021-06-01", "较重", "case:QH-2022-006"),
    ("basis_changed", "power", f"{NY}#NY02004", "", ""),
    ("basis_changed", "benchmark", f"{NY}#NY02004@2021-06-01", "", ""),
    ("range_exceeded", "benchmark", f"{NY}#NY02004@2021-06-01", "轻微", ""),
    ("case_precedent", "benchmark", f"{NY}#NY02004@2021-06-01", "轻微", "case:QH-2022-004"),
    ("basis_changed", "power", f"{NY}#NY02005", "", ""),
    ("basis_changed", "power", f"{PROVINCE}#NY02005", "", ""),
    ("basis_changed", "benchmark", f"{NY}#NY02005@2021-06-01", "", ""),
    ("basis_changed", "benchmark", f"{PROVINCE}#NY02005@2021-01-01", "", ""),
    ("penalty_type_removed", "benchmark", f"{PROVINCE}#NY02005@2021-01-01", "轻微", ""),
    ("penalty_type_removed", "benchmark", f"{PROVINCE}#NY02005@2021-01-01", "一般", ""),
    ("penalty_type_removed", "benchmark", f"{PROVINCE}#NY02005@2021-01-01", "严重", ""),
    ("basis_changed", "power", f"{NY}#NY06001", "", ""),
}


def _key(b: dict[str, object]) -> tuple[str, str, str, str, str]:
    owner = b["owner"] or {}
    assert isinstance(owner, dict)
    tier, case = b["tier"] or {}, b["case"] or {}
    assert isinstance(tier, dict) and isinstance(case, dict)
    return (str(b["kind"]), owner.get("kind", ""), str(owner.get("id", "")).split("/")[-1], tier.get("name") or "",
            case.get("id") or "")


def test_sample_impact_finds_exactly_the_planted_breaks(store: GraphStore) -> None:
    assert load_sample(store, SAMPLE).ok
    result = impact(store, "农产品质量安全法", OLD, NEW)
    found = [_key(b) for b in result["breaks"]]
    assert len(found) == len(set(found))  # no duplicates
    assert set(found) == EXPECTED
    by_key = {_key(b): b for b in result["breaks"]}
    renumbered = by_key[("basis_renumbered", "power", f"{NY}#NY02001", "", "")]
    assert renumbered["suggested"] == "《中华人民共和国农产品质量安全法》第六十九条"
    assert renumbered["department"]["name"] == NY
    assert "二千元以上二万元以下" in renumbered["new_text"] and "二千元以下" in renumbered["old_text"]
    # 第四十七条 → 第六十九条 (similarity 0.69) is an alignment row to check: every break on it says so
    assert renumbered["needs_review"] is True
    assert all(b["needs_review"] for b in result["breaks"] if b["unit_old"].startswith(f"{OLD}/47"))
    exceeded = by_key[("range_exceeded", "benchmark", f"{NY}#NY02001@2021-06-01", "一般", "")]
    assert "罚款 700 低于新的下限 2000" in exceeded["evidence"]
    # a county sees its own items and the province's benchmarks it uses — NY02002 inherited (it holds the power
    # and has no benchmark of its own), NY02005 adopted — but not the province's own powers
    county = impact(store, "农产品质量安全法", OLD, NEW, region="江北省/临川市/青禾县")
    assert {_key(b) for b in county["breaks"]} == {
        k for k in EXPECTED if not (k[1] == "power" and PROVINCE in k[2])}
    # a region holding none of these powers and adopting nothing sees nothing of the province's
    other = impact(store, "农产品质量安全法", OLD, NEW, region="江北省/临川市/白沙镇")
    assert other["breaks"] == []
    # the province sees everything below it
    province = impact(store, "农产品质量安全法", OLD, NEW, region="江北省")
    assert {_key(b) for b in province["breaks"]} == EXPECTED


def test_a_case_on_a_benchmark_whose_basis_was_deleted_is_a_broken_precedent(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A benchmark resting on a deleted article has no new range to check its tiers against (its tiers are not
    read): every tier is broken, and the cases decided on them are precedents to stop relying on."""
    tree = tmp_path / "sample"
    shutil.copytree(SAMPLE, tree)
    with (tree / "county" / "cases_青禾县.jsonl").open("a", encoding="utf-8") as cases:
        cases.write(json.dumps({
            "id": "QH-2021-009", "title": "某超市销售未按规定包装的农产品案", "date": "2021-08-09",
            "region": "江北省/临川市/青禾县", "department": "青禾县农业农村局", "facts": "（测试）",
            "power": "NY02002", "tier": "严重", "outcome": "处罚款1500元", "fine": 1500}, ensure_ascii=False) + "\n")
    assert load_sample(store, tree).ok
    sent: dict[str, dict[str, Any]] = {}
    run = store.run

    def recorded(name: str, **params: Any) -> list[dict[str, Any]]:
        sent[name] = params
        return run(name, **params)

    monkeypatch.setattr(store, "run", recorded)
    result = impact(store, "农产品质量安全法", OLD, NEW)
    # the deleted 第四十八条 is among the units whose cases are read, not among those whose tiers are
    deleted = f"{OLD}/48"
    assert deleted in sent["impact/tier_cases"]["articles"] and deleted not in sent["impact/tiers"]["articles"]
    precedent = ("case_precedent", "benchmark", f"{PROVINCE}#NY02002@2021-01-01", "严重", "case:QH-2021-009")
    assert {_key(b) for b in result["breaks"]} == EXPECTED | {precedent}
    found = next(b for b in result["breaks"] if _key(b) == precedent)
    assert found["tier"] == {"id": found["owner"]["id"] + "#3", "name": "严重"}  # (the benchmark's third tier)
    assert found["unit_new"] == [] and "依据已变化" in found["evidence"]


def test_the_impact_reads_every_tier_as_it_is_stored(store: GraphStore) -> None:
    """impact/tiers sends no benchmark column, and plain cells (on FalkorDB the penalty types come as list text, read
    back): what the range checks read back must be each tier as stored, under its benchmark, in order."""
    assert load_sample(store, SAMPLE).ok
    items = store.run("regions/items", id="江北省", prefix="江北省/")
    stored = enforcement.benchmarks(store, [row["id"] for row in items if row["tiers"]])
    units: dict[str, list[str]] = {"article": [], "paragraph": [], "item": [], "subitem": []}
    for unit in sorted({basis["unit"] for row in stored.values() for basis in row["bases"]}):
        units[_level(unit)].append(unit)
    rows = store.run("impact/tiers", articles=units["article"], paragraphs=units["paragraph"], items=units["item"],
                     region=None, above=[])
    tiers, _, _ = _tiers(rows, [])
    fields = ("id", "name", "outcome", "types", "fine_min", "fine_max", "multiple_min", "multiple_max",
              "multiple_base", "percent_min", "percent_max", "percent_base")
    resting = {b for b, row in stored.items() if any(_level(x["unit"]) != "subitem" for x in row["bases"])}
    assert set(tiers) == resting and len(resting) > 30
    for benchmark in resting:
        assert [{k: t.get(k) for k in fields} for t in tiers[benchmark]] == [
            {k: t.get(k) for k in fields} for t in stored[benchmark]["tiers"]], benchmark
    # the sample has tiers in multiples (货值金额5倍以上…) and in percents, and of several penalty types
    kept = [t for found in tiers.values() for t in found]
    assert sum(t.get("multiple_min") is not None for t in kept) >= 10
    assert any(t.get("multiple_base") for t in kept)
    assert any(len(t.get("types") or []) > 1 for t in kept)


def test_the_alignment_of_an_amendment_is_cached_by_content(store: GraphStore) -> None:
    assert load_sample(store, SAMPLE).ok
    alignment._ALIGNED.clear()
    store.round_trips = 0
    first = impact(store, "农产品质量安全法", OLD, NEW)
    cold, store.round_trips = store.round_trips, 0
    again = impact(store, "农产品质量安全法", OLD, NEW)
    assert again == first and store.round_trips == cold - 2  # the two texts are not read again


def test_alignment_is_stored_with_work_ids_and_history(store: GraphStore) -> None:
    assert load_sample(store, SAMPLE).ok
    history = alignment.history(store, "农产品质量安全法", "69")
    assert [(h["version_id"], h["number"]) for h in history] == [(OLD, "47"), (NEW, "69")]
    assert history[0]["next"][0]["kind"] == "renumbered_modified"
    stored, _, _ = alignment.align_stored(store, OLD, NEW)
    files = align(*(parse_statute(read_source(SAMPLE / "statutes" / name)) for name in (
        "农产品质量安全法(2018-10-26).md", "农产品质量安全法(2022-09-02).md")))
    assert [(p.old, p.new, p.kind) for p in stored] == [(p.old, p.new, p.kind) for p in files]
    assert counts(stored) == {"added": 33, "deleted": 8, "merged": 2, "modified": 3, "renumbered": 3,
                              "renumbered_modified": 39, "split": 2}


def test_cli_align_and_impact(store: GraphStore, settings: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "sample", str(SAMPLE), "--graph", settings.graph_url]).exit_code == 0
    result = runner.invoke(app, ["align", "--law", "农产品质量安全法", "--from", "2018", "--to", "2022",
                                 "--graph", settings.graph_url])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"old": "47", "new": "69", "kind": "renumbered_modified", "similarity": 0.694, "confidence": 0.941,
            "needs_review": True, "source": "automatic"} in rows  # 0.5–0.7 similar: checked by legal staff
    assert {"old": "53", "new": "78", "kind": "renumbered", "similarity": 1.0, "confidence": 0.995,
            "needs_review": False, "source": "automatic"} in rows  # the same text: certain
    queue = runner.invoke(app, ["align", "--law", "农产品质量安全法", "--from", "2018", "--to", "2022", "--queue",
                                "--graph", settings.graph_url])
    assert queue.exit_code == 0 and json.loads(queue.stdout) == [r for r in rows if r["needs_review"]]
    files = runner.invoke(app, ["align", str(SAMPLE / "statutes" / "行政处罚法_2017.md"),
                                str(SAMPLE / "statutes" / "行政处罚法(2021-01-22).md")])
    assert files.exit_code == 0, files.output
    assert {"old": "8", "new": "9", "kind": "renumbered_modified", "similarity": 0.627} in [
        {k: r[k] for k in ("old", "new", "kind", "similarity")} for r in json.loads(files.stdout)]
    md = runner.invoke(app, ["impact", "农产品质量安全法", "--from", "2018", "--to", "2022", "--format", "md",
                             "--graph", settings.graph_url])
    assert md.exit_code == 0, md.output
    assert "## 青禾县农业农村局" in md.stdout and "建议引用：《中华人民共和国农产品质量安全法》第六十九条" in md.stdout
    assert "## 待核对：" in md.stdout and "〔待核对〕" in md.stdout  # breaks on uncertain rows are listed first
    sheet = tmp_path / "impact.xlsx"
    xl = runner.invoke(app, ["impact", "农产品质量安全法", "--from", "2018", "--to", "2022", "--format", "xlsx",
                             "-o", str(sheet), "--graph", settings.graph_url])
    assert xl.exit_code == 0, xl.output
    import openpyxl

    rows_xl = list(openpyxl.load_workbook(sheet).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows_xl[0][0] == "部门" and len(rows_xl) == len(EXPECTED) + 1
    check = rows_xl[0].index("待核对")
    flags = [r[check] for r in rows_xl[1:]]
    assert "是" in flags and flags == sorted(flags, key=lambda f: f != "是")  # the rows to check come first
    bad = runner.invoke(app, ["impact", "农产品质量安全法", "--from", "1999", "--to", "2022",
                              "--graph", settings.graph_url])
    assert bad.exit_code == 2 and "no version '1999'" in bad.output


def test_ingesting_a_new_version_summarises_its_impact(store: GraphStore, tmp_path: Path) -> None:
    import shutil

    from lawgraph.analysis.amendments import after_ingest
    from lawgraph.ingest.enforcement.load import ingest_benchmarks, ingest_cases, ingest_lists, ingest_powers
    from lawgraph.ingest.enforcement.read import Defaults
    from lawgraph.ingest.load import ingest_statutes
    from lawgraph.ingest.sample import files_of

    statutes = tmp_path / "statutes"
    shutil.copytree(SAMPLE / "statutes", statutes)
    newest = statutes / "农产品质量安全法(2022-09-02).md"
    newest.rename(tmp_path / newest.name)
    assert ingest_statutes(store, [statutes]).ok
    for kind, run in (("powers", ingest_powers), ("benchmarks", ingest_benchmarks), ("lists", ingest_lists),
                      ("cases", ingest_cases)):
        assert run(store, files_of(SAMPLE, kind), Defaults()).ok
    report = after_ingest(store, ingest_statutes(store, [tmp_path / newest.name]), summarise=True)
    assert report.ok and report.laws_aligned == 1
    summary = report.summary()["impact"]["农产品质量安全法"]
    tracked = summary.pop("tracked")  # and stored as tracked work, one record per break
    assert (tracked["new"], tracked["kept"], tracked["closed"]) == (40, 0, 0)
    assert summary == {"from": OLD, "to": NEW, "basis_repealed": 4, "basis_renumbered": 3, "basis_changed": 14,
                       "range_exceeded": 11, "penalty_type_removed": 3, "case_precedent": 5}


def test_readers_do_not_see_confidential_powers_in_an_impact(store: GraphStore, tmp_path: Path) -> None:
    tree = sample_with_secret_powers(tmp_path, "NY02004")
    assert load_sample(store, tree).ok
    editor = {_key(b) for b in impact(store, "农产品质量安全法", OLD, NEW)["breaks"]}
    reader = {_key(b) for b in impact(store, "农产品质量安全法", OLD, NEW, confidential=False)["breaks"]}
    secret_breaks = {k for k in EXPECTED if "NY02004" in k[2]}  # the power, its benchmark, tier and case
    assert len(secret_breaks) == 4 and editor == EXPECTED
    assert reader == EXPECTED - secret_breaks


def test_a_reviewed_alignment_replaces_the_automatic_rows(store: GraphStore, settings: Settings,
                                                          tmp_path: Path) -> None:
    # legal staff confirm what wording cannot show (the hand-built gold): 第五十条 was split into 第七十条 and
    # 第七十一条, 第十五条 and 第十七条 merged into 第二十一条
    assert load_sample(store, SAMPLE).ok
    runner = CliRunner()
    review = tmp_path / "review.json"
    rows = [{"old": "50", "new": "70", "kind": "split"}, {"old": "50", "new": "71", "kind": "split"},
            {"old": "15", "new": "21", "kind": "merged"}, {"old": "17", "new": "21", "kind": "merged"}]
    review.write_text(json.dumps(rows), encoding="utf-8")
    args = ["align", "--law", "农产品质量安全法", "--from", "2018", "--to", "2022", "--graph", settings.graph_url]
    result = runner.invoke(app, [*args, "--review", str(review)])
    assert result.exit_code == 0, result.output
    got = {(r["old"], r["new"], r["kind"]) for r in json.loads(result.stdout)}
    assert {(r["old"], r["new"], r["kind"]) for r in rows} <= got
    assert not {r for r in got if r[2] in ("deleted", "added") and (r[0] in ("50", "15", "17") or r[1] in (
        "70", "71", "21"))}
    assert {r[0] for r in got if r[0]} == {str(n) for n in range(1, 57)}  # every article once or more, none lost
    # the impact follows the review: the split is named, and the tiers are checked against both articles
    found = impact(store, "农产品质量安全法", OLD, NEW)
    changed = next(b for b in found["breaks"] if b["kind"] == "basis_changed" and b["owner"]["id"].endswith("NY02003"))
    assert "拆分为" in changed["evidence"] and "第七十条" in changed["evidence"] and "第七十一条" in changed["evidence"]
    assert changed["suggested"]
    # the stored edges and the article history follow it too
    history = alignment.history(store, "农产品质量安全法", "70")
    assert (history[0]["number"], history[0]["next"][0]["kind"]) == ("50", "split")
    # a review is checked: the file and row are named, nothing is stored
    bad = [({"old": "50", "new": "170", "kind": "split"}, "row 1: the new version has no article '170'"),
           ({"old": "50", "new": "70", "kind": "moved"}, "row 1: unknown kind 'moved'"),
           ({"old": "50", "new": "70", "kind": "split"}, "a split needs two rows or more for old article(s) 50")]
    for row, message in bad:
        review.write_text(json.dumps([row]), encoding="utf-8")
        failed = runner.invoke(app, [*args, "--review", str(review)])
        assert failed.exit_code == 2 and message in failed.output and str(review) in failed.output, failed.output
    review.write_text("[{\"old\": \"50\",\n \"new\": 70 kind}]", encoding="utf-8")
    failed = runner.invoke(app, [*args, "--review", str(review)])
    assert failed.exit_code == 2 and f"{review}, line 2: not valid JSON" in failed.output
    assert ("50", "70", "split") in {(p.old, p.new, p.kind) for p in alignment.align_stored(store, OLD, NEW)[0]}
    # dropped: the automatic alignment again
    cleared = runner.invoke(app, [*args, "--clear-review"])
    assert cleared.exit_code == 0
    assert ("50", "71", "renumbered_modified") in {(r["old"], r["new"], r["kind"]) for r in json.loads(cleared.stdout)}


def test_a_review_that_no_longer_fits_is_said_not_fatal(store: GraphStore, tmp_path: Path) -> None:
    from lawgraph.analysis.amendments import after_ingest
    from lawgraph.ingest.load import ingest_statutes

    assert load_sample(store, SAMPLE).ok
    alignment.save_review(store, "农产品质量安全法", OLD, NEW, [{"old": "56", "new": "81", "kind": "renumbered"}], "test")
    # the 2022 text re-ingested without its last article: the ingest stands, the stale review is named
    name = "农产品质量安全法(2022-09-02).md"
    text = (SAMPLE / "statutes" / name).read_text(encoding="utf-8")
    changed = tmp_path / name
    changed.write_text("\n".join(line for line in text.splitlines() if not line.startswith("第八十一条")) + "\n",
                       encoding="utf-8")
    report = after_ingest(store, ingest_statutes(store, [changed], workers=1), summarise=True)
    assert report.ok, report.errors
    assert any("row 1: the new version has no article '81'" in w and "review the alignment again" in w
               for w in report.warnings), report.warnings
    with pytest.raises(InputError, match="--clear-review"):  # said, not silently ignored
        impact(store, "农产品质量安全法", OLD, NEW)
    assert alignment.clear_review(store, "农产品质量安全法", OLD, NEW)
    assert impact(store, "农产品质量安全法", OLD, NEW)["breaks"]
