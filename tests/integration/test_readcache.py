"""Reads kept between API requests (graph.readcache) while the graph is not written: a page, its total, its powers
and their benchmarks are answered again without the store, and a write through lawgraph from another connection
(as another process: an ingest from the CLI) is seen by the very next request. On Neo4j nothing is kept (no write
token): every request reads the store, and the answers are as fresh."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from lawgraph.api.app import create_app
from lawgraph.config import ApiKey, Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.store import GraphStore, open_store
from lawgraph.ingest.enforcement.load import ingest_powers
from lawgraph.ingest.enforcement.read import Defaults
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE, sample_with_secret_powers

PAGE = """{ powers(first: 50) { totalCount edges { node { id name department { name } bases { unit }
    benchmarks { id tiers { name conditions fine { min max } } } } } } }"""
COUNTY = Defaults(region="江北省/临川市/青禾县", department="青禾县测试局", effective=date(2023, 7, 1),
                  at=date(2023, 7, 1))


def _post(client: TestClient, query: str) -> dict[str, Any]:
    body: dict[str, Any] = client.post("/graphql", json={"query": query}).json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def _table(path: Path, name: str) -> Path:
    path.write_text("职权编码,职权名称,职权类型,罚则依据,是否有裁量\n"
                    f"KEPT01,{name},行政处罚,《中华人民共和国食品安全法》第一百二十二条第一款,是\n", encoding="utf-8")
    return path


def test_a_page_is_kept_until_the_graph_is_written_from_anywhere(store: GraphStore, settings: Settings,
                                                                 tmp_path: Path) -> None:
    assert load_sample(store, SAMPLE).ok
    kept = store.generation() is not None  # the embedded store and FalkorDB keep a write token; Neo4j does not
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as client:
        store.round_trips = 0
        first = _post(client, PAGE)
        cold = store.round_trips
        assert cold >= 4 and first["powers"]["totalCount"] >= 10
        store.round_trips = 0
        assert _post(client, PAGE) == first
        assert store.round_trips == (0 if kept else cold)  # kept: the page, its total, powers, benchmarks

        # another connection (as another process would) writes a power: the next request sees it
        other = open_store(settings)
        try:
            assert ingest_powers(other, [_table(tmp_path / "powers_a.csv", "保管期间的检查")], COUNTY).ok
            store.round_trips = 0
            after = _post(client, PAGE)
            assert store.round_trips >= 2  # read again: at least the page and its total
            assert after["powers"]["totalCount"] == first["powers"]["totalCount"] + 1
            found = _post(client, '{ powers(search: "保管期间的检查") { edges { node { id name } } } }')
            assert [e["node"]["name"] for e in found["powers"]["edges"]] == ["保管期间的检查"]
            # the same power renamed (the same id, the same page keys): the kept power rows are not given again
            assert ingest_powers(other, [_table(tmp_path / "powers_b.csv", "保管期间的抽查")], COUNTY).ok
            renamed = _post(client, '{ powers(search: "保管期间") { edges { node { id name } } } }')
            assert [e["node"]["name"] for e in renamed["powers"]["edges"]] == ["保管期间的抽查"]
            assert _post(client, PAGE)["powers"]["totalCount"] == after["powers"]["totalCount"]
        finally:
            other.close()

    # turned off: every request reads the store
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader", "keep_reads": False}),
                               store=store)) as client:
        _post(client, PAGE)
        store.round_trips = 0
        _post(client, PAGE)
        assert store.round_trips >= 4


def test_the_write_token_changes_with_every_write_and_only_then(store: GraphStore) -> None:
    token = store.generation()
    if token is None:  # Neo4j: no token, ever (so nothing is kept)
        store.execute("laws/mark_follow_up", rows=[{"id": "x", "to": "x@1"}])
        assert store.generation() is None
        return
    assert store.generation() == token  # reads leave it
    store.run("laws/follow_ups")
    assert store.generation() == token
    changes = [lambda: store.execute("laws/mark_follow_up", rows=[{"id": "x", "to": "x@1"}]),
               lambda: store.write("laws/clear_follow_up", [{"id": "x", "to": "x@1"}]),
               # a writing query sent as a read still counts
               lambda: store.run("laws/clear_follow_up", rows=[{"id": "x", "to": "x@1"}]),
               store.clear]
    for change in changes:
        change()
        assert store.generation() != token
        token = store.generation()
    store.write("laws/clear_follow_up", [])  # nothing written: the same token
    assert store.generation() == token
    # a write whose reply never came (a lost connection): nothing is kept until a write settles it, or 5 minutes
    store._unsettled()  # type: ignore[attr-defined]
    assert store.generation() is None
    store.execute("laws/mark_follow_up", rows=[{"id": "x", "to": "x@1"}])
    assert store.generation() not in (None, token)


def test_a_restarted_server_is_a_new_generation() -> None:
    """The last token set may be lost with a crash while the write it follows was kept (the AOF is flushed every
    second): the server's run id is part of the generation, so a restart changes it whatever the token."""
    folder = Path(tempfile.mkdtemp(prefix="lg-gen-", dir="/tmp"))
    try:
        store = open_store(Settings(graph_url=f"embedded:{folder}"))
        store.execute("laws/mark_follow_up", rows=[{"id": "x", "to": "x@1"}])
        before = store.generation()
        assert before is not None
        store.close()
        embedded.stop_server(folder)
        store = open_store(Settings(graph_url=f"embedded:{folder}"))
        after = store.generation()
        store.close()
        assert after is not None and after != before
        assert after.rpartition(":")[2] == before.rpartition(":")[2]  # the same token, kept through the restart
    finally:
        embedded.stop_server(folder)
        shutil.rmtree(folder, ignore_errors=True)


