"""GraphQL types and queries for powers (职权): a power list's rows, with their flow, delegations and bases."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE, start
from lawgraph.api.types.bases import BasisLink, OpenBasis, basis, open_basis
from lawgraph.api.types.benchmarks import DiscretionBenchmark, EffectiveBenchmark, benchmark, effective
from lawgraph.api.types.cases import Case, case
from lawgraph.api.types.connection import Connection, held_page, queried_page, selects
from lawgraph.api.types.lists import ListEntry, entry
from lawgraph.api.types.regions import Department, region_id
from lawgraph.errors import LawgraphError, NotFoundError
from lawgraph.graph.repos import enforcement as repo

log = logging.getLogger("lawgraph.api")


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
    async def cases(self, info: Info[Context, None], first: int = 20, after: str | None = None) -> Connection[Case]:
        return await held_page(self.case_ids, first, after, info.context.cases, case)

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
        return effective(repo.effective_benchmark(store, self.id, where, as_of or date.today(),
                                                  confidential=info.context.caller.can("editor")))


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
        bases=[basis(b) for b in row["bases"]], open_bases=[open_basis(b) for b in row["open_bases"]],
        delegations=[Delegation(region=x["region"], kind=x["kind"], act=x.get("act"), date=x.get("date"))
                     for x in row["delegations"]],
        benchmark_ids=[b["id"] for b in row["benchmarks"]],
        lists=[entry(e, p["id"], e.get("department")) for e in row["lists"]],
        case_ids=[c["id"] for c in sorted(row["cases"], key=lambda c: (c.get("date") or "", c["id"]), reverse=True)])


async def visible_powers(info: Info[Context, None], power_ids: list[str]) -> list[Power]:
    """The powers of `power_ids` (batched) that the caller may see: 涉密不公开 ones are for editors and admins."""
    rows = await info.context.powers.load_many(power_ids)
    reader = not info.context.caller.can("editor")
    return [power(row) for row in rows if row is not None and not (reader and row["power"].get("confidential"))]


async def power_by_id(info: Info[Context, None], power_id: str | None) -> Power | None:
    """The power `power_id` (batched per request) if the caller may see it, else None."""
    found = await visible_powers(info, [power_id]) if power_id is not None else []
    return found[0] if found else None


STATUSES = ("current", "outdated", "open")


async def powers_page(info: Info[Context, None], *, region: str | None = None, department: str | None = None,
                      category: str | None = None, level: str | None = None, search: str | None = None,
                      status: str | None = None, first: int = 20, after: str | None = None) -> Connection[Power]:
    """A page of powers: one query for the ids and the total, one (batched) for the powers."""
    start(first, after)  # a bad page size or cursor fails before any query
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    store = info.context.store
    filters: dict[str, Any] = {
        "region": region, "department": department, "category": category, "search": search or None,
        "confidential": info.context.caller.can("editor"),
        "regions": [r["id"] for r in store.run("enforcement/regions") if r["level"] == level] if level else None}
    if status:
        filters |= {"status": status, "outdated": [r["id"] for r in store.run("laws/outdated_versions")]}
    if status:
        return await queried_page(info, "enforcement/powers_page_status", first, after, info.context.powers, power,
                                  **filters)
    return await queried_page(info, "enforcement/powers_page", first, after, info.context.powers, power,
                              count="enforcement/powers_count", prefetch=_benchmarks_ahead(info), **filters)


def _benchmarks_ahead(info: Info[Context, None]) -> Callable[[list[str]], Awaitable[object]] | None:
    """When the page's nodes ask for their benchmarks: load those beside the powers (their ids from
    enforcement/benchmark_ids_of_powers, the rows through the benchmarks loader, which Power.benchmarks then finds
    in its cache) instead of after them."""
    if not selects(info, "edges", "node", "benchmarks"):
        return None

    async def ahead(power_ids: list[str]) -> object:
        # only a head start: when it fails, the page is answered all the same and each power's benchmarks field
        # loads its own (failing on its own if the store really fails): what failed is not left in the cache
        keys: list[str] = []
        try:
            rows = await asyncio.to_thread(info.context.read, "enforcement/benchmark_ids_of_powers", ids=power_ids)
            keys = [str(r["id"]) for r in rows]
            return await info.context.benchmarks.load_many(keys)
        except LawgraphError as exc:
            for key in keys:  # (a key another look-ahead of the request cleared already is gone)
                with contextlib.suppress(KeyError):
                    info.context.benchmarks.clear(key)
            log.warning("the look-ahead for a page's benchmarks failed (%s); each power loads its own", exc)
            return None

    return ahead


@strawberry.type
class PowerQuery:
    """Entry points for powers."""

    @strawberry.field(description=f"Powers of a region (and the regions below it), a department (id), a category, "
                                  f"the level of the holder's region (省/市/县/乡镇街道), the status of the bases "
                                  f"(current | outdated: a basis in a version no longer in force | open: a basis "
                                  f"that did not resolve), or matching a name or code; at most {MAX_PAGE} per page.")
    async def powers(self, info: Info[Context, None], region: str | None = None, department: str | None = None,
                     category: str | None = None, level: str | None = None, status: str | None = None,
                     search: str | None = None, first: int = 20, after: str | None = None) -> Connection[Power]:
        return await powers_page(info, region=region_id(info, region), department=department,
                                 category=category, level=level, search=search, status=status, first=first,
                                 after=after)

    @strawberry.field(description="One power by id, or by code or exact name (within `region` when given).")
    async def power(self, info: Info[Context, None], id: str, region: str | None = None) -> Power | None:
        try:
            found = repo.find_power(info.context.store, id, region_id(info, region))
        except NotFoundError:
            return None
        return await power_by_id(info, str(found["id"]))
