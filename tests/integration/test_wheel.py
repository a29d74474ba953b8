"""lawgraph as installed software: the wheel, in a fresh virtualenv outside the checkout, run from an empty
folder — the bundled sample, one GraphQL query through `lawgraph serve`, and `lawgraph impact` as JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, free_port, neo4j_settings, wait_ready


@pytest.fixture(scope="module")
def installed() -> Iterator[tuple[Path, Path]]:
    """(the built wheel, a fresh virtualenv with it installed), both outside the checkout."""
    root = Path(tempfile.mkdtemp(prefix="lgw-", dir="/tmp"))
    try:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q",
                        "-w", str(root / "dist"), str(REPO)], check=True, cwd=root, capture_output=True)
        wheel = next((root / "dist").glob("lawgraph-*.whl"))
        subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
        subprocess.run([str(root / "venv" / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
                        str(wheel)], check=True, cwd=root, capture_output=True)
        yield wheel, root
    finally:
        store = root / "xdg" / "lawgraph" / "store"
        if store.exists() and (root / "venv" / "bin" / "lawgraph").exists():
            subprocess.run([str(root / "venv" / "bin" / "lawgraph"), "db", "stop"], env=_env(root), cwd=root,
                           capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def _env(root: Path) -> dict[str, str]:
    """A clean environment; in the Neo4j run the installed lawgraph is pointed at the suite's Neo4j (its
    LAWGRAPH_GRAPH_URL and LAWGRAPH_NEO4J_* are kept), in the embedded run it uses its per-user default store."""
    keep = neo4j_settings() is not None
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LAWGRAPH_", "NEO4J_", "VIRTUAL_ENV")) or (keep and k.startswith("LAWGRAPH_"))}
    env["XDG_DATA_HOME"] = str(root / "xdg")
    env["PATH"] = f"{root / 'venv' / 'bin'}:{env.get('PATH', '')}"
    return env



def test_the_wheel_holds_one_top_level_package_and_its_files(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/", 1)[0] for name in names if not name.split("/", 1)[0].endswith(".dist-info")}
    assert top == {"lawgraph"}
    for needed in ("lawgraph/cypher/schema/falkordb.cypher", "lawgraph/cypher/laws/find_law.cypher",
                   "lawgraph/domain/data/boilerplate_clauses.txt", "lawgraph/api/static/graphiql.html",
                   "lawgraph/sample/statutes/农产品质量安全法(2022-09-02).md", "lawgraph/py.typed",
                   "lawgraph/web/static/index.html", "lawgraph/web/static/js/main.js"):
        assert needed in names, needed


def test_installed_lawgraph_runs_from_an_empty_folder(installed: tuple[Path, Path]) -> None:
    _, root = installed
    empty = root / "empty"
    empty.mkdir()
    env = _env(root)
    lawgraph = str(root / "venv" / "bin" / "lawgraph")

    loaded = subprocess.run([lawgraph, "ingest", "sample"], cwd=empty, env=env, capture_output=True, text=True,
                            timeout=600)
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout)["statutes"]["laws"] > 5

    impact = subprocess.run([lawgraph, "impact", "农产品质量安全法", "--from", "2018", "--to", "2022", "--format",
                             "json"], cwd=empty, env=env, capture_output=True, text=True, timeout=300)
    assert impact.returncode == 0, impact.stderr
    found = json.loads(impact.stdout)
    assert found["breaks"] and found["summary"]

    port = free_port()
    server = subprocess.Popen([lawgraph, "serve", "--port", str(port)], cwd=empty,
                              env={**env, "LAWGRAPH_ANONYMOUS_ROLE": "reader"}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server)
        query = json.dumps({"query": '{ laws(search: "农产品质量安全法") { totalCount edges { node { title } } } }'})
        request = urllib.request.Request(f"{base}/graphql", data=query.encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            data = json.loads(answer.read())
        assert "errors" not in data, data
        assert data["data"]["laws"]["totalCount"] >= 1
        assert any("农产品质量安全法" in e["node"]["title"] for e in data["data"]["laws"]["edges"])
        with urllib.request.urlopen(f"{base}/graphiql", timeout=10) as answer:
            assert answer.status == 200 and b"graphiql" in answer.read().lower()
    finally:
        server.terminate()
        server.wait(timeout=30)
    # nothing was written where the command ran
    assert list(empty.iterdir()) == []
