"""Citation extraction on the labelled dev set: precision and recall per form and overall.

    .venv/bin/python -m bench.citations_eval
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from lawgraph.domain import ids
from lawgraph.domain.citations import Reference, extract
from lawgraph.domain.resolve import BARE_LAW_NAMES

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "citations_dev.jsonl"


def key(ref: Reference) -> tuple[Any, ...]:
    """What an extracted reference is compared on."""
    law = None if ref.relative or ref.law is None else ids.law_key(ref.law)
    return (law, ref.article, ref.paragraph, ref.item, ref.sub_item)


def expected_key(row: list[Any]) -> tuple[Any, ...]:
    """The same for a labelled reference [law, article, paragraph, item, sub_item]."""
    return (ids.law_key(row[0]) if row[0] else None, *row[1:])


def evaluate(path: Path = DEV) -> dict[str, Any]:
    """Return overall and per-form precision/recall, and the examples that differ."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        example = json.loads(line)
        context = example["context"]
        got = Counter(key(r) for r in extract(example["text"], known=BARE_LAW_NAMES,
                                             context_article=context.get("article"),
                                             context_paragraph=context.get("paragraph")))
        want = Counter(expected_key(r) for r in example["expected"])
        form = example["form"]
        hit = sum((got & want).values())
        tp[form] += hit
        fp[form] += sum(got.values()) - hit
        fn[form] += sum(want.values()) - hit
        if got != want:
            misses.append({"text": example["text"], "got": sorted(map(str, got)), "want": sorted(map(str, want))})

    def pr(t: int, p: int, n: int) -> dict[str, float]:
        return {"precision": t / (t + p) if t + p else 1.0, "recall": t / (t + n) if t + n else 1.0}

    forms = {f: pr(tp[f], fp[f], fn[f]) for f in sorted(set(tp) | set(fp) | set(fn))}
    total = pr(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {"examples": len(lines), "references": sum(tp.values()) + sum(fn.values()), "overall": total,
            "forms": forms, "misses": misses}


def main() -> None:
    print(json.dumps(evaluate(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
