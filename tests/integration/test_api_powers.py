"""GraphQL over powers, benchmarks and cases of the sample county, in-process against the real store."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from lawgraph.api.app import create_app
from lawgraph.config import ApiKey, Settings
from lawgraph.errors import StoreError
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE, sample_with_secret_powers
from tests.integration.test_api import gql


@pytest.fixture
def client(store: GraphStore, settings: Settings) -> Iterator[TestClient]:
    assert load_sample(store, SAMPLE).ok
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as test_client:
        yield test_client


def test_powers_page_filters_and_nested_fields(client: TestClient) -> None:
    query = """query($after: String) { powers(region: "青禾县", category: "行政处罚", first: 20, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id code category department { name } bases { unit role status } } } } }"""
    seen: list[str] = []
    after = None
    while True:
        body = gql(client, query, after=after)
        assert "errors" not in body, body
        page = body["data"]["powers"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == page["totalCount"] == 49 == len(set(seen))  # 47 county + 白沙镇's two
    search = gql(client, '{ powers(search: "农药", first: 10) { totalCount edges { node { code } } } }')
    assert sorted(e["node"]["code"] for e in search["data"]["powers"]["edges"]) == [
        "NY01001", "NY02006", "NY02007", "NY02007", "NY02008", "SC02002"]  # NY02007 county and province; 农药残留


def test_power_with_bases_benchmark_in_force_lists_and_cases(client: TestClient) -> None:
    body = gql(client, """{ power(id: "NY02002", region: "青禾县") {
        name category discretionary bases { unit text role }
        lists { kind conduct firstOffence }
        effectiveBenchmark(asOf: "2022-01-01") { how region benchmark { id tiers { name fine { min max } noPenalty } } }
    } }""")
    assert "errors" not in body, body
    power = body["data"]["power"]
    assert power["bases"] == [{"unit": "农产品质量安全法@2018-10-26/48", "text": "《中华人民共和国农产品质量安全法》第四十八条",
                               "role": "罚则依据"}]
    assert power["lists"] == [{"kind": "不予处罚", "conduct": "销售的农产品未按照规定进行包装、标识", "firstOffence": True}]
    effective = power["effectiveBenchmark"]
    assert (effective["how"], effective["region"]) == ("inherited", "江北省")
    assert effective["benchmark"]["tiers"] == [
        {"name": "轻微", "fine": None, "noPenalty": True},
        {"name": "一般", "fine": {"min": 0.0, "max": 800.0}, "noPenalty": False},
        {"name": "严重", "fine": {"min": 800.0, "max": 2000.0}, "noPenalty": False}]


def test_effective_benchmark_regions_and_cases(client: TestClient) -> None:
    body = gql(client, """{
        effectiveBenchmark(power: "ZF02001", region: "白沙镇", asOf: "2024-01-01") { how region benchmark { conduct } }
        regions { id level parentId departments { name } }
        cases(power: "江北省/临川市/青禾县/青禾县农业农村局#NY02003", first: 2) {
            totalCount edges { node { id fine tierName tierId tier { name fine { max } benchmark { id } }
                                      power { code } department { name } } } }
    }""")
    assert "errors" not in body, body
    data = body["data"]
    assert data["effectiveBenchmark"]["how"] == "inherited"
    assert [r["id"] for r in data["regions"]] == ["江北省", "江北省/临川市", "江北省/临川市/青禾县",
                                                  "江北省/临川市/青禾县/白沙镇"]
    assert len(data["regions"][2]["departments"]) == 5
    cases = data["cases"]
    assert cases["totalCount"] == 3
    assert [e["node"]["id"] for e in cases["edges"]] == ["case:QH-2022-006", "case:QH-2021-002"]
    newest = cases["edges"][0]["node"]
    assert newest["tierId"].endswith("#NY02003@2021-06-01#3") and newest["power"]["code"] == "NY02003"
    assert newest["tier"]["benchmark"]["id"] == newest["tierId"].rpartition("#")[0]
    assert newest["tier"]["name"] == newest["tierName"]


def test_bad_arguments_are_clean_errors(client: TestClient) -> None:
    body = gql(client, '{ effectiveBenchmark(power: "NY02002", region: "火星") { how } }')
    assert body["data"] == {"effectiveBenchmark": None} and "no region '火星'" in body["errors"][0]["message"]
    body = gql(client, '{ powers(first: 1000) { totalCount } }')
    assert "first must be between 0 and 100" in body["errors"][0]["message"]
    assert gql(client, '{ power(id: "不存在") { id } }')["data"] == {"power": None}


def test_a_page_of_100_powers_with_nested_data_takes_a_constant_number_of_store_trips(
        store: GraphStore, settings: Settings, tmp_path: Path) -> None:
    from lawgraph.ingest.enforcement.load import ingest_benchmarks, ingest_powers
    from lawgraph.ingest.enforcement.read import Defaults

    assert load_sample(store, SAMPLE).ok
    bases = ["《中华人民共和国食品安全法》第一百二十二条第一款", "《中华人民共和国产品质量法》第四十九条",
             "《中华人民共和国安全生产法》第九十七条第（三）项"]
    with (tmp_path / "powers_extra.csv").open("w", encoding="utf-8") as handle:
        handle.write("职权编码,职权名称,职权类型,罚则依据,是否有裁量\n")
        for n in range(150):
            handle.write(f"X{n:03d},批量职权{n:03d},行政处罚,{bases[n % 3]},是\n")
    with (tmp_path / "benchmarks_extra.csv").open("w", encoding="utf-8") as handle:
        handle.write("序号,职权编码,违法行为,法律依据,裁量阶次,裁量标准\n")
        for n in range(150):
            for name, (lo, hi) in zip(("轻微", "一般", "严重"), ((1, 2), (2, 3), (3, 5)), strict=True):
                handle.write(f"{n},X{n:03d},批量职权{n:03d},{bases[n % 3]},{name},处{lo}万元以上{hi}万元以下罚款\n")
    defaults = Defaults(region="江北省/临川市/青禾县", department="青禾县测试局", effective=date(2023, 7, 1),
                        at=date(2023, 7, 1))
    assert ingest_powers(store, [tmp_path / "powers_extra.csv"], defaults).ok
    assert ingest_benchmarks(store, [tmp_path / "benchmarks_extra.csv"], defaults).ok
    query = """query($n: Int!) { powers(search: "批量职权", first: $n) { totalCount edges { node {
        id department { name regionId } bases { unit unitText role article { id label text } }
        benchmarks { id tiers { name fine { min max } } } } } } }"""
    trips = {}
    for size in (10, 100):  # each in an app of its own: nothing kept from the other page (graph.readcache)
        with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as client:
            store.round_trips = 0
            body = gql(client, query, n=size)
            assert "errors" not in body, body
            page = body["data"]["powers"]
            assert page["totalCount"] == 150 and len(page["edges"]) == size
            node = page["edges"][0]["node"]
            assert node["bases"][0]["unit"] and len(node["benchmarks"][0]["tiers"]) == 3
            assert node["bases"][0]["article"]["id"] == node["bases"][0]["unit"].split(".")[0]
            trips[size] = store.round_trips
    # the page's ids, the total, the powers, their benchmarks (and, beside the powers, the benchmarks' ids, to load
    # them at the same time), their basis articles
    assert trips[10] == trips[100] <= 6, trips


def test_a_page_loads_its_powers_benchmarks_beside_the_powers_only_when_asked(
        store: GraphStore, settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The benchmarks of a page's powers are loaded beside the powers (their ids first), once: the nodes' benchmarks
    come from the loader's cache, the same as without the look-ahead; a page not asking for them does not load
    them. Readers still do not get 涉密 powers or their benchmarks."""
    assert load_sample(store, sample_with_secret_powers(tmp_path, "NY02004", "HJ02002")).ok
    editor_key = "lg_editor_for_the_look_ahead"
    keys = [ApiKey(name="法制科", role="editor", sha256=hashlib.sha256(editor_key.encode()).hexdigest())]
    settings = settings.model_copy(update={"api_keys": keys})
    names: list[str] = []
    run = store.run

    def recorded(name: str, **params: Any) -> Any:
        names.append(name)
        return run(name, **params)

    with_benchmarks = """{ powers(first: 100) { edges { node { id benchmarkIds benchmarks { id tiers { name } } } } } }"""
    without = """{ powers(first: 100) { edges { node { id ... on Power { benchmarkIds } } } } }"""
    # (nothing kept between requests: each request's own reads are counted)
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader", "keep_reads": False}),
                               store=store)) as client:
        monkeypatch.setattr(store, "run", recorded)
        body = gql(client, with_benchmarks)
        assert "errors" not in body, body
        assert names.count("enforcement/benchmark_ids_of_powers") == 1 and names.count("enforcement/benchmarks") == 1
        nodes = [e["node"] for e in body["data"]["powers"]["edges"]]
        assert sum(len(n["benchmarks"]) for n in nodes) > 10
        for node in nodes:  # every benchmark a power names, and only those
            assert sorted(b["id"] for b in node["benchmarks"]) == sorted(node["benchmarkIds"])
        names.clear()
        body = gql(client, without)
        assert "errors" not in body, body
        assert "enforcement/benchmark_ids_of_powers" not in names and "enforcement/benchmarks" not in names
        # through a fragment, the look-ahead still sees the benchmarks asked for
        names.clear()
        body = gql(client, """{ powers(first: 5) { edges { ...E } } } fragment E on PowerEdge { node {
            benchmarks { id } } }""")
        assert "errors" not in body, body
        assert names.count("enforcement/benchmark_ids_of_powers") == 1 and names.count("enforcement/benchmarks") == 1
        # the 涉密 powers and their benchmarks: an editor's page has them, a reader's has neither
        query = """{ a: powers(search: "NY02004") { edges { node { id code benchmarks { id } } } }
                     b: powers(search: "HJ02002") { edges { node { id code benchmarks { id } } } } }"""
        seen = {}
        for who, headers in (("reader", {}), ("editor", {"X-API-Key": editor_key})):
            answer = client.post("/graphql", json={"query": query}, headers=headers).json()
            assert "errors" not in answer, answer
            seen[who] = {e["node"]["code"]: [b["id"] for b in e["node"]["benchmarks"]]
                         for page in ("a", "b") for e in answer["data"][page]["edges"]}
        assert {"NY02004", "HJ02002"} <= set(seen["editor"]) and any(seen["editor"][c] for c in ("NY02004", "HJ02002"))
        assert not {"NY02004", "HJ02002"} & set(seen["reader"])
        secret = {b for c in ("NY02004", "HJ02002") for b in seen["editor"][c]}
        assert not secret & {b for bs in seen["reader"].values() for b in bs}


