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
from tests.conftest import SAMPLE, corpus

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
    rows = cite_text(store, text, law="行政处罚法", at=date(2020, 1, 1), now=date(2020, 1, 1))
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
    later = cite_text(store, text, law="行政处罚法", at=date(2024, 1, 1), now=date(2024, 1, 1))
    assert [(r["resolved"], r["status"]) for r in later[:3]] == [
        ("农产品质量安全法@2022-09-02/33", "resolved"), ("行政处罚法@2021-01-22/10", "resolved"), (None, "stale")]
    # the 2016 text is not in the graph: the same number in the 2020 text is no suggestion
    assert later[2]["suggested"] is None and "the 2016 text is not in the graph" in later[2]["reason"]
    # 第五十六条 exists in the 2018 text only: citing it in 2024 is stale, pointing at the old unit
    old = cite_text(store, "《农产品质量安全法》第五十六条", at=date(2024, 1, 1), now=date(2024, 1, 1))
    assert old[0]["status"] == "resolved"  # the 2022 text has 81 articles, so 56 exists there too
    gone = cite_text(store, "《农产品质量安全法》第八十一条", at=date(2020, 1, 1))
    assert gone[0]["status"] == "unresolved" and "is not in" in gone[0]["reason"]
    assert cite_text(store, "") == []
    # read today, the 2020 citation of 第三十三条 (2018) names a provision that has moved since
    moved = cite_text(store, "《农产品质量安全法》第三十三条", at=date(2020, 1, 1))[0]
    assert moved["status"] == "stale" and moved["fate"] in ("renumbered", "renumbered_modified", "split")
    assert moved["current"] and moved["suggested"] == moved["current"][0] != "农产品质量安全法@2022-09-02/33"


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
    assert unknown.exit_code == 0, unknown.output
    assert [(r["text"], r["law"], r["resolved"], r["status"], r["reason"]) for r in json.loads(unknown.stdout)] == [
        ("本法第一条", "无此法", None, "unresolved", "law not in the graph")]
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
    assert row["fate"] == "deleted" and row["current"] == [] and row["suggested"] is None
    assert cite_text(store, "违反《某管理法》第三条", at=date(2015, 1, 1), now=date(2015, 1, 1))[0]["status"] == "resolved"
    read_today = cite_text(store, "违反《某管理法》第三条", at=date(2015, 1, 1))[0]  # cited while in force, gone since
    assert (read_today["status"], read_today["fate"], read_today["current"]) == ("stale", "deleted", [])


def test_cite_works_on_any_text_on_an_empty_store(store: GraphStore, settings: Settings) -> None:
    """Extraction is text work: with no law in the graph every reference comes back, `law` as written."""
    text = "违反本条例第十二条第二款规定的，依照《中华人民共和国食品安全法》第一百二十四条和第五十条第一款第（三）项处罚。"
    result = runner.invoke(app, ["cite", text, "--law", "某省食品小作坊管理条例", "--graph", settings.graph_url])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["text"], r["law"], r["article"], r["paragraph"], r["item"]) for r in rows] == [
        ("本条例第十二条第二款", "某省食品小作坊管理条例", "12", 2, None),
        ("《中华人民共和国食品安全法》第一百二十四条", "中华人民共和国食品安全法", "124", None, None),
        ("第五十条第一款第（三）项", "中华人民共和国食品安全法", "50", 1, 3),
    ]
    assert {(r["resolved"], r["status"], r["reason"]) for r in rows} == {(None, "unresolved", "law not in the graph")}
    bare = runner.invoke(app, ["cite", "依照第三十条处理", "--law", "《无此法》", "--graph", settings.graph_url])
    assert bare.exit_code == 0 and json.loads(bare.stdout)[0]["law"] == "无此法"
    without = runner.invoke(app, ["cite", "依照第三十条处理", "--graph", settings.graph_url])
    assert without.exit_code == 0 and "needs the citing law" in json.loads(without.stdout)[0]["reason"]
    bad = runner.invoke(app, ["cite", "本条", "--law", "某法", "--article", "第X条", "--graph", settings.graph_url])
    assert bad.exit_code == 2 and "is not an article number" in bad.output  # a malformed argument is an error
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as client:
        body = client.post("/graphql", json={"query": """{ citations(text: "违反本法第十条", law: "无此法") {
            text law article resolved status reason } }"""}).json()
    assert body == {"data": {"citations": [{"text": "本法第十条", "law": "无此法", "article": "10", "resolved": None,
                                            "status": "unresolved", "reason": "law not in the graph"}]}}


