"""Amendment impact at province scale: p50/p95 latency of one law's impact as the graph grows from 10k
to 50k to 200k powers (each with a 4-tier benchmark: 800k tiers at 200k), while the set of items resting
on the amended law stays the same — so the figures show whether the cost follows the affected set or
the graph.

    .venv/bin/python -m bench.impact_scale [--sizes 10000,50000,200000] [--affected 3000] [--runs 7]

Generated straight into the store with the import queries (no spreadsheet parsing): a province of 10
cities and 100 counties, 1,000 departments; powers cite units of the bundled statutes, `--affected` of
them (with their benchmarks) cite units of 农产品质量安全法 2018 — a handful of hot articles cited by
thousands. Impact is measured for 农产品质量安全法 2018 → 2022. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lawgraph.analysis.impact import impact
from lawgraph.config import Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.repos.citations import BASED_ON, write_cites
from lawgraph.graph.store import GraphStore, open_store
from lawgraph.ingest.enforcement.load import write_places
from lawgraph.ingest.load import ingest_statutes

REPO = Path(__file__).resolve().parent.parent
OLD, NEW = "农产品质量安全法@2018-10-26", "农产品质量安全法@2022-09-02"


def _units(store: GraphStore) -> tuple[list[str], list[str]]:
    """Article and paragraph ids of the amended law's old text, and of every other current text."""
    hot: list[str] = []
    cold: list[str] = []
    for row in store.run("laws/catalogue"):
        version = row["version_id"]
        if version == NEW or (row["law_id"] == "农产品质量安全法" and version != OLD):
            continue
        units = [r["id"] for r in store.run("laws/version_texts", id=version) if r["level"] == 0]
        (hot if version == OLD else cold).extend(sorted(set(units)))
    return hot, cold


def prepare(store: GraphStore, statutes: bool = True) -> tuple[list[str], list[str]]:
    """The province's frame: the bundled statutes (unless loaded already), 10 cities, 100 counties, 1,000
    departments; returns the units the powers will cite (`_units`: hot on the amended law, cold elsewhere)."""
    if statutes:
        assert ingest_statutes(store, [REPO / "data" / "sample" / "statutes"], workers=1).ok
    hot, cold = _units(store)
    write_places(store, [(["江北省", f"市{c}", f"县{k}"], f"局{d}", None)
                         for k in range(100) for c in [k % 10] for d in range(10)])
    return hot, cold


def _target(rng: random.Random, affected: bool, hottest: list[str], hot: list[str], cold: list[str]) -> str:
    if not affected:
        return rng.choice(cold)
    return rng.choice(hottest) if rng.random() < 0.8 else rng.choice(hot)


def populate(store: GraphStore, start: int, stop: int, affected: set[int], hot: list[str], cold: list[str],
             rng: random.Random, department_of: Callable[[int], str] | None = None) -> None:
    """Add powers start..stop-1, each with a 4-tier benchmark and one basis; power n is in `department_of(n)` when
    given (an existing department's id), else spread over the province's 1,000."""
    powers, benchmarks, tiers, links, bases = [], [], [], [], []
    hottest = hot[40:50]  # ten articles of the penalty chapter take most of the affected items
    for n in range(start, stop):
        department = department_of(n) if department_of else f"江北省/市{n % 10}/县{n % 100}/局{n % 1000 // 100}"
        pid = f"{department}#P{n:06d}"
        powers.append({"id": pid, "department": department, "props": {
            "name": f"对第{n}类违法行为的行政处罚", "code": f"P{n:06d}", "category": "行政处罚", "discretionary": True,
            "hash": "bench"}})
        bid = f"{department}#P{n:06d}@2021-06-01"
        benchmarks.append({"id": bid, "department": department, "props": {
            "conduct": f"第{n}类违法行为", "code": f"P{n:06d}", "effective": "2021-06-01", "hash": "bench"}})
        links.append({"owner": bid, "power": pid})
        for k, (lo, hi) in enumerate(((0, 500), (500, 1000), (1000, 1500), (1500, 2000)), start=1):
            tiers.append({"benchmark": bid, "id": f"{bid}#{k}", "props": {
                "ordinal": k, "name": ("轻微", "一般", "严重", "特别严重")[k - 1], "rank": k, "fine_min": float(lo),
                "fine_max": float(hi), "types": ["罚款"], "outcome": f"处{lo}元以上{hi}元以下罚款"}})
        target = _target(rng, n in affected, hottest, hot, cold)
        for owner in (pid, bid):
            bases.append({"owner": owner, "target": target, "text": "依据", "role": "罚则依据", "status": "resolved",
                          "suggested": None, "position": 0})
    store.write("enforcement/upsert_powers", powers)
    store.write("enforcement/upsert_benchmarks", benchmarks)
    store.write("enforcement/upsert_tiers", tiers)
    store.write("enforcement/link_for", links)
    write_cites(store, bases, queries=BASED_ON)


def measure(store: GraphStore, runs: int) -> dict[str, Any]:
    times = []
    result: dict[str, Any] = {}
    for _ in range(runs):
        start = time.perf_counter()
        result = impact(store, "农产品质量安全法", OLD, NEW)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"p50": statistics.median(times), "p95": p95, "breaks": len(result["breaks"]),
            "round_trips": None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,50000,200000")
    parser.add_argument("--affected", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(11)
    affected = set(rng.sample(range(sizes[0]), args.affected))
    directory = Path(tempfile.mkdtemp(prefix="lgi-", dir="/tmp"))
    try:
        store = open_store(Settings(graph_url=f"embedded:{directory}", batch_size=5000))
        hot, cold = prepare(store)
        done = 0
        print(f"affected items: {args.affected} powers + their benchmarks ({4 * args.affected} tiers) on "
              f"{len(hot)} articles of {OLD}; the rest on {len(cold)} other articles")
        print(f"{'powers':>8} {'tiers':>9} {'load s':>7} {'p50 ms':>8} {'p95 ms':>8} {'breaks':>7} {'store trips':>11}")
        for size in sizes:
            start = time.perf_counter()
            for chunk in range(done, size, 20_000):
                populate(store, chunk, min(chunk + 20_000, size), affected, hot, cold, rng)
            load = time.perf_counter() - start
            done = size
            store.round_trips = 0
            figures = measure(store, args.runs)
            trips = store.round_trips / args.runs
            print(f"{size:>8} {4 * size:>9} {load:>7.1f} {figures['p50'] * 1000:>8.0f} {figures['p95'] * 1000:>8.0f} "
                  f"{figures['breaks']:>7} {trips:>11.0f}")
        print(f"peak RSS: this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
              f"FalkorDB server {embedded.server_peak_kb(directory) / 1024:.0f} MB")
        store.close()
    finally:
        embedded.stop_server(directory)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
