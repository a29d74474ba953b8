"""Powers, benchmarks, 三张清单 and cases on the real store: the sample county, 江门, 辽宁, bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from lawgraph.cli.main import app
from lawgraph.config import Settings
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.enforcement.load import ingest_benchmarks, ingest_powers
from lawgraph.ingest.enforcement.read import Defaults
from lawgraph.ingest.load import ingest_statutes
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE, corpus

COUNTY = "江北省/临川市/青禾县"
NY = f"{COUNTY}/青禾县农业农村局"


def test_sample_loads_without_errors_and_again_changes_nothing(store: GraphStore) -> None:
    report = load_sample(store, SAMPLE)
    assert report.errors == []
    summary = report.summary()
    assert summary["powers"]["records"] == 69
    assert summary["benchmarks"]["records"] == 48 and summary["benchmarks"]["tiers"] == 161
    assert summary["lists"]["records"] == 8 and summary["cases"]["records"] == 30
    assert summary["powers"]["bases"] == {"resolved": 68, "unresolved": 1}  # NY05001's provincial rule
    before = law_repo.stats(store)
    nodes = before["nodes"]
    assert nodes["Power"] == 69 and nodes["Department"] == 7 and nodes["Region"] == 4
    assert nodes["DiscretionBenchmark"] == 48 and nodes["Tier"] == 161 and nodes["Case"] == 30
    assert nodes["ListEntry"] == 8
    again = load_sample(store, SAMPLE)
    assert again.ok
    assert all(r.written == 0 for r in again.imports.values())
    assert law_repo.stats(store) == before


def test_sample_links_bases_benchmarks_and_cases(store: GraphStore) -> None:
    assert load_sample(store, SAMPLE).ok
    power = repo.power(store, f"{NY}#NY02003")
    assert [(b["unit"], b["role"]) for b in power["bases"]] == [("农产品质量安全法@2018-10-26/50.1", "罚则依据")]
    assert [c["id"] for c in power["cases"]] == ["case:QH-2021-001", "case:QH-2021-002", "case:QH-2022-006"]
    permit = repo.power(store, f"{COUNTY}/青禾县市场监督管理局#SC01003")
    assert [b["unit"] for b in permit["bases"]] == ["医疗器械经营监督管理办法@2022-03-10/10"]
    assert permit["power"]["steps"] == ["受理", "审查", "决定", "送达"]
    item = repo.power(store, f"{COUNTY}/青禾县应急管理局#YJ02002")
    assert item["bases"][0]["unit"] == "安全生产法@2021-06-10/97.1.3"
    assert repo.power(store, f"{COUNTY}/青禾县应急管理局#YJ13001")["power"]["confidential"] is True
    handed = repo.power(store, f"{COUNTY}/青禾县综合行政执法局#ZF02005")
    assert handed["delegations"] == [{"region": f"{COUNTY}/白沙镇", "kind": "赋权", "act": "青政发〔2022〕8号",
                                      "date": "2022-03-01"}]
    subsidy = repo.power(store, f"{NY}#NY05001")
    assert [(o["status"], o["law"]) for o in subsidy["open_bases"]] == [("unresolved", "江北省耕地地力保护补贴实施办法")]
    bench = repo.benchmark(store, f"{COUNTY}/临川市生态环境局青禾分局#HJ02001@2023-07-01")
    assert [t["name"] for t in bench["tiers"]] == ["轻微", "一般", "较重", "严重", "特别严重"]
    assert [(t["percent_min"], t["percent_max"]) for t in bench["tiers"]][:2] == [(1.0, 1.5), (1.5, 2.0)]
    assert bench["tiers"][0]["percent_base"] == "建设项目总投资额"
    goods = repo.benchmark(store, f"{NY}#NY02006@2023-07-01")["tiers"][0]
    assert (goods["fine_min"], goods["fine_max"], goods["multiple_min"], goods["multiple_max"]) == (
        5000.0, 20000.0, 5.0, 6.5)


def test_the_benchmark_in_force_own_inherited_adopted(store: GraphStore) -> None:
    assert load_sample(store, SAMPLE).ok
    own = repo.effective_benchmark(store, f"{NY}#NY02003", COUNTY, date(2022, 1, 1))
    assert own is not None and own["how"] == "own" and own["region"] == COUNTY
    inherited = repo.effective_benchmark(store, f"{NY}#NY02002", COUNTY, date(2022, 1, 1))
    assert inherited is not None and (inherited["how"], inherited["region"]) == ("inherited", "江北省")
    adopted = repo.effective_benchmark(store, f"{NY}#NY02005", COUNTY, date(2022, 1, 1))
    assert adopted is not None and (adopted["how"], adopted["region"]) == ("adopted", "江北省")
    assert adopted["benchmark"]["benchmark"]["id"] == "江北省/江北省农业农村厅#NY02005@2021-01-01"
    town = f"{COUNTY}/白沙镇"
    township = repo.effective_benchmark(store, f"{town}/白沙镇人民政府#ZF02001", town, date(2024, 1, 1))
    assert township is not None and (township["how"], township["region"]) == ("inherited", COUNTY)
    assert repo.effective_benchmark(store, f"{town}/白沙镇人民政府#ZF02001", town, date(2022, 1, 1)) is None
    assert repo.effective_benchmark(store, f"{NY}#NY02008", COUNTY, date(2024, 1, 1)) is None  # planted P5


def test_jiangmen_table_loads_every_item_tier_and_range(store: GraphStore) -> None:
    table = corpus() / "benchmarks" / "jiangmen_sthj_caiLiang_biaozhun_2020.xls"
    report = ingest_benchmarks(store, [table], Defaults(region="广东省/江门市", department="江门市生态环境局",
                                                         effective=date(2020, 6, 1)))
    assert report.errors == []
    assert (report.records, report.tiers) == (165, 872)
    assert len(report.warnings) == 6 and all("no outcome" in w for w in report.warnings)  # empty cells, listed
    nodes = law_repo.stats(store)["nodes"]
    assert nodes["DiscretionBenchmark"] == 165 and nodes["Tier"] == 872
    # bases whose law is not in the graph are kept as open bases, never dropped
    assert sum(report.bases.values()) == len(report.unresolved) + report.bases.get("resolved", 0) + report.bases.get(
        "stale", 0)
    water = repo.benchmark(store, "广东省/江门市/江门市生态环境局#2-1@2020-06-01")
    assert water["benchmark"]["conduct"] == "拒绝现场检查或者在接受检查时弄虚作假"
    first = water["tiers"][0]
    assert (first["name"], first["fine_min"], first["fine_max"]) == ("1", 20000.0, 50000.0)
    assert first["conditions"] == "以拖延等方式拒绝、阻挠现场检查的（10分钟以上30分钟以下）"
    assert ingest_benchmarks(store, [table], Defaults(region="广东省/江门市", department="江门市生态环境局",
                                                      effective=date(2020, 6, 1))).written == 0


def test_liaoning_power_list_loads_with_resolved_bases(store: GraphStore) -> None:
    books = corpus() / "lawrefbook"
    laws = [books / "民法商法" / "专利法(2020-10-17).md", books / "行政法" / "环境保护法(2014-04-24).md",
            books / "经济法" / "税收征收管理法(2015-04-24).md", books / "行政法" / "传染病防治法(2013-06-29).md",
            books / "行政法规" / "军人抚恤优待条例(2019-03-02).md"]
    assert ingest_statutes(store, laws).ok
    report = ingest_powers(store, [corpus() / "powerlists" / "liaoning_sample.json"],
                           Defaults(region="辽宁省", at=date(2020, 12, 1)))
    assert report.errors == [] and report.records == 8
    assert report.bases["resolved"] == 5
    unresolved = {u["text"] for u in report.unresolved}
    assert unresolved == {"《辽宁省专利条例》第二十二条", "《中华人民共和国文物保护法》第十七条",
                          "《医疗技术临床应用管理办法》第四十一条", "《辽宁省消防条例》第四十四条"}
    patent = repo.power(store, "辽宁省/部门73#210973001000")
    assert patent["power"]["category"] == "行政裁决"
    assert [b["unit"] for b in patent["bases"]] == ["专利法@2020-10-17/65"]
    inspection = repo.power(store, "辽宁省/部门16#000616001000")
    assert inspection["power"]["category"] == "行政监督检查"
    assert [b["unit"] for b in inspection["bases"]] == ["环境保护法@2014-04-24/24"]


def test_cli_bad_rows_are_reported_the_rest_loads(store: GraphStore, settings: Settings, tmp_path: Path) -> None:
    table = tmp_path / "powers.csv"
    table.write_text("职权名称,职权类型,罚则依据\n"
                     "对经营劣质农药的处罚,行政处罚,《农药管理条例》第五十六条\n"
                     "对某行为的处罚,行政奖惩,\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "powers", str(table), "--region", COUNTY, "--department", "青禾县农业农村局",
                                 "--graph", settings.graph_url])
    assert result.exit_code == 1
    assert "error: powers.csv, row 3, column 职权类型 ('行政奖惩'): unknown power category" in result.output
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    assert (summary["records"], summary["written"], summary["errors"]) == (1, 1, 1)
    shown = runner.invoke(app, ["power", "show", "对经营劣质农药的处罚", "--json", "--graph", settings.graph_url])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["power"]["category"] == "行政处罚"
    missing = runner.invoke(app, ["power", "show", "不存在的职权", "--graph", settings.graph_url])
    assert missing.exit_code == 2 and "no power '不存在的职权'" in missing.output


def test_cli_sample_and_benchmark_effective(store: GraphStore, settings: Settings) -> None:
    runner = CliRunner()
    loaded = runner.invoke(app, ["ingest", "sample", str(SAMPLE), "--graph", settings.graph_url])
    assert loaded.exit_code == 0, loaded.output
    result = runner.invoke(app, ["benchmark", "effective", "NY02002", "--region", "青禾县", "--at", "2022-01-01",
                                 "--json", "--graph", settings.graph_url])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["power"] == f"{NY}#NY02002"
    assert data["effective"]["how"] == "inherited"
    assert [t["name"] for t in data["effective"]["benchmark"]["tiers"]] == ["轻微", "一般", "严重"]
    none = runner.invoke(app, ["benchmark", "effective", "NY02008", "--region", "青禾县", "--graph", settings.graph_url])
    assert none.exit_code == 1 and "No benchmark is in force" in none.output


def test_re_ingesting_a_changed_statute_keeps_what_rests_on_it(store: GraphStore, tmp_path: Path) -> None:
    import shutil

    from lawgraph.graph.repos import citations as citation_repo
    from lawgraph.ingest.load import ingest_statutes

    assert load_sample(store, SAMPLE).ok
    before = repo.power(store, f"{NY}#NY02003")["bases"]
    edges = law_repo.stats(store)["relationships"]
    cited = "环境保护法@2014-04-24/63"  # cited by 水污染防治法, another statute
    citers = citation_repo.of_article(store, article_id=cited)[1]
    assert citers
    # corrected texts: 农产品质量安全法 2018 with article 1 reworded and article 51 (NY02004's basis) gone;
    # 环境保护法 with article 1 reworded
    statutes = tmp_path / "statutes"
    shutil.copytree(SAMPLE / "statutes", statutes)
    for name, drop in (("农产品质量安全法(2018-10-26).md", "第五十一条"), ("环境保护法(2014-04-24).md", None)):
        path = statutes / name
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [line.replace("，制定本法", "，特制定本法", 1) for line in lines if not (drop and line.startswith(drop))]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_statutes(store, [statutes], workers=1)
    assert report.ok and report.versions_written == 2
    # the units still there keep their powers, benchmarks, list entries and citing statutes
    assert repo.power(store, f"{NY}#NY02003")["bases"] == before
    assert citation_repo.of_article(store, article_id=cited)[1] == citers
    after = law_repo.stats(store)["relationships"]
    assert after["BASED_ON"] == edges["BASED_ON"] - 2  # NY02004's power and benchmark lost 第五十一条 …
    # … as did article 51's own citation (of 第三十二条) and article 52's of 第五十一条 (now open)
    assert after["CITES"] == edges["CITES"] - 2
    moved = repo.power(store, f"{NY}#NY02004")
    assert moved["bases"] == []  # … and the power says so instead
    assert [(o["status"], "re-ingested" in o["reason"]) for o in moved["open_bases"]] == [("unresolved", True)]


def test_an_open_basis_resolves_when_its_law_arrives(store: GraphStore, tmp_path: Path) -> None:
    from lawgraph.ingest.load import ingest_statutes

    assert load_sample(store, SAMPLE).ok
    subsidy = repo.power(store, f"{NY}#NY05001")
    assert subsidy["bases"] == [] and [o["law"] for o in subsidy["open_bases"]] == ["江北省耕地地力保护补贴实施办法"]
    # open bases are looked up by their law's key, not all read: another law's ingest reads none of them
    assert store.run("enforcement/open_bases", keys=["行政处罚法"]) == []
    assert [r["props"]["law"] for r in store.run("enforcement/open_bases", keys=["江北省耕地地力保护补贴实施办法"])] == [
        "江北省耕地地力保护补贴实施办法"]
    rule = tmp_path / "江北省耕地地力保护补贴实施办法(2020-03-01).md"
    rule.write_text("# 江北省耕地地力保护补贴实施办法\n\n" + "\n".join(
        f"第{n}条 第{n}条的内容，关于耕地地力保护补贴的发放。" for n in "一二三四五六七八") + "\n", encoding="utf-8")
    report = ingest_statutes(store, [rule], workers=1, level="地方政府规章")
    assert report.ok and report.bases_reresolved == 1
    subsidy = repo.power(store, f"{NY}#NY05001")
    assert [b["unit"] for b in subsidy["bases"]] == ["江北省耕地地力保护补贴实施办法@2020-03-01/6"]
    assert subsidy["open_bases"] == []
    again = ingest_statutes(store, [rule], workers=1, level="地方政府规章")
    assert again.ok and again.bases_reresolved == 0  # nothing left open, nothing written twice
    assert len(repo.power(store, f"{NY}#NY05001")["bases"]) == 1


def test_replace_withdraws_what_a_department_no_longer_lists(store: GraphStore, settings: Settings,
                                                             tmp_path: Path) -> None:
    assert load_sample(store, SAMPLE).ok
    safety = f"{COUNTY}/青禾县应急管理局"
    table = tmp_path / "应急.csv"
    head = "行政区划,实施主体,职权编码,职权名称,职权类型,罚则依据,是否有裁量\n"
    rows = [f"{COUNTY},青禾县应急管理局,YJ0200{n},第{n}项处罚,行政处罚,《中华人民共和国安全生产法》第九十四条第一款,是"
            for n in range(1, 6)]
    table.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    runner = CliRunner()
    graph = ["--graph", settings.graph_url]
    additive = runner.invoke(app, ["ingest", "powers", str(table), *graph])
    assert additive.exit_code == 0 and "removed" not in json.loads(additive.stdout)
    assert repo.power(store, f"{safety}#YJ03001")  # still there: imports add
    # a bad row: nothing is withdrawn
    bad = tmp_path / "应急_bad.csv"
    bad.write_text(head + "\n".join([*rows, f"{COUNTY},青禾县应急管理局,YJ02009,,行政处罚,,是"]) + "\n",
                   encoding="utf-8")
    refused = runner.invoke(app, ["ingest", "powers", str(bad), "--replace", *graph])
    assert refused.exit_code == 1 and "nothing withdrawn" in refused.output
    assert repo.power(store, f"{safety}#YJ03001")
    replaced = runner.invoke(app, ["ingest", "powers", str(table), "--replace", "--warnings", *graph])
    assert replaced.exit_code == 0, replaced.output
    assert json.loads(replaced.stdout)["removed"] == [f"{safety}#YJ03001", f"{safety}#YJ06001", f"{safety}#YJ13001"]
    assert "withdrawn: " in replaced.output
    assert [r["code"] for r in repo.find_powers(store, "YJ03001")] == []
    # the other departments' lists are untouched
    assert repo.power(store, f"{NY}#NY02003")
