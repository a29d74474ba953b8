"""Citation extraction throughput through the spaCy pipeline, one process (one core), on the corpus.

    .venv/bin/python -m bench.citations_throughput [--corpus ../shared/corpus] [--runs 3]

Prints MB/s (UTF-8 bytes of statute text per second), median of the runs, and the same for the bare
extractor without spaCy, measured in the same run, as a ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from lawgraph.domain.citations import extract
from lawgraph.domain.resolve import BARE_LAW_NAMES
from lawgraph.ingest.nlp.pipeline import make_pipeline

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((args.corpus / "lawrefbook").rglob("*.md"))]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    nlp = make_pipeline(BARE_LAW_NAMES)
    pipeline_rates, bare_rates = [], []
    found = 0
    for _ in range(args.runs):
        start = time.perf_counter()
        found = sum(len(doc._.citations) for doc in nlp.pipe(texts))
        pipeline_rates.append(megabytes / (time.perf_counter() - start))
        start = time.perf_counter()
        for text in texts:
            extract(text, known=BARE_LAW_NAMES)
        bare_rates.append(megabytes / (time.perf_counter() - start))
    pipe, bare = statistics.median(pipeline_rates), statistics.median(bare_rates)
    print(json.dumps({"files": len(texts), "megabytes": round(megabytes, 1), "citations": found, "runs": args.runs,
                      "pipeline_mb_per_s": round(pipe, 2), "extractor_mb_per_s": round(bare, 2),
                      "pipeline_vs_extractor": round(pipe / bare, 2)}, indent=2))


if __name__ == "__main__":
    main()
