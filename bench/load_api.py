"""Load test of `lawgraph serve` on loopback with locust (headless): req/s and p50/p99 for one power with its
basis, a page of 50 powers with nested benchmarks and tiers, and one amendment impact — over the sample
plus a generated 20,000-power county.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python -m bench.load_api [--users 8] [--seconds 20]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.import_powers import generate
from lawgraph.config import Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.store import open_store
from lawgraph.ingest.enforcement.load import ingest_powers
from lawgraph.ingest.enforcement.read import Defaults
from lawgraph.ingest.sample import load_sample

REPO = Path(__file__).resolve().parent.parent
PORT = 8765


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--powers", type=int, default=20_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lgl-", dir="/tmp"))
    key = "lg_bench_key"
    env = {**os.environ, "LAWGRAPH_GRAPH_URL": f"embedded:{work / 'db'}", "LAWGRAPH_RATE_PER_MINUTE": "100000000",
           "LAWGRAPH_API_KEYS": json.dumps([{"name": "bench", "role": "reader",
                                             "sha256": hashlib.sha256(key.encode()).hexdigest()}]),
           "LAWGRAPH_BENCH_KEY": key}
    server = None
    try:
        store = open_store(Settings(graph_url=env["LAWGRAPH_GRAPH_URL"]))
        assert load_sample(store, REPO / "data" / "sample").ok
        table = work / "county.xlsx"
        generate(table, args.powers)
        assert ingest_powers(store, [table], Defaults(region="江北省/临川市/青禾县")).ok
        store.close()
        print(f"graph: the sample + {args.powers} generated county powers")
        server = subprocess.Popen([str(REPO / ".venv" / "bin" / "lawgraph"), "serve", "--port", str(PORT)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{PORT}/readyz").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        print(f"{'scenario':<8} {'requests':>9} {'failures':>9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}")
        for scenario in ("power", "page50", "impact"):
            prefix = work / scenario
            subprocess.run([str(REPO / ".venv" / "bin" / "locust"), "-f", str(REPO / "bench" / "locustfile.py"),
                            "--headless", "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s",
                            "--host", f"http://127.0.0.1:{PORT}", "--csv", str(prefix), "--only-summary"],
                           env={**env, "LAWGRAPH_SCENARIO": scenario}, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
                row = next(r for r in csv.DictReader(handle) if r["Name"] == scenario)
            print(f"{scenario:<8} {row['Request Count']:>9} {row['Failure Count']:>9} "
                  f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['99%']:>7}")
        print(f"{args.users} locust users on loopback, {args.seconds} s per scenario, one uvicorn worker; "
              f"python {sys.version.split()[0]}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        embedded.stop_server(work / "db")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
