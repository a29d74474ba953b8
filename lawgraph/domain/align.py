"""Align the units of two versions of one law: old → new articles, and inside aligned articles their
paragraphs (款) and items (项).

Kinds: unchanged, modified (same number, text changed), renumbered (same text, new number),
renumbered_modified, split (one old → several new; one row per new), merged (several old → one new;
one row per old), deleted, added. Texts are compared in their compact form (Simplified, half-width, no
punctuation or spaces), so a difference only in such variants is `unchanged`.

Method. Boilerplate clauses take no part: the corpus's (构成犯罪的, 责令限期改正, 处一万元以上十万元以下
罚款 …: ingest/boilerplate.py) and those repeated in three or more units of one version; numbers of the
law's own articles are dropped (违反本法第三十二条规定), and an article naming items of another
(本法第三十三条第一项至第三项) is compared with their words too. Then:
1. IDF-weighted character-bigram Dice between all old and new units; an order-preserving alignment
   (dynamic programming: the backbone of a revision that mostly keeps its order);
2. in the gaps between backbone pairs, leftovers matched when their words or their sentences agree
   (order is the strongest evidence a revision leaves);
3. moved units (out of order) matched when their words agree strongly, then other out-of-order
   leftovers when their sentences agree too;
4. every old unit has at most one successor of its own. A leftover new unit that restates a clause
   of an aligned old unit — one its own successor does not state, or states no better (copied to
   both) — is part of a split; a leftover old unit whose clause an aligned new unit restates, and that
   unit's own predecessor did not, is part of a merge. Clauses count when distinctive: no boilerplate,
   at least ten characters, the addressee before 应当 / 不得 / 可以 left out (从事动物饲养……的单位和个人).
A liability article (罚款, 处分, 刑事责任 …) is matched, split or merged only with another.
Each pair carries its similarity (difflib ratio of the compact texts).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from lawgraph.domain.boilerplate import CLAUSE, MODAL, boilerplate, provision
from lawgraph.domain.normalize import normalize, unpunct
from lawgraph.domain.numerals import CN_DIGITS, to_int
from lawgraph.domain.statute import ParsedStatute

MATCH = 0.4  # a pair below this weighted score is not the same unit, in order
MOVED = 0.5  # an out-of-order pair needs more
LEFTOVER = 0.3  # what remains on both sides after that: matched when words or provisions agree
AGREE = 0.35  # provision agreement an out-of-order leftover pair needs besides
RESTATED = 0.75  # a clause this similar to one of another unit is that clause, restated
_SENTENCES = re.compile(r"[。;\n]")
_LIABILITY = re.compile(r"罚款|罚金|处分|刑事责任|吊销|拘留|没收|警告|责令(?:改正|停止|限期)|赔偿责任|民事责任")


@dataclass
class Unit:
    """An article, paragraph or item: its number as a string, its text and its children."""

    number: str
    text: str
    children: list[Unit] = field(default_factory=list)
    id: str = ""
    key: str = ""
    grams: frozenset[str] = frozenset()
    own: list[list[str]] = field(default_factory=list)  # compact clauses, by sentence
    quoted: list[list[str]] = field(default_factory=list)  # the same, of what it refers to (quote_references)
    content: frozenset[str] = frozenset()  # bigrams of the clauses that are not boilerplate (set by Weights)
    liable: bool = False  # states a legal consequence (罚款, 处分 …): see `liability`
    whole: bool = field(default=True, init=False, compare=False, repr=False)  # False when bare (`bare`, `compared`)

    @classmethod
    def bare(cls, number: str, text: str, children: list[Unit], id: str) -> Unit:
        """A unit with its number, text, children and id only, without what comparing it needs (bigrams, clauses):
        enough to store an alignment's edges and work ids, and cheap. Never compare one."""
        unit = cls.__new__(cls)
        unit.number, unit.text, unit.children, unit.id = number, text, children, id
        unit.key, unit.grams, unit.content, unit.liable = "", frozenset(), frozenset(), False
        unit.own, unit.quoted, unit.whole = [], [], False
        return unit

    def __post_init__(self) -> None:
        text = normalize(self.text)
        self.key = unpunct(text)
        self.liable = _LIABILITY.search(self.key) is not None
        key = self.key
        self.grams = frozenset([key[i:i + 2] for i in range(max(len(key) - 1, 1))])  # (a list is built faster)
        self.own = _sentences(text)
        self.content = self.grams

    @property
    def sentences(self) -> list[list[str]]:
        """Compact clauses by sentence: the unit's own, then those of what it refers to."""
        return self.own + self.quoted

    @property
    def clauses(self) -> list[str]:
        """The unit's compact clauses, in order."""
        return [clause for sentence in self.sentences for clause in sentence]