def test_a_citation_says_where_the_provision_stands_now(store: GraphStore, settings: Settings) -> None:
    """Two dates: the citing text's (`at`) picks the version cited, the reader's (`now`) where it is today —
    through the alignment, never the same number in the newer text."""
    assert ingest_statutes(store, [SAMPLE / "statutes", corpus() / "versions" / "食品安全法_2009.txt"],
                           workers=1).ok
    text = ("依照《食品安全法》（2009年）第四十二条第一款关于预包装食品标签的规定，"
            "根据行政处罚法第四十二条的规定适用听证程序，依照《行政许可法》第一条处理")
    rows = {r["text"]: r for r in cite_text(store, text, at=date(2020, 6, 1), now=date(2026, 1, 1))}
    noted = rows["《食品安全法》（2009年）第四十二条第一款"]
    assert (noted["resolved"], noted["status"], noted["fate"], noted["current"], noted["suggested"]) == (
        "食品安全法@2009-06-01/42.1", "stale", "renumbered_modified", ["食品安全法@2021-04-29/67.1"],
        "食品安全法@2021-04-29/67.1")  # not 2021 第四十二条第一款, a different provision
    hearing = rows["行政处罚法第四十二条"]
    assert (hearing["resolved"], hearing["status"], hearing["fate"]) == ("行政处罚法@2017-09-01/42", "stale", "split")
    assert hearing["current"] == ["行政处罚法@2021-01-22/63", "行政处罚法@2021-01-22/64"]
    assert hearing["suggested"] == "行政处罚法@2021-01-22/63" and "split since 行政处罚法@2017-09-01" in hearing["reason"]
    kept = rows["《行政许可法》第一条"]  # one version in the graph: nothing moved
    assert (kept["status"], kept["fate"], kept["current"]) == ("resolved", "unchanged", ["行政许可法@2019-04-23/1"])
    # read on the citing text's own date, nothing has moved yet
    same_day = {r["text"]: r for r in cite_text(store, text, at=date(2020, 6, 1), now=date(2020, 6, 1))}
    assert same_day["行政处罚法第四十二条"]["status"] == "resolved"
    assert same_day["行政处罚法第四十二条"]["current"] == ["行政处罚法@2017-09-01/42"]
    cli = runner.invoke(app, ["cite", "根据行政处罚法第四十二条的规定适用听证程序", "--at", "2020-06-01",
                              "--now", "2026-01-01", "--graph", settings.graph_url])
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout)[0]["current"] == ["行政处罚法@2021-01-22/63", "行政处罚法@2021-01-22/64"]
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as client:
        body = client.post("/graphql", json={"query": """{ citations(text: "行政处罚法第四十二条", asOf: "2020-06-01",
            now: "2026-01-01") { resolved status fate current suggested } }"""}).json()
    assert body["data"]["citations"] == [{"resolved": "行政处罚法@2017-09-01/42", "status": "stale", "fate": "split",
                                          "current": ["行政处罚法@2021-01-22/63", "行政处罚法@2021-01-22/64"],
                                          "suggested": "行政处罚法@2021-01-22/63"}]