@pytest.mark.parametrize("failing", ["enforcement/benchmark_ids_of_powers", "enforcement/benchmarks"])
def test_a_failed_look_ahead_leaves_the_page_whole(
        store: GraphStore, settings: Settings, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    """The look-ahead for a page's benchmarks is only a head start: when its read fails, the page is answered all
    the same, each power loading its own benchmarks (nothing failed is left in the loader's cache)."""
    assert load_sample(store, SAMPLE).ok
    run = store.run
    failed: list[str] = []

    def flaky(name: str, **params: Any) -> Any:
        if name == failing and not failed:  # the first read of this query in the request: the look-ahead's
            failed.append(name)
            raise StoreError("FalkorDB at unix:/tmp/x is unreachable (a moment's failure)")
        return run(name, **params)

    query = """{ powers(first: 100) { totalCount edges { node { id benchmarks { id tiers { name } } } } } }"""
    # (nothing kept between requests: the second request reads the store again)
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader", "keep_reads": False}),
                               store=store)) as client:
        expected = gql(client, query)
        assert "errors" not in expected and sum(len(e["node"]["benchmarks"])
                                                for e in expected["data"]["powers"]["edges"]) > 10
        monkeypatch.setattr(store, "run", flaky)
        body = gql(client, query)
    assert failed == [failing]
    assert body == expected