@dataclass
class Pair:
    """One alignment row."""

    old: str | None
    new: str | None
    kind: str
    similarity: float
    children: list[Pair] = field(default_factory=list)
    source: str = "automatic"  # automatic | review (legal staff's correction) | official (an amending act)
    document: str | None = None  # for an official row: the act (or 对照表) it comes from
    # evidence: how far this pairing stands above the best alternative (the next-best score on either side; for a
    # deleted or added row, minus the best score to any unit of the other side); set by align_units
    margin: float = 1.0
    confidence: float = 1.0  # how often rows like this one were right on the development gold (CONFIDENCE)
    needs_review: bool = False  # True unless the row is of a kind that was always right on the gold

    def as_dict(self, *, detail: bool = False) -> dict[str, object]:
        """{old, new, kind, similarity} (and, with `detail`, the paragraph/item rows)."""
        out: dict[str, object] = {"old": self.old, "new": self.new, "kind": self.kind,
                                  "similarity": round(self.similarity, 3), "confidence": self.confidence,
                                  "needs_review": self.needs_review, "source": self.source}
        if self.document:
            out["document"] = self.document
        if detail and self.children:
            out["children"] = [c.as_dict(detail=True) for c in self.children]
        return out


_ITEM_MARK = re.compile(r"\([零〇一二三四五六七八九十百]+\)|^\s*[0-9]+\.", re.MULTILINE)


_NUMERAL = f"[{CN_DIGITS}0-9]+"
_POINTER = re.compile(rf"(本法|本条例|本规定|本办法)第{_NUMERAL}条(?:第{_NUMERAL}款)?(?:第{_NUMERAL}项)?")


def _sentences(text: str) -> list[list[str]]:
    """Compact clauses by sentence; item marks ((一), 1.) left out, and the numbers of the law's own articles
    (违反本法第三十二条规定 → 违反本法规定: the number says nothing about the content and changes with it)."""
    text = _POINTER.sub(r"\1", _ITEM_MARK.sub("", text))
    return [[c for c in (unpunct(part) for part in CLAUSE.split(sentence)) if c] for sentence in _SENTENCES.split(text)]


_REFERENCE = re.compile(rf"本法第({_NUMERAL})条((?:第{_NUMERAL}[款项]|至|到|或者|、|和|及|以及)*)")
_ITEM_RANGE = re.compile(rf"第({_NUMERAL})项(?:(?:至|到)第({_NUMERAL})项)?")


def quote_references(units: Sequence[Unit]) -> None:
    """Let every article be compared with the items it refers to inside its own version: a penalty
    article that names its conduct by number (有本法第三十三条第一项至第三项所列情形) is compared with
    those items' words, as the other version may spell them out. (A whole article named — 违反本法第二十
    八条规定 — is the duty, not the conduct, and is not quoted.)"""
    by_number = {unit.number: unit for unit in units}
    for unit in units:
        quoted = []
        for match in _REFERENCE.finditer(unit.text):
            number = to_int(match.group(1))
            target = by_number.get(str(number)) if number is not None else None
            if target is None or target is unit:
                continue
            wanted: set[int] = set()
            for first, last in _ITEM_RANGE.findall(match.group(2)):
                low, high = to_int(first), to_int(last) if last else to_int(first)
                if low is not None and high is not None and high - low < 50:
                    wanted.update(range(low, high + 1))
            items = [item for paragraph in target.children for item in paragraph.children
                     if item.number.isdigit() and int(item.number) in wanted]
            quoted += [item.text for item in items]
        unit.quoted = _sentences(normalize("\n".join(quoted))) if quoted else []


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


# An article, paragraph or item as plain data: (number, text, id, children) — the children of an article are its
# paragraphs, those of a paragraph its items. What `units_of_raw` builds Units from: cheap to build, compare and send
# to another process (a Unit carries its bigrams and clauses).
RawUnit = tuple[str, str, str, tuple["RawUnit", ...]]


