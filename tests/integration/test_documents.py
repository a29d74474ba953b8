"""Policy documents against the real store: the seeds as Document nodes, their citations (resolved when the laws
arrive), documents naming documents, citing_document breaks, GraphQL, bad files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from lawgraph.analysis.impact import impact
from lawgraph.api.app import create_app
from lawgraph.cli.main import app
from lawgraph.config import Settings
from lawgraph.graph.repos import documents as document_repo
from lawgraph.graph.repos.laws import stats
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.documents import ingest_documents
from lawgraph.ingest.load import ingest_statutes
from tests.conftest import SAMPLE

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
JIMSAR = "doc:吉县政办〔2023〕6号"
HUNAN = "doc:湘政办发〔2023〕51号"
runner = CliRunner()


def _cited(store: GraphStore, document_id: str) -> set[tuple[str | None, str, str | None]]:
    """(law as written or resolved version, status, reason) of every citation in a document."""
    out = set()
    for row in document_repo.citations(store, document_id):
        where = row["target"] if row["status"] == "resolved" else row["law"]
        out.add((where, row["status"], row["reason"]))
    return out


def test_seeds_load_as_documents_and_their_citations_resolve_when_the_laws_arrive(store: GraphStore) -> None:
    assert SEEDS.is_dir(), f"the seeds are expected at {SEEDS}"
    first = ingest_documents(store, [SEEDS])
    assert first.ok, first.errors
    assert first.documents == 5 and first.files == 5
    jimsar = document_repo.get(store, JIMSAR)
    assert jimsar is not None
    assert (jimsar["title"], jimsar["issuer"], jimsar["date"]) == (
        "关于印发《吉木萨尔县推进包容审慎监管防止行政执法“一刀切”实施方案》的通知", "吉木萨尔县人民政府", "2023-03-14")
    hunan = document_repo.get(store, HUNAN)
    assert hunan is not None  # written in Traditional script, stored Simplified
    assert (hunan["title"], hunan["issuer"], hunan["number"], hunan["date"], hunan["script"]) == (
        "湖南省提升行政执法质量三年行动实施方案", "湖南省人民政府办公厅", "湘政办发〔2023〕51号", "2023-12-12",
        "traditional")
    # before the laws are in the graph every citation is open, with its reason
    assert {status for _, status, _ in _cited(store, JIMSAR)} == {"unresolved"}

    ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    assert _cited(store, JIMSAR) == {
        ("行政处罚法@2021-01-22", "resolved", None),
        ("行政强制法@2011-06-30", "resolved", None),
        ("行政许可法@2019-04-23", "resolved", None),
        ("民法典", "unresolved", "law not in the graph"),
        ("优化营商环境条例", "unresolved", "law not in the graph"),
        ("重大行政决策程序暂行条例", "unresolved", "law not in the graph"),
        ("新疆维吾尔自治区重大行政决策程序规定", "unresolved", "law not in the graph"),
        ("新疆维吾尔自治区行政规范性文件管理办法", "unresolved", "law not in the graph"),
    }
    # 《昌吉州…的指导意见》 and 《自治州…实施方案》 are documents it names, not laws it cites
    named, _ = document_repo.references(store, JIMSAR)
    assert sorted(r["text"] for r in named) == [
        "《昌吉州推进包容审慎监管防止行政执法“一刀切”的指导意见》",
        "《自治州贯彻落实〈法治政府建设实施纲要(2021-2025年)>实施方案》"]
    assert all(r["target"] is None for r in named)

    before = stats(store)
    again = ingest_documents(store, [SEEDS])
    assert (again.documents, again.unchanged) == (0, 5)
    assert stats(store) == before


def test_a_document_named_by_number_or_title_is_linked_when_it_arrives(store: GraphStore, tmp_path: Path) -> None:
    assert ingest_documents(store, [SEEDS / next(p.name for p in SEEDS.iterdir() if p.name.startswith("004"))]).ok
    named, _ = document_repo.references(store, HUNAN)
    assert {r["text"] for r in named} >= {"国办发〔2023〕27号"} and all(r["target"] is None for r in named)
    page = tmp_path / "guoban.html"
    page.write_text(
        "<html><head><title>国务院办公厅</title><script>var x = '湘政办发〔2023〕51号';</script></head><body>"
        "<h1>国务院办公厅关于印发提升行政执法质量三年行动计划（2023—2025年）的通知</h1>"
        "<p>国办发〔2023〕27号</p><p>各省、自治区、直辖市人民政府：</p>"
        "<p>依照《中华人民共和国行政处罚法》第六十三条的规定，规范听证程序。</p>"
        "<p>国务院办公厅</p><p>2023年8月9日</p></body></html>", encoding="utf-8")
    report = ingest_documents(store, [page])
    assert report.ok and report.documents == 1
    guoban = document_repo.get(store, "doc:国办发〔2023〕27号")
    assert guoban is not None and (guoban["issuer"], guoban["date"]) == ("国务院办公厅", "2023-08-09")
    named, _ = document_repo.references(store, HUNAN)
    linked = {r["text"]: r["target"] for r in named if r["target"]}
    # by 文号, and by the title inside 《关于印发〈…〉的通知》
    assert linked == {"国办发〔2023〕27号": "doc:国办发〔2023〕27号",
                      "《关于印发〈提升行政执法质量三年行动计划(2023—2025年)〉的通知》": "doc:国办发〔2023〕27号"}
    _, named_by = document_repo.references(store, "doc:国办发〔2023〕27号")
    assert [r["id"] for r in named_by] == [HUNAN]
    # the script block's text is not the page's
    assert all("湘政办发" not in r["text"] for r in document_repo.paragraphs(store, guoban["id"], skip=0, limit=50))


def test_impact_reports_documents_citing_a_changed_unit(store: GraphStore, settings: Settings,
                                                        tmp_path: Path) -> None:
    ingest_statutes(store, [SAMPLE / "statutes" / "行政处罚法_2017.md",
                            SAMPLE / "statutes" / "行政处罚法(2021-01-22).md"], workers=1)
    notice = tmp_path / "听证通知.docx"
    word = docx.Document()
    for line in ("某县市场监督管理局关于规范行政处罚听证工作的通知", "某市监〔2019〕12号",
                 "根据《中华人民共和国行政处罚法》第四十二条的规定，当事人要求听证的，应当组织听证。",
                 "某县市场监督管理局", "2019年5月20日"):
        word.add_paragraph(line)
    word.save(str(notice))
    report = ingest_documents(store, [notice])
    assert report.ok and report.citations == {"resolved": 1}, report.summary()
    result = impact(store, "行政处罚法", "行政处罚法@2017-09-01", "行政处罚法@2021-01-22")
    cited = [b for b in result["breaks"] if b["kind"] == "citing_document"]
    assert len(cited) == 1 and result["summary"]["citing_document"] == 1
    b = cited[0]
    assert b["unit_old"] == "行政处罚法@2017-09-01/42"
    assert b["department"]["name"] == "某县市场监督管理局"
    assert b["citing"]["document"] == "doc:某市监〔2019〕12号" and b["citing"]["unit"] == "doc:某市监〔2019〕12号/p3"
    assert "《某县市场监督管理局关于规范行政处罚听证工作的通知》（某市监〔2019〕12号）" in b["evidence"]

    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as client:
        body = client.post("/graphql", json={"query": """{
            documents(search: "听证") { totalCount edges { node { id title issuer number date paragraphCount
              paragraphs(first: 2) { totalCount edges { node { number text } } }
              citations { paragraph text status target } } } }
            article(law: "行政处罚法", number: "42", asOf: "2019-01-01") { citedBy { source text document documentTitle } }
            amendmentImpact(law: "行政处罚法", from: "2017-09-01", to: "2021-01-22") {
              breaks { kind citingDocument department { name } } } }"""}).json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    doc = data["documents"]["edges"][0]["node"]
    assert data["documents"]["totalCount"] == 1
    assert (doc["id"], doc["number"], doc["date"], doc["paragraphCount"]) == (
        "doc:某市监〔2019〕12号", "某市监〔2019〕12号", "2019-05-20", 5)
    assert doc["paragraphs"]["totalCount"] == 5 and len(doc["paragraphs"]["edges"]) == 2
    assert doc["citations"] == [{"paragraph": "doc:某市监〔2019〕12号/p3", "text": "《中华人民共和国行政处罚法》第四十二条",
                                 "status": "resolved", "target": "行政处罚法@2017-09-01/42"}]
    assert {"source": "doc:某市监〔2019〕12号/p3", "text": "《中华人民共和国行政处罚法》第四十二条",
            "document": "doc:某市监〔2019〕12号", "documentTitle": "某县市场监督管理局关于规范行政处罚听证工作的通知"
            } in data["article"]["citedBy"]
    assert {"kind": "citing_document", "citingDocument": "doc:某市监〔2019〕12号",
            "department": {"name": "某县市场监督管理局"}} in data["amendmentImpact"]["breaks"]


def test_bad_document_files_are_reported_and_the_rest_load(store: GraphStore, settings: Settings,
                                                          tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "broken.docx").write_bytes(b"PK not really a zip")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    good = tmp_path / "good.md"
    good.write_text("# 某县关于开展执法检查的通知\n\n依照《中华人民共和国行政强制法》第十八条执行。\n\n某县人民政府\n\n"
                    "2022年3月1日\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", "documents", str(tmp_path / "empty.txt"), str(tmp_path / "binary.md"),
                                 str(tmp_path / "broken.docx"), str(tmp_path / "notes.pdf"), str(good),
                                 "--graph", settings.graph_url])
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.stderr
    assert "binary.md: this is a binary file" in result.stderr
    assert "broken.docx: not a readable .docx file" in result.stderr
    assert "notes.pdf: unsupported file type '.pdf'" in result.stderr
    summary = json.loads(result.stdout)
    assert (summary["documents"], summary["errors"]) == (1, 4)
    assert document_repo.get(store, "doc:某县关于开展执法检查的通知@2022-03-01") is not None


def test_a_document_written_against_an_older_numbering_is_stale(store: GraphStore, tmp_path: Path) -> None:
    ingest_statutes(store, [SAMPLE / "statutes" / "行政处罚法_2017.md",
                            SAMPLE / "statutes" / "行政处罚法(2021-01-22).md"], workers=1)
    late = tmp_path / "late.txt"
    late.write_text("某镇关于行政处罚听证的通知\n根据行政处罚法第四十二条的规定适用听证程序。\n某镇人民政府\n2022年6月1日\n",
                    encoding="utf-8")
    report = ingest_documents(store, [late])
    assert report.ok and report.citations == {"stale": 1}
    row = document_repo.citations(store, "doc:某镇关于行政处罚听证的通知@2022-06-01")[0]
    assert (row["status"], row["target"]) == ("stale", "行政处罚法@2017-09-01/42")
    assert "written against the 行政处罚法@2017-09-01 text" in row["reason"]
    # so the amendment it missed is its break too
    result = impact(store, "行政处罚法", "行政处罚法@2017-09-01", "行政处罚法@2021-01-22")
    assert [b["citing"]["document"] for b in result["breaks"] if b["kind"] == "citing_document"] == [
        "doc:某镇关于行政处罚听证的通知@2022-06-01"]


def test_a_changed_document_replaces_its_content_and_a_reingested_law_keeps_its_citations(
        store: GraphStore, tmp_path: Path) -> None:
    ingest_statutes(store, [SAMPLE / "statutes" / "行政处罚法_2017.md", SAMPLE / "statutes" / "行政强制法(2011-06-30).md"],
                    workers=1)
    notice = tmp_path / "notice.md"
    notice.write_text("# 某县关于执法检查的通知\n\n某县政办发〔2019〕3号\n\n依照《行政处罚法》第四十二条组织听证，依照"
                      "《某某办法》处理。\n\n执行国办发〔2018〕118号。\n\n某县人民政府\n\n2019年5月1日\n", encoding="utf-8")
    assert ingest_documents(store, [notice]).ok
    doc = "doc:某县政办发〔2019〕3号"

    def counts() -> tuple[int, int, int]:
        found = document_repo.get(store, doc)
        assert found is not None
        named, _ = document_repo.references(store, doc)
        return int(found["paragraph_count"]), len(document_repo.citations(store, doc)), len(named)

    assert counts() == (6, 2, 1)
    # the text changes: one citation more, the other document no longer named; nothing of the old text stays
    notice.write_text("# 某县关于执法检查的通知\n\n某县政办发〔2019〕3号\n\n依照《行政处罚法》第四十二条组织听证，依照"
                      "《行政强制法》第十八条实施。\n\n某县人民政府\n\n2019年5月1日\n", encoding="utf-8")
    again = ingest_documents(store, [notice])
    assert (again.documents, again.unchanged) == (1, 0)
    assert counts() == (5, 2, 0)
    assert {r["target"] for r in document_repo.citations(store, doc)} == {"行政处罚法@2017-09-01/42",
                                                                          "行政强制法@2011-06-30/18"}
    # the 2017 行政处罚法 re-ingested with a changed text: the document's citation of it is put back, not dropped
    changed = tmp_path / "行政处罚法_2017.md"
    changed.write_text((SAMPLE / "statutes" / "行政处罚法_2017.md").read_text(encoding="utf-8").replace(
        "为了规范行政处罚的设定和实施", "为了规范行政处罚的设定与实施"), encoding="utf-8")
    assert ingest_statutes(store, [changed], workers=1).versions_written == 1
    assert {r["target"] for r in document_repo.citations(store, doc)} == {"行政处罚法@2017-09-01/42",
                                                                          "行政强制法@2011-06-30/18"}