def test_confidential_powers_are_hidden_from_readers(store: GraphStore, settings: Settings) -> None:
    import hashlib

    from lawgraph.config import ApiKey

    assert load_sample(store, SAMPLE).ok
    editor = "lg_editor_for_confidential"
    keys = [ApiKey(name="editor", role="editor", sha256=hashlib.sha256(editor.encode()).hexdigest())]
    app = create_app(settings.model_copy(update={"anonymous_role": "reader", "api_keys": keys}), store=store)
    query = '{ powers(search: "涉密", first: 5) { totalCount edges { node { code confidential } } } power(id: "YJ13001") { code } }'
    with TestClient(app) as client:
        reader = client.post("/graphql", json={"query": query}).json()["data"]
        assert reader == {"powers": {"totalCount": 0, "edges": []}, "power": None}
        seen = client.post("/graphql", json={"query": query}, headers={"X-API-Key": editor}).json()["data"]
        assert seen["powers"]["edges"] == [{"node": {"code": "YJ13001", "confidential": True}}]
        assert seen["power"] == {"code": "YJ13001"}


def test_the_public_view_pages_published_powers_and_hides_confidential_ones(store: GraphStore,
                                                                          settings: Settings) -> None:
    """/public/graphql (anonymous, the 公示 view): pages of published powers with their total, one power with its
    benchmark in force; 涉密 powers are neither counted nor shown."""
    assert load_sample(store, SAMPLE).ok
    with TestClient(create_app(settings.model_copy(update={"public_view": True}), store=store)) as client:
        def ask(query: str) -> Any:
            body = client.post("/public/graphql", json={"query": query}).json()
            assert "errors" not in body, body
            return body["data"]

        first = ask('{ powers(first: 3) { totalCount hasNextPage endCursor powers { id code } } }')["powers"]
        published = int(store.run("enforcement/powers_count", region=None, department=None, category=None,
                                  search=None, confidential=False, regions=None)[0]["total"])
        everything = int(store.run("enforcement/powers_count", region=None, department=None, category=None,
                                   search=None, confidential=True, regions=None)[0]["total"])
        assert first["totalCount"] == published < everything and len(first["powers"]) == 3 and first["hasNextPage"]
        after = ask(f'{{ powers(first: 100, after: "{first["endCursor"]}") {{ powers {{ id code }} }} }}')["powers"]
        seen = first["powers"] + after["powers"]
        assert len({p["id"] for p in seen}) == len(seen) == published  # every one once, in pages
        assert "YJ13001" not in {p["code"] for p in seen}
        one = ask('{ power(id: "' + first["powers"][0]["id"] + '") { code benchmark { tiers { name } } } }')["power"]
        assert one["code"] == first["powers"][0]["code"]
        secret = store.run("enforcement/powers_page", region=None, department=None, category=None, search="涉密",
                           confidential=True, regions=None, skip=0, limit=1)[0]["id"]
        assert ask('{ power(id: "' + secret + '") { code } }')["power"] is None


