"""GraphQL types and queries for regions, departments, powers, benchmarks, tiers, 三张清单 and cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE, PageInfo, cursor, page_info, start, window
from lawgraph.domain import ids
from lawgraph.errors import NotFoundError
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.store import page_of_ids

if TYPE_CHECKING:
    from lawgraph.api.schema import Article


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
    async def cases(self, info: Info[Context, None], first: int = 20, after: str | None = None) -> CaseConnection:
        return await cases_of(info, await info.context.tier_cases.load(self.id) or [], first, after)


@strawberry.type
class BasisLink:
    """A BASED_ON edge: the unit a basis cites, with the citation text and its role."""

    unit: str = strawberry.field(description="Id of the article, paragraph, item or sub-item.")
    text: str
    role: str | None = strawberry.field(description="设定依据 / 实施依据 / 罚则依据 where the list says")
    status: str = strawberry.field(description="resolved, or stale (a superseded version's unit)")
    unit_text: str | None

    @strawberry.field(description="The article the unit is or lies in (batched per request).")
    async def article(self, info: Info[Context, None]
                      ) -> Annotated[Article, strawberry.lazy("lawgraph.api.schema")] | None:
        from lawgraph.api.schema import article_from_row

        row = await info.context.articles.load(ids.article_of_unit(self.unit))
        return article_from_row(row) if row is not None else None


@strawberry.type
class OpenBasis:
    """A basis that did not resolve to a unit; kept and reported."""

    text: str | None
    status: str = strawberry.field(description="unresolved | ambiguous | incomplete | stale")
    reason: str | None
    law: str | None
    article: str | None


@strawberry.type
class Department:
    """A department in a region: what it holds (powers), issues (benchmarks, list entries) and decides (cases)."""

    id: str
    name: str
    code: str | None
    region_id: str = strawberry.field(description="The region's id (its path).")

    @strawberry.field(description="The region the department belongs to (batched per request).")
    async def region(self, info: Info[Context, None]) -> Region | None:
        row = await info.context.regions.load(self.region_id)
        return region(row) if row is not None else None

    @strawberry.field(description=f"The powers it holds (filters as on `powers`); at most {MAX_PAGE} per page.")
    async def powers(self, info: Info[Context, None], category: str | None = None, search: str | None = None,
                     status: str | None = None, first: int = 20, after: str | None = None) -> PowerConnection:
        return await powers_page(info, department=self.id, category=category, search=search, status=status,
                                 first=first, after=after)

    @strawberry.field(description=f"The benchmarks it issued, with their tiers (batched per request); at most "
                                  f"{MAX_PAGE} per page.")
    async def benchmarks(self, info: Info[Context, None], first: int = 20,
                         after: str | None = None) -> BenchmarkConnection:
        return await benchmarks_of(info, await self._items(info, "benchmarks"), first, after)

    @strawberry.field(description=f"Its 三张清单 entries (batched per request); at most {MAX_PAGE} per page.")
    async def list_entries(self, info: Info[Context, None], first: int = 20,
                           after: str | None = None) -> ListEntryConnection:
        return await entries_of(info, await self._items(info, "lists"), first, after)

    async def _items(self, info: Info[Context, None], kind: str) -> list[str]:
        """Ids of its benchmarks or list entries, without those of 涉密 powers for readers."""
        items = await info.context.department_items.load(self.id)
        found = sorted(items[kind]) if items else []
        if info.context.caller.can("editor") or not found:
            return found
        loader = info.context.benchmarks if kind == "benchmarks" else info.context.list_entries
        return [key for key, row in zip(found, await loader.load_many(found), strict=True) if row is not None]

    @strawberry.field(description=f"The cases it decided, newest first; at most {MAX_PAGE} per page.")
    async def cases(self, info: Info[Context, None], first: int = 20, after: str | None = None) -> CaseConnection:
        return await cases_page(info, department=self.id, first=first, after=after)


@strawberry.type
class Region:
    """省 / 市 / 县 / 乡镇街道."""

    id: str = strawberry.field(description="The path from the top: 江北省/临川市/青禾县.")
    name: str
    level: str
    parent_id: str | None
    child_ids: list[str]
    departments: list[Department]

    @strawberry.field(description="The region above (batched per request).")
    async def parent(self, info: Info[Context, None]) -> Region | None:
        if self.parent_id is None:
            return None
        row = await info.context.regions.load(self.parent_id)
        return region(row) if row is not None else None

    @strawberry.field(description="The regions directly below (batched per request).")
    async def children(self, info: Info[Context, None]) -> list[Region]:
        rows = await info.context.regions.load_many(self.child_ids)
        return [region(row) for row in rows if row is not None]

    @strawberry.field(description=f"Powers held in this region and below (filters as on `powers`); at most "
                                  f"{MAX_PAGE} per page.")
    async def powers(self, info: Info[Context, None], category: str | None = None, level: str | None = None,
                     search: str | None = None, status: str | None = None, first: int = 20,
                     after: str | None = None) -> PowerConnection:
        return await powers_page(info, region=self.id, category=category, level=level, search=search,
                                 status=status, first=first, after=after)


@strawberry.type
class Delegation:
    """A power handed to a township (委托 / 赋权)."""

    region: str
    kind: str
    act: str | None
    date: str | None


@strawberry.type
class FlowStep:
    """One step of a power's flow, with its time limit where given."""

    name: str
    time_limit: str | None


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
    async def power(self, info: Info[Context, None]) -> Power | None:
        return await _power(info, self.power_id)

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


