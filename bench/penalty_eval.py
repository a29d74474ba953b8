"""Penalty range parsing on the labelled phrase set (法律责任 articles of the corpus and the 江门 table):
exact-match rate overall, per source group, per split and per amount kind, and the phrases that differ.

`dev` phrases were labelled while the parser was being fixed on them; `held-out` phrases were drawn
afterwards (another random seed), labelled by hand and never used to change the parser.

    .venv/bin/python -m bench.penalty_eval
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from lawgraph.domain.penalties import parse_outcome

PHRASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "penalty_phrases.jsonl"


def _matches(example: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
    out = parse_outcome(example["text"])
    got = {"types": sorted(out.types), "amounts": [[a.kind, a.min, a.max, a.base] for a in out.amounts],
           "no_penalty": out.no_penalty}
    want = {"types": sorted(example["types"]), "amounts": example["amounts"],
            "no_penalty": example.get("no_penalty", False)}
    return got == want, got


def evaluate(path: Path = PHRASES) -> dict[str, Any]:
    """Exact match (types, every amount with kind, bounds and base, 不予处罚) per phrase."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses = []
    examples = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    start = time.perf_counter()
    for example in examples:
        group = "江门 table" if "江门" in example.get("src", "") else "statutes"
        kinds = {a[0] for a in example["amounts"]} or {"none"}
        ok, got = _matches(example)
        for key in ("all", group, f"split:{example.get('split', 'dev')}", *sorted(f"kind:{k}" for k in kinds)):
            total[key] += 1
            right[key] += ok
        if not ok:
            misses.append({"text": example["text"], "want": example, "got": got})
    seconds = time.perf_counter() - start
    return {"phrases": len(examples), "rates": {k: right[k] / total[k] for k in sorted(total)},
            "counts": {k: f"{right[k]}/{total[k]}" for k in sorted(total)}, "misses": misses,
            "phrases_per_second": len(examples) / seconds if seconds else None}


def main() -> None:
    result = evaluate()
    print(f"labelled phrases: {result['phrases']}")
    for key, rate in result["rates"].items():
        print(f"  {key:<16} exact {result['counts'][key]:>9}  {rate:.3f}")
    print(f"parse rate: {result['phrases_per_second']:.0f} phrases/s")
    for miss in result["misses"]:
        print(json.dumps(miss, ensure_ascii=False))


if __name__ == "__main__":
    main()