def test_article_links_say_where_the_cited_unit_stands_now(store: GraphStore, settings: Settings,
                                                          tmp_path: Path) -> None:
    """A stored CITES edge (a statute citing another law) says what became of the unit it cites."""
    citing = tmp_path / "某某听证办法(2019-01-01).md"
    citing.write_text("# 某某听证办法\n\n<!-- INFO END -->\n\n第一条 依照《中华人民共和国行政处罚法》第四十二条组织听证。\n",
                      encoding="utf-8")
    assert ingest_statutes(store, [SAMPLE / "statutes", citing], workers=1).ok
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as client:
        body = client.post("/graphql", json={"query": """{
            article(law: "行政处罚法", number: "42", asOf: "2019-01-01") {
              citedBy { source target fate current } } }"""}).json()
    assert "errors" not in body, body
    links = body["data"]["article"]["citedBy"]
    assert [link["source"] for link in links] == ["某某听证办法@2019-01-01/1.1"]
    for link in links:
        assert link["fate"] == "split" and link["current"] == ["行政处罚法@2021-01-22/63", "行政处罚法@2021-01-22/64"]


def test_citations_report_says_where_stale_provisions_stand_today(store: GraphStore, settings: Settings,
                                                                   tmp_path: Path) -> None:
    from lawgraph.ingest.documents import ingest_documents

    citing = tmp_path / "某某规定(2022-01-01).md"
    citing.write_text("# 某某规定\n\n<!-- INFO END -->\n\n第一条 依照《食品安全法》（2009年）第四十二条第一款标注标签。\n",
                      encoding="utf-8")
    notice = tmp_path / "通知.txt"
    notice.write_text("某县关于食品标签检查的通知\n按照《食品安全法》（2009年）第四十二条第一款检查标签。\n某县市场监督管理局\n"
                      "2022年3月1日\n", encoding="utf-8")
    assert ingest_statutes(store, [SAMPLE / "statutes", corpus() / "versions" / "食品安全法_2009.txt", citing],
                           workers=1).ok
    assert ingest_documents(store, [notice]).ok
    result = runner.invoke(app, ["citations", "report", "--graph", settings.graph_url])
    assert result.exit_code == 0, result.output
    stale = {r["citing_title"]: r for r in json.loads(result.stdout)["stale"]}
    for title in ("某某规定", "某县关于食品标签检查的通知"):
        row = stale[title]
        assert (row["resolved"], row["fate"], row["current"], row["suggested"]) == (
            "食品安全法@2009-06-01/42.1", "renumbered_modified", ["食品安全法@2021-04-29/67.1"],
            "食品安全法@2021-04-29/67.1"), row
    md = runner.invoke(app, ["citations", "report", "--format", "md", "--graph", settings.graph_url])
    assert "食品安全法@2021-04-29/67.1" in md.stdout


def test_words_describing_an_older_text_make_a_citation_stale(store: GraphStore) -> None:
    """§3: the sentence says what it cites; when that matches the same number in another version, not the text in
    force on its date, it was written against the older numbering."""
    assert ingest_statutes(store, [SAMPLE / "statutes", corpus() / "versions" / "食品安全法_2009.txt"],
                           workers=1).ok
    now = date(2026, 12, 1)
    hearing = cite_text(store, "根据行政处罚法第四十二条的规定适用听证程序。", at=date(2022, 6, 1), now=now)[0]
    assert (hearing["status"], hearing["resolved"], hearing["fate"], hearing["current"]) == (
        "stale", "行政处罚法@2017-09-01/42", "split", ["行政处罚法@2021-01-22/63", "行政处罚法@2021-01-22/64"])
    assert "match 行政处罚法@2017-09-01/42" in hearing["reason"] and "written against the 行政处罚法@2017-09-01 text" \
        in hearing["reason"]
    label = cite_text(store, "依照《食品安全法》第四十二条第一款关于预包装食品标签应当标明事项的规定处理。",
                      at=date(2018, 6, 1), now=now)[0]
    assert (label["status"], label["resolved"], label["current"], label["suggested"]) == (
        "stale", "食品安全法@2009-06-01/42.1", ["食品安全法@2021-04-29/67.1"], "食品安全法@2021-04-29/67.1")
    # the words match the text in force: nothing to flag; too few words: no judgement either
    for text, at in (("依照《行政处罚法》第六十三条的规定适用听证程序。", date(2022, 6, 1)),
                     ("根据行政处罚法第四十二条的规定处理。", date(2022, 6, 1))):
        row = cite_text(store, text, at=at, now=now)[0]
        assert (row["status"], row["fate"]) == ("resolved", "unchanged"), row
