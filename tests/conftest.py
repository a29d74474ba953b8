"""Shared fixtures: the real store (embedded FalkorDB by default, Neo4j when LAWGRAPH_GRAPH_URL names one)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lawgraph.config import Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.store import GraphStore, open_store

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"
CORPUS = REPO.parent / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data"


def sample_with_secret_powers(tmp_path: Path, *codes: str) -> Path:
    """A copy of the sample whose county powers `codes` are marked 涉密 (是否涉密 = 是)."""
    import csv

    tree = tmp_path / "sample"
    shutil.copytree(SAMPLE, tree)
    table = tree / "county" / "powers_青禾县.csv"
    rows = list(csv.reader(table.open(encoding="utf-8")))
    code, secret = rows[0].index("职权编码"), rows[0].index("是否涉密")
    for row in rows[1:]:
        if row[code] in codes:
            row[secret] = "是"
    with table.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return tree


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(base: str, server: subprocess.Popen[Any], seconds: float = 60) -> None:
    """Wait until `lawgraph serve` at `base` answers /readyz 200; fail if it exits or takes longer."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        assert server.poll() is None and time.monotonic() < deadline, "lawgraph serve did not become ready"
        time.sleep(0.3)


def corpus() -> Path:
    """The shared corpus beside the checkout; a missing corpus is a failure, not a skip."""
    if not (CORPUS / "lawrefbook").is_dir():
        pytest.fail(f"the shared corpus is expected at {CORPUS} (shared/ beside the checkout)")
    return CORPUS


def neo4j_settings() -> Settings | None:
    """Settings for a real Neo4j when LAWGRAPH_GRAPH_URL names one (with LAWGRAPH_NEO4J_USER, _PASSWORD and
    _DATABASE, the same settings the CLI and the server read)."""
    url = os.environ.get("LAWGRAPH_GRAPH_URL", "")
    if not url.startswith(("neo4j://", "bolt://", "neo4j+s://", "bolt+s://")):
        return None
    return Settings()


@pytest.fixture(scope="session")
def data_root() -> Iterator[Path]:
    """A short temporary folder (unix socket paths are limited to ~100 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="lg-", dir="/tmp"))
    yield path
    for child in path.iterdir():
        if child.is_dir() and (child / embedded.SOCKET_NAME).exists():
            embedded.stop_server(child)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(data_root: Path) -> Settings:
    """Settings of the store the suite runs against."""
    return neo4j_settings() or Settings(graph_url=f"embedded:{data_root / 'db'}")


@pytest.fixture(scope="session")
def session_store(settings: Settings) -> Iterator[GraphStore]:
    """One store for the session."""
    store = open_store(settings)
    yield store
    store.close()


@pytest.fixture
def store(session_store: GraphStore) -> GraphStore:
    """The session store, emptied before the test."""
    session_store.clear()
    session_store.round_trips = 0
    return session_store
