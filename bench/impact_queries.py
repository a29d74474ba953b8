"""The reads of an amendment's impact, before and after (issue 18), interleaved on the same store — on
bench.impact_scale's generated province (3,000 affected powers and their benchmarks, 4 tiers each):

- tiers: the previous impact/tiers query (each tier as a map with its cases gathered by a pattern comprehension)
  against the current pair (impact/tiers as plain columns, impact/tier_cases for the few tiers with cases);
- parsing: the FalkorDB client's generic result parser plus a second walk to plain values (lawgraph until
  2026-12-01) against the store's own reading (since 2026-12-02 the verbose format: impact/tiers and the
  dependents are `// reply: plain` queries), on the same large reads;
- dependents: the previous wide impact/dependents_article (labels, department name and region on every row, the
  涉密 filter in Python) against the narrow one plus impact/departments;
- documents: the previous impact/citing_documents (an unlabelled unit: every node scanned) against the current one;
- and the on-demand impact end to end.

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
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.impact_scale import NEW, OLD, populate, prepare
from lawgraph.analysis.impact import impact
from lawgraph.config import Settings
from lawgraph.graph import queries
from lawgraph.graph.backends import embedded
from lawgraph.graph.backends.falkordb import _plain
from lawgraph.graph.store import open_store


def _client_parse(graph: Any, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The read as lawgraph did it until 2026-12-01: the client's QueryResult, then every value walked again."""
    result = graph.query(text, params)
    header = [col[1] for col in result.header] if result.header else []
    return [dict(zip(header, (_plain(v) for v in row), strict=True)) for row in result.result_set]


def _ms(times: list[float]) -> float:
    return statistics.median(times) * 1000

# the queries as they were until 2026-12-01 (kept here to measure against)
DEPENDENTS_BEFORE = """UNWIND $ids AS id
MATCH (u:Article {id: id})
WITH u
MATCH (o:Grounded)-[b:BASED_ON]->(u)
MATCH (d:Department)-[:HOLDS|ISSUED]->(o)
OPTIONAL MATCH (o)-[:FOR]->(p:Power)
RETURN u.id AS unit, o.id AS owner, labels(o) AS labels, coalesce(o.name, o.conduct) AS name, o.code AS code,
       o.kind AS list_kind, d.id AS department, d.name AS department_name, d.region AS region,
       b.text AS text, b.role AS role, p.id AS power, p.name AS power_name,
       coalesce(o.confidential, p.confidential, false) AS confidential"""
DOCUMENTS_BEFORE = """MATCH (d:Document)-[:HAS_PARAGRAPH]->(s:DocParagraph)-[c:CITES]->(u)
WHERE u.id IN $ids
RETURN u.id AS unit, c.source AS source, c.text AS text, c.status AS status, d.id AS document, d.title AS title,
       d.number AS number, d.issuer AS issuer, d.date AS date
ORDER BY d.id, c.source, c.start"""
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
        units = sorted({b["unit_old"] for b in found["breaks"] if b["unit_old"].count(".") == 0})
        changed = sorted({b["unit_old"] for b in found["breaks"]})
        graph = store._graph  # type: ignore[attr-defined]  # the embedded store's client, for the old paths
        tiers_text = queries.get("impact/tiers").text
        times: dict[str, list[float]] = defaultdict(list)

        def timed(key: str, call: Any) -> None:
            start = time.perf_counter()
            call()
            times[key].append(time.perf_counter() - start)

        # (impact/tiers and impact/tier_cases now take the affected units, per level, rather than benchmark ids)
        on_units: dict[str, Any] = {"articles": units, "paragraphs": [], "items": [], "region": None, "above": []}
        for _ in range(args.runs):
            timed("tiers before", lambda: graph.query(BEFORE, {"ids": benchmarks}))
            timed("tiers after", lambda: (store.run("impact/tier_cases", **on_units),
                                          store.run("impact/tiers", **on_units)))
            timed("parse before", lambda: _client_parse(graph, tiers_text, on_units))
            timed("parse after", lambda: store.run("impact/tiers", **on_units))
            timed("dependents before", lambda: _client_parse(graph, DEPENDENTS_BEFORE, {"ids": units}))
            timed("dependents after", lambda: (
                rows := store.run("impact/dependents_article", ids=units, confidential=True),
                store.run("impact/departments", ids=sorted({r["department"] for r in rows}))))
            timed("documents before", lambda: _client_parse(graph, DOCUMENTS_BEFORE, {"ids": changed}))
            timed("documents after", lambda: store.run("impact/citing_documents", articles=units, paragraphs=[],
                                                       items=[], subitems=[]))
            timed("impact", lambda: impact(store, "农产品质量安全法", OLD, NEW))
        print(f"{args.size} powers, {len(benchmarks)} benchmarks, {len(found['breaks'])} breaks, {args.runs} runs")
        for what, label in [("tiers", "tier reads (maps + pattern comprehension → columns + tier_cases)"),
                            ("parse", "impact/tiers parsed (client parser + walk → one pass)"),
                            ("dependents", "dependents (wide → narrow + departments)"),
                            ("documents", "citing documents (unlabelled → per level)")]:
            b, a = _ms(times[f"{what} before"]), _ms(times[f"{what} after"])
            print(f"{label:<70} p50 {b:6.0f} → {a:6.0f} ms   after / before {a / b:.2f}")
        print(f"{'impact end to end (after)':<70} p50 {_ms(times['impact']):6.0f} ms")
    finally:
        store.close()
        embedded.stop_server(directory)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
