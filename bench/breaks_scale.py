"""Breaks as tracked work at province scale: computing and storing every break of one amendment
(`analysis.tracking.track`: impact + sync), recomputing it unchanged, and reading one department's open breaks
(a page of 50, `graph.repos.breaks.page`) and the overview of the law's open breaks per kind and per department
(`graph.repos.breaks.overview`, the workbench's 修法影响 table) — as the graph grows from 10k to 200k powers (4
tiers each), the affected set staying the same (bench.impact_scale's province: 3,000 powers and their benchmarks on
农产品质量安全法 2018, ~13,000 breaks).

    .venv/bin/python -m bench.breaks_scale [--sizes 10000,200000] [--runs 7]

Prints figures (p50 / p95) and the ratio of the storing to the on-demand impact measured in the same run;
asserts nothing.
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
from lawgraph.analysis.tracking import track
from lawgraph.config import Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.repos import breaks
from lawgraph.graph.store import open_store


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,200000")  # the first track at each size follows a populate
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(11)
    affected = set(rng.sample(range(sizes[0]), 3000))
    directory = Path(tempfile.mkdtemp(prefix="lgb-", dir="/tmp"))
    try:
        store = open_store(Settings(graph_url=f"embedded:{directory}", batch_size=5000))
        hot, cold = prepare(store)
        done = 0
        print(f"{'powers':>8} {'breaks':>7} {'impact p50':>11} {'track 1st':>10} {'track again p50':>16} "
              f"{'again/impact':>13} {'dept page p50':>14} {'p95':>6} {'overview p50':>13} {'p95':>6}  (ms)")
        for size in sizes:
            for chunk in range(done, size, 20_000):
                populate(store, chunk, min(chunk + 20_000, size), affected, hot, cold, rng)
            done = size
            embedded.settle(directory)  # the append-only-file rewrite that follows a large load, not measured
            impacts = []
            for _ in range(args.runs):
                start = time.perf_counter()
                found = impact(store, "农产品质量安全法", OLD, NEW)
                impacts.append(time.perf_counter() - start)
            start = time.perf_counter()
            first = track(store, "农产品质量安全法", OLD, NEW, "bench")
            stored = time.perf_counter() - start
            again = []
            for _ in range(args.runs):
                start = time.perf_counter()
                track(store, "农产品质量安全法", OLD, NEW, "bench")
                again.append(time.perf_counter() - start)
            counts: dict[str, int] = {}
            for b in found["breaks"]:
                key = (b.get("department") or {}).get("id") or ""
                counts[key] = counts.get(key, 0) + 1
            department = max(counts, key=lambda k: counts[k])
            pages = []
            for _ in range(args.runs * 5):
                start = time.perf_counter()
                breaks.page(store, department=department, status="待处理", limit=50)
                pages.append(time.perf_counter() - start)
            overviews = []
            for _ in range(args.runs * 3):
                start = time.perf_counter()
                seen = breaks.overview(store, law="农产品质量安全法")
                overviews.append(time.perf_counter() - start)
            assert seen["total"] == len(found["breaks"]), (seen["total"], len(found["breaks"]))
            total = len(first.new) + first.kept + len(first.changed)
            on_demand, recomputed = statistics.median(impacts), statistics.median(again)
            print(f"{size:>8} {total:>7} {on_demand * 1000:>11.0f} {stored * 1000:>10.0f} {recomputed * 1000:>16.0f} "
                  f"{recomputed / on_demand:>13.2f} {_p(pages, 0.5):>14.1f} {_p(pages, 0.95):>6.1f} "
                  f"{_p(overviews, 0.5):>13.1f} {_p(overviews, 0.95):>6.1f}   "
                  f"({counts[department]} breaks in {department}; {len(seen['departments'])} departments)", flush=True)
        store.close()
    finally:
        embedded.stop_server(directory)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
