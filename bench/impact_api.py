"""The on-demand amendment impact through the GraphQL API (`amendmentImpact`, the workbench's 修法影响 page when it
computes a pair of versions), one client, on bench.impact_scale's generated province (3,000 affected powers and
their benchmarks, 4 tiers each; 13,025 breaks at 10k powers), interleaved in one run:

- "computed": an app with `keep_reads` off — every request computes the impact (what the first request after a
  write costs);
- "kept": the default app — the impact kept while the graph is not written (the first request of the run fills
  it and is left out);
- "impact alone": lawgraph.analysis.impact.impact called directly (no HTTP, no GraphQL), for the share of the API.

Each API scenario twice: with each break's oldText and newText selected, and with the texts once per unit
(`texts { unit text }`, what the workbench selects), with the size of each answer.

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
ONCE = """{ amendmentImpact(law: "农产品质量安全法", from: "2018", to: "2022") { affectedUnits summary { kind count }
  texts { unit text }
  breaks { kind department { id name } departmentRegion ownerKind owner { id name } ownerCode power { id name }
           unitOld unitNew evidence fix needsReview } } }"""
QUERIES = {"texts per break": QUERY, "texts once": ONCE}


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
        scenarios = [(app, selection) for app in ("computed", "kept") for selection in QUERIES]
        times: dict[str, list[float]] = {f"{app}, {selection}": [] for app, selection in scenarios}
        times["impact alone"] = []
        sizes: dict[str, int] = {}
        breaks = 0
        with TestClient(create_app(base.model_copy(update={"keep_reads": False}), store=store)) as computed, \
                TestClient(create_app(base, store=store)) as kept:
            clients = {"computed": computed, "kept": kept}
            for app, selection in scenarios:  # warm up: the parser caches, the alignment, the kept impact
                response = clients[app].post("/graphql", json={"query": QUERIES[selection]})
                body: dict[str, Any] = response.json()
                assert "errors" not in body, body
                breaks = len(body["data"]["amendmentImpact"]["breaks"])
                sizes[selection] = len(response.content)
            for _ in range(args.runs):
                for app, selection in scenarios:
                    start = time.perf_counter()
                    body = clients[app].post("/graphql", json={"query": QUERIES[selection]}).json()
                    times[f"{app}, {selection}"].append(time.perf_counter() - start)
                    assert "errors" not in body, body
                start = time.perf_counter()
                impact(store, "农产品质量安全法", OLD, NEW)
                times["impact alone"].append(time.perf_counter() - start)
    print(f"amendmentImpact at {args.size} powers, {breaks} breaks, {args.runs} runs each, interleaved; answers: "
          + ", ".join(f"{selection} {size / 1e6:.1f} MB" for selection, size in sizes.items()))
    for name, found in times.items():
        print(f"  {name:<26} p50 {_p(found, 0.5):8.1f} ms   p95 {_p(found, 0.95):8.1f} ms")
    for app in ("computed", "kept"):
        print(f"  {app}: texts once / texts per break p50: "
              f"{_p(times[f'{app}, texts once'], 0.5) / _p(times[f'{app}, texts per break'], 0.5):.2f}")
    print(f"  kept / computed p50 (texts per break): "
          f"{_p(times['kept, texts per break'], 0.5) / _p(times['computed, texts per break'], 0.5):.2f}")


if __name__ == "__main__":
    main()
