"""The two stores side by side: the same workloads on the embedded FalkorDB and on a Neo4j 5.26 server in one run,
with the ratio Neo4j / FalkorDB for each.

    .venv/bin/python -m bench.stores [--runs 5] [--statutes 400] [--sizes 10000,50000]

Workloads (each on a fresh, empty store of each kind):
- sample ingest: `lawgraph ingest sample` (statutes, alignment, the county's tables);
- statute ingest: the first `--statutes` files of the corpus (lawrefbook), parsed once, stored and linked;
- impact of 农产品质量安全法 2018 → 2022 at each of `--sizes` powers (bench.impact_scale's province);
- overlaps at 10k powers (bench.overlaps_scale's province);
- a GraphQL page of 50 powers with their tiers (one client, in process), at the largest size;
- a 1-hop look-up: one power with its department and region, by id.
Median (and p95 where repeated) of `--runs`; the server for Neo4j is started from tools/neo4j-server and stopped
at the end. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.impact_scale import NEW, OLD, populate, prepare
from lawgraph.analysis.impact import impact
from lawgraph.analysis.overlaps import overlaps
from lawgraph.config import Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.store import GraphStore, open_store
from lawgraph.ingest.load import ingest_statutes
from lawgraph.ingest.sample import load_sample
from scripts import with_neo4j  # build, start and stop the Neo4j launcher (tools/neo4j-server)

REPO = Path(__file__).resolve().parent.parent

SAMPLE = REPO / "data" / "sample"
CORPUS = REPO.parent / "shared" / "corpus" / "lawrefbook"
PAGE = """{ powers(first: 50) { totalCount edges { node { id name department { name } bases { unit }
  benchmarks { id tiers { name conditions fine { min max } } } } } } }"""  # bench/locustfile.py's page50


@contextmanager
def embedded_store() -> Iterator[GraphStore]:
    directory = Path(tempfile.mkdtemp(prefix="lgs-", dir="/tmp"))
    store = open_store(Settings(graph_url=f"embedded:{directory}", batch_size=5000))
    try:
        yield store
    finally:
        store.close()
        embedded.stop_server(directory)
        shutil.rmtree(directory, ignore_errors=True)


@contextmanager
def neo4j_store() -> Iterator[GraphStore]:
    with_neo4j.build()
    folder = Path(tempfile.mkdtemp(prefix="lgs-neo4j-", dir="/tmp"))
    password = "bench-" + str(random.randrange(10**9))
    proc, port = with_neo4j.start(folder, password, "1g", "512m")
    store = open_store(Settings(graph_url=f"bolt://127.0.0.1:{port}", neo4j_password=password, batch_size=5000))
    try:
        yield store
    finally:
        store.close()
        with_neo4j.stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


def timed(job: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], result


def workloads(store: GraphStore, args: argparse.Namespace) -> dict[str, tuple[float, float, str]]:
    """Run every workload on `store`; figure name → (median s, p95 s, note)."""
    out: dict[str, tuple[float, float, str]] = {}
    for run in ("first, fresh server", "again, warm"):  # Neo4j plans each query on its first use (query cache)
        store.clear()
        store.round_trips = 0
        start = time.perf_counter()
        assert load_sample(store, SAMPLE).ok
        took = time.perf_counter() - start
        out[f"sample ingest ({run})"] = (took, took, f"{store.round_trips} trips")
    store.clear()
    files = sorted(CORPUS.rglob("*.md"))[:args.statutes]
    store.round_trips = 0
    start = time.perf_counter()
    report = ingest_statutes(store, files, workers=1)
    took = time.perf_counter() - start
    out[f"statute ingest ({len(files)} files)"] = (took, took, f"{report.articles} articles, "
                                                              f"{store.round_trips} trips")
    store.clear()
    assert load_sample(store, SAMPLE).ok
    hot, cold = prepare(store, statutes=False)  # the sample's statutes are loaded already
    rng = random.Random(11)
    sizes = [int(s) for s in args.sizes.split(",")]
    affected = set(rng.sample(range(sizes[0]), 3000))
    done = 0
    for size in sizes:
        for chunk in range(done, size, 20_000):
            populate(store, chunk, min(chunk + 20_000, size), affected, hot, cold, rng)
        done = size
        store.round_trips = 0
        p50, p95, result = timed(lambda: impact(store, "农产品质量安全法", OLD, NEW), args.runs)
        out[f"impact at {size // 1000}k powers"] = (p50, p95, f"{len(result['breaks'])} breaks, "
                                                              f"{store.round_trips // args.runs} trips")
        if size == sizes[0]:
            p50, p95, found = timed(lambda: overlaps(store), max(1, args.runs // 2))
            out[f"overlaps at {size // 1000}k powers"] = (p50, p95, f"{found['stats']['candidates']} candidates")
    some = _power_ids(store)
    p50, p95, _ = timed(lambda: repo.power(store, some[len(some) // 2]), args.runs * 10)
    out["one power with all it links (repo.power)"] = (p50, p95, "")
    p50, p95, _ = timed(lambda: store.run("regions/departments", id="江北省/市3/县13", prefix="江北省/市3/县13/"),
                        args.runs * 10)
    out["1-hop look-up (a county's departments)"] = (p50, p95, "")
    out["GraphQL page of 50 powers"] = graphql_page(store, args.runs * 4)
    return out


def _power_ids(store: GraphStore) -> list[str]:
    rows = store.run("enforcement/powers_page", region=None, department=None, category=None, search=None,
                     confidential=True, regions=None, skip=0, limit=200)
    return [str(row["id"]) for row in rows]


def graphql_page(store: GraphStore, runs: int) -> tuple[float, float, str]:
    from fastapi.testclient import TestClient

    from lawgraph.api.app import create_app

    app = create_app(Settings(graph_url="embedded:/nonexistent", anonymous_role="reader"), store=store)
    with TestClient(app) as client:
        def page() -> Any:
            answer = client.post("/graphql", json={"query": PAGE}).json()
            assert "errors" not in answer, answer
            return answer

        p50, p95, answer = timed(page, runs)
    return p50, p95, f"{answer['data']['powers']['totalCount']} powers in all"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--statutes", type=int, default=400)
    parser.add_argument("--sizes", default="10000,50000")
    args = parser.parse_args()
    results: dict[str, dict[str, tuple[float, float, str]]] = {}
    for name, opener in (("FalkorDB (embedded)", embedded_store), ("Neo4j 5.26", neo4j_store)):
        print(f"== {name}", flush=True)
        with opener() as store:
            results[name] = workloads(store, args)
        for figure, (p50, p95, note) in results[name].items():
            print(f"  {figure:<42} p50 {p50 * 1000:>9.1f} ms  p95 {p95 * 1000:>9.1f} ms  {note}", flush=True)
    falkor, neo = results.values()
    print("\n| workload | FalkorDB p50 ms | Neo4j p50 ms | ratio Neo4j / FalkorDB |\n|---|---|---|---|")
    for figure in falkor:
        a, b = falkor[figure][0], neo[figure][0]
        print(f"| {figure} | {a * 1000:,.1f} | {b * 1000:,.1f} | {b / a:.2f} |")


if __name__ == "__main__":
    main()
