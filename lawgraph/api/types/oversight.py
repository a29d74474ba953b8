"""GraphQL types and queries for the oversight analyses: overlaps (权力交叉), findings and coverage."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.types.powers import Power, power
from lawgraph.errors import InputError
from lawgraph.graph.repos import enforcement as repo


@strawberry.type
class OverlapMember:
    """A power in an overlap group."""

    id: str
    code: str | None
    name: str
    category: str | None
    department: str
    region: str

    @strawberry.field(description="The power itself (batched per request).")
    async def power(self, info: Info[Context, None]) -> Power | None:
        row = await info.context.powers.load(self.id)
        return power(row) if row is not None else None


@strawberry.type
class SharedUnit:
    """A basis unit two powers share: its id and the citation as written."""

    unit: str
    text: str


@strawberry.type
class OverlapPair:
    """Two powers of different departments judged to overlap (or to share legitimately)."""

    a: str
    b: str
    kind: str = strawberry.field(description="权力交叉 (same region) or 交叉重复 (a township and the level above).")
    score: float
    similarity: float = strawberry.field(description="IDF-weighted bigram Dice of the two conducts.")
    shared_units: list[SharedUnit]
    shared_articles: list[str] = strawberry.field(description="Articles both cite through different paragraphs "
                                                              "or items (when no unit is shared).")
    matched_words: list[str]
    legitimate: str | None = strawberry.field(description="Why the sharing is legitimate (委托/赋权, 许可 vs "
                                                          "处罚); null for an overlap.")


@strawberry.type
class OverlapGroup:
    """Powers that overlap, merged transitively."""

    id: str
    kinds: list[str]
    score: float
    departments: list[str]
    members: list[OverlapMember]
    pairs: list[OverlapPair]


@strawberry.type
class OverlapStats:
    powers: int
    candidates: int
    overlapping_pairs: int
    groups: int
    legitimate: int


@strawberry.type
class OverlapReport:
    """权力交叉 and 交叉重复 in a region."""

    region: str | None
    groups: list[OverlapGroup]
    legitimate: list[OverlapPair]
    general_units: list[str] = strawberry.field(description="Units cited by so many departments of a region that "
                                                            "they are general clauses, not evidence of overlap.")
    stats: OverlapStats


@strawberry.type
class Finding:
    """One legality finding: a rule, its target and the evidence."""

    rule: str
    description: str
    target_kind: str = strawberry.field(description="power | benchmark | list_entry | case")
    target_id: str
    code: str | None
    name: str
    department: str
    region: str
    tier: str | None
    evidence: str


@strawberry.type
class Coverage:
    """Benchmark coverage of one department's discretionary powers."""

    department: str
    discretionary: int
    covered: int
    rate: float
    frequent: int = strawberry.field(description="High-frequency discretionary powers (by case counts).")
    frequent_covered: int


def _pair(p: dict[str, Any]) -> OverlapPair:
    return OverlapPair(a=p["a"], b=p["b"], kind=p["kind"], score=p["score"], similarity=p["similarity"],
                       shared_units=[SharedUnit(unit=u["unit"], text=u["text"]) for u in p["shared_units"]],
                       shared_articles=list(p["shared_articles"]), matched_words=list(p["matched_words"]),
                       legitimate=p["legitimate"])


async def _check(info: Info[Context, None], region: str | None, rule: str | None,
                 as_of: date | None) -> dict[str, Any]:
    from lawgraph.analysis.findings import RULES, check

    if rule is not None and rule not in RULES:
        raise InputError("rule", f"unknown rule {rule!r}; rules: {', '.join(RULES)}")
    store = info.context.store
    key = f"check:{region}:{as_of}"
    if key not in info.context.cache:  # findings and coverage in one request share one run
        where = repo.find_region(store, region) if region else None
        info.context.cache[key] = await asyncio.to_thread(  # a province takes a while: not on the event loop
            check, store, region=where, at=as_of, confidential=info.context.caller.can("editor"))
    return dict(info.context.cache[key])


@strawberry.type
class OversightQuery:
    """Entry points for a 司法局's yearly review."""

    @strawberry.field(description="Powers of different departments resting on the same basis unit or describing "
                                  "the same conduct (权力交叉), and township powers the level above exercises there "
                                  "without 委托/赋权 (交叉重复), in `region` (and below); legitimate sharing listed "
                                  "apart with its reason.")
    async def overlaps(self, info: Info[Context, None], region: str | None = None) -> OverlapReport:
        from lawgraph.analysis.overlaps import overlaps

        store = info.context.store
        where = repo.find_region(store, region) if region else None
        result = await asyncio.to_thread(overlaps, store, where, confidential=info.context.caller.can("editor"))
        return OverlapReport(
            region=result["region"], general_units=list(result["general_units"]),
            legitimate=[_pair(p) for p in result["legitimate"]], stats=OverlapStats(**result["stats"]),
            groups=[OverlapGroup(id=g["id"], kinds=list(g["kinds"]), score=g["score"],
                                 departments=list(g["departments"]),
                                 members=[OverlapMember(**m) for m in g["members"]],
                                 pairs=[_pair(p) for p in g["pairs"]]) for g in result["groups"]])

    @strawberry.field(description="Legality findings (rules F01–F14) in `region` (and below), optionally one "
                                  "`rule`; `asOf` dates 'benchmark in force' and the case windows (default today).")
    async def findings(self, info: Info[Context, None], region: str | None = None, rule: str | None = None,
                       as_of: date | None = None) -> list[Finding]:
        result = await _check(info, region, rule, as_of)
        return [Finding(rule=f["rule"], description=f["description"], target_kind=f["kind"], target_id=f["id"],
                        code=f.get("code"), name=f["name"] or "", department=f["department"], region=f["region"],
                        tier=f.get("tier"), evidence=f["evidence"])
                for f in result["findings"] if rule is None or f["rule"] == rule]

    @strawberry.field(description="Benchmark coverage of discretionary powers per department on `asOf` (default "
                                  "today): all of them and the high-frequency ones.")
    async def coverage(self, info: Info[Context, None], region: str | None = None,
                       as_of: date | None = None) -> list[Coverage]:
        result = await _check(info, region, None, as_of)
        return [Coverage(department=d, discretionary=c["discretionary"], covered=c["covered"], rate=c["rate"],
                         frequent=c["frequent"], frequent_covered=c["frequent_covered"])
                for d, c in result["coverage"].items()]
