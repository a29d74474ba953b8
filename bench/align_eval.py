"""Article alignment between versions: precision and recall of every non-`unchanged` kind on the
hand-built gold pairs (tests/data/align_gold/), and counts by kind for every law with two or more
versions in the shared corpus.

    .venv/bin/python -m bench.align_eval [--corpus ../shared/corpus]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from lawgraph.domain import ids
from lawgraph.domain.align import align, counts
from lawgraph.domain.statute import ParsedStatute
from lawgraph.ingest.sources.document import title_from_filename
from lawgraph.ingest.statutes.parse import parse_statute
from lawgraph.ingest.statutes.read import discover, read_source

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "data" / "align_gold"
KINDS = ("modified", "renumbered", "renumbered_modified", "split", "merged", "deleted", "added")


def _parse(path: Path) -> ParsedStatute:
    return parse_statute(read_source(path))


# built by hand before the aligner ran on them; never used to change it
HELD_OUT = ("动物防疫法_1997_2007", "文物保护法_2017_2024", "职业教育法_1996_2022")


def gold_scores(gold_dir: Path = GOLD, corpus_root: Path | None = None, *, held_out: bool | None = None
                ) -> dict[str, Any]:
    """Per-kind precision/recall over the gold pairs (rows compared as (old, new, kind)): all of them, only
    the held-out ones (`held_out=True`) or only the others (`held_out=False`)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    pairs = {}
    for path in sorted(gold_dir.glob("*.jsonl")):
        if held_out is not None and (path.stem in HELD_OUT) != held_out:
            continue
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        head, rows = lines[0], lines[1:]
        old_file, new_file = (REPO / head["old_file"]), (REPO / head["new_file"])
        if corpus_root is not None:
            old_file = Path(str(old_file).replace(str(REPO / "../shared/corpus"), str(corpus_root)))
            new_file = Path(str(new_file).replace(str(REPO / "../shared/corpus"), str(corpus_root)))
        got = {(r.old, r.new, r.kind) for r in align(_parse(old_file), _parse(new_file))}
        want = {(r["old"], r["new"], r["kind"]) for r in rows}
        for kind in KINDS:
            g = {r for r in got if r[2] == kind}
            w = {r for r in want if r[2] == kind}
            tp[kind] += len(g & w)
            fp[kind] += len(g - w)
            fn[kind] += len(w - g)
        pairs[path.stem] = {"rows": len(want), "wrong": sorted(got - want, key=str),
                            "missed": sorted(want - got, key=str)}
    scores = {k: {"precision": tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else None,
                  "recall": tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else None,
                  "gold": tp[k] + fn[k]} for k in KINDS}
    return {"scores": scores, "pairs": pairs}


def review_queue(gold_dir: Path = GOLD) -> list[dict[str, Any]]:
    """Per gold pair: the share of rows that need no review (coverage) and how many of those are right."""
    out = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        head, rows = lines[0], lines[1:]
        want = {(r["old"], r["new"], r["kind"]) for r in rows}
        got = align(_parse(REPO / head["old_file"]), _parse(REPO / head["new_file"]))
        sure = [r for r in got if not r.needs_review]
        out.append({"pair": path.stem, "held_out": path.stem in HELD_OUT, "rows": len(got), "sure": len(sure),
                    "right": sum((r.old, r.new, r.kind) in want for r in sure)})
    return out


def corpus_pairs(corpus: Path) -> list[dict[str, Any]]:
    """Align consecutive versions of every law that has several in the corpus."""
    files, _ = discover([corpus / "lawrefbook", corpus / "versions"])
    by_name: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        if "民法典" in path.parts:
            continue  # one version split over nine files
        by_name[ids.law_key(title_from_filename(path))].append(path)
    by_law: dict[str, list[ParsedStatute]] = defaultdict(list)
    for paths in by_name.values():
        if len(paths) > 1:  # file names group candidates; the parsed title decides (（一）, （二） … differ)
            for statute in map(_parse, paths):
                by_law[ids.law_key(statute.title)].append(statute)
    out = []
    for law, found in sorted(by_law.items()):
        texts = sorted((t for t in found if t.articles and t.date), key=lambda s: str(s.date))
        for old, new in itertools.pairwise(texts):
            if old.date == new.date:
                continue
            start = time.perf_counter()
            rows = align(old, new)
            out.append({"law": law, "from": str(old.date), "to": str(new.date), "articles": (len(old.articles),
                        len(new.articles)), "counts": counts(rows), "seconds": time.perf_counter() - start})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    for title, held_out in (("development gold (the aligner was built looking at these)", False),
                            ("held-out gold (never used to change the aligner)", True),
                            ("all gold", None)):
        result = gold_scores(held_out=held_out)
        print(f"\n{title}: " + ", ".join(f"{k} ({v['rows']} rows)" for k, v in result["pairs"].items()))
        print(f"{'kind':<20} {'gold':>5} {'precision':>9} {'recall':>7}")
        for kind, s in result["scores"].items():
            p = "-" if s["precision"] is None else f"{s['precision']:.3f}"
            r = "-" if s["recall"] is None else f"{s['recall']:.3f}"
            print(f"{kind:<20} {s['gold']:>5} {p:>9} {r:>7}")
        if held_out is None:
            for name, pair in result["pairs"].items():
                for row in pair["wrong"]:
                    print(f"  {name}: wrong {row}")
                for row in pair["missed"]:
                    print(f"  {name}: missed {row}")
    print("\nreview queue: rows marked needs_review: false, and how many of them the gold says are right")
    print(f"{'pair':<28} {'set':<9} {'rows':>5} {'sure':>5} {'coverage':>8} {'right':>6} {'precision':>9}")
    totals: dict[bool, list[int]] = {False: [0, 0, 0], True: [0, 0, 0]}
    for q in review_queue():
        t = totals[q["held_out"]]
        t[0], t[1], t[2] = t[0] + q["rows"], t[1] + q["sure"], t[2] + q["right"]
        print(f"{q['pair']:<28} {'held-out' if q['held_out'] else 'dev':<9} {q['rows']:>5} {q['sure']:>5} "
              f"{q['sure'] / q['rows']:>8.3f} {q['right']:>6} {q['right'] / max(q['sure'], 1):>9.3f}")
    for held, (rows, sure, right) in totals.items():
        print(f"{'all ' + ('held-out' if held else 'dev'):<38} {rows:>5} {sure:>5} {sure / rows:>8.3f} {right:>6} "
              f"{right / max(sure, 1):>9.3f}")
    pairs = corpus_pairs(args.corpus)
    total: Counter[str] = Counter()
    print(f"\n{len(pairs)} consecutive version pairs in the corpus:")
    for pair in pairs:
        total.update(pair["counts"])
        shown = ", ".join(f"{k} {v}" for k, v in pair["counts"].items())
        print(f"  {pair['law']} {pair['from']} → {pair['to']} ({pair['articles'][0]} → {pair['articles'][1]}): {shown}"
              f"  [{pair['seconds'] * 1000:.0f} ms]")
    print("all pairs: " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    times = sorted(p["seconds"] for p in pairs)
    slowest = max(pairs, key=lambda p: p["seconds"])
    print(f"median alignment time: {times[len(times) // 2] * 1000:.0f} ms per pair; slowest {slowest['seconds']:.2f} s "
          f"({slowest['law']} {slowest['articles'][0]} → {slowest['articles'][1]} articles)")


if __name__ == "__main__":
    main()
