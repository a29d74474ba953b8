"""Renaming, merging and deleting regions (行政区划调整): every id under the region follows, nothing is lost or
left behind, refusals change nothing, and every change is in the audit log."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from lawgraph.api.app import create_app
from lawgraph.cli.main import app
from lawgraph.config import ApiKey, Settings
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.repos.laws import stats
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.enforcement.load import ingest_powers
from lawgraph.ingest.enforcement.read import Defaults
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE
from tests.integration.test_transfer import _analyses, _canonical

runner = CliRunner()
COUNTY, DISTRICT = "江北省/临川市/青禾县", "江北省/临川市/青禾区"


def _cli(settings: Settings, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--graph", settings.graph_url])
    return result


def _under(store: GraphStore, region: str) -> dict[str, int]:
    """How many departments, items, tiers, open bases and cases lie under `region`, by their ids and links."""
    args = {"id": region, "prefix": region + "/"}
    items = store.run("regions/items", **args)
    return {"regions": len(store.run("regions/subtree", **args)),
            "departments": len(store.run("regions/departments", **args)), "items": len(items),
            "tiers": sum(len(i["tiers"]) for i in items), "bases": sum(len(i["bases"]) for i in items),
            "cases": len(store.run("regions/cases", **args))}


def _graph(store: GraphStore) -> dict[str, dict[str, int]]:
    """Node and link counts without the audit log (which a change adds to)."""
    counts = stats(store)
    counts["nodes"].pop("AuditEntry", None)
    return counts


def _audit(store: GraphStore) -> list[tuple[str, bool]]:
    return [(r["entry"]["action"], r["entry"]["ok"]) for r in store.run("audit/page", skip=0, limit=50)]


def test_rename_moves_every_id_and_keeps_every_answer(store: GraphStore, settings: Settings) -> None:
    assert load_sample(store, SAMPLE).ok
    before, counts, analyses = _graph(store), _under(store, COUNTY), _analyses(store)
    assert counts["departments"] >= 3 and counts["items"] > 20 and counts["tiers"] > 20 and counts["cases"] > 0
    dry = _cli(settings, "region", "rename", "青禾县", "--to", DISTRICT, "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.stdout)["items"] == counts["items"] and _under(store, COUNTY) == counts  # nothing yet
    done = _cli(settings, "region", "rename", "青禾县", "--to", DISTRICT, "--json")
    assert done.exit_code == 0, done.output
    shown = json.loads(done.stdout)
    assert (shown["departments"], shown["tiers"], shown["cases"]) == (counts["departments"], counts["tiers"],
                                                                      counts["cases"])
    assert _graph(store) == before  # same nodes and links, only ids changed
    assert _under(store, COUNTY)["regions"] == 0 and _under(store, DISTRICT) == counts
    assert repo.find_region(store, "青禾区") == DISTRICT
    power = _a_power(store)
    assert power["id"].startswith(DISTRICT + "/") and repo.find_power(store, power["id"])["id"] == power["id"]
    assert repo.power(store, power["id"])["region"]["id"] == DISTRICT
    # impact, overlaps and findings: the same answers, with the new path
    expected = json.dumps(_canonical(json.loads(analyses.replace(COUNTY, DISTRICT))), ensure_ascii=False,
                          sort_keys=True)
    assert _analyses(store) == expected
    assert ("rename_region", True) in _audit(store)


def _a_power(store: GraphStore) -> dict[str, Any]:
    rows = store.run("regions/items", id=DISTRICT, prefix=DISTRICT + "/")
    return repo.power(store, next(r["id"] for r in rows if "#" in r["id"]))["power"]


def test_rename_refusals_change_nothing(store: GraphStore, settings: Settings, tmp_path: Path) -> None:
    assert load_sample(store, SAMPLE).ok
    _second_county(store, tmp_path, "NY99001")
    counts = _under(store, COUNTY)
    for to, message in (("江北省/临川市/新县", "already exists; use `lawgraph region merge"),
                        ("江北省/临川市", "at another level"),
                        ("江北省/临川市/青禾县/某镇", "at another level"),
                        ("江北省/某市/青禾县", "the parent region '江北省/某市' is not in the graph"),
                        ("江北省//青禾县", "is not a region path")):
        result = _cli(settings, "region", "rename", COUNTY, "--to", to)
        assert result.exit_code == 2 and message in result.output, (to, result.output)
    result = _cli(settings, "region", "rename", "江北省/临川市/青禾县", "--to", "江北省/临川市/东江市")
    assert result.exit_code == 0, result.output  # a sibling path that is free: fine
    assert _under(store, "江北省/临川市/东江市") == counts
    assert _cli(settings, "region", "rename", "青禾县", "--to", COUNTY).exit_code == 2  # the old name is gone
    assert ("rename_region", False) in _audit(store)


def _second_county(store: GraphStore, tmp_path: Path, code: str) -> None:
    table = tmp_path / "powers_new.csv"
    table.write_text(f"职权编码,职权名称,职权类型,罚则依据\n{code},对测试行为的处罚,行政处罚,\n", encoding="utf-8")
    for department in ("青禾县农业农村局", "新县农业农村局"):
        report = ingest_powers(store, [table], Defaults(region="江北省/临川市/新县", department=department))
        assert report.ok, report.errors


def test_merge_joins_departments_of_the_same_name(store: GraphStore, settings: Settings, tmp_path: Path) -> None:
    assert load_sample(store, SAMPLE).ok
    _second_county(store, tmp_path, "NY99001")
    counts = _under(store, COUNTY)
    result = _cli(settings, "region", "merge", "新县", "--into", "青禾县", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["merged_departments"] == [f"{COUNTY}/青禾县农业农村局"]
    after = _under(store, COUNTY)
    assert after["departments"] == counts["departments"] + 1 and after["items"] == counts["items"] + 2
    assert _under(store, "江北省/临川市/新县")["regions"] == 0
    moved = repo.find_powers(store, "NY99001")
    assert sorted(p["id"] for p in moved) == [f"{COUNTY}/新县农业农村局#NY99001", f"{COUNTY}/青禾县农业农村局#NY99001"]
    assert repo.power(store, f"{COUNTY}/青禾县农业农村局#NY99001")["department"]["id"] == f"{COUNTY}/青禾县农业农村局"
    assert ("merge_region", True) in _audit(store)


def test_merge_refused_when_codes_clash(store: GraphStore, settings: Settings, tmp_path: Path) -> None:
    assert load_sample(store, SAMPLE).ok
    code = next(r["id"] for r in store.run("regions/items", id=COUNTY, prefix=COUNTY + "/")
                if r["id"].startswith(f"{COUNTY}/青禾县农业农村局#")).rsplit("#", 1)[1]
    _second_county(store, tmp_path, code)
    before = _graph(store)
    result = _cli(settings, "region", "merge", "江北省/临川市/新县", "--into", COUNTY)
    assert result.exit_code == 2 and "have the same code" in result.output and code in result.output
    assert _graph(store) == before and _under(store, "江北省/临川市/新县")["items"] == 2


def test_delete_needs_cascade_and_leaves_nothing_behind(store: GraphStore, settings: Settings) -> None:
    assert load_sample(store, SAMPLE).ok
    counts, before = _under(store, COUNTY), _graph(store)
    refused = _cli(settings, "region", "delete", COUNTY)
    assert refused.exit_code == 2 and "--cascade" in refused.output and _graph(store) == before
    done = _cli(settings, "region", "delete", COUNTY, "--cascade", "--json")
    assert done.exit_code == 0, done.output
    assert _under(store, COUNTY) == {k: 0 for k in counts}
    after = _graph(store)["nodes"]
    gone = {label: before["nodes"][label] - after.get(label, 0) for label in before["nodes"]}
    # exactly what lay under the county went (no orphan tiers or open bases stay behind)
    assert (gone["Department"], gone["Tier"], gone["OpenBasis"], gone["Case"]) == (
        counts["departments"], counts["tiers"], counts["bases"], counts["cases"])
    assert gone["Region"] == counts["regions"] and gone["Grounded"] == counts["items"]
    assert ("delete_region", True) in _audit(store)


def test_regions_over_graphql_are_for_editors(store: GraphStore, settings: Settings) -> None:
    assert load_sample(store, SAMPLE).ok
    editor = "lg_editor_for_regions"
    keys = [ApiKey(name="区划管理员", role="editor", sha256=hashlib.sha256(editor.encode()).hexdigest())]
    api = create_app(settings.model_copy(update={"anonymous_role": "reader", "api_keys": keys}), store=store)
    rename = f'mutation {{ renameRegion(region: "青禾县", to: "{DISTRICT}") {{ region target departments items }} }}'
    with TestClient(api) as client:
        denied = client.post("/graphql", json={"query": rename}).json()
        assert "editor role is needed" in denied["errors"][0]["message"]
        assert _under(store, COUNTY)["regions"] == 2  # 青禾县 and 白沙镇, untouched
        bad = client.post("/graphql", json={"query": rename.replace(DISTRICT, "江北省/临川市")},
                          headers={"X-API-Key": editor}).json()
        assert "at another level" in bad["errors"][0]["message"]
        done = client.post("/graphql", json={"query": rename}, headers={"X-API-Key": editor}).json()
        assert "errors" not in done, done
        assert done["data"]["renameRegion"]["target"] == DISTRICT
        regions = client.post("/graphql", json={"query": "{ regions { id } }"}).json()["data"]["regions"]
        assert DISTRICT in {r["id"] for r in regions} and COUNTY not in {r["id"] for r in regions}
    entries = [r["entry"] for r in store.run("audit/page", skip=0, limit=50)]
    assert any(e["action"] == "rename_region" and e["who"] == "区划管理员" and e["ok"] for e in entries)
    assert any(e["action"] == "rename_region" and not e["ok"] for e in entries)
