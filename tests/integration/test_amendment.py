"""Amending acts against the real store: the 刑法修正案 against the consolidated 刑法, a 关于修改…的决定 applied end
to end (official rows, the derived text, the consolidation check), a published 对照表 as reviewed rows, bad
input."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from bench.amending_acts import check, read_acts
from lawgraph.cli.main import app
from lawgraph.config import Settings
from lawgraph.domain import amending
from lawgraph.graph.repos import alignment
from lawgraph.graph.repos.laws import stats
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.amendment import article_lines
from lawgraph.ingest.load import ingest_statutes
from tests.conftest import SAMPLE, corpus

runner = CliRunner()
SPC = "司法解释"
BEFORE = "最高人民法院关于适用《公司法》若干问题的规定（三）(2011-01-27).md"
DECISION = ("最高人民法院关于修改《最高人民法院关于破产企业国有划拨土地使用权应否列入破产财产等问题的批复》等二十九件"
            "商事类司法解释的决定.md")
LAW = "最高人民法院关于适用中华人民共和国公司法若干问题的规定三"


def test_the_criminal_law_amendments_agree_with_the_consolidated_text() -> None:
    folder = corpus() / "lawrefbook" / "刑法"
    result = check(read_acts(folder), folder / "刑法.md")
    counts = {title: len(act.laws.get("刑法", [])) for _, title, act in result.acts}
    assert len(counts) == 12 and sum(counts.values()) == 233
    assert counts["中华人民共和国刑法修正案（十一）"] == 47
    assert [title for _, title, act in result.acts if act.unread] == []
    # every article or paragraph an act sets whole reads as the consolidated 刑法 has it, unless changed again
    assert result.checked >= 180 and result.mismatches == []


def test_a_decision_is_applied_end_to_end(store: GraphStore, settings: Settings, tmp_path: Path) -> None:
    assert ingest_statutes(store, [corpus() / "lawrefbook" / SPC / BEFORE], workers=1).ok
    done = runner.invoke(app, ["ingest", "amendment", str(corpus() / "lawrefbook" / SPC / DECISION),
                               "--graph", settings.graph_url])
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    assert (summary["date"], summary["effective"]) == ("2020-12-23", "2021-01-01")
    [law] = summary["laws"]
    assert (law["law_id"], law["derived"], law["operations"], law["rows"]) == (
        LAW, True, {"replace_article": 5}, {"modified": 5, "unchanged": 24})
    assert len(summary["skipped"]) == 21  # the other interpretations it amends are not in the graph
    before, after = f"{LAW}@2011-01-27", f"{LAW}@2020-12-23"
    assert law["after"] == after
    # the derived text: 第二条 as the decision words it, the others as before
    units = {u.number: u for u in alignment.version_units(store, after)}
    assert units["2"].text.startswith("发起人为设立公司以自己名义对外签订合同，合同相对人请求该发起人承担合同责任的")
    assert len(units) == 29
    pairs = {p.old: p for p in alignment.align_stored(store, before, after)[0]}
    assert (pairs["2"].kind, pairs["2"].source, pairs["2"].document, pairs["2"].needs_review) == (
        "modified", "official", summary["act"], False)
    assert {p.source for p in pairs.values()} == {"official"}

    # the consolidation check: a published text after the act that differs from it in one article
    published = (corpus() / "lawrefbook" / SPC / BEFORE).read_text(encoding="utf-8")
    store.clear()
    assert ingest_statutes(store, [corpus() / "lawrefbook" / SPC / BEFORE], workers=1).ok
    text_after = amending.apply(article_lines(store, before), _decision_operations())[0]
    header = published.split("<!-- INFO END -->")[0]
    lines = header.replace("2011年1月27日", "2020年12月29日").replace("2011年2月16日", "2021年1月1日") + \
        "<!-- INFO END -->\n\n"
    for number, body in text_after.items():
        first = body[0] if number != "7" else "出资人以不享有处分权的财产出资的，依照民法典处理。"  # not what the act says
        lines += f"第{_cn(number)}条 {first}\n\n" + "".join(f"{line}\n\n" for line in body[1:] if number != "7")
    published_after = tmp_path / "公司法解释三(2020-12-29).md"
    published_after.write_text(lines, encoding="utf-8")
    assert ingest_statutes(store, [published_after], workers=1).ok
    checked = runner.invoke(app, ["ingest", "amendment", str(corpus() / "lawrefbook" / SPC / DECISION),
                                  "--graph", settings.graph_url])
    assert checked.exit_code == 0, checked.output
    [law] = json.loads(checked.stdout)["laws"]
    assert law["derived"] is False and law["after"] == f"{LAW}@2020-12-29"
    assert [d["article"] for d in law["consolidation_differences"]] == ["7"], law["consolidation_differences"]


def _decision_operations() -> list[amending.Operation]:
    from lawgraph.ingest.amendment import read_act

    act = read_act(corpus() / "lawrefbook" / SPC / DECISION).act
    return next(ops for name, ops in act.laws.items() if "规定(三)" in name or "规定（三）" in name)


def _cn(number: str) -> str:
    import cn2an

    return str(cn2an.an2cn(int(number)))


def test_bad_acts_are_refused_with_the_line_and_nothing_applied(store: GraphStore, settings: Settings,
                                                                tmp_path: Path) -> None:
    assert ingest_statutes(store, [SAMPLE / "statutes" / "行政强制法(2011-06-30).md"], workers=1).ok
    before = stats(store)
    act = tmp_path / "行政强制法修正案.md"
    act.write_text("# 中华人民共和国行政强制法修正案\n\n2030年1月1日 通过\n\n<!-- INFO END -->\n\n"
                   "一、将行政强制法第二条修改为：“本法所称行政强制，包括行政强制措施和行政强制执行。”\n\n"
                   "二、将行政强制法第九十九条修改为：“本法自公布之日起施行。”\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", "amendment", str(act), "--graph", settings.graph_url])
    assert result.exit_code == 2
    assert re.search(r"行政强制法修正案\.md:\d+: 第99条 is not in the text before", result.stderr), result.stderr
    assert "nothing was applied" in result.stderr and stats(store) == before
    unknown = tmp_path / "某某法修正案.md"
    unknown.write_text("# 某某法修正案\n\n2030年1月1日 通过\n\n<!-- INFO END -->\n\n一、将第二条修改为：“新的文字。”\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["ingest", "amendment", str(unknown), "--graph", settings.graph_url])
    assert result.exit_code == 2 and "the act amends no law in the graph (《某某法》 is not in the graph" in result.stderr


def test_a_published_comparison_table_becomes_official_rows(store: GraphStore, settings: Settings,
                                                            tmp_path: Path) -> None:
    assert ingest_statutes(store, [SAMPLE / "statutes" / "农产品质量安全法(2018-10-26).md",
                                   SAMPLE / "statutes" / "农产品质量安全法(2022-09-02).md"], workers=1).ok
    table = tmp_path / "对照表.md"
    table.write_text("| 修订前 | 修订后 |\n|---|---|\n"
                     "| 第四十七条 农产品生产企业、农民专业合作经济组织未建立或者未按照规定保存农产品生产记录的…… | "
                     "第六十九条 农产品生产企业、农民专业合作社、农业社会化服务组织未依照本法规定建立、保存农产品生产记录……|\n"
                     "| 第四十八条 违反本法第二十八条规定，销售的农产品未按照规定进行包装、标识的…… | （删除） |\n",
                     encoding="utf-8")
    result = runner.invoke(app, ["align", "--law", "农产品质量安全法", "--from", "2018", "--to", "2022", "--review",
                                 str(table), "--official", "农产品质量安全法修订前后对照表", "--graph", settings.graph_url])
    assert result.exit_code == 0, result.output
    rows = {r["old"]: r for r in json.loads(result.stdout)}
    assert (rows["47"]["new"], rows["47"]["kind"], rows["47"]["source"], rows["47"]["document"]) == (
        "69", "renumbered_modified", "official", "农产品质量安全法修订前后对照表")
    assert (rows["48"]["new"], rows["48"]["kind"], rows["48"]["source"]) == (None, "deleted", "official")
    assert rows["1"]["source"] == "automatic"
    broken = tmp_path / "broken.md"
    broken.write_text("| 条文 | 说明 |\n|---|---|\n| 第一条 … | 无 |\n", encoding="utf-8")
    bad = runner.invoke(app, ["align", "--law", "农产品质量安全法", "--from", "2018", "--to", "2022", "--review",
                              str(broken), "--graph", settings.graph_url])
    assert bad.exit_code == 2 and "broken.md, line 1: no old and new columns found" in bad.stderr
