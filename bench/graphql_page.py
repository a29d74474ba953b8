"""A GraphQL page of 50 powers with nested departments, bases, benchmarks and tiers (bench/locustfile.py's page50,
through the app in process, one client) as the graph grows — and, interleaved on the same store:

- the page's id read before and after (issue 18): the previous enforcement/powers_page (every matching id
  collected, sorted and sliced in one query) against the current pair (the page sorted and cut in the store,
  ORDER BY … SKIP LIMIT, and enforcement/powers_count, sent at once from two threads as the resolver does);
- the page through the app with every read going to the store (`keep_reads` off: "read") and with reads kept
  between requests while the graph is not written (graph.readcache, the default: "kept"; the first request of the
  run fills it and is left out);
- the page's GraphQL execution (the schema's `execute`, no HTTP, reads from the store) with strawberry's own
  execution context against lawgraph.api.execution.LeafExecution (plain leaf fields read directly), with the
  process's CPU time.

    .venv/bin/python -m bench.graphql_page [--sizes 20000,50000] [--runs 30]

On bench.impact_scale's generated province (4 tiers per benchmark). Prints p50 / p95; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.testclient import TestClient
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from bench.impact_scale import populate, prepare
from bench.stores import PAGE, embedded_store
from lawgraph.api.app import create_app
from lawgraph.api.context import Context
from lawgraph.api.schema import build_schema
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


def _executions(store: GraphStore, runs: int, settings: Settings) -> dict[str, list[float]]:
    """The page through the schema's `execute` with each execution context, interleaved: wall and process CPU."""
    leaf = build_schema(settings)
    plain = build_schema(settings)
    plain.execution_context_class = StrawberryGraphQLCoreExecutionContext
    times: dict[str, list[float]] = {"plain": [], "leaf": [], "plain cpu": [], "leaf cpu": []}

    async def measure() -> None:
        for _ in range(runs):
            for name, schema in (("plain", plain), ("leaf", leaf)):
                start, cpu = time.perf_counter(), time.process_time()
                result = await schema.execute(PAGE, context_value=Context(store=store))
                times[name].append(time.perf_counter() - start)
                times[f"{name} cpu"].append(time.process_time() - cpu)
                assert not result.errors, result.errors

    asyncio.run(measure())
    return times


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
        settings = Settings(graph_url="embedded:/nonexistent", anonymous_role="reader")
        print(f"{'powers':>8} {'ids before p50':>15} {'ids after p50':>14} {'after/before':>13} "
              f"{'page read p50':>14} {'p95':>6} {'page kept p50':>14} {'p95':>6}  (ms)")
        with ThreadPoolExecutor(max_workers=2) as pool:
            for size in sizes:
                for chunk in range(done, size, 20_000):
                    populate(store, chunk, min(chunk + 20_000, size), affected, hot, cold, rng)
                done = size
                times: dict[str, list[float]] = {"before": [], "after": [], "read": [], "kept": []}
                reading = create_app(settings.model_copy(update={"keep_reads": False}), store=store)
                keeping = create_app(settings, store=store)  # a new app: nothing kept from the last size
                with TestClient(reading) as read_client, TestClient(keeping) as kept_client:
                    kept_client.post("/graphql", json={"query": PAGE})  # fills what is kept
                    for _ in range(args.runs):
                        start = time.perf_counter()
                        graph.query(BEFORE, FILTERS)
                        times["before"].append(time.perf_counter() - start)
                        start = time.perf_counter()
                        _after(store, pool)
                        times["after"].append(time.perf_counter() - start)
                        for name, client in (("read", read_client), ("kept", kept_client)):
                            start = time.perf_counter()
                            answer = client.post("/graphql", json={"query": PAGE}).json()
                            times[name].append(time.perf_counter() - start)
                            assert "errors" not in answer, answer
                b, a = statistics.median(times["before"]) * 1000, statistics.median(times["after"]) * 1000
                print(f"{size:>8} {b:>15.1f} {a:>14.1f} {a / b:>13.2f} {_p(times['read'], 0.5):>14.1f} "
                      f"{_p(times['read'], 0.95):>6.1f} {_p(times['kept'], 0.5):>14.1f} "
                      f"{_p(times['kept'], 0.95):>6.1f}", flush=True)
                _report("execution", _executions(store, args.runs, settings))


def _report(label: str, times: dict[str, list[float]]) -> None:
    p, c = statistics.median(times["plain"]) * 1000, statistics.median(times["leaf"]) * 1000
    pc, cc = statistics.median(times["plain cpu"]) * 1000, statistics.median(times["leaf cpu"]) * 1000
    print(f"{'':>8} {label} p50: strawberry's own {p:.1f} ms (CPU {pc:.1f}), LeafExecution {c:.1f} ms (CPU {cc:.1f}); "
          f"ratio {c / p:.2f} (CPU {cc / pc:.2f})", flush=True)


if __name__ == "__main__":
    main()