def units_of_raw(raw: Sequence[RawUnit], *, bare: bool = False) -> list[Unit]:
    """Articles → paragraphs → items as Units, with their ids. A paragraph with items is compared with their text
    joined to its own, as `units_of` does. `bare`: Unit.bare ones (not to be compared)."""
    make = Unit.bare if bare else Unit
    out = []
    for number, text, uid, paragraphs in raw:
        children = []
        for p_number, p_text, p_id, items in paragraphs:
            kids = [make(i_number, i_text, [], i_id) for i_number, i_text, i_id, _ in items]
            children.append(make(p_number, p_text + "".join(k.text for k in kids), kids, p_id))
        out.append(make(number, text, children, uid))
    return out


def raw_of_statute(version_id: str, statute: ParsedStatute) -> tuple[RawUnit, ...]:
    """The units of a parsed text as the store holds them once it is written as version `version_id` (the ids
    and the order lawgraph.graph.repos.alignment.version_units reads them back in: articles by ordinal, paragraphs
    by number, items by ordinal)."""
    articles = []
    for article in statute.articles:
        aid = f"{version_id}/{article.number}"
        paragraphs = []
        for paragraph in article.paragraphs:
            pid = f"{aid}.{paragraph.number}"
            items = tuple((str(item.number), item.text or "", f"{pid}.{ordinal}", ())
                          for ordinal, item in enumerate(paragraph.items, start=1))
            paragraphs.append(((paragraph.number or 0, pid), (str(paragraph.number), paragraph.text or "", pid, items)))
        paragraphs.sort(key=lambda p: p[0])
        articles.append(((article.ordinal or 0, aid), (str(article.number), article.text or "", aid,
                                                      tuple(p for _, p in paragraphs))))
    articles.sort(key=lambda a: a[0])
    return tuple(a for _, a in articles)


def align_raw(job: tuple[Sequence[RawUnit], Sequence[RawUnit]]) -> list[Pair]:
    """`align_units` of two versions given as raw units (for a worker process). The articles' paragraphs and items
    are made whole only when they are compared (`compared`): those of an unchanged article never are, and making
    them was a tenth of the comparison's time."""
    return align_units(_articles(job[0]), _articles(job[1]))


def _articles(raw: Sequence[RawUnit]) -> list[Unit]:
    """Articles to compare, their paragraphs and items bare."""
    return compared(units_of_raw(raw, bare=True))


def compared(units: list[Unit]) -> list[Unit]:
    """`units`, each bare one made whole (its own children left as they are)."""
    return [unit if unit.whole else Unit(unit.number, unit.text, unit.children, unit.id) for unit in units]


class Weights:
    """Inverse document frequency of bigrams over the units of both versions (构成犯罪的 … weighs
    little, the words of the conduct a lot). Boilerplate clauses take no part at all: the corpus's
    (ingest/boilerplate.py) and clauses repeated in REPEATED or more units of one version
    (行政机关和法律、法规授权的具有管理公共事务职能的组织, 县级以上地方人民政府农业农村主管部门 …); what
    is left of a unit is its `content`."""

    REPEATED = 3

    def __init__(self, old: Sequence[Unit], new: Sequence[Unit]) -> None:
        self.common = set(boilerplate())
        for side in (old, new):
            seen: dict[str, int] = {}
            for unit in side:
                for clause in set(unit.clauses):
                    seen[clause] = seen.get(clause, 0) + 1
            self.common |= {clause for clause, n in seen.items() if n >= self.REPEATED}
        units = [*old, *new]
        for unit in units:
            kept = frozenset([c[i:i + 2] for c in unit.clauses if c not in self.common for i in range(len(c) - 1)])
            unit.content = kept or unit.grams
        df: dict[str, int] = {}
        for unit in units:
            for gram in unit.content:
                df[gram] = df.get(gram, 0) + 1
        total = len(units) + 1
        self.idf = {gram: math.log(total / (count + 1)) + 1.0 for gram, count in df.items()}
        self.top = max(self.idf.values(), default=1.0)
        self.mass = {id(unit): sum(map(self.idf.__getitem__, unit.content)) for unit in units}

    def matrix(self, old: Sequence[Unit], new: Sequence[Unit]) -> list[list[float]]:
        """IDF-weighted Dice coefficient of the content bigrams of every old × new pair (1.0 for the same
        compact text), through an index of the new units' bigrams."""
        index: dict[str, list[int]] = {}
        for j, unit in enumerate(new):
            for gram in unit.content:
                index.setdefault(gram, []).append(j)
        masses = [self.mass[id(unit)] for unit in new]
        same: dict[str, list[int]] = {}
        for j, unit in enumerate(new):
            same.setdefault(unit.key, []).append(j)
        out = []
        for a in old:
            shared = [0.0] * len(new)
            for gram in a.content:
                weight = self.idf[gram]
                for j in index.get(gram, ()):
                    shared[j] += weight
            mass = self.mass[id(a)]
            row = [2 * part / (mass + other) if mass + other else 0.0
                   for part, other in zip(shared, masses, strict=True)]
            for j in same.get(a.key, ()):
                row[j] = 1.0
            out.append(row)
        return out


