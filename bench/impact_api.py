"""The on-demand amendment impact through the GraphQL API (`amendmentImpact`, the workbench's 修法影响 page when it
computes a pair of versions), one client, on bench.impact_scale's generated province (3,000 affected powers and
their benchmarks, 4 tiers each; 13,025 breaks at 10k powers), interleaved in one run:

- "computed": an app with `keep_reads` off — every request computes the impact (what the first request after a
  write costs);
- "kept": the default app — the impact kept while the graph is not written (the first request of the run fills
  it and is left out);
- "impact alone": lawgraph.analysis.impact.impact called directly (no HTTP, no GraphQL), for the share of the API.

    .venv/bin/python -m bench.impact_api [--size 10000] [--runs 9]

Prints p50 / p95 and ratios; asserts nothing. The embedded store it starts is stopped at the end.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from fastapi.testclient import TestClient

from bench.impact_scale import NEW, OLD, populate, prepare
from bench.stores import embedded_store
from lawgraph.analysis.impact import impact
from lawgraph.api.app import create_app
from lawgraph.config import Settings

QUERY = """{ amendmentImpact(law: "农产品质量安全法", from: "2018", to: "2022") { affectedUnits summary { kind count }
  breaks { kind department { id name } departmentRegion ownerKind owner { id name } ownerCode power { id name }
           unitOld unitNew evidence fix oldText newText needsReview } } }"""


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with embedded_store() as store:
        rng = random.Random(11)
        affected = set(rng.sample(range(args.size), 3000))
        hot, cold = prepare(store)
        for chunk in range(0, args.size, 20_000):
            populate(store, chunk, min(chunk + 20_000, args.size), affected, hot, cold, rng)
        base = Settings(graph_url="embedded:/nonexistent", anonymous_role="editor")
        times: dict[str, list[float]] = {"computed": [], "kept": [], "impact alone": []}
        breaks = 0
        with TestClient(create_app(base.model_copy(update={"keep_reads": False}), store=store)) as computed, \
                TestClient(create_app(base, store=store)) as kept:
            clients = {"computed": computed, "kept": kept}
            for client in clients.values():  # warm up: the parser caches, the alignment, the kept impact
                body: dict[str, Any] = client.post("/graphql", json={"query": QUERY}).json()
                assert "errors" not in body, body
                breaks = len(body["data"]["amendmentImpact"]["breaks"])
            for _ in range(args.runs):
                for name, client in clients.items():
                    start = time.perf_counter()
                    body = client.post("/graphql", json={"query": QUERY}).json()
                    times[name].append(time.perf_counter() - start)
                    assert "errors" not in body, body
                start = time.perf_counter()
                impact(store, "农产品质量安全法", OLD, NEW)
                times["impact alone"].append(time.perf_counter() - start)
    print(f"amendmentImpact at {args.size} powers, {breaks} breaks, {args.runs} runs each, interleaved")
    for name, found in times.items():
        print(f"  {name:<14} p50 {_p(found, 0.5):8.1f} ms   p95 {_p(found, 0.95):8.1f} ms")
    print(f"  kept / computed p50: {_p(times['kept'], 0.5) / _p(times['computed'], 0.5):.2f}")


if __name__ == "__main__":
    main()
