"""权力交叉: powers of different departments that rest on the same basis unit or describe the same conduct.

Pairs are compared only inside a block, never all against all, so the cost follows the number of powers:
- the same basis unit (article, paragraph, item) held in one region — a unit cited by more than
  `GENERAL_DEPARTMENTS` departments of a region is a general clause (行政处罚法 第二十八条 and the like) and is
  not evidence of sharing (it is listed in the result);
- the same article reached through different paragraphs/items (weaker: the names must agree as well);
- MinHash LSH buckets of the conduct's character bigrams (names worded alike on different bases).
A township (乡镇街道) is also compared with the departments of the regions above it: a power its county
exercises there, held without a 委托 / 赋权, is 交叉重复.

Each candidate pair is scored from the shared units, the IDF-weighted bigram Dice of the conduct (the name
without 对…的行政处罚) and the category. A related pair is legitimate — marked, with the reason, and not
reported as an overlap — when the upper department handed the power to that township (委托 / 赋权), or when
the two are different stages of one matter (行政许可 vs 行政处罚 / 检查 / 强制). Overlapping pairs are merged
transitively into groups. `bench/overlaps_scale.py` measures precision, recall and growth.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lawgraph.domain import ids
from lawgraph.domain.normalize import compact
from lawgraph.graph.store import GraphStore

GENERAL_DEPARTMENTS = 4  # a unit cited by more departments of one region is a general clause
SAME_UNIT = 0.2  # name similarity needed on top of a shared unit
SAME_ARTICLE = 0.45  # … on top of a shared article (different paragraphs or items)
SAME_TEXT = 0.7  # … with no shared basis at all
BUCKET_CAP = 60  # an LSH bucket larger than this is boilerplate, not evidence
PERMUTATIONS, BANDS = 20, 10  # MinHash: 10 bands of 2 rows (≈ 0.94 recall at Jaccard 0.5)
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20261121)
_A = _rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64)

_PREFIX = re.compile(r"^(对于|对|关于)")
_SUFFIX = re.compile(r"(的)?(行政处罚|处罚|行政强制措施|行政强制|行政检查|监督检查|检查)$")
LEVEL_TOWNSHIP = 4  # 省/市/县/乡镇街道: a region path of four parts is a township or street
STAGES = {"行政许可"}  # a permit and the supervision / punishment of the same matter are stages, not overlap


# wordings of legal drafting that mean the same (the left one is rewritten to the right one before comparing)
SYNONYMS = (("没有经过", "未经"), ("未经批准", "擅自"), ("未经许可", "擅自"), ("未依照规定", "未按照规定"),
            ("不按照规定", "未按照规定"), ("不按规定", "未按照规定"), ("未按规定", "未按照规定"),
            ("未依法取得", "未取得"), ("违反规定", "违反有关规定"))
_SUBJECT = re.compile(r"^(生产经营单位|生产经营者|经营者|当事人|单位|个人|公民、法人或者其他组织)")


@functools.lru_cache(maxsize=1 << 16)  # the same lists recur in every county
def conduct(name: str) -> str:
    """The conduct a power's name describes: compact text without 对 … 的行政处罚, a leading generic subject
    (单位, 当事人 …) or synonym variants of legal drafting (未经批准 = 擅自, 未依照规定 = 未按照规定 …)."""
    text = compact(name)
    stripped = _SUFFIX.sub("", _PREFIX.sub("", text))
    for old, new in SYNONYMS:
        stripped = stripped.replace(old, new)
    stripped = _SUBJECT.sub("", stripped)
    return stripped or text


@functools.lru_cache(maxsize=1 << 16)
def grams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1)) or frozenset({text})


def depth(region: str) -> int:
    return region.count("/") + 1


@dataclass
class Holder:
    """One power as the analysis sees it."""

    id: str
    code: str | None
    name: str
    category: str | None
    department: str
    department_name: str
    region: str
    bases: dict[str, str]  # unit id → the basis text as written
    delegations: list[dict[str, Any]]
    core: str = ""
    grams: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        self.core = conduct(self.name)
        self.grams = grams(self.core)

    def summary(self) -> dict[str, Any]:
        return {"id": self.id, "code": self.code, "name": self.name, "category": self.category,
                "department": self.department_name, "region": self.region}


class Similarity:
    """IDF-weighted bigram Dice over the conducts of the powers analysed (boilerplate such as 违反规定 weighs
    little, the words of the conduct a lot)."""

    def __init__(self, holders: Sequence[Holder]) -> None:
        df: dict[str, int] = defaultdict(int)
        for h in holders:
            for g in h.grams:
                df[g] += 1
        total = len(holders) + 1
        self.idf = {g: math.log(total / (n + 1)) + 1.0 for g, n in df.items()}
        self._mass: dict[str, float] = {}

    def mass(self, h: Holder) -> float:
        if h.core not in self._mass:
            self._mass[h.core] = sum(self.idf[g] for g in h.grams)
        return self._mass[h.core]

    def dice(self, a: Holder, b: Holder) -> float:
        if a.core == b.core:
            return 1.0
        whole = self.mass(a) + self.mass(b)
        return 2 * sum(self.idf[g] for g in a.grams & b.grams) / whole if whole else 0.0


def matched_words(a: str, b: str) -> list[str]:
    """Runs of two or more characters the two conducts share, longest first."""
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    words = {a[m.a:m.a + m.size] for m in blocks if m.size >= 2}
    return sorted(words, key=lambda w: (-len(w), w))


def signatures(holders: Sequence[Holder], common: dict[str, frozenset[str]] | None = None) -> np.ndarray:
    """MinHash signatures (one row per holder) of the conduct bigrams, hashed with CRC32 (stable across runs);
    the bigrams common in the holder's region (`common[region]`, boilerplate) are left out unless nothing else
    remains."""
    common = common or {}
    out = np.empty((len(holders), PERMUTATIONS), dtype=np.uint64)
    chunk = 5000
    for start in range(0, len(holders), chunk):
        part = holders[start:start + chunk]
        hashes: list[int] = []
        offsets: list[int] = []
        for h in part:
            offsets.append(len(hashes))
            grams = sorted(h.grams - common.get(h.region, frozenset())) or sorted(h.grams)
            hashes.extend(zlib.crc32(g.encode()) for g in grams)
        values = np.array(hashes, dtype=np.uint64)
        mixed = (_A[:, None] * values[None, :] + _B[:, None]) % _PRIME
        out[start:start + len(part)] = np.minimum.reduceat(mixed, np.array(offsets), axis=1).T
    return out


def _above(region: str) -> list[str]:
    """The regions a township is also compared in: those above it (cross-level); none for other levels."""
    return ids.ancestors(region) if depth(region) >= LEVEL_TOWNSHIP else []


def _common(holders: Sequence[Holder]) -> dict[str, frozenset[str]]:
    """Per region, the bigrams in more than 2 % of its conducts (and more than 20): 违反, 规定, 未按 … — noise
    for LSH buckets. Per region, because every county holds much the same lists."""
    df: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    size: dict[str, int] = defaultdict(int)
    for h in holders:
        size[h.region] += 1
        for g in h.grams:
            df[h.region][g] += 1
    return {region: frozenset(g for g, n in counts.items() if n > max(20, size[region] // 50))
            for region, counts in df.items()}


def candidates(holders: Sequence[Holder]) -> tuple[set[tuple[int, int]], set[tuple[str, str]]]:
    """Index pairs (i < j) worth scoring, and the (region, unit) pairs found to be general clauses.

    Blocks: (region, unit), (region, article) and (region, LSH band); every block is walked once, and a
    township's holders also look into the blocks of the regions above it. A block held by more than
    `GENERAL_DEPARTMENTS` departments is a general clause; an LSH bucket above `BUCKET_CAP` is boilerplate."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    cited: set[tuple[str, str]] = set()  # (region, unit) cited as such, not only through a unit inside it
    for i, h in enumerate(holders):
        for unit in h.bases:
            blocks[(h.region, unit)].append(i)
            cited.add((h.region, unit))
        for article in {ids.article_of_unit(u) for u in h.bases} - set(h.bases):
            blocks[(h.region, article)].append(i)
    busy = {key for key, members in blocks.items()
            if len({holders[i].department for i in members}) > GENERAL_DEPARTMENTS}
    general = busy & cited
    signature = signatures(holders, _common(holders))
    rows = PERMUTATIONS // BANDS
    raw = signature.tobytes()
    width = rows * signature.itemsize
    bands = [[f"{band}{raw[(i * BANDS + band) * width:(i * BANDS + band + 1) * width].hex()}" for band in range(BANDS)]
             for i in range(len(holders))]
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, h in enumerate(holders):
        for band in bands[i]:
            buckets[(h.region, band)].append(i)
    pairs: set[tuple[int, int]] = set()

    def add(i: int, members: Iterable[int]) -> None:
        for j in members:
            if holders[i].department != holders[j].department:
                pairs.add((i, j) if i < j else (j, i))

    for key, members in blocks.items():
        if key not in busy and len(members) > 1:
            for n, i in enumerate(members):
                add(i, members[n + 1:])
    for members in buckets.values():
        if 1 < len(members) <= BUCKET_CAP:
            for n, i in enumerate(members):
                add(i, members[n + 1:])
    for i, h in enumerate(holders):  # a township against the regions above it
        for region in _above(h.region):
            for key in {(region, u) for u in h.bases} | {(region, ids.article_of_unit(u)) for u in h.bases}:
                if key not in busy:
                    add(i, blocks.get(key, []))
            for band in bands[i]:
                members = buckets.get((region, band), [])
                if len(members) <= BUCKET_CAP:
                    add(i, members)
    return pairs, general