@strawberry.type
class ListEntry:
    """An entry of a 不予处罚 / 减轻处罚 / 从轻处罚 list."""

    id: str
    kind: str
    conduct: str
    first_offence: bool
    high_risk: bool
    power_id: str | None
    department_id: str | None

    @strawberry.field(description="The power the entry is for (batched per request).")
    async def power(self, info: Info[Context, None]) -> Power | None:
        return await _power(info, self.power_id)

    @strawberry.field(description="The department that issued the list (batched per request).")
    async def department(self, info: Info[Context, None]) -> Department | None:
        return await _department(info, self.department_id)


@strawberry.type
class Case:
    """典型案例."""

    id: str
    title: str
    date: str | None
    facts: str
    outcome: str
    penalty_types: list[str]
    fine: float | None
    tier_name: str | None
    origin: str | None
    department: Department
    power_id: str | None
    tier_id: str | None

    @strawberry.field(description="The power applied (batched per request).")
    async def power(self, info: Info[Context, None]) -> Power | None:
        return await _power(info, self.power_id)

    @strawberry.field(description="The tier applied: of the benchmark in force for that power, region and date "
                                  "(batched per request).")
    async def tier(self, info: Info[Context, None]) -> Tier | None:
        if self.tier_id is None:
            return None
        row = await info.context.benchmarks.load(self.tier_id.rpartition("#")[0])
        found = next((t for t in (row or {}).get("tiers", []) if t["id"] == self.tier_id), None)
        return tier(found) if found is not None else None


@strawberry.type
class Power:
    """职权: one row of a power list, with its bases resolved to statute units."""

    id: str
    code: str | None
    name: str
    category: str = strawberry.field(description="One of the 13 categories of seed 002.")
    category_raw: str
    sub_items: list[str]
    discretionary: bool | None
    confidential: bool
    time_limit: str | None
    levels: str | None
    department: Department
    steps: list[FlowStep]
    bases: list[BasisLink]
    open_bases: list[OpenBasis]
    delegations: list[Delegation]
    benchmark_ids: list[str] = strawberry.field(description="Ids of the benchmarks issued for this power.")
    lists: list[ListEntry]
    case_ids: list[str]

    @strawberry.field(description=f"The cases that applied this power, newest first (batched per request); at most "
                                  f"{MAX_PAGE} per page.")
    async def cases(self, info: Info[Context, None], first: int = 20, after: str | None = None) -> CaseConnection:
        return await cases_of(info, self.case_ids, first, after)

    @strawberry.field(description="The benchmarks issued for this power, with their tiers (batched per request).")
    async def benchmarks(self, info: Info[Context, None]) -> list[DiscretionBenchmark]:
        rows = await info.context.benchmarks.load_many(self.benchmark_ids)
        return [benchmark(row) for row in rows if row is not None]

    @strawberry.field(description="The benchmark in force in the power's region (or `region`) on `asOf` (default "
                                  "today): its own, adopted, or the nearest upper level's.")
    def effective_benchmark(self, info: Info[Context, None], as_of: date | None = None,
                            region: str | None = None) -> EffectiveBenchmark | None:
        store = info.context.store
        where = repo.find_region(store, region) if region else self.department.region_id
        return _effective(repo.effective_benchmark(store, self.id, where, as_of or date.today()))


