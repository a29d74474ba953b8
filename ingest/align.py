"""Align the units of two versions of one law: old → new articles, and inside aligned articles their
paragraphs (款) and items (项).

Kinds: unchanged, modified (same number, text changed), renumbered (same text, new number),
renumbered_modified, split (one old → several new; one row per new), merged (several old → one new;
one row per old), deleted, added. Texts are compared in their compact form (Simplified, half-width, no
punctuation or spaces), so a difference only in such variants is `unchanged`.

Method: character-bigram Dice scores between all old and new units; an order-preserving alignment
(dynamic programming, the backbone of a revision that mostly keeps its order); then moved units
matched greedily by score; then splits and merges found by containment of the leftovers' bigrams in an
aligned unit. Each pair carries its similarity (difflib ratio of the compact texts).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ingest.statutes.model import ParsedStatute
from ingest.statutes.normalize import compact

MATCH = 0.4  # a pair below this weighted score is not the same unit, in order
MOVED = 0.5  # an out-of-order pair needs more
LEFTOVER = 0.3  # what remains on both sides after that: matched when distinctive words agree
CONTAINED = 0.7  # share of a leftover's (weighted) bigrams found in an aligned unit: part of a split / merge


@dataclass
class Unit:
    """An article, paragraph or item: its number as a string, its text and its children."""

    number: str
    text: str
    children: list[Unit] = field(default_factory=list)
    id: str = ""
    key: str = ""
    grams: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.key = compact(self.text)
        self.grams = frozenset(self.key[i:i + 2] for i in range(max(len(self.key) - 1, 1)))


@dataclass
class Pair:
    """One alignment row."""

    old: str | None
    new: str | None
    kind: str
    similarity: float
    children: list[Pair] = field(default_factory=list)

    def as_dict(self, *, detail: bool = False) -> dict[str, object]:
        """{old, new, kind, similarity} (and, with `detail`, the paragraph/item rows)."""
        out: dict[str, object] = {"old": self.old, "new": self.new, "kind": self.kind,
                                  "similarity": round(self.similarity, 3)}
        if detail and self.children:
            out["children"] = [c.as_dict(detail=True) for c in self.children]
        return out


def units_of(statute: ParsedStatute) -> list[Unit]:
    """Articles → paragraphs → items of a parsed text."""
    out = []
    for article in statute.articles:
        paragraphs = []
        for paragraph in article.paragraphs:
            items = [Unit(str(item.number), item.text) for item in paragraph.items]
            lead = paragraph.text + "".join(i.text for i in paragraph.items)
            paragraphs.append(Unit(str(paragraph.number), lead, items))
        out.append(Unit(article.number, article.text, paragraphs))
    return out


class Weights:
    """Inverse document frequency of bigrams over the units of both versions: boilerplate
    (违反本法规定, 由县级以上人民政府, 罚款) weighs little, the words of the conduct a lot."""

    def __init__(self, units: Sequence[Unit]) -> None:
        df: dict[str, int] = {}
        for unit in units:
            for gram in unit.grams:
                df[gram] = df.get(gram, 0) + 1
        total = len(units) + 1
        self.idf = {gram: math.log(total / (count + 1)) + 1.0 for gram, count in df.items()}
        self.mass = {id(unit): sum(self.idf[g] for g in unit.grams) for unit in units}

    def dice(self, a: Unit, b: Unit) -> float:
        """IDF-weighted bigram Dice coefficient."""
        if a.key == b.key:
            return 1.0
        shared = sum(self.idf[g] for g in a.grams & b.grams)
        whole = self.mass[id(a)] + self.mass[id(b)]
        return 2 * shared / whole if whole else 0.0

    def contained(self, part: Unit, whole: Unit) -> float:
        """Weighted share of `part`'s bigrams found in `whole`."""
        mass = self.mass[id(part)]
        return sum(self.idf[g] for g in part.grams & whole.grams) / mass if mass else 0.0


def ratio(a: Unit, b: Unit) -> float:
    """difflib similarity of the compact texts (1.0 = identical)."""
    if a.key == b.key:
        return 1.0
    return SequenceMatcher(None, a.key, b.key, autojunk=False).ratio()