def test_every_entity_navigates_both_ways(client: TestClient) -> None:
    body = gql(client, """{
      article(law: "农产品质量安全法", number: "50", asOf: "2020-01-01") {
        id version { id law { title } }
        paragraphs { id article { id } powers { edges { node { code } } } items { id powers { totalCount } } }
        powers { totalCount edges { node { code department { name region { level parent { id } } } } } }
        benchmarks { edges { node { code power { code }
                                    tiers { name benchmark { code } cases { edges { node { id power { code } } } } } } } }
        listEntries { totalCount } }
      law(title: "农产品质量安全法") { versions { id articles(first: 2) { totalCount edges { node { number } } } } }
      regions { id children { id } powers(level: "乡镇街道", first: 5) { totalCount } }
      power(id: "NY02002", region: "青禾县") {
        lists { kind highRisk power { code } department { name } }
        department { benchmarks(first: 100) { totalCount edges { node { code adopted { id } } } }
                     listEntries { totalCount edges { node { kind } } } cases(first: 50) { totalCount }
                     powers(first: 1) { totalCount } } }
      adopting: benchmark(id: "江北省/临川市/青禾县/青禾县农业农村局#NY02005@2021-06-01") {
        adopts adoptedId adopted { department { name } tiers { name } } }
    }""")
    assert "errors" not in body, body
    data = body["data"]
    article = data["article"]
    assert article["version"]["id"] == "农产品质量安全法@2018-10-26"
    assert article["version"]["law"]["title"].endswith("农产品质量安全法")
    first, second = article["paragraphs"][:2]
    assert first["id"] == "农产品质量安全法@2018-10-26/50.1" and first["article"]["id"] == article["id"]
    assert sorted(e["node"]["code"] for e in first["powers"]["edges"]) == ["NY02003", "SC02011"]
    assert second["powers"]["edges"] == []
    powers = [e["node"] for e in article["powers"]["edges"]]
    assert article["powers"]["totalCount"] == 2 and sorted(p["code"] for p in powers) == ["NY02003", "SC02011"]  # P1
    assert powers[0]["department"]["region"]["parent"]["id"] == "江北省/临川市"
    benchmarks = [e["node"] for e in article["benchmarks"]["edges"]]
    assert sorted(b["code"] for b in benchmarks) == ["NY02003", "SC02011"]
    farm = next(b for b in benchmarks if b["code"] == "NY02003")
    assert farm["power"]["code"] == "NY02003" and farm["tiers"][0]["benchmark"]["code"] == "NY02003"
    decided = {e["node"]["id"] for t in farm["tiers"] for e in t["cases"]["edges"]}
    assert decided == {"case:QH-2021-001", "case:QH-2021-002", "case:QH-2022-006"}
    versions = data["law"]["versions"]
    assert [v["articles"]["totalCount"] for v in versions] == [56, 81]
    assert versions[0]["articles"]["edges"][0]["node"]["number"] == "1"
    regions = {r["id"]: r for r in data["regions"]}
    assert [c["id"] for c in regions["江北省/临川市/青禾县"]["children"]] == ["江北省/临川市/青禾县/白沙镇"]
    assert regions["江北省/临川市/青禾县"]["powers"]["totalCount"] == 2  # 白沙镇's two
    power = data["power"]
    assert [(e["kind"], e["power"]["code"], e["department"]["name"]) for e in power["lists"]] == [
        ("不予处罚", "NY02002", "青禾县农业农村局")]
    department = power["department"]
    assert department["powers"]["totalCount"] == 21 and department["cases"]["totalCount"] == 9
    assert any(e["node"]["adopted"] for e in department["benchmarks"]["edges"])
    assert department["benchmarks"]["totalCount"] == len(department["benchmarks"]["edges"]) > 0
    assert department["listEntries"]["totalCount"] == len(department["listEntries"]["edges"])
    assert data["adopting"]["adopts"] and data["adopting"]["adopted"]["department"]["name"] == "江北省农业农村厅"


