"""A real Neo4j 5.26 server (tools/neo4j-server) of this module's own, in both runs of the suite. The `neo4j://` routing path (what a cluster
is reached by) answers reads that follow writes; wrong credentials, a stopped server and a conflicting index are
messages, never tracebacks; /readyz says 503 when the server is gone."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lawgraph.api.app import create_app
from lawgraph.config import Settings
from lawgraph.errors import StoreError
from lawgraph.graph.repos.laws import stats
from lawgraph.graph.store import open_store
from lawgraph.ingest.sample import load_sample
from scripts import with_neo4j
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[int, str]]:
    """A Neo4j server of this module's own (it is stopped at the end): (port, password)."""
    with_neo4j.build()
    folder = Path(tempfile.mkdtemp(prefix="lg-neo4j-t-", dir="/tmp"))
    password = secrets.token_urlsafe(12)
    proc, port = with_neo4j.start(folder, password, "512m", "64m")
    try:
        yield port, password
    finally:
        with_neo4j.stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


def test_routing_uri_reads_what_was_just_written(server: tuple[int, str]) -> None:
    port, password = server
    store = open_store(Settings(graph_url=f"neo4j://127.0.0.1:{port}", neo4j_password=password))
    try:
        store.clear()
        assert load_sample(store, SAMPLE).ok  # writes through execute_write (the leader on a cluster)
        counted = stats(store)  # reads through execute_read, bookmarked after the writes
        assert counted["nodes"]["Law"] >= 5 and counted["nodes"]["Power"] > 50
        law = store.run("laws/find_law", id="农产品质量安全法", title="农产品质量安全法")
        assert law and law[0]["id"] == "农产品质量安全法"
    finally:
        store.close()


def test_wrong_password_is_a_message(server: tuple[int, str]) -> None:
    port, _ = server
    with pytest.raises(StoreError, match=r"refused the credentials.*LAWGRAPH_NEO4J_PASSWORD"):
        open_store(Settings(graph_url=f"bolt://127.0.0.1:{port}", neo4j_password="wrong-password"))


def test_unreachable_server_is_a_message_and_not_ready() -> None:
    port = with_neo4j.free_port()  # nothing listens there
    with pytest.raises(StoreError, match=r"(?s)unreachable.*is the server running"):
        open_store(Settings(graph_url=f"bolt://127.0.0.1:{port}", neo4j_password="x"))


def test_readyz_says_503_when_the_server_goes() -> None:
    folder = Path(tempfile.mkdtemp(prefix="lg-neo4j-r-", dir="/tmp"))
    own_password = secrets.token_urlsafe(12)
    proc, own_port = with_neo4j.start(folder, own_password, "512m", "64m")
    settings = Settings(graph_url=f"bolt://127.0.0.1:{own_port}", neo4j_password=own_password,
                        anonymous_role="reader", neo4j_retry_seconds=1)
    store = open_store(settings)
    try:
        with TestClient(create_app(settings, store=store)) as client:
            assert client.get("/readyz").status_code == 200
            with_neo4j.stop(proc)
            gone = client.get("/readyz")
            assert gone.status_code == 503 and gone.json() == {"status": "unavailable"}
            answer = client.post("/graphql", json={"query": "{ laws(first: 1) { totalCount } }"})
            assert answer.json()["errors"][0]["message"].startswith("internal error")  # masked, no traceback
    finally:
        store.close()
        with_neo4j.stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_conflicting_index_is_an_error_naming_it(server: tuple[int, str]) -> None:
    from neo4j import GraphDatabase

    port, password = server
    settings = Settings(graph_url=f"bolt://127.0.0.1:{port}", neo4j_password=password)
    open_store(settings).close()  # the schema as lawgraph makes it
    with GraphDatabase.driver(settings.graph_url, auth=("neo4j", password)) as driver:
        driver.execute_query("DROP CONSTRAINT region_id")
        driver.execute_query("CREATE INDEX someone_elses FOR (n:Region) ON (n.id)")
        try:
            with pytest.raises(StoreError, match="region_id"):
                open_store(settings)
        finally:
            driver.execute_query("DROP INDEX someone_elses")
    open_store(settings).close()  # with the index gone, the constraint is made again
