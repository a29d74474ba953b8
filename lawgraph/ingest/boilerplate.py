"""Regenerates the shipped list of boilerplate clauses (`lawgraph/domain/data/boilerplate_clauses.txt`) from a
corpus of statutes:

    .venv/bin/python -m lawgraph.ingest.boilerplate ../shared/corpus/lawrefbook [--min-articles 30]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lawgraph.domain.boilerplate import LIST, MIN_ARTICLES, count
from lawgraph.ingest.statutes.parse import parse_statute
from lawgraph.ingest.statutes.read import discover, read_source


def main() -> None:
    parser = argparse.ArgumentParser(description="Count the boilerplate clauses of a corpus of statutes.")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--min-articles", type=int, default=MIN_ARTICLES)
    args = parser.parse_args()
    files, _ = discover([args.corpus])
    texts = (article.text for path in files for article in parse_statute(read_source(path)).articles)
    found = count(texts, args.min_articles)
    LIST.write_text("".join(f"{c}\n" for c, _ in found), encoding="utf-8")
    print(f"{len(found)} clauses → {LIST}")


if __name__ == "__main__":
    main()