Provision = tuple[frozenset[str], float]  # a sentence's or clause's bigrams and their weight


class Provisions:
    """Evidence below the unit: which sentences and clauses of one unit are stated in another.
    Boilerplate clauses (Weights.common) are left out and, for clause evidence, the subject a
    provision is addressed to (the clause before 应当 / 不得 / 可以 …: 从事动物饲养……的单位和个人)."""

    def __init__(self, weights: Weights) -> None:
        self.top = weights.top
        # the weight of every bigram a provision holds: the IDF where the units' content has it, else the top weight
        # (filled in by `_provision`; looked up without a default, which `similarity` does a million times)
        self.weight = dict(weights.idf)
        self.common = weights.common
        self._sentences: dict[int, list[Provision]] = {}
        self._clauses: dict[int, list[Provision]] = {}

    def _provision(self, parts: Sequence[str], least: int) -> Provision | None:
        grams = frozenset([c[i:i + 2] for c in parts for i in range(len(c) - 1)])
        if len(grams) < least:
            return None
        weight = self.weight
        for gram in grams.difference(weight):
            weight[gram] = self.top
        return grams, sum(map(weight.__getitem__, grams))

    def sentences(self, unit: Unit) -> list[Provision]:
        """The unit's sentences without their boilerplate clauses."""
        found = self._sentences.get(id(unit))
        if found is None:
            found = []
            for sentence in unit.sentences:
                kept = [c for c in sentence if c not in self.common]
                provision = self._provision(kept, 3)
                if provision:
                    found.append(provision)
            self._sentences[id(unit)] = found
        return found

    def clauses(self, unit: Unit) -> list[Provision]:
        """The unit's distinctive clauses: no boilerplate, no repeated clause, no addressee."""
        found = self._clauses.get(id(unit))
        if found is None:
            parts = unit.clauses
            found = []
            for k, clause in enumerate(parts):
                if clause in self.common or (k + 1 < len(parts) and parts[k + 1].startswith(MODAL)):
                    continue  # boilerplate, or the addressee of the next clause's 应当 …
                stated = provision(clause)
                kept = None if stated in self.common else self._provision([stated], 9)
                if kept:
                    found.append(kept)
            self._clauses[id(unit)] = found
        return found

    def similarity(self, a: Provision, b: Provision) -> float:
        """IDF-weighted bigram Dice of two sentences or clauses."""
        return 2 * sum(map(self.weight.__getitem__, a[0] & b[0])) / (a[1] + b[1])

    def best(self, provision: Provision, among: Sequence[Provision]) -> float:
        """Similarity of `provision` to the most similar of `among` (0 when empty)."""
        return max((self.similarity(provision, other) for other in among), default=0.0)

    def restated(self, provision: Provision, among: Sequence[Provision]) -> float:
        """`best(provision, among)` when that is at least RESTATED; else some value below RESTATED. Only the
        provisions that could reach it are compared: a similarity is at most 2·min / (sum) of the two weights."""
        weight = provision[1]
        least = RESTATED * 0.5 * (1 - 1e-9)  # (a margin for the rounding of the sums)
        return max((self.similarity(provision, other) for other in among
                    if min(weight, other[1]) >= least * (weight + other[1])), default=0.0)

    def coverage(self, a: Unit, b: Unit) -> float:
        """Weighted share of `a`'s sentences restated in `b` (each by its best sentence there)."""
        mine, theirs = self.sentences(a), self.sentences(b)
        total = sum(weight for _, weight in mine)
        if not total or not theirs:
            return 0.0
        return sum(p[1] * self.best(p, theirs) for p in mine) / total

    def agreement(self, a: Unit, b: Unit) -> float:
        """How well the provisions of two units agree, the better of the two directions."""
        return max(self.coverage(a, b), self.coverage(b, a))

    def moved(self, source: Unit, target: Unit, kept: Unit | None) -> float:
        """How clearly a clause of `source` lives on in `target` rather than (only) in `kept`, the
        unit that continues `source` on the other side: the best similarity ≥ RESTATED among the
        clauses of `source` that `target` states at least as well as `kept` does (0 if none)."""
        theirs = self.clauses(target)
        others = self.clauses(kept) if kept is not None else []
        found = 0.0
        for clause in self.clauses(source):
            if len(clause[0] & target.content) * 4 < len(clause[0]):
                continue  # shares too few bigrams with the whole of `target` to be restated there
            here = self.restated(clause, theirs)
            # (below RESTATED the others' best matters not: `here` is then at least RESTATED above it, less 0.05)
            if here >= RESTATED and here >= self.restated(clause, others) - 0.05:
                found = max(found, here)
        return found


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
        row, below, scores, moves = best[i], best[i + 1], score[i], move[i]
        for j in range(m - 1, -1, -1):
            # the first of the best of: diagonal, up (skip old), left (skip new)
            gain = scores[j] - MATCH
            diagonal = below[j + 1] + gain if gain > 0 else -1.0
            up, left = below[j], row[j + 1]
            if diagonal >= up and diagonal >= left:
                row[j], moves[j] = diagonal, 1
            elif up >= left:
                row[j], moves[j] = up, 2
            else:
                row[j], moves[j] = left, 3
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


