"""The tier reads of an amendment's impact, before and after (issue 18): the previous impact/tiers query (each
tier as a map with its cases gathered by a pattern comprehension) against the current pair (impact/tiers as plain
columns, impact/tier_cases for the few tiers with cases), interleaved on the same store, and the on-demand impact
end to end — on bench.impact_scale's generated province (3,000 affected powers and their benchmarks, 4 tiers each).

    .venv/bin/python -m bench.impact_queries [--size 10000] [--runs 9]

Prints medians and the ratio; asserts nothing. The embedded store it starts is stopped at the end.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.impact_scale import NEW, OLD, populate, prepare
from lawgraph.analysis.impact import impact
from lawgraph.config import Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.store import open_store

# impact/tiers as it was until 2026-12-01 (kept here to measure against)
BEFORE = """UNWIND $ids AS id
MATCH (b:DiscretionBenchmark {id: id})-[:HAS_TIER]->(t:Tier)
RETURN b.id AS benchmark,
       t {.id, .name, .outcome, .types, .fine_min, .fine_max, .multiple_min, .multiple_max, .multiple_base,
          .percent_min, .percent_max, .percent_base} AS tier,
       [(c:Case)-[:APPLIED_TIER]->(t) | c {.id, .title, .date, .fine}] AS cases"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="lgq-", dir="/tmp"))
    try:
        store = open_store(Settings(graph_url=f"embedded:{directory}", batch_size=5000))
        rng = random.Random(11)
        affected = set(rng.sample(range(args.size), 3000))
        hot, cold = prepare(store)
        for chunk in range(0, args.size, 20_000):
            populate(store, chunk, min(chunk + 20_000, args.size), affected, hot, cold, rng)
        found = impact(store, "农产品质量安全法", OLD, NEW)
        benchmarks = sorted({b["owner"]["id"] for b in found["breaks"]
                             if b.get("owner") and b["owner"]["kind"] == "benchmark"})
        graph = store._graph  # type: ignore[attr-defined]  # the embedded store's client, for the old query text
        before: list[float] = []
        after: list[float] = []
        impacts: list[float] = []
        for _ in range(args.runs):
            start = time.perf_counter()
            graph.query(BEFORE, {"ids": benchmarks})
            before.append(time.perf_counter() - start)
            start = time.perf_counter()
            store.run("impact/tier_cases", ids=benchmarks)
            store.run("impact/tiers", ids=benchmarks)
            after.append(time.perf_counter() - start)
            start = time.perf_counter()
            impact(store, "农产品质量安全法", OLD, NEW)
            impacts.append(time.perf_counter() - start)
        b, a = statistics.median(before) * 1000, statistics.median(after) * 1000
        print(f"{args.size} powers, {len(benchmarks)} benchmarks, {len(found['breaks'])} breaks, {args.runs} runs")
        print(f"tier reads, before (maps + pattern comprehension): p50 {b:.0f} ms")
        print(f"tier reads, after (columns + tier_cases):          p50 {a:.0f} ms   after / before {a / b:.2f}")
        print(f"impact end to end (after):                          p50 {statistics.median(impacts) * 1000:.0f} ms")
    finally:
        store.close()
        embedded.stop_server(directory)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