@strawberry.type
class PowerEdge:
    """One power in a page."""

    cursor: str
    node: Power


@strawberry.type
class PowerConnection:
    """A page of powers."""

    total_count: int
    page_info: PageInfo
    edges: list[PowerEdge]


@strawberry.type
class BenchmarkEdge:
    """One benchmark in a page."""

    cursor: str
    node: DiscretionBenchmark


@strawberry.type
class BenchmarkConnection:
    """A page of benchmarks."""

    total_count: int
    page_info: PageInfo
    edges: list[BenchmarkEdge]


@strawberry.type
class ListEntryEdge:
    """One 三张清单 entry in a page."""

    cursor: str
    node: ListEntry


@strawberry.type
class ListEntryConnection:
    """A page of 三张清单 entries."""

    total_count: int
    page_info: PageInfo
    edges: list[ListEntryEdge]


@strawberry.type
class CaseEdge:
    """One case in a page."""

    cursor: str
    node: Case


@strawberry.type
class CaseConnection:
    """A page of cases."""

    total_count: int
    page_info: PageInfo
    edges: list[CaseEdge]


def _range(lo: Any, hi: Any, base: Any = None) -> Range | None:
    if lo is None and hi is None:
        return None
    return Range(min=lo, max=hi, base=base)


def tier(row: dict[str, Any]) -> Tier:
    """A Tier from a stored tier's properties."""
    return Tier(id=row["id"], ordinal=int(row["ordinal"]), name=row["name"], rank=int(row.get("rank") or 1),
                grade=row.get("grade"), conditions=row.get("conditions") or "", outcome=row.get("outcome") or "",
                penalty_types=list(row.get("types") or []), no_penalty=bool(row.get("no_penalty")),
                fine=_range(row.get("fine_min"), row.get("fine_max")),
                multiple=_range(row.get("multiple_min"), row.get("multiple_max"), row.get("multiple_base")),
                percent=_range(row.get("percent_min"), row.get("percent_max"), row.get("percent_base")),
                problems=list(row.get("problems") or []))


def _basis(row: dict[str, Any]) -> BasisLink:
    return BasisLink(unit=row["unit"], text=row["text"], role=row.get("role"), status=row["status"],
                     unit_text=row.get("unit_text"))


def _open(row: dict[str, Any]) -> OpenBasis:
    return OpenBasis(text=row.get("text") or row.get("basis"), status=row["status"], reason=row.get("reason"),
                     law=row.get("law"), article=row.get("article"))


def benchmark(row: dict[str, Any]) -> DiscretionBenchmark:
    """A DiscretionBenchmark from graph.repos.enforcement.benchmark's row."""
    b, d = row["benchmark"], row["department"]
    return DiscretionBenchmark(
        id=b["id"], conduct=b["conduct"], code=b.get("code"), title=b.get("title"), effective=b.get("effective"),
        expires=b.get("expires"), adopts=bool(b.get("adopts")),
        department=Department(id=d["id"], name=d["name"], code=None, region_id=d["region"]),
        power_id=row.get("power"), adopted_id=row.get("adopted"),
        tiers=[tier(t) for t in row["tiers"]], bases=[_basis(x) for x in row["bases"]],
        open_bases=[_open(x) for x in row["open_bases"]])


def _effective(found: dict[str, Any] | None) -> EffectiveBenchmark | None:
    if found is None:
        return None
    return EffectiveBenchmark(how=found["how"], region=found["region"], benchmark=benchmark(found["benchmark"]))


def _entry(e: dict[str, Any], power_id: str | None, department_id: str | None) -> ListEntry:
    return ListEntry(id=e["id"], kind=e["kind"], conduct=e["conduct"], first_offence=bool(e.get("first_offence")),
                     high_risk=bool(e.get("high_risk")), power_id=power_id, department_id=department_id)


def list_entry(row: dict[str, Any]) -> ListEntry:
    """A ListEntry from an enforcement/list_entries row."""
    return _entry(row["entry"], row.get("power"), row.get("department"))


def region(row: dict[str, Any]) -> Region:
    """A Region from an enforcement/regions(_by_id) row."""
    return Region(id=row["id"], name=row["name"], level=row["level"], parent_id=row.get("parent"),
                  child_ids=sorted(row.get("children") or []), departments=[
                      Department(id=d["id"], name=d["name"], code=d.get("code"), region_id=row["id"])
                      for d in sorted(row["departments"], key=lambda d: str(d["id"]))])