def test_power_filters_and_article_search(client: TestClient) -> None:
    body = gql(client, """{
      outdated: powers(region: "青禾县", status: "outdated", first: 50) { totalCount edges { node { code } } }
      open: powers(status: "open", first: 50) { edges { node { code } } }
      current: powers(status: "current", level: "县", first: 1) { totalCount }
      county: powers(level: "县", first: 1) { totalCount }
      dust: articles(search: "扬尘", law: "大气污染防治法", first: 3) { totalCount edges { node { id label
        version { id } } } }
      before: articles(search: "农产品生产记录", asOf: "2020-01-01", first: 5) { edges { node { id } } }
      after: articles(search: "农产品生产记录", asOf: "2024-01-01", first: 5) { edges { node { id } } }
    }""")
    assert "errors" not in body, body
    data = body["data"]
    assert sorted(e["node"]["code"] for e in data["outdated"]["edges"]) == [
        "NY02001", "NY02002", "NY02003", "NY02004", "NY02005", "NY06001", "SC02011"]  # P1, county and below
    assert [e["node"]["code"] for e in data["open"]["edges"]] == ["NY05001"]
    assert data["current"]["totalCount"] == data["county"]["totalCount"] - 7 - 1
    assert data["dust"]["totalCount"] >= 3
    assert all(e["node"]["id"].startswith("大气污染防治法@") for e in data["dust"]["edges"])
    assert all("@2018-10-26/" in e["node"]["id"] for e in data["before"]["edges"]) and data["before"]["edges"]
    assert all("@2022-09-02/" in e["node"]["id"] for e in data["after"]["edges"]) and data["after"]["edges"]
    bad = gql(client, '{ powers(status: "stale") { totalCount } }')
    assert "status must be one of" in bad["errors"][0]["message"]
    empty = gql(client, '{ articles(search: " ") { totalCount } }')
    assert "must not be empty" in empty["errors"][0]["message"]


