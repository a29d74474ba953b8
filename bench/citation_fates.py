"""Where cited provisions stand today, on the labelled set of dated citing sentences (tests/data/citation_fates):
precision and recall of `stale`, accuracy of `current` and of `fate`, for the development part and the held-out
part separately.

The sentences come from real documents (judicial interpretations, cases, statutes citing other laws, the 江门
不予处罚清单), each labelled from the source texts by a second annotator who never saw lawgraph's code: the date
of the citing text, and per citation the expected status, fate and current units in the newest text. The held-out
part was written before any tuning and is never used to change the code.

    .venv/bin/python -m bench.citation_fates [--corpus ../shared/corpus] [--misses]

Loads every corpus version of the laws the set cites into a fresh embedded store (stopped at the end), cites each
sentence with `at` = its date and `now` = the set's reader date, and prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from lawgraph.config import Settings
from lawgraph.domain import ids
from lawgraph.graph.backends import embedded
from lawgraph.graph.store import GraphStore, open_store
from lawgraph.ingest.cite import cite_text
from lawgraph.ingest.load import ingest_statutes
from lawgraph.ingest.sources.document import title_from_filename

REPO = Path(__file__).resolve().parent.parent
SET = REPO / "tests" / "data" / "citation_fates"
NOW = date(2026, 12, 1)  # the reader's date the set was labelled for
PARTS = ("dev", "heldout")


def rows(part: str, root: Path = SET) -> list[dict[str, Any]]:
    """The labelled sentences of one part."""
    return [json.loads(line) for line in (root / f"{part}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def law_files(corpus: Path, laws: set[str]) -> list[Path]:
    """Every corpus file holding a version of one of `laws` (short titles): lawrefbook files and versions/."""
    out: list[Path] = []
    for path in sorted((corpus / "lawrefbook").rglob("*.md")):
        if path.name == "_index.md" or "案例" in path.parts:
            continue
        if title_from_filename(path) in laws or ("民法典" in laws and path.parent.name == "民法典"):
            out.append(path)
    out += [p for p in sorted((corpus / "versions").iterdir()) if title_from_filename(p) in laws]
    return out


def _key(law: str, article: str | None, paragraph: int | None, item: int | None) -> tuple[Any, ...]:
    return ids.law_key(law), article, paragraph, item


def _numbers(units: list[str] | None) -> list[str] | None:
    """Unit ids as the set writes them: 食品安全法@2021-04-29/67.1 → 67.1."""
    return None if units is None else sorted(u.rpartition("/")[2] for u in units)


def evaluate(store: GraphStore, examples: list[dict[str, Any]], now: date = NOW) -> dict[str, Any]:
    """Cite every sentence and compare with the labels: stale precision/recall, current and fate accuracy."""
    tp = fp = fn = 0
    right_current = right_fate = total = found = 0
    misses: list[dict[str, Any]] = []
    for example in examples:
        got = cite_text(store, example["text"], at=date.fromisoformat(example["date"]), now=now)
        by_key = {_key(r["law"] or "", r["article"], r["paragraph"], r["item"]): r for r in got}
        for label in example["citations"]:
            total += 1
            ref = by_key.get(_key(label["law"], label["article"], label["paragraph"], label["item"]))
            want_stale = label["status"] == "stale"
            got_stale = ref is not None and ref["status"] == "stale"
            tp += want_stale and got_stale
            fp += got_stale and not want_stale
            fn += want_stale and not got_stale
            found += ref is not None
            current = _numbers(ref["current"]) if ref is not None else None
            ok_current = current == sorted(label["current"])
            ok_fate = ref is not None and ref["fate"] == label["fate"]
            right_current += ok_current
            right_fate += ok_fate
            if not (ok_current and got_stale == want_stale and ok_fate):
                misses.append({"id": example["id"], "ref": label["ref"], "date": example["date"],
                               "want": [label["status"], label["fate"], label["current"]],
                               "got": [ref["status"], ref["fate"], current, ref["reason"]] if ref else None})
    return {"sentences": len(examples), "citations": total, "found": found,
            "stale": {"labelled": tp + fn, "precision": tp / (tp + fp) if tp + fp else 1.0,
                      "recall": tp / (tp + fn) if tp + fn else 1.0},
            "current_accuracy": right_current / total if total else 1.0,
            "fate_accuracy": right_fate / total if total else 1.0, "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--misses", action="store_true", help="list the development part's citations that differ "
                        "from their labels (the held-out part's stay hidden: it is not for tuning)")
    args = parser.parse_args()
    parts = {part: rows(part) for part in PARTS}
    laws = {c["law"] for examples in parts.values() for e in examples for c in e["citations"]}
    files = law_files(args.corpus, laws)
    folder = Path(tempfile.mkdtemp(prefix="lg-fates-", dir="/tmp"))
    store = open_store(Settings(graph_url=f"embedded:{folder / 'db'}"))
    try:
        began = time.perf_counter()
        report = ingest_statutes(store, files, workers=1)
        print(f"loaded {len(files)} files of {len(laws)} laws ({report.versions_written} versions) in "
              f"{time.perf_counter() - began:.1f} s; reader's date {NOW}")
        print("| part | sentences | citations | found | stale labelled | stale precision | stale recall | "
              "current accuracy | fate accuracy |")
        print("|---|---|---|---|---|---|---|---|---|")
        results = {part: evaluate(store, examples) for part, examples in parts.items()}
        for part, r in results.items():
            print(f"| {part} | {r['sentences']} | {r['citations']} | {r['found']} | {r['stale']['labelled']} | "
                  f"{r['stale']['precision']:.1%} | {r['stale']['recall']:.1%} | {r['current_accuracy']:.1%} | "
                  f"{r['fate_accuracy']:.1%} |")
        if args.misses:
            for miss in results["dev"]["misses"]:
                print("dev", json.dumps(miss, ensure_ascii=False))
        else:
            print(f"misses: {Counter({p: len(r['misses']) for p, r in results.items()})} (--misses lists them)")
    finally:
        store.close()
        embedded.stop_server(folder / "db")
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