def case(row: dict[str, Any]) -> Case:
    """A Case from an enforcement/cases row."""
    c, d = row["found"], row["department"]
    return Case(id=c["id"], title=c["title"], date=c.get("date"), facts=c.get("facts") or "",
                outcome=c.get("outcome") or "", penalty_types=list(c.get("types") or []), fine=c.get("fine"),
                tier_name=c.get("tier_name"), origin=c.get("origin"),
                department=Department(id=d["id"], name=d["name"], code=None, region_id=d["region"]),
                power_id=row["power"], tier_id=row["tier"])


def power(row: dict[str, Any]) -> Power:
    """A Power from graph.repos.enforcement.power's row."""
    p, d, g = row["power"], row["department"], row["region"]
    limits = list(p.get("step_limits") or [])
    return Power(
        id=p["id"], code=p.get("code"), name=p["name"], category=p["category"],
        category_raw=p.get("category_raw") or p["category"], sub_items=list(p.get("sub_items") or []),
        discretionary=p.get("discretionary"), confidential=bool(p.get("confidential")),
        time_limit=p.get("time_limit"), levels=p.get("levels"),
        department=Department(id=d["id"], name=d["name"], code=d.get("code"), region_id=g["id"]),
        steps=[FlowStep(name=name, time_limit=(limits[i] if i < len(limits) else "") or None)
               for i, name in enumerate(p.get("steps") or [])],
        bases=[_basis(b) for b in row["bases"]], open_bases=[_open(b) for b in row["open_bases"]],
        delegations=[Delegation(region=x["region"], kind=x["kind"], act=x.get("act"), date=x.get("date"))
                     for x in row["delegations"]],
        benchmark_ids=[b["id"] for b in row["benchmarks"]],
        lists=[_entry(e, p["id"], e.get("department")) for e in row["lists"]],
        case_ids=[c["id"] for c in sorted(row["cases"], key=lambda c: (c.get("date") or "", c["id"]), reverse=True)])


async def visible_powers(info: Info[Context, None], power_ids: list[str]) -> list[Power]:
    """The powers of `power_ids` (batched) that the caller may see: 涉密不公开 ones are for editors and admins."""
    rows = await info.context.powers.load_many(power_ids)
    reader = not info.context.caller.can("editor")
    return [power(row) for row in rows if row is not None and not (reader and row["power"].get("confidential"))]


async def _power(info: Info[Context, None], power_id: str | None) -> Power | None:
    found = await visible_powers(info, [power_id]) if power_id is not None else []
    return found[0] if found else None


async def _department(info: Info[Context, None], department_id: str | None) -> Department | None:
    if department_id is None:
        return None
    row = await info.context.departments.load(department_id)
    return Department(id=row["id"], name=row["name"], code=row.get("code"), region_id=row["region"]) if row else None


async def _cases(info: Info[Context, None], case_ids: list[str]) -> list[Case]:
    rows = await info.context.cases.load_many(case_ids)
    return [case(row) for row in rows if row is not None]


# Pages of a list held whole (the ids a parent already has): the page's rows through a batched loader.

C = TypeVar("C")


async def _held_page(ids: list[str], first: int, after: str | None, loader: DataLoader[str, dict[str, Any] | None],
                     build: Callable[[dict[str, Any]], Any], edge: Callable[..., Any],
                     connection: Callable[..., C]) -> C:
    page, skip = window(ids, first, after)
    rows = await loader.load_many(page)
    edges = [edge(cursor=cursor(skip + i), node=build(r)) for i, r in enumerate(rows) if r is not None]
    return connection(total_count=len(ids), edges=edges,
                      page_info=page_info(skip, len(page), len(ids), edges[-1].cursor if edges else None))


async def powers_of(info: Info[Context, None], power_ids: list[str], first: int, after: str | None) -> PowerConnection:
    return await _held_page(power_ids, first, after, info.context.powers, power, PowerEdge, PowerConnection)


async def benchmarks_of(info: Info[Context, None], benchmark_ids: list[str], first: int,
                        after: str | None) -> BenchmarkConnection:
    return await _held_page(benchmark_ids, first, after, info.context.benchmarks, benchmark, BenchmarkEdge,
                            BenchmarkConnection)


async def entries_of(info: Info[Context, None], entry_ids: list[str], first: int,
                     after: str | None) -> ListEntryConnection:
    return await _held_page(entry_ids, first, after, info.context.list_entries, list_entry, ListEntryEdge,
                            ListEntryConnection)