def liability(unit: Unit) -> bool:
    """Whether a unit states a legal consequence (a 法律责任 provision) rather than a duty or a power."""
    return unit.liable


def _in_order(anchors: Sequence[tuple[int, int]], i: int, j: int) -> bool:
    """Whether old unit i and new unit j sit in the same gap between two backbone pairs."""
    k = bisect.bisect(anchors, (i, -1))
    low = anchors[k - 1][1] if k > 0 else -1
    high = anchors[k][1] if k < len(anchors) else math.inf
    return low < j < high


def _leftover_pairs(old: Sequence[Unit], new: Sequence[Unit], score: list[list[float]],
                    pairs: list[tuple[int, int]], provisions: Provisions, *, in_order: bool,
                    attached: tuple[set[int], set[int]] = (set(), set())) -> None:
    """Match what is left on both sides when words or provisions agree (≥ LEFTOVER): with `in_order`
    only pairs in the same gap between backbone pairs, else any, if the provisions agree (≥ AGREE).
    A liability article (罚款, 处分 …) is never the successor of one that is not. Appends to `pairs`."""
    anchors = sorted(pairs)
    used_old = {i for i, _ in pairs} | attached[0]
    used_new = {j for _, j in pairs} | attached[1]
    found = []
    for i in range(len(old)):
        if i in used_old:
            continue
        for j in range(len(new)):
            if j in used_new or score[i][j] < 0.05 or liability(old[i]) != liability(new[j]):
                continue
            if in_order and not _in_order(anchors, i, j):
                continue
            agree = provisions.agreement(old[i], new[j])
            both = max(score[i][j], agree)
            if both >= LEFTOVER and (in_order or agree >= AGREE):
                found.append((both, i, j))
    for _, i, j in sorted(found, reverse=True):
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)


def _may_share(a: Unit, b: Unit) -> bool:
    """Whether two units share enough content bigrams to restate a clause (≥ 9 bigrams at ≥ RESTATED)."""
    return len(a.content & b.content) >= 6


def _attach(old: Sequence[Unit], new: Sequence[Unit], pairs: list[tuple[int, int]], provisions: Provisions,
            splits: dict[int, list[int]], merges: dict[int, list[int]]) -> tuple[set[int], set[int]]:
    """Splits: a leftover new unit stating a clause of an aligned old unit that the old unit's own
    successor does not (or no better: the clause was copied to both). Merges: a leftover old unit
    whose clause an aligned new unit states and that unit's own predecessor did not. A liability
    article is never part of one that is not."""
    successor = dict(pairs)
    predecessor = {j: i for i, j in pairs}
    forward, backward = sorted(successor.items()), sorted(predecessor.items())
    done_old = {i for group in merges.values() for i in group}
    done_new = {j for group in splits.values() for j in group}
    for j in range(len(new)):
        if j not in predecessor and j not in done_new:
            found = max(((provisions.moved(old[i], new[j], new[k]), i) for i, k in forward
                         if liability(old[i]) == liability(new[j]) and _may_share(old[i], new[j])), default=(0.0, -1))
            if found[0] >= RESTATED:
                splits.setdefault(found[1], []).append(j)
                done_new.add(j)
    for i in range(len(old)):
        if i not in successor and i not in done_old:
            found = max(((provisions.moved(old[i], new[j], None), j) for j, k in backward
                         if liability(old[i]) == liability(new[j]) and _may_share(old[i], new[j])
                         and provisions.moved(old[i], new[j], old[k]) >= RESTATED), default=(0.0, -1))
            if found[0] >= RESTATED:
                merges.setdefault(found[1], []).append(i)
                done_old.add(i)
    return done_old, done_new


