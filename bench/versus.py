"""Before and after in the same run: the same workloads measured on an earlier commit of lawgraph (a git worktree of
`--base`) and on this tree, alternately, each in a child process of its own with its own embedded store — so that a
noisy, shared machine affects both sides alike. Issue 18's figures:

- impact: the on-demand impact of 农产品质量安全法 2018 → 2022 on bench.impact_scale's province of `--size` powers
  (10k: 13,025 breaks),
  p50 of `--runs`; then the first store of those breaks (analysis.tracking.track on a store without them) and the
  recomputation p50;
- page: the GraphQL page of 50 powers with nested tiers (bench.stores.PAGE, the locust page50) through the app in
  process, one client, on the province at 20k powers, p50 / p95 of `--runs` × 3;
- ingest: the whole-corpus statute ingest (bench.ingest_corpus.run_once), wall time and its phases (one run per
  side per round: it takes a minute).

    .venv/bin/python -m bench.versus [--base b12894f] [--what impact,page,ingest] [--rounds 2] [--runs 9]
                                     [--size 10000]

Prints each side's medians over the rounds and the ratio after / before; asserts nothing. A child whose FalkorDB
server crashed is run again (twice at most) and the crashes are counted per side. Every child stops the server it
starts; the worktree is removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def _settle(sock: Path) -> None:
    """Wait until the server's append-only-file rewrite after the load is over (lawgraph's embedded.settle, written
    out here: the earlier tree may not have it)."""
    import time

    import redis

    client = redis.Redis(unix_socket_path=str(sock), socket_timeout=10)
    try:
        for _ in range(1500):
            info = client.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                return
            time.sleep(0.2)
    finally:
        client.close()
    raise SystemExit(f"the server on {sock} was still rewriting its append-only file after 300 s")


def child(what: str, runs: int, size: int) -> dict[str, Any]:  # runs in the child, importing the tree under test
    import random
    import time

    import lawgraph
    from bench.impact_scale import NEW, OLD, populate, prepare
    from lawgraph.config import Settings
    from lawgraph.graph.backends import embedded
    from lawgraph.graph.store import open_store

    out: dict[str, Any] = {"lawgraph": str(Path(lawgraph.__file__).parent)}
    if what == "ingest":
        from bench.ingest_corpus import run_once

        ingested = run_once(REPO.parent / "shared" / "corpus", 2000)
        return out | {k: ingested[k] for k in ("wall_s", "parse_s", "store_s", "link_citations_s", "align_s")}
    directory = Path(tempfile.mkdtemp(prefix="lgv-", dir="/tmp"))
    store = open_store(Settings(graph_url=f"embedded:{directory}", batch_size=5000))
    try:
        size = size if what == "impact" else 20_000
        rng = random.Random(11)
        affected = set(rng.sample(range(size), 3000))
        hot, cold = prepare(store)
        for chunk in range(0, size, 20_000):
            populate(store, chunk, min(chunk + 20_000, size), affected, hot, cold, rng)
        _settle(directory / embedded.SOCKET_NAME)
        if what == "impact":
            from lawgraph.analysis.impact import impact
            from lawgraph.analysis.tracking import track

            times = []
            for _ in range(runs):
                start = time.perf_counter()
                found = impact(store, "农产品质量安全法", OLD, NEW)
                times.append(time.perf_counter() - start)
            start = time.perf_counter()
            track(store, "农产品质量安全法", OLD, NEW, "bench")
            first = time.perf_counter() - start
            again = []
            for _ in range(runs):
                start = time.perf_counter()
                track(store, "农产品质量安全法", OLD, NEW, "bench")
                again.append(time.perf_counter() - start)
            return out | {"breaks": len(found["breaks"]), "impact_p50_ms": _p(times, 0.5),
                          "first_store_ms": first * 1000, "recompute_p50_ms": _p(again, 0.5)}
        from fastapi.testclient import TestClient

        from bench.stores import PAGE
        from lawgraph.api.app import create_app

        app = create_app(Settings(graph_url="embedded:/nonexistent", anonymous_role="reader"), store=store)
        pages = []
        with TestClient(app) as client:
            for i in range(runs * 3 + 3):
                start = time.perf_counter()
                answer = client.post("/graphql", json={"query": PAGE}).json()
                if i >= 3:  # the first pages warm the parser cache and the connection
                    pages.append(time.perf_counter() - start)
                assert "errors" not in answer, answer
        return out | {"page_p50_ms": _p(pages, 0.5), "page_p95_ms": _p(pages, 0.95)}
    finally:
        store.close()
        embedded.stop_server(directory)
        shutil.rmtree(directory, ignore_errors=True)


CRASHED = "is unreachable"  # lawgraph's error when a child's embedded FalkorDB server died (mid-query or between)


def _run_side(tree: Path, what: str, runs: int, size: int, crashes: list[str]) -> dict[str, Any]:
    """One side's child; run again (twice at most) when its FalkorDB server crashed, each crash noted in
    `crashes` (FalkorDB 4.16 segfaults now and then under parallel reads of a freshly written graph)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    for _ in range(3):
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", what, "--runs", str(runs),
                               "--size", str(size)],
                              cwd=tree, env=env, capture_output=True, text=True, check=False)
        if done.returncode == 0 or CRASHED not in done.stderr:
            break
        crashes.append(done.stderr.strip().splitlines()[-1])
    if done.returncode != 0:
        raise SystemExit(f"the {what} child in {tree} failed:\n{done.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(found["lawgraph"]).resolve() != (tree / "lawgraph").resolve():
        raise SystemExit(f"the child meant to test {tree} imported lawgraph from {found['lawgraph']}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="b12894f", help="the commit measured as 'before'")
    parser.add_argument("--what", default="impact,page,ingest")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", type=int, default=10_000, help="powers in the province of the impact workload")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.runs, args.size)))
        return
    base = Path(tempfile.mkdtemp(prefix="lgv-base-", dir="/tmp")) / "tree"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(base), args.base], check=True)
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        print(f"before: {args.base}   after: this tree ({head}, with any uncommitted changes)")
        for what in args.what.split(","):
            sides: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
            crashes: dict[str, list[str]] = {"before": [], "after": []}
            for _ in range(args.rounds if what != "ingest" else max(1, args.rounds // 2)):
                sides["before"].append(_run_side(base, what, args.runs, args.size, crashes["before"]))
                sides["after"].append(_run_side(REPO, what, args.runs, args.size, crashes["after"]))
            keys = [k for k, v in sides["after"][0].items() if isinstance(v, (int, float))]
            print(f"\n{what} ({len(sides['after'])} round(s) per side; medians over the rounds)")
            for key in keys:
                before = statistics.median(r[key] for r in sides["before"])
                after = statistics.median(r[key] for r in sides["after"])
                ratio = f"{after / before:.2f}" if before else "—"
                print(f"  {key:<20} before {before:>10.1f}   after {after:>10.1f}   after / before {ratio}")
            for side, seen in crashes.items():
                if seen:
                    print(f"  the {side} side's FalkorDB server crashed {len(seen)} time(s); those rounds were run "
                          f"again ({seen[-1]})")
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)], check=False)
        shutil.rmtree(base.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