def judge(a: Holder, b: Holder, similarity: float, general: set[tuple[str, str]]) -> dict[str, Any] | None:
    """The verdict on one candidate pair: None (unrelated), an overlap, or a legitimate sharing."""
    upper, lower = (a, b) if depth(a.region) <= depth(b.region) else (b, a)
    cross = upper.region != lower.region
    mine = {u for u in a.bases if (a.region, u) not in general}
    theirs = {u for u in b.bases if (b.region, u) not in general}
    shared = sorted(mine & theirs)
    articles = sorted({ids.article_of_unit(u) for u in mine} & {ids.article_of_unit(u) for u in theirs})
    related = (bool(shared) and similarity >= SAME_UNIT) or (bool(articles) and similarity >= SAME_ARTICLE) \
        or similarity >= SAME_TEXT
    if not related:
        return None
    score = round(0.5 * (1.0 if shared else 0.5 if articles else 0.0) + 0.4 * similarity
                  + 0.1 * (a.category == b.category), 3)
    verdict: dict[str, Any] = {
        "a": a.id, "b": b.id, "kind": "交叉重复" if cross else "权力交叉", "score": score,
        "similarity": round(similarity, 3),
        "shared_units": [{"unit": u, "text": a.bases[u]} for u in shared],
        "shared_articles": [] if shared else articles,
        "matched_words": matched_words(a.core, b.core)[:8],
        "legitimate": None,
    }
    handed = [d for d in upper.delegations if cross and ids.within(d["region"], lower.region)]
    if handed:
        d = handed[0]
        verdict["legitimate"] = f"{d['kind']}：{upper.department_name}以{d['act'] or '（无文号）'}" \
                                f"（{d['date'] or '日期未填'}）交由{lower.region.rsplit('/', 1)[-1]}实施"
    elif a.category != b.category and ({a.category, b.category} & STAGES):
        verdict["legitimate"] = f"按环节分工：{a.department_name}「{a.category}」与{b.department_name}" \
                                f"「{b.category}」是同一事项的不同环节"
    elif a.category != b.category:
        return None  # related text, different kinds of power (检查 vs 处罚): not the same power
    return verdict


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def holders_from(rows: Iterable[dict[str, Any]]) -> list[Holder]:
    return [Holder(id=r["id"], code=r["code"], name=r["name"] or "", category=r["category"],
                   department=r["department"], department_name=r["department_name"] or r["department"],
                   region=r["region"], bases={b["unit"]: b["text"] or "" for b in r["bases"]},
                   delegations=list(r["delegations"])) for r in rows]