def align_units(old: Sequence[Unit], new: Sequence[Unit], *, depth: int = 0) -> list[Pair]:
    """Align two lists of sibling units; `depth` 0 also aligns the children (paragraphs, then items)."""
    if depth == 0:
        quote_references(old)
        quote_references(new)
    weights = Weights(old, new)
    score = weights.matrix(old, new)
    pairs = _backbone(old, new, score)
    provisions = Provisions(weights)
    _leftover_pairs(old, new, score, pairs, provisions, in_order=True)
    used_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}
    moved = sorted(((score[i][j], i, j) for i in range(len(old)) if i not in used_old
                    for j in range(len(new)) if j not in used_new and score[i][j] >= MOVED), reverse=True)
    for _, i, j in moved:
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    splits: dict[int, list[int]] = {}
    merges: dict[int, list[int]] = {}
    _leftover_pairs(old, new, score, pairs, provisions, in_order=False)
    attached = _attach(old, new, pairs, provisions, splits, merges)
    used_old = {i for i, _ in pairs} | attached[0]
    used_new = {j for _, j in pairs} | attached[1]
    rows: list[tuple[tuple[int, int], Pair]] = []
    n, m = len(old), len(new)

    def margin(i: int, j: int) -> float:
        """score[i][j] above the best alternative for either side."""
        row = score[i]
        rival = max(max(row[:j], default=0.0), max(row[j + 1:], default=0.0),
                    max((score[k][j] for k in range(n) if k != i), default=0.0), 0.0)
        return row[j] - rival

    for i, j in pairs:
        a, b = old[i], new[j]
        if i in splits:
            for k in sorted([j, *splits[i]]):
                kind = "merged" if k == j and j in merges else "split"
                rows.append(((i, k), Pair(a.number, new[k].number, kind, ratio(a, new[k]))))
            rows += [((k, j), Pair(old[k].number, b.number, "merged", ratio(old[k], b))) for k in merges.get(j, [])]
            continue
        if j in merges:
            for k in sorted([i, *merges[j]]):
                rows.append(((k, j), Pair(old[k].number, b.number, "merged", ratio(old[k], b))))
            continue
        pair = Pair(a.number, b.number, _kind(a, b), ratio(a, b), margin=margin(i, j))
        if depth < 2 and (a.children or b.children) and pair.kind != "unchanged":
            a.children, b.children = compared(a.children), compared(b.children)
            pair.children = align_units(a.children, b.children, depth=depth + 1)
        rows.append(((i, j), pair))
    rows += [((i, -1), Pair(old[i].number, None, "deleted", 0.0, margin=-max(score[i] + [0.0])))
             for i in range(n) if i not in used_old]
    rows += [((n, j), Pair(None, new[j].number, "added", 0.0, margin=-max([score[k][j] for k in range(n)] + [0.0])))
             for j in range(m) if j not in used_new]
    rows.sort(key=lambda r: (r[0][0] if r[0][0] < len(old) else len(old), r[0][1]))
    for _, pair in rows:
        assess(pair)
    return [pair for _, pair in rows]


# Calibration, from the development gold (tests/data/align_gold, the pairs not held out: 444 rows): each bucket of
# rows with the share that was right, smoothed ((right + 1) / (rows + 2)). Rows of the first two buckets were all
# right on the development gold (294 of 294) and on the held-out gold (75 of 75): they need no review; every other
# row does. `bench.align_eval` prints precision and coverage per pair.
CONFIDENCE = {
    "same text": (207, 207),  # unchanged, renumbered
    "changed, similar": (87, 87),  # modified / renumbered_modified, similarity ≥ 0.7, no closer rival
    "changed, 0.5-0.7": (31, 32),
    "changed, 0.3-0.5": (18, 18),
    "changed, below 0.3": (2, 4),
    "split or merged": (14, 14),
    "added or deleted, close rival": (63, 66),  # a unit on the other side scores above 0.15 with it
    "added or deleted, no close rival": (15, 17),
}
CERTAIN = ("same text", "changed, similar")