async def cases_of(info: Info[Context, None], case_ids: list[str], first: int, after: str | None) -> CaseConnection:
    return await _held_page(case_ids, first, after, info.context.cases, case, CaseEdge, CaseConnection)


def _region_or_none(info: Info[Context, None], region: str | None) -> str | None:
    return repo.find_region(info.context.store, region) if region else None


STATUSES = ("current", "outdated", "open")


async def powers_page(info: Info[Context, None], *, region: str | None = None, department: str | None = None,
                      category: str | None = None, level: str | None = None, search: str | None = None,
                      status: str | None = None, first: int = 20, after: str | None = None) -> PowerConnection:
    """A page of powers: one query for the ids and the total, one (batched) for the powers."""
    skip = start(first, after)
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    store = info.context.store
    filters: dict[str, Any] = {
        "region": region, "department": department, "category": category, "search": search or None,
        "confidential": info.context.caller.can("editor"),
        "regions": [r["id"] for r in store.run("enforcement/regions") if r["level"] == level] if level else None}
    if status:
        filters |= {"status": status, "outdated": [r["id"] for r in store.run("laws/outdated_versions")]}
    ids, total = page_of_ids(store, "enforcement/powers_page_status" if status else "enforcement/powers_page",
                                      skip, first, **filters)
    rows = await info.context.powers.load_many(ids)
    edges = [PowerEdge(cursor=cursor(skip + i), node=power(row)) for i, row in enumerate(rows) if row is not None]
    return PowerConnection(total_count=total, edges=edges,
                           page_info=page_info(skip, len(ids), total, edges[-1].cursor if edges else None))


async def cases_page(info: Info[Context, None], *, region: str | None = None, department: str | None = None,
                     power_id: str | None = None, search: str | None = None, first: int = 20,
                     after: str | None = None) -> CaseConnection:
    """A page of cases: one query for the ids and the total, one (batched) for the cases."""
    skip = start(first, after)
    ids, total = page_of_ids(info.context.store, "enforcement/cases_page", skip, first, region=region,
                             department=department, power=power_id, search=search or None,
                             confidential=info.context.caller.can("editor"))
    edges = [CaseEdge(cursor=cursor(skip + i), node=c) for i, c in enumerate(await _cases(info, ids))]
    return CaseConnection(total_count=total, edges=edges,
                          page_info=page_info(skip, len(ids), total, edges[-1].cursor if edges else None))


@strawberry.type
class EnforcementQuery:
    """Entry points for powers, benchmarks and cases."""

    @strawberry.field(description="Regions, top level first, with their departments.")
    def regions(self, info: Info[Context, None]) -> list[Region]:
        return [region(r) for r in info.context.store.run("enforcement/regions")]

    @strawberry.field(description=f"Powers of a region (and the regions below it), a department (id), a category, "
                                  f"the level of the holder's region (省/市/县/乡镇街道), the status of the bases "
                                  f"(current | outdated: a basis in a version no longer in force | open: a basis "
                                  f"that did not resolve), or matching a name or code; at most {MAX_PAGE} per page.")
    async def powers(self, info: Info[Context, None], region: str | None = None, department: str | None = None,
                     category: str | None = None, level: str | None = None, status: str | None = None,
                     search: str | None = None, first: int = 20, after: str | None = None) -> PowerConnection:
        return await powers_page(info, region=_region_or_none(info, region), department=department,
                                 category=category, level=level, search=search, status=status, first=first,
                                 after=after)

    @strawberry.field(description="One power by id, or by code or exact name (within `region` when given).")
    async def power(self, info: Info[Context, None], id: str, region: str | None = None) -> Power | None:
        store = info.context.store
        try:
            found = repo.find_power(store, id, _region_or_none(info, region))
        except NotFoundError:
            return None
        return await _power(info, str(found["id"]))

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
        return _effective(repo.effective_benchmark(store, found["id"], where, as_of or date.today()))

    @strawberry.field(description=f"Typical cases, newest first, by region (or below), department (id), power "
                                  f"(id) or title text; at most {MAX_PAGE} per page.")
    async def cases(self, info: Info[Context, None], region: str | None = None, department: str | None = None,
                    power: str | None = None, search: str | None = None, first: int = 20,
                    after: str | None = None) -> CaseConnection:
        return await cases_page(info, region=_region_or_none(info, region), department=department, power_id=power,
                                search=search, first=first, after=after)
