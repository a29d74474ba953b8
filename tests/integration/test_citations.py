"""Citations against the real store: CITES edges at ingest, `lawgraph cite`, the report, GraphQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from lawgraph.api.app import create_app
from lawgraph.cli.main import app
from lawgraph.config import Settings
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.cite import cite_text
from lawgraph.ingest.load import ingest_statutes
from tests.conftest import SAMPLE

runner = CliRunner()


def test_ingest_links_self_citations_as_cites_edges(store: GraphStore) -> None:
    report = ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    assert report.citations["self:resolved"] > 300
    assert report.citations.get("self:unresolved", 0) == 0
    cites, cited_by = citation_repo.of_article(store, article_id="行政处罚法@2021-01-22/76")
    assert {(c["source"], c["target"], c["text"]) for c in cites} == {
        ("行政处罚法@2021-01-22/76.1.4", "行政处罚法@2021-01-22/20", "本法第二十条"),
        ("行政处罚法@2021-01-22/76.2", "行政处罚法@2021-01-22/76.1", "前款"),
    }
    assert ("行政处罚法@2021-01-22/76.2", "行政处罚法@2021-01-22/76.1", "前款") in {
        (c["source"], c["target"], c["text"]) for c in cited_by}
    again = ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    assert again.citations == {}  # nothing rewritten, nothing relinked
    assert citation_repo.of_article(store, article_id="行政处罚法@2021-01-22/76")[0] == cites


def test_citation_of_a_law_that_arrives_later_is_resolved_then(store: GraphStore, tmp_path: Path) -> None:
    citing = tmp_path / "某某办法(2022-01-01).md"
    citing.write_text("# 某某办法\n\n<!-- INFO END -->\n\n第一条 依照《中华人民共和国行政处罚法》第三十三条制定本办法。\n",
                      encoding="utf-8")
    first = ingest_statutes(store, [citing], workers=1)
    assert first.citations == {"other:unresolved": 1}
    assert citation_repo.report(store)["unresolved"][0]["reason"] == "law not in the graph"
    later = ingest_statutes(store, [SAMPLE / "statutes" / "行政处罚法(2021-01-22).md"], workers=1)
    assert later.citations_reresolved == 1
    assert [r for r in citation_repo.report(store)["unresolved"] if r["citing_title"] == "某某办法"] == []
    cites, _ = citation_repo.of_article(store, article_id="某某办法@2022-01-01/1")
    assert [c["target"] for c in cites] == ["行政处罚法@2021-01-22/33"]


def test_cite_resolves_at_a_date_and_flags_stale(store: GraphStore) -> None:
    ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    text = "依照《农产品质量安全法》第三十三条、本法第十条和《固体废物污染环境防治法》（2016年修订）第六十八条，《不存在法》第一条"
    rows = cite_text(store, text, law="行政处罚法", at=date(2020, 1, 1))
    got = [(r["text"], r["article"], r["resolved"], r["status"]) for r in rows]
    assert got == [
        ("《农产品质量安全法》第三十三条", "33", "农产品质量安全法@2018-10-26/33", "resolved"),
        ("本法第十条", "10", "行政处罚法@2017-09-01/10", "resolved"),
        # the only 固废法 text in the sample took effect on 2020-09-01
        ("《固体废物污染环境防治法》（2016年修订）第六十八条", "68", None, "unresolved"),
        ("《不存在法》第一条", "1", None, "unresolved"),
    ]
    assert rows[0]["law"] == "中华人民共和国农产品质量安全法"
    assert rows[3]["reason"] == "law not in the graph"
    later = cite_text(store, text, law="行政处罚法", at=date(2024, 1, 1))
    assert [(r["resolved"], r["status"]) for r in later[:3]] == [
        ("农产品质量安全法@2022-09-02/33", "resolved"), ("行政处罚法@2021-01-22/10", "resolved"), (None, "stale")]
    assert later[2]["suggested"] == "固体废物污染环境防治法@2020-04-29/68"
    # 第五十六条 exists in the 2018 text only: citing it in 2024 is stale, pointing at the old unit
    old = cite_text(store, "《农产品质量安全法》第五十六条", at=date(2024, 1, 1))
    assert old[0]["status"] == "resolved"  # the 2022 text has 81 articles, so 56 exists there too
    gone = cite_text(store, "《农产品质量安全法》第八十一条", at=date(2020, 1, 1))
    assert gone[0]["status"] == "unresolved" and "is not in" in gone[0]["reason"]
    assert cite_text(store, "") == []


def test_cite_cli_json_shape(store: GraphStore, settings: Settings) -> None:
    ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    result = runner.invoke(app, ["cite", "本条第二款和第十条之一", "--law", "行政处罚法", "--article", "第十二条",
                                 "--graph", settings.graph_url])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [{k: r[k] for k in ("text", "start", "end", "article", "paragraph", "item", "sub_item", "status")}
            for r in rows] == [
        {"text": "本条第二款", "start": 0, "end": 5, "article": "12", "paragraph": 2, "item": None, "sub_item": None,
         "status": "resolved"},
        {"text": "第十条之一", "start": 6, "end": 11, "article": "10-1", "paragraph": None, "item": None,
         "sub_item": None, "status": "unresolved"},
    ]
    assert rows[0]["resolved"] == "行政处罚法@2021-01-22/12.2" and rows[0]["law"] == "中华人民共和国行政处罚法"
    unknown = runner.invoke(app, ["cite", "本法第一条", "--law", "无此法", "--graph", settings.graph_url])
    assert unknown.exit_code == 2 and "no law titled '无此法'" in unknown.output
    report = runner.invoke(app, ["citations", "report", "--format", "md", "--graph", settings.graph_url])
    assert report.exit_code == 0 and "| resolved |" in report.stdout


def test_graphql_citations_and_article_links(store: GraphStore, settings: Settings) -> None:
    ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as client:
        body = client.post("/graphql", json={"query": """{
            article(law: "行政处罚法", number: "76") { cites { source target text status } }
            target: article(law: "行政处罚法", number: "20") { citedBy { source text } }
            citations(text: "违反本法第十条", law: "行政处罚法") { text law article resolved status } }"""}).json()
    assert "errors" not in body, body
    data = body["data"]
    assert {"source": "行政处罚法@2021-01-22/76.1.4", "target": "行政处罚法@2021-01-22/20", "text": "本法第二十条",
            "status": "resolved"} in data["article"]["cites"]
    assert {"source": "行政处罚法@2021-01-22/76.1.4", "text": "本法第二十条"} in data["target"]["citedBy"]
    assert data["citations"] == [{"text": "本法第十条", "law": "中华人民共和国行政处罚法", "article": "10",
                                  "resolved": "行政处罚法@2021-01-22/10", "status": "resolved"}]


def test_number_only_in_an_older_version_is_stale(store: GraphStore, tmp_path: Path) -> None:
    old = tmp_path / "某管理法(2010-01-01).md"
    new = tmp_path / "某管理法(2020-01-01).md"
    old.write_text("# 某管理法\n\n<!-- INFO END -->\n\n第一条 一。\n\n第二条 二。\n\n第三条 三。\n", encoding="utf-8")
    new.write_text("# 某管理法\n\n<!-- INFO END -->\n\n第一条 一。\n\n第二条 二。\n", encoding="utf-8")
    ingest_statutes(store, [tmp_path], workers=1)
    row = cite_text(store, "违反《某管理法》第三条", at=date(2021, 1, 1))[0]
    assert (row["status"], row["resolved"]) == ("stale", "某管理法@2010-01-01/3")
    assert "exists only in the 2010-01-01 text" in row["reason"]
    assert cite_text(store, "违反《某管理法》第三条", at=date(2015, 1, 1))[0]["status"] == "resolved"