def bucket(pair: Pair) -> str:
    """The calibration bucket of an automatic row."""
    if pair.kind in ("unchanged", "renumbered"):
        return "same text"
    if pair.kind in ("modified", "renumbered_modified"):
        if pair.similarity >= 0.7 and pair.margin >= 0:
            return "changed, similar"
        return ("changed, 0.5-0.7" if pair.similarity >= 0.5 else "changed, 0.3-0.5" if pair.similarity >= 0.3
                else "changed, below 0.3")
    if pair.kind in ("split", "merged"):
        return "split or merged"
    return "added or deleted, close rival" if pair.margin < -0.15 else "added or deleted, no close rival"


def assess(pair: Pair) -> None:
    """Set `confidence` and `needs_review` of an automatic row (a reviewed row is certain)."""
    if pair.source == "review":
        pair.confidence, pair.needs_review = 1.0, False
        return
    name = bucket(pair)
    right, rows = CONFIDENCE[name]
    pair.confidence = round((right + 1) / (rows + 2), 3)
    pair.needs_review = name not in CERTAIN


def align(old: ParsedStatute, new: ParsedStatute) -> list[Pair]:
    """Align two parsed versions of one law (articles, with paragraph and item rows inside)."""
    return align_units(units_of(old), units_of(new))


def counts(pairs: Sequence[Pair]) -> dict[str, int]:
    """Rows per kind."""
    out: dict[str, int] = {}
    for pair in pairs:
        out[pair.kind] = out.get(pair.kind, 0) + 1
    return dict(sorted(out.items()))


@dataclass
class Fate:
    """What became of one old unit in the new version."""

    kind: str  # unchanged | modified | renumbered | renumbered_modified | split | merged | deleted
    new: list[str] = field(default_factory=list)  # new unit ids
    similarity: float = 1.0
    needs_review: bool = False  # the alignment row of its article is not certain (Pair.needs_review)


FOLLOW = 0.6  # a paragraph of a split, merged or rewritten article follows a new paragraph this similar …
FOLLOW_MARGIN = 0.15  # … when no other new paragraph comes this close


def _follow_score(a: Unit, b: Unit) -> float:
    """How well `b` carries `a` on: their similarity, or for a longer text the share of its bigrams `b` keeps
    (a paragraph taken into a longer one lives on there)."""
    score = ratio(a, b)
    if len(a.key) >= 12 and a.grams:
        score = max(score, len(a.grams & b.grams) / len(a.grams))
    return score


def _best(unit: Unit, candidates: list[tuple[str, Unit]]) -> tuple[str, Unit] | None:
    """The candidate (path, unit) that clearly carries `unit` on, or None."""
    scored = sorted(((_follow_score(unit, c), path, c) for path, c in candidates), key=lambda x: -x[0])
    if not scored or scored[0][0] < FOLLOW or (len(scored) > 1 and scored[0][0] - scored[1][0] < FOLLOW_MARGIN):
        return None
    return scored[0][1], scored[0][2]


def _moved_kind(unit: Unit, twin: Unit, moved: bool) -> str:
    if unit.key == twin.key:
        return "renumbered" if moved else "unchanged"
    return "renumbered_modified" if moved else "modified"


def _follow_items(out: dict[str, Fate], path: str, unit: Unit, twins: list[tuple[str, Unit]]) -> None:
    """The items of `unit` (at `path`, e.g. 37.1) follow the items of `twins` (its successors, with their paths)
    that clearly carry them on; the others keep the fate `unit` has."""
    candidates = [(f"{twin_path}.{item.number}", item) for twin_path, twin in twins for item in twin.children]
    for item in unit.children:
        match = _best(item, candidates)
        if match is None:
            continue
        item_path, item_twin = match
        out[item.id] = Fate(_moved_kind(item, item_twin, item_path != f"{path}.{item.number}"), [item_twin.id],
                            ratio(item, item_twin))