def _backbone(old: Sequence[Unit], new: Sequence[Unit], score: list[list[float]]) -> list[tuple[int, int]]:
    """Order-preserving pairs maximising the summed score above MATCH."""
    n, m = len(old), len(new)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 1 diagonal, 2 up (skip old), 3 left (skip new)
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            gain = score[i][j] - MATCH
            options = (below[j + 1] + gain if gain > 0 else -1.0, below[j], row[j + 1])
            pick = max(range(3), key=lambda k: options[k])
            row[j] = options[pick]
            move[i][j] = pick + 1
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        step = move[i][j]
        if step == 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif step == 2:
            i += 1
        else:
            j += 1
    return pairs


def _kind(a: Unit, b: Unit) -> str:
    same_text = a.key == b.key
    if a.number == b.number:
        return "unchanged" if same_text else "modified"
    return "renumbered" if same_text else "renumbered_modified"


def align_units(old: Sequence[Unit], new: Sequence[Unit], *, depth: int = 0) -> list[Pair]:
    """Align two lists of sibling units; `depth` 0 also aligns the children (paragraphs, then items)."""
    weights = Weights([*old, *new])
    score = [[weights.dice(a, b) for b in new] for a in old]
    pairs = _backbone(old, new, score)
    used_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}
    for threshold in (MOVED, LEFTOVER):
        moved = sorted(((score[i][j], i, j) for i in range(len(old)) if i not in used_old
                        for j in range(len(new)) if j not in used_new and score[i][j] >= threshold), reverse=True)
        for _, i, j in moved:
            if i not in used_old and j not in used_new:
                pairs.append((i, j))
                used_old.add(i)
                used_new.add(j)
    partner_of_old = dict(pairs)
    partner_of_new = {j: i for i, j in pairs}
    splits: dict[int, list[int]] = {}
    merges: dict[int, list[int]] = {}
    for j in range(len(new)):
        if j in used_new:
            continue
        best = max(((weights.contained(new[j], old[i]), i) for i in partner_of_old), default=(0.0, -1))
        if best[0] >= CONTAINED and len(new[j].grams) >= 4:
            splits.setdefault(best[1], []).append(j)
            used_new.add(j)
    for i in range(len(old)):
        if i in used_old:
            continue
        best = max(((weights.contained(old[i], new[j]), j) for j in partner_of_new), default=(0.0, -1))
        if best[0] >= CONTAINED and len(old[i].grams) >= 4:
            merges.setdefault(best[1], []).append(i)
            used_old.add(i)
    rows: list[tuple[tuple[int, int], Pair]] = []
    for i, j in pairs:
        a, b = old[i], new[j]
        if i in splits:
            for k in sorted([j, *splits[i]]):
                rows.append(((i, k), Pair(a.number, new[k].number, "split", ratio(a, new[k]))))
            continue
        if j in merges:
            for k in sorted([i, *merges[j]]):
                rows.append(((k, j), Pair(old[k].number, b.number, "merged", ratio(old[k], b))))
            continue
        pair = Pair(a.number, b.number, _kind(a, b), ratio(a, b))
        if depth < 2 and (a.children or b.children) and pair.kind != "unchanged":
            pair.children = align_units(a.children, b.children, depth=depth + 1)
        rows.append(((i, j), pair))
    rows += [((i, -1), Pair(old[i].number, None, "deleted", 0.0)) for i in range(len(old)) if i not in used_old]
    rows += [((len(old), j), Pair(None, new[j].number, "added", 0.0)) for j in range(len(new)) if j not in used_new]
    rows.sort(key=lambda r: (r[0][0] if r[0][0] < len(old) else len(old), r[0][1]))
    return [pair for _, pair in rows]


def align(old: ParsedStatute, new: ParsedStatute) -> list[Pair]:
    """Align two parsed versions of one law (articles, with paragraph and item rows inside)."""
    return align_units(units_of(old), units_of(new))


def counts(pairs: Sequence[Pair]) -> dict[str, int]:
    """Rows per kind."""
    out: dict[str, int] = {}
    for pair in pairs:
        out[pair.kind] = out.get(pair.kind, 0) + 1
    return dict(sorted(out.items()))
