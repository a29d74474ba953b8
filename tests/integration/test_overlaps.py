"""权力交叉 on the sample: exactly the planted overlaps of data/sample/PLANTED.md (P3, P6), legitimate sharing
marked with its reason; the same through the CLI (json, md, xlsx) and GraphQL."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from lawgraph.analysis.overlaps import overlaps
from lawgraph.api.app import create_app
from lawgraph.cli.main import app
from lawgraph.config import Settings
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE
from tests.integration.test_api import gql

COUNTY = "江北省/临川市/青禾县"
TOWN = f"{COUNTY}/白沙镇"
EXPECTED_GROUPS = {
    # P3: same name and unit (农产品质量安全法 2018 第五十条第一款)
    frozenset({f"{COUNTY}/青禾县农业农村局#NY02003", f"{COUNTY}/青禾县市场监督管理局#SC02011"}),
    # P3 + P6: 扬尘 on 大气污染防治法 第一百一十五条第一款第（一）项, worded differently; 白沙镇 holds it undelegated
    frozenset({f"{COUNTY}/临川市生态环境局青禾分局#HJ02007", f"{COUNTY}/青禾县综合行政执法局#ZF02001",
               f"{TOWN}/白沙镇人民政府#ZF02001"}),
}


def _pairs(result: dict[str, object]) -> set[tuple[str, str, str]]:
    groups = result["groups"]
    assert isinstance(groups, list)
    return {(p["a"].rsplit("#", 1)[1] + "@" + p["a"].split("/")[-1].split("#")[0],
             p["b"].rsplit("#", 1)[1] + "@" + p["b"].split("/")[-1].split("#")[0], p["kind"])
            for g in groups for p in g["pairs"]}


def test_overlaps_on_the_sample_are_exactly_the_planted_ones(store: GraphStore) -> None:
    assert load_sample(store, SAMPLE).ok
    result = overlaps(store)
    assert {frozenset(m["id"] for m in g["members"]) for g in result["groups"]} == EXPECTED_GROUPS
    assert _pairs(result) == {  # `a` is the smaller power id, whatever order the store returned them in
        ("NY02003@青禾县农业农村局", "SC02011@青禾县市场监督管理局", "权力交叉"),
        ("ZF02001@白沙镇人民政府", "ZF02001@青禾县综合行政执法局", "交叉重复"),
        ("HJ02007@临川市生态环境局青禾分局", "ZF02001@白沙镇人民政府", "交叉重复"),
        ("HJ02007@临川市生态环境局青禾分局", "ZF02001@青禾县综合行政执法局", "权力交叉"),
    }
    dust = next(g for g in result["groups"] if len(g["members"]) == 3)
    assert dust["kinds"] == ["交叉重复", "权力交叉"]
    worded = next(p for p in dust["pairs"] if p["kind"] == "权力交叉")
    assert [u["text"] for u in worded["shared_units"]] == ["《中华人民共和国大气污染防治法》第一百一十五条第一款第（一）项"]
    assert 0.3 < worded["similarity"] < 0.9 and "防尘降尘措施" in worded["matched_words"]
    # legitimate: ZF02005 handed to 白沙镇 by 赋权 — marked with the act, not reported as an overlap
    assert [(p["a"].rsplit("#", 1)[1], p["legitimate"]) for p in result["legitimate"]] == [
        ("ZF02005", "赋权：青禾县综合行政执法局以青政发〔2022〕8号（2022-03-01）交由白沙镇实施")]
    # SC01001 (许可) and SC02001 (处罚) of one department never pair; the province's own powers never either
    members = {m["id"] for g in result["groups"] for m in g["members"]}
    assert not any("SC01001" in m or "SC02001" in m or m.startswith("江北省/江北省") for m in members)
    # a township alone still meets the county powers exercised there
    town = overlaps(store, TOWN)
    assert town["stats"]["powers"] == 2
    assert {frozenset(m["id"] for m in g["members"]) for g in town["groups"]} == {
        frozenset({f"{TOWN}/白沙镇人民政府#ZF02001", f"{COUNTY}/青禾县综合行政执法局#ZF02001",
                   f"{COUNTY}/临川市生态环境局青禾分局#HJ02007"})}
    again = overlaps(store)
    assert again == result  # deterministic (stable hashes, sorted output)


def test_overlaps_command_and_graphql(store: GraphStore, settings: Settings, tmp_path: Path) -> None:
    assert load_sample(store, SAMPLE).ok
    runner = CliRunner()
    graph = ["--graph", settings.graph_url]
    shown = runner.invoke(app, ["overlaps", "--region", "青禾县", *graph])
    assert shown.exit_code == 0, shown.output
    assert len(json.loads(shown.stdout)["groups"]) == 2
    md = runner.invoke(app, ["overlaps", "--format", "md", *graph])
    assert md.exit_code == 0 and "## G1" in md.stdout and "赋权" in md.stdout
    book = tmp_path / "overlaps.xlsx"
    written = runner.invoke(app, ["overlaps", "--format", "xlsx", "-o", str(book), *graph])
    assert written.exit_code == 0, written.output
    sheets = openpyxl.load_workbook(book)
    assert sheets.sheetnames == ["权力交叉", "合理共享"] and sheets["权力交叉"].max_row == 1 + 4
    bad = runner.invoke(app, ["overlaps", "--format", "xlsx", *graph])
    assert bad.exit_code == 2 and "-o FILE.xlsx" in bad.output
    checked = tmp_path / "check.xlsx"
    assert runner.invoke(app, ["check", "--format", "xlsx", "-o", str(checked), "--at", "2026-01-01",
                               *graph]).exit_code == 0
    assert openpyxl.load_workbook(checked).sheetnames == ["发现", "覆盖率"]

    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as client:
        body = gql(client, """{ overlaps(region: "青禾县") {
            stats { groups legitimate }
            groups { kinds members { code department power { category department { name } } }
                     pairs { kind sharedUnits { text } matchedWords } }
            legitimate { legitimate } }
          findings(rule: "F13", asOf: "2026-01-01") { rule targetKind code tier evidence }
          coverage(region: "青禾县", asOf: "2026-01-01") { department discretionary covered rate frequent } }""")
        assert "errors" not in body, body
        data = body["data"]
        assert data["overlaps"]["stats"] == {"groups": 2, "legitimate": 1}
        first = data["overlaps"]["groups"][0]
        assert all(m["power"]["category"] == "行政处罚" for m in first["members"])
        assert [(f["rule"], f["code"], f["tier"]) for f in data["findings"]] == [("F13", "NY02007", "严重")]
        farm = next(c for c in data["coverage"] if c["department"] == "青禾县农业农村局")
        assert (farm["discretionary"], farm["covered"]) == (14, 13)
        wrong = gql(client, '{ findings(rule: "F99") { rule } }')
        assert "unknown rule" in wrong["errors"][0]["message"]
