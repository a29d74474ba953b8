"""A GraphQL page of 50 powers with nested departments, bases, benchmarks and tiers (bench/locustfile.py's page50,
through the app in process, one client) as the graph grows — and the page's id read before and after (issue 18),
interleaved on the same store: the previous enforcement/powers_page (every matching id collected, sorted and
sliced in one query) against the current pair (the page sorted and cut in the store, ORDER BY … SKIP LIMIT, and
enforcement/powers_count, sent at once from two threads as the resolver does).

    .venv/bin/python -m bench.graphql_page [--sizes 20000,50000] [--runs 30]

On bench.impact_scale's generated province (4 tiers per benchmark). Prints p50 / p95; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.testclient import TestClient

from bench.impact_scale import populate, prepare
from bench.stores import PAGE, embedded_store
from lawgraph.api.app import create_app
from lawgraph.config import Settings
from lawgraph.graph.store import GraphStore

# enforcement/powers_page as it was until 2026-12-01 (kept here to measure against)
BEFORE = """MATCH (d:Department)-[:HOLDS]->(p:Power)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($regions IS NULL OR d.region IN $regions)
  AND ($department IS NULL OR d.id = $department)
  AND ($category IS NULL OR p.category = $category)
  AND ($search IS NULL OR p.name CONTAINS $search OR p.code = $search)
  AND ($confidential OR coalesce(p.confidential, false) = false)
WITH p ORDER BY p.id
WITH collect(p.id) AS ids
RETURN size(ids) AS total, ids[$skip..($skip + $limit)] AS page"""
FILTERS: dict[str, Any] = {"region": None, "regions": None, "department": None, "category": None, "search": None,
                           "confidential": False, "skip": 0, "limit": 50}


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def _after(store: GraphStore, pool: ThreadPoolExecutor) -> None:
    page = pool.submit(store.run, "enforcement/powers_page", **FILTERS)
    count = pool.submit(store.run, "enforcement/powers_count", **FILTERS)
    page.result(), count.result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="20000,50000")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(11)
    affected = set(rng.sample(range(sizes[0]), 3000))
    with embedded_store() as store:  # stopped and removed at the end
        graph = store._graph  # type: ignore[attr-defined]  # the embedded store's client, for the old query text
        hot, cold = prepare(store)
        done = 0
        app = create_app(Settings(graph_url="embedded:/nonexistent", anonymous_role="reader"), store=store)
        print(f"{'powers':>8} {'ids before p50':>15} {'ids after p50':>14} {'after/before':>13} "
              f"{'GraphQL page p50':>17} {'p95':>6}  (ms)")
        with TestClient(app) as client, ThreadPoolExecutor(max_workers=2) as pool:
            for size in sizes:
                for chunk in range(done, size, 20_000):
                    populate(store, chunk, min(chunk + 20_000, size), affected, hot, cold, rng)
                done = size
                before: list[float] = []
                after: list[float] = []
                pages: list[float] = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    graph.query(BEFORE, FILTERS)
                    before.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    _after(store, pool)
                    after.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    answer = client.post("/graphql", json={"query": PAGE}).json()
                    pages.append(time.perf_counter() - start)
                    assert "errors" not in answer, answer
                b, a = statistics.median(before) * 1000, statistics.median(after) * 1000
                print(f"{size:>8} {b:>15.1f} {a:>14.1f} {a / b:>13.2f} {_p(pages, 0.5):>17.1f} "
                      f"{_p(pages, 0.95):>6.1f}", flush=True)


if __name__ == "__main__":
    main()