def _follow_children(out: dict[str, Fate], a: Unit, targets: list[Unit]) -> None:
    """Refine the fates of the paragraphs and items of `a` (which became `targets` as a whole): each one whose
    text matches one unit among the targets' children clearly better than any other takes that unit as its
    successor (renumbered_modified when its number changed); the others keep the article's fate."""
    paragraphs = [(f"{t.number}.{p.number}", p) for t in targets for p in t.children]
    for child in a.children:
        found = _best(child, paragraphs)
        if found is None:
            continue
        path, twin = found
        out[child.id] = Fate(_moved_kind(child, twin, path != f"{a.number}.{child.number}"), [twin.id],
                             ratio(child, twin))
        for item in child.children:  # an item not followed goes where its paragraph went
            out[item.id] = Fate(out[child.id].kind if out[child.id].kind != "unchanged" else "modified", [twin.id],
                                out[child.id].similarity)
        _follow_items(out, f"{a.number}.{child.number}", child, [(path, twin)])


def fates(pairs: list[Pair], old: list[Unit], new: list[Unit]) -> dict[str, Fate]:
    """The fate of every old article, paragraph and item (ids)."""
    out: dict[str, Fate] = {}
    olds, news = {u.number: u for u in old}, {u.number: u for u in new}
    grouped: dict[str, list[Pair]] = {}
    for pair in pairs:
        if pair.old is not None:
            grouped.setdefault(pair.old, []).append(pair)

    def same_children(a: Unit, b: Unit, kind: str) -> None:
        for child in a.children:
            twin = next((c for c in b.children if c.number == child.number), None)
            out[child.id] = Fate(kind, [twin.id] if twin else [], 1.0)
            if twin is not None:
                same_children(child, twin, kind)

    def by_pairs(rows: list[Pair], a: Unit, b: Unit, renumbered: bool) -> None:
        children = {c.number: c for c in b.children}
        split: dict[str, list[Unit]] = {}
        for row in rows:  # a paragraph split into several: every part is a successor
            if row.old is not None and row.kind == "split" and row.new in children:
                split.setdefault(row.old, []).append(children[row.new])
        for row in rows:
            if row.old is None:
                continue
            child = next((c for c in a.children if c.number == row.old), None)
            if child is None:
                continue
            if row.new is None:
                out[child.id] = Fate("deleted")
                for grandchild in child.children:
                    out[grandchild.id] = Fate("deleted")
                continue
            twin = children.get(row.new)
            if twin is None:
                continue
            kind = row.kind
            if renumbered and kind == "unchanged":
                kind = "renumbered"
            elif renumbered and kind == "modified":
                kind = "renumbered_modified"
            parts = split.get(row.old, [twin])
            out[child.id] = Fate(kind, [p.id for p in parts], row.similarity)
            if row.kind in ("unchanged", "renumbered"):
                same_children(child, twin, "renumbered" if kind != "unchanged" else "unchanged")
            elif row.children:
                by_pairs(row.children, child, twin, renumbered or row.old != row.new)
            else:
                for grandchild in child.children:
                    out[grandchild.id] = Fate(kind, [twin.id], row.similarity)
                path = f"{a.number}.{child.number}" if a.number else child.number
                _follow_items(out, path, child, [(f"{b.number}.{p.number}", p) for p in parts])

    for number, rows in grouped.items():
        a = olds[number]
        if rows[0].kind == "deleted":
            for uid in [a.id, *(c.id for c in a.children), *(g.id for c in a.children for g in c.children)]:
                out[uid] = Fate("deleted")
            continue
        targets = [news[r.new] for r in rows if r.new is not None]
        kind, sim = rows[0].kind, max(r.similarity for r in rows)
        out[a.id] = Fate(kind, [t.id for t in targets], sim)
        b = targets[0]
        if kind == "unchanged":
            same_children(a, b, "unchanged")
        elif kind == "renumbered":
            same_children(a, b, "renumbered")
        elif kind in ("modified", "renumbered_modified") and rows[0].children:
            by_pairs(rows[0].children, a, b, kind == "renumbered_modified")
        else:
            for child in [*a.children, *(g for c in a.children for g in c.children)]:
                out[child.id] = Fate(kind if kind in ("split", "merged") else "modified", [t.id for t in targets],
                                     sim)
            # a paragraph (or item) whose text clearly lives on in one unit of the new articles follows it there
            _follow_children(out, a, targets)
    doubtful = {p.old for p in pairs if p.old is not None and p.needs_review}
    if doubtful:
        for uid, found in out.items():
            if uid.rpartition("/")[2].split(".", 1)[0] in doubtful:
                found.needs_review = True
    return out
