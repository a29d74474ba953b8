"""The 刑法修正案 in the corpus, read as operations and checked against the corpus's consolidated 刑法.

For every act (in the order they were passed): its operations by kind, the sentences not understood, and for every
article or paragraph it sets whole (修改为, 增加一条/一款) whether the text it gives equals the consolidated text —
unless a later act changed that article again.

    .venv/bin/python -m bench.amending_acts [--corpus ../shared/corpus]

Prints figures; asserts nothing (tests/integration/test_amendment.py holds the check).
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lawgraph.domain.amending import Act, Operation
from lawgraph.domain.normalize import compact
from lawgraph.ingest.amendment import read_act
from lawgraph.ingest.statutes.parse import parse_statute
from lawgraph.ingest.statutes.read import read_source

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Check:
    """The consolidation check of a run of acts against one consolidated text."""

    acts: list[tuple[date | None, str, Act]]
    checked: int = 0
    changed_again: int = 0
    mismatches: list[tuple[str, int, str, str]] = field(default_factory=list)  # act, line, unit, what differs


def read_acts(folder: Path, law: str = "刑法") -> list[tuple[date | None, str, Act]]:
    """Every 修正案 file of `law` in `folder`, parsed, oldest first."""
    acts = []
    for path in sorted(folder.glob(f"{law}修正案*.md")):
        read = read_act(path)
        acts.append((read.passed, read.title, read.act))
    return sorted(acts, key=lambda a: a[0] or date.min)


def _units(op: Operation) -> set[str]:
    return set(op.new_numbers) if op.kind == "insert" and op.level == "article" else {op.article, *op.others}


def check(acts: list[tuple[date | None, str, Act]], consolidated: Path, law: str = "刑法") -> Check:
    """Compare every article or paragraph an act sets whole with the consolidated text."""
    articles = {a.number: a for a in parse_statute(read_source(consolidated)).articles}
    flat = [(title, op) for _, title, act in acts for op in act.laws.get(law, [])]
    result = Check(acts)
    for i, (title, op) in enumerate(flat):
        if op.kind not in ("replace", "insert", "merge") or op.level == "item":
            continue
        for unit in (op.new_numbers if op.kind == "insert" and op.level == "article" else [op.article]):
            later = [t for t, o in flat[i + 1:] if unit in _units(o)]
            if any(t != title for t in later) or (op.level == "article" and later):
                result.changed_again += 1
                continue
            article = articles.get(unit)
            if article is None:
                result.mismatches.append((title, op.line, unit, "not in the consolidated text"))
                continue
            if op.level == "article":
                have = article.text
            else:
                number = op.new_paragraphs[0] if op.kind == "insert" else op.paragraph or 1
                if number > len(article.paragraphs):
                    result.mismatches.append((title, op.line, unit, f"the consolidated article has no 第{number}款"))
                    continue
                paragraph = article.paragraphs[number - 1]
                have = "".join([paragraph.text, *(item.text for item in paragraph.items)])
            result.checked += 1
            if compact("".join(op.text)) != compact(have):
                result.mismatches.append((title, op.line, unit, "the text differs"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    folder = args.corpus / "lawrefbook" / "刑法"
    result = check(read_acts(folder), folder / "刑法.md")
    print("| act | passed | operations | by kind | not understood |")
    print("|---|---|---|---|---|")
    for passed, title, act in result.acts:
        ops = act.laws.get("刑法", [])
        kinds = Counter(f"{op.kind} {op.level}" for op in ops)
        print(f"| {title} | {passed} | {len(ops)} | {', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))} | "
              f"{len(act.unread)} |")
    total = sum(len(a.laws.get("刑法", [])) for _, _, a in result.acts)
    print(f"\n{len(result.acts)} acts, {total} operations; consolidation check: {result.checked} articles or "
          f"paragraphs compared, {len(result.mismatches)} differ, {result.changed_again} skipped (changed again by a "
          "later act)")
    for mismatch in result.mismatches:
        print("  ", *mismatch)


if __name__ == "__main__":
    main()
