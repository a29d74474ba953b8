"""Whole-corpus statute ingest: wall time, articles/s, peak RSS, and the store's raw MERGE rate.

    .venv/bin/python -m bench.ingest_corpus [--corpus ../shared/corpus] [--runs 1]

Prints figures and ratios; asserts nothing (the machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from lawgraph.config import Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import open_store
from lawgraph.ingest.load import ingest_statutes

REPO = Path(__file__).resolve().parent.parent



def run_once(corpus: Path, batch: int) -> dict[str, float]:
    directory = Path(tempfile.mkdtemp(prefix="lgb-", dir="/tmp"))
    try:
        store = open_store(Settings(graph_url=f"embedded:{directory}", batch_size=batch))
        start = time.perf_counter()
        report = ingest_statutes(store, [corpus / "lawrefbook", corpus / "versions"])
        wall = time.perf_counter() - start
        stats = law_repo.stats(store)
        nodes = sum(stats["nodes"].values())
        store_s = report.seconds.get("store", 0.0)
        # The raw rate: the same number of nodes, carrying the same texts, through one plain
        # UNWIND … MERGE per batch (no parsing, no structure, no relationships).
        store.execute("bench/raw_index")
        texts = [t for row in store.run("bench/unit_texts") for t in (row["text"], row["norm"])]
        rows = [{"id": f"raw-{i}", "text": texts[i % len(texts)] if texts else ""} for i in range(nodes)]
        raw_start = time.perf_counter()
        store.write("bench/raw_merge", rows, batch=batch)
        raw_s = time.perf_counter() - raw_start
        server_kb = embedded.server_peak_kb(directory)
        store.close()
        return {
            "errors": len(report.errors), "files": report.files, "articles": report.articles, "nodes": nodes,
            "wall_s": wall, "parse_s": report.seconds.get("parse", 0.0), "store_s": store_s,
            "link_citations_s": report.seconds.get("link", 0.0), "align_s": report.seconds.get("align", 0.0),
            "citations_self_resolved": report.citations.get("self:resolved", 0),
            "citations_self_unresolved": report.citations.get("self:unresolved", 0),
            "articles_per_s": report.articles / wall, "nodes_per_s_whole": nodes / wall,
            "nodes_per_s_store_phase": nodes / store_s if store_s else 0.0, "raw_merge_s": raw_s,
            "raw_nodes_per_s": nodes / raw_s,
            "peak_rss_mb_lawgraph": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            # finished children: the parse workers (and, from the second run on, earlier runs' servers)
            "peak_rss_mb_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "peak_rss_mb_server": server_kb / 1024,
        }
    finally:
        embedded.stop_server(directory)
        shutil.rmtree(directory, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=2000)
    args = parser.parse_args()
    results = [run_once(args.corpus, args.batch) for _ in range(args.runs)]
    median = {k: statistics.median(r[k] for r in results) for k in results[0]}
    median["ratio_whole_vs_raw"] = median["nodes_per_s_whole"] / median["raw_nodes_per_s"]
    median["ratio_store_phase_vs_raw"] = median["nodes_per_s_store_phase"] / median["raw_nodes_per_s"]
    median["ratio_whole_without_linking_vs_raw"] = (
        median["nodes"] / (median["wall_s"] - median["link_citations_s"])) / median["raw_nodes_per_s"]
    print(json.dumps({"runs": args.runs, "median": {k: round(v, 3) for k, v in median.items()}}, indent=2))


if __name__ == "__main__":
    main()