def analyse(holders: Sequence[Holder], region: str | None = None) -> dict[str, Any]:
    """Overlap groups, legitimate sharings and general clauses among `holders` (those of `region` and below
    are reported; holders above it are there for the township comparison). Holders are taken in id order, so
    the answer does not depend on the order the store returned them in (`a` of a pair is the smaller id)."""
    holders = sorted(holders, key=lambda h: h.id)
    inside = [ids.within(region, h.region) for h in holders]
    similarity = Similarity(holders)
    pairs, general = candidates(holders)
    overlaps: list[dict[str, Any]] = []
    legitimate: list[dict[str, Any]] = []
    for i, j in sorted(pairs):
        if not (inside[i] or inside[j]):
            continue
        verdict = judge(holders[i], holders[j], similarity.dice(holders[i], holders[j]), general)
        if verdict is not None:
            (legitimate if verdict["legitimate"] else overlaps).append(verdict)
    groups = _Groups()
    for v in overlaps:
        groups.union(v["a"], v["b"])
    by_id = {h.id: h for h in holders}
    members: dict[str, list[str]] = defaultdict(list)
    for power in sorted({p for v in overlaps for p in (v["a"], v["b"])}):
        members[groups.find(power)].append(power)
    pairs_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for v in overlaps:
        pairs_of[groups.find(v["a"])].append(v)
    out_groups: list[dict[str, Any]] = []
    for root, held in sorted(members.items(), key=lambda kv: (-max(p["score"] for p in pairs_of[kv[0]]), kv[0])):
        found = pairs_of[root]
        out_groups.append({
            "id": f"G{len(out_groups) + 1}",
            "kinds": sorted({p["kind"] for p in found}),
            "score": max(p["score"] for p in found),
            "departments": sorted({by_id[p].department_name for p in held}),
            "members": [by_id[p].summary() for p in held],
            "pairs": found,
        })
    return {
        "region": region,
        "groups": out_groups,
        "legitimate": [{**v, "members": [by_id[v["a"]].summary(), by_id[v["b"]].summary()]} for v in legitimate],
        "general_units": sorted(f"{r} {u}" for r, u in general),
        "stats": {"powers": sum(inside), "candidates": len(pairs), "overlapping_pairs": len(overlaps),
                  "groups": len(out_groups), "legitimate": len(legitimate)},
    }


def overlaps(store: GraphStore, region: str | None = None, *, confidential: bool = True) -> dict[str, Any]:
    """The overlap analysis of a region (and below; a township also against the regions above it);
    `confidential=False` leaves 涉密 powers out (for readers)."""
    return analyse(holders_from(store.run("overlaps/powers", region=region, above=ids.ancestors(region),
                                          confidential=confidential)), region)