def test_the_readme_graphql_examples_run_on_the_sample(client: TestClient) -> None:
    import re

    from tests.conftest import REPO

    blocks = re.findall(r"```graphql\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 2
    for block in blocks:
        body = gql(client, block)
        assert "errors" not in body, (block, body)


def test_readers_see_no_confidential_power_in_impact_or_findings(store: GraphStore, settings: Settings,
                                                                tmp_path: Path) -> None:
    import hashlib

    from lawgraph.config import ApiKey

    tree = sample_with_secret_powers(tmp_path, "NY02004", "HJ02002")
    assert load_sample(store, tree).ok
    editor = "lg_editor_for_confidential_impact"
    keys = [ApiKey(name="editor", role="editor", sha256=hashlib.sha256(editor.encode()).hexdigest())]
    app = create_app(settings.model_copy(update={"anonymous_role": "reader", "api_keys": keys}), store=store)
    query = """{ amendmentImpact(law: "农产品质量安全法", from: "2018", to: "2022") { breaks { owner { id } } }
                 findings(asOf: "2026-01-01") { rule code }
                 cases(first: 100) { totalCount edges { node { id } } }
                 article(law: "农产品质量安全法", number: "51", asOf: "2020-01-01") {
                   benchmarks { edges { node { code } } } listEntries { totalCount } }
                 power(id: "NY02001", region: "青禾县") { department {
                   benchmarks(first: 100) { totalCount edges { node { code } } } } } }"""
    with TestClient(app) as client:
        answers = {}
        for who, headers in (("reader", {}), ("editor", {"X-API-Key": editor})):
            body = client.post("/graphql", json={"query": query}, headers=headers).json()
            assert "errors" not in body, body
            answers[who] = body["data"]
    owners = {who: {(b["owner"] or {}).get("id") or "" for b in a["amendmentImpact"]["breaks"]}
              for who, a in answers.items()}
    assert owners["editor"] - owners["reader"] == {o for o in owners["editor"] if "NY02004" in o}
    assert any("NY02004" in o for o in owners["editor"]) and not any("NY02004" in o for o in owners["reader"])
    rules = {who: {(f["rule"], f["code"]) for f in a["findings"]} for who, a in answers.items()}
    assert ("F04", "HJ02002") in rules["editor"] and ("F04", "HJ02002") not in rules["reader"]
    # nor their benchmarks and cases anywhere else: QH-2022-004 and -005 were decided under NY02004
    cases = {who: {e["node"]["id"] for e in a["cases"]["edges"]} for who, a in answers.items()}
    assert cases["editor"] - cases["reader"] == {"case:QH-2022-004", "case:QH-2022-005"}
    assert answers["reader"]["cases"]["totalCount"] == answers["editor"]["cases"]["totalCount"] - 2
    assert [e["node"]["code"] for e in answers["editor"]["article"]["benchmarks"]["edges"]] == ["NY02004"]
    mine = {who: a["power"]["department"]["benchmarks"] for who, a in answers.items()}
    assert {e["node"]["code"] for e in mine["editor"]["edges"]} - {e["node"]["code"] for e in mine["reader"]["edges"]} \
        == {"NY02004"}
    assert mine["reader"]["totalCount"] == mine["editor"]["totalCount"] - 1 == len(mine["reader"]["edges"])
    assert answers["reader"]["article"]["benchmarks"] == {"edges": []}


def test_what_rests_on_an_article_comes_in_pages(client: TestClient) -> None:
    query = """query($after: String) { article(law: "农产品质量安全法", number: "50", asOf: "2020-01-01") {
      powers(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } } }"""
    seen, after = [], None
    for _ in range(3):
        page = gql(client, query, after=after)["data"]["article"]["powers"]
        assert page["totalCount"] == 2
        seen += [e["node"]["code"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == ["NY02003", "SC02011"]
    too_many = gql(client, '{ article(law: "农产品质量安全法", number: "50", asOf: "2020-01-01") { powers(first: 500) '
                           '{ totalCount } } }')
    assert "first must be between 0 and 100" in too_many["errors"][0]["message"]


def test_editors_review_an_alignment_over_graphql(store: GraphStore, settings: Settings) -> None:
    import hashlib

    from lawgraph.config import ApiKey

    assert load_sample(store, SAMPLE).ok
    editor = "lg_editor_for_alignment_review"
    keys = [ApiKey(name="reviewer", role="editor", sha256=hashlib.sha256(editor.encode()).hexdigest())]
    app = create_app(settings.model_copy(update={"anonymous_role": "reader", "api_keys": keys}), store=store)
    review = """mutation { reviewAlignment(law: "农产品质量安全法", from: "2018", to: "2022", rows: [
        {old: "50", new: "70", kind: "split"}, {old: "50", new: "71", kind: "split"}]) { old new kind } }"""
    bad = """mutation { reviewAlignment(law: "农产品质量安全法", from: "2018", to: "2022", rows: [
        {old: "50", new: "170", kind: "split"}, {old: "50", new: "71", kind: "split"}]) { old } }"""
    rows = '{ alignment(law: "农产品质量安全法", from: "2018", to: "2022") { old new kind similarity } }'
    with TestClient(app) as client:
        denied = client.post("/graphql", json={"query": review}).json()
        assert "editor role is needed" in denied["errors"][0]["message"]
        before = client.post("/graphql", json={"query": rows}).json()["data"]["alignment"]
        assert {"old": "50", "new": "71", "kind": "renumbered_modified"} in [
            {k: r[k] for k in ("old", "new", "kind")} for r in before]
        refused = client.post("/graphql", json={"query": bad}, headers={"X-API-Key": editor}).json()
        assert "row 1: the new version has no article '170'" in refused["errors"][0]["message"]
        done = client.post("/graphql", json={"query": review}, headers={"X-API-Key": editor}).json()
        assert "errors" not in done, done
        assert {(r["old"], r["new"], r["kind"]) for r in done["data"]["reviewAlignment"]} >= {
            ("50", "70", "split"), ("50", "71", "split")}
        after = client.post("/graphql", json={"query": rows}).json()["data"]["alignment"]
        assert ("50", "70", "split") in {(r["old"], r["new"], r["kind"]) for r in after}
    actions = [(r["entry"]["action"], r["entry"]["ok"]) for r in store.run("audit/page", skip=0, limit=50)]
    assert ("review_alignment", True) in actions and ("review_alignment", False) in actions


def test_a_benchmark_of_a_confidential_upper_power_is_not_inherited_by_readers(store: GraphStore, settings: Settings,
                                                                               tmp_path: Path) -> None:
    """The county's NY02002 inherits the province's benchmark; when the province's NY02002 is 涉密, readers (and
    the public view) get no benchmark for it — editors still do."""
    import csv
    import datetime as dt
    import shutil

    from lawgraph.graph.repos import enforcement as repo

    tree = tmp_path / "sample"
    shutil.copytree(SAMPLE, tree)
    table = tree / "county" / "powers_江北省.csv"
    rows = list(csv.reader(table.open(encoding="utf-8")))
    code = rows[0].index("职权编码")
    if "是否涉密" not in rows[0]:
        rows[0].append("是否涉密")
        rows[1:] = [[*r, ""] for r in rows[1:]]
    secret = rows[0].index("是否涉密")
    for row in rows[1:]:
        if row[code] == "NY02002":
            row[secret] = "是"
    with table.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    assert load_sample(store, tree).ok
    county = repo.find_power(store, "NY02002", "江北省/临川市/青禾县")["id"]
    day = dt.date(2024, 1, 1)
    assert repo.effective_benchmark(store, county, "江北省/临川市/青禾县", day) is not None  # editors
    assert repo.effective_benchmark(store, county, "江北省/临川市/青禾县", day, confidential=False) is None
    query = """{ power(id: "NY02002", region: "青禾县") { effectiveBenchmark(asOf: "2024-01-01") { how } } }"""
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as client:
        answer = client.post("/graphql", json={"query": query}).json()
    assert answer == {"data": {"power": {"effectiveBenchmark": None}}}, answer


def test_an_impact_gives_each_units_text_once_and_the_breaks_texts_agree(client: TestClient) -> None:
    """amendmentImpact.texts: every unit the breaks name, once; a break's oldText is its unitOld's text and its
    newText its unitNew's texts joined by newlines — so a client selecting texts instead loses nothing."""
    found = gql(client, """{ amendmentImpact(law: "农产品质量安全法", from: "2018", to: "2022") {
        texts { unit text } breaks { kind unitOld unitNew oldText newText } } }""")["data"]["amendmentImpact"]
    texts = {t["unit"]: t["text"] for t in found["texts"]}
    assert len(texts) == len(found["texts"])  # each once
    breaks = found["breaks"]
    assert len(breaks) >= 30
    named = {b["unitOld"] for b in breaks} | {u for b in breaks for u in b["unitNew"]}
    assert set(texts) == named
    for b in breaks:
        assert b["oldText"] == texts[b["unitOld"]] and b["oldText"]
        assert b["newText"] == "\n".join(texts[u] for u in b["unitNew"])
    assert any(len(b["unitNew"]) > 1 for b in breaks) or any(not b["unitNew"] for b in breaks)
    assert len(texts) < len(breaks) // 3  # (why it is there: few units, many breaks)
