"""GraphQL types and queries for discretion benchmarks (裁量基准): benchmarks, their tiers (裁量等级) and the
ranges parsed from them, and the benchmark in force for a power."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE
from lawgraph.api.types.bases import BasisLink, OpenBasis, basis, open_basis
from lawgraph.api.types.cases import Case, case
from lawgraph.api.types.connection import Connection, held_page
from lawgraph.api.types.regions import Department
from lawgraph.graph.repos import enforcement as repo

if TYPE_CHECKING:
    from lawgraph.api.types.powers import Power


@strawberry.type
class Range:
    """A numeric range; `max` null means open above."""

    min: float | None
    max: float | None
    base: str | None = strawberry.field(default=None, description="For multiples and percentages: 违法所得, 货值金额 …")


@strawberry.type
class Tier:
    """裁量等级 (or one condition of it): name, conditions and the outcome parsed from its text."""

    id: str
    ordinal: int
    name: str
    rank: int = strawberry.field(description="Position of the tier's name among the benchmark's names (1 = lightest).")
    grade: str | None
    conditions: str
    outcome: str
    penalty_types: list[str]
    no_penalty: bool
    fine: Range | None = strawberry.field(description="Fine in yuan.")
    multiple: Range | None = strawberry.field(description="Multiple of a base (违法所得 …).")
    percent: Range | None = strawberry.field(description="Percentage of a base (建设项目总投资额 …).")
    problems: list[str]

    @strawberry.field(description="The benchmark this tier belongs to (batched per request).")
    async def benchmark(self, info: Info[Context, None]) -> DiscretionBenchmark | None:
        row = await info.context.benchmarks.load(self.id.rpartition("#")[0])
        return benchmark(row) if row is not None else None

    @strawberry.field(description=f"The cases decided on this tier, newest first (batched per request); at most "
                                  f"{MAX_PAGE} per page.")
    async def cases(self, info: Info[Context, None], first: int = 20, after: str | None = None) -> Connection[Case]:
        return await held_page(await info.context.tier_cases.load(self.id) or [], first, after, info.context.cases,
                               case)


@strawberry.type
class DiscretionBenchmark:
    """裁量基准 for one conduct (and power), with its tiers in order."""

    id: str
    conduct: str
    code: str | None
    title: str | None
    effective: str | None
    expires: str | None
    adopts: bool = strawberry.field(description="True when it applies an upper level's benchmark (ADOPTS).")
    department: Department
    power_id: str | None
    adopted_id: str | None = strawberry.field(description="The upper level's benchmark it adopts.")
    tiers: list[Tier]
    bases: list[BasisLink]
    open_bases: list[OpenBasis]

    @strawberry.field(description="The power it is for (batched per request).")
    async def power(self, info: Info[Context, None]
                    ) -> Annotated[Power, strawberry.lazy("lawgraph.api.types.powers")] | None:
        from lawgraph.api.types.powers import power_by_id

        return await power_by_id(info, self.power_id)

    @strawberry.field(description="The upper level's benchmark it adopts (batched per request).")
    async def adopted(self, info: Info[Context, None]) -> DiscretionBenchmark | None:
        if self.adopted_id is None:
            return None
        row = await info.context.benchmarks.load(self.adopted_id)
        return benchmark(row) if row is not None else None


@strawberry.type
class EffectiveBenchmark:
    """The benchmark in force for a power in a region on a date."""

    how: str = strawberry.field(description="own | adopted | inherited")
    region: str = strawberry.field(description="The region whose benchmark applies.")
    benchmark: DiscretionBenchmark


def range_of(lo: Any, hi: Any, base: Any = None) -> Range | None:
    if lo is None and hi is None:
        return None
    return Range(min=lo, max=hi, base=base)


def tier(row: dict[str, Any]) -> Tier:
    """A Tier from a stored tier's properties."""
    return Tier(id=row["id"], ordinal=int(row["ordinal"]), name=row["name"], rank=int(row.get("rank") or 1),
                grade=row.get("grade"), conditions=row.get("conditions") or "", outcome=row.get("outcome") or "",
                penalty_types=list(row.get("types") or []), no_penalty=bool(row.get("no_penalty")),
                fine=range_of(row.get("fine_min"), row.get("fine_max")),
                multiple=range_of(row.get("multiple_min"), row.get("multiple_max"), row.get("multiple_base")),
                percent=range_of(row.get("percent_min"), row.get("percent_max"), row.get("percent_base")),
                problems=list(row.get("problems") or []))


def benchmark(row: dict[str, Any]) -> DiscretionBenchmark:
    """A DiscretionBenchmark from graph.repos.enforcement.benchmark's row."""
    b, d = row["benchmark"], row["department"]
    return DiscretionBenchmark(
        id=b["id"], conduct=b["conduct"], code=b.get("code"), title=b.get("title"), effective=b.get("effective"),
        expires=b.get("expires"), adopts=bool(b.get("adopts")),
        department=Department(id=d["id"], name=d["name"], code=None, region_id=d["region"]),
        power_id=row.get("power"), adopted_id=row.get("adopted"),
        tiers=[tier(t) for t in row["tiers"]], bases=[basis(x) for x in row["bases"]],
        open_bases=[open_basis(x) for x in row["open_bases"]])


def effective(found: dict[str, Any] | None) -> EffectiveBenchmark | None:
    """An EffectiveBenchmark from graph.repos.enforcement.effective_benchmark's answer, or None."""
    if found is None:
        return None
    return EffectiveBenchmark(how=found["how"], region=found["region"], benchmark=benchmark(found["benchmark"]))


@strawberry.type
class BenchmarkQuery:
    """Entry points for benchmarks."""

    @strawberry.field(description="One benchmark by id.")
    async def benchmark(self, info: Info[Context, None], id: str) -> DiscretionBenchmark | None:
        row = await info.context.benchmarks.load(id)
        return benchmark(row) if row is not None else None

    @strawberry.field(description="The benchmark in force for a power (id, code or name) in a region on `asOf` "
                                  "(default today): its own, adopted, or the nearest upper level's.")
    def effective_benchmark(self, info: Info[Context, None], power: str, region: str,
                            as_of: date | None = None) -> EffectiveBenchmark | None:
        store = info.context.store
        where = repo.find_region(store, region)
        found = repo.find_power(store, power, where)
        if found.get("confidential") and not info.context.caller.can("editor"):
            return None
        return effective(repo.effective_benchmark(store, found["id"], where, as_of or date.today(),
                                                  confidential=info.context.caller.can("editor")))