IMPACT = """{ amendmentImpact(law: "农产品质量安全法", from: "2018", to: "2022") { affectedUnits
    summary { kind count } breaks { kind owner { id name } tier { name } unitOld needsReview } } }"""


def test_an_impact_is_kept_until_the_graph_is_written(store: GraphStore, settings: Settings,
                                                      tmp_path: Path) -> None:
    """The same impact asked again is answered without computing it; a reader's (no 涉密 items) and an editor's
    are kept apart; a write from another connection is in the next one."""
    assert load_sample(store, sample_with_secret_powers(tmp_path, "NY02004")).ok
    kept = store.generation() is not None
    key = "lg_editor_for_kept_impacts"
    keys = [ApiKey(name="editor", role="editor", sha256=hashlib.sha256(key.encode()).hexdigest())]
    app = create_app(settings.model_copy(update={"anonymous_role": "reader", "api_keys": keys}), store=store)

    def ask(editor: bool) -> dict[str, Any]:
        body = client.post("/graphql", json={"query": IMPACT}, headers={"X-API-Key": key} if editor else {}).json()
        assert "errors" not in body, body
        found: dict[str, Any] = body["data"]["amendmentImpact"]
        return found

    def owners(found: dict[str, Any]) -> set[str]:
        return {b["owner"]["id"] for b in found["breaks"] if b["owner"]}

    with TestClient(app) as client:
        store.round_trips = 0
        editor = ask(True)
        cold = store.round_trips
        assert len(editor["breaks"]) >= 30 and any("NY02004" in o for o in owners(editor))
        store.round_trips = 0
        assert ask(True) == editor
        # kept: only finding the law and its two versions (no alignment, dependents, tiers or cases read)
        assert (store.round_trips <= 4 < cold) if kept else store.round_trips > 4
        # a reader's impact leaves the 涉密 power out: it is not the editor's kept one
        store.round_trips = 0
        reader = ask(False)
        assert store.round_trips > 4
        assert not any("NY02004" in o for o in owners(reader)) and owners(reader) < owners(editor)
        store.round_trips = 0
        assert ask(False) == reader and ask(True) == editor
        assert store.round_trips <= 8 if kept else store.round_trips > 8

        # a power resting on the 2018 text, written from another connection: the next impact has its breaks
        table = tmp_path / "powers.csv"
        table.write_text("职权编码,职权名称,职权类型,罚则依据,是否有裁量\n"
                         "KEPT02,销售不合格农产品的处罚,行政处罚,《中华人民共和国农产品质量安全法》第五十条,是\n",
                         encoding="utf-8")
        other = open_store(settings)
        try:
            before_2022 = Defaults(region=COUNTY.region, department=COUNTY.department, effective=date(2021, 6, 1),
                                   at=date(2021, 6, 1))
            assert ingest_powers(other, [table], before_2022).ok
        finally:
            other.close()
        after = ask(True)
        assert any("KEPT02" in o for o in owners(after)) and len(after["breaks"]) > len(editor["breaks"])
        store.round_trips = 0
        assert ask(True) == after
        assert (store.round_trips <= 4) if kept else store.round_trips > 4
