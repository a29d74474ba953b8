"""The 公示 view's schema: an anonymous, read-only window on the 职权目录 — each power's basis (with the cited
text), its benchmark in force and its 流程图 — served at /public/graphql when `LAWGRAPH_PUBLIC_VIEW` is on. Its
own small types: nothing else of the graph (cases, breaks, audit, departments' other items, 涉密 powers and what
rests on them) is reachable from it."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import cursor, start
from lawgraph.api.types.benchmarks import Range, range_of
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.store import GraphStore, page_of_ids


@strawberry.type(description="A basis of a power as published: the citation and the text it cites.")
class PublicBasis:
    text: str
    role: str | None
    unit_text: str | None


@strawberry.type(description="One step of the power's procedure (流程图).")
class PublicStep:
    name: str
    time_limit: str | None


@strawberry.type(description="One tier of the benchmark in force.")
class PublicTier:
    name: str
    conditions: str
    outcome: str
    penalty_types: list[str]
    fine: Range | None
    multiple: Range | None
    percent: Range | None


@strawberry.type(description="The benchmark in force for the power in its region today.")
class PublicBenchmark:
    conduct: str
    effective: str | None
    department: str
    tiers: list[PublicTier]


@strawberry.type(description="A power as published in the 职权目录.")
class PublicPower:
    id: str
    code: str | None
    name: str
    category: str
    department: str
    region: str
    time_limit: str | None
    sub_items: list[str]
    bases: list[PublicBasis]
    steps: list[PublicStep]
    row: strawberry.Private[dict[str, Any]]

    @strawberry.field(description="The benchmark in force in the power's region today, if any.")
    async def benchmark(self, info: Info[Context, None]) -> PublicBenchmark | None:
        # store reads run off the event loop (anonymous visitors must not hold up each other's requests)
        found = await _read(repo.effective_benchmark, info.context.store, self.id, self.region, date.today(),
                            confidential=False)
        if found is None:
            return None
        b = found["benchmark"]
        return PublicBenchmark(
            conduct=b["benchmark"].get("conduct") or "", effective=b["benchmark"].get("effective"),
            department=b["department"]["name"],
            tiers=[PublicTier(name=t["name"], conditions=t.get("conditions") or "", outcome=t.get("outcome") or "",
                              penalty_types=list(t.get("types") or []),
                              fine=range_of(t.get("fine_min"), t.get("fine_max")),
                              multiple=range_of(t.get("multiple_min"), t.get("multiple_max"), t.get("multiple_base")),
                              percent=range_of(t.get("percent_min"), t.get("percent_max"), t.get("percent_base")))
                   for t in b["tiers"]])


# the anonymous view's store reads: off the event loop, on two threads of their own, so that a page asking for a
# hundred powers' benchmarks queues behind itself, not ahead of the workbench's reads in the default pool
R = TypeVar("R")
_READS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lawgraph-public")


async def _read(function: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    return await asyncio.get_running_loop().run_in_executor(_READS, functools.partial(function, *args, **kwargs))


def public_power(row: dict[str, Any]) -> PublicPower:
    p, d, g = row["power"], row["department"], row["region"]
    limits = list(p.get("step_limits") or [])
    return PublicPower(
        id=p["id"], code=p.get("code"), name=p["name"], category=p["category"], department=d["name"], region=g["id"],
        time_limit=p.get("time_limit"), sub_items=list(p.get("sub_items") or []),
        bases=[PublicBasis(text=b["text"], role=b.get("role"), unit_text=b.get("unit_text")) for b in row["bases"]],
        steps=[PublicStep(name=name, time_limit=(limits[i] if i < len(limits) else "") or None)
               for i, name in enumerate(p.get("steps") or [])], row=row)


@strawberry.type(description="A page of published powers.")
class PublicPowerPage:
    total_count: int
    has_next_page: bool
    end_cursor: str | None
    powers: list[PublicPower]


@strawberry.type
class PublicQuery:
    @strawberry.field(description="Published powers (never 涉密 ones), by region (path, and below), category and "
                                  "name or code; at most 100 per page.")
    async def powers(self, info: Info[Context, None], region: str | None = None, category: str | None = None,
                     search: str | None = None, first: int = 20, after: str | None = None) -> PublicPowerPage:
        return await _read(_powers_page, info.context.store, region, category, search, first, after)

    @strawberry.field(description="One published power by id; null for an unknown or 涉密 one.")
    async def power(self, info: Info[Context, None], id: str) -> PublicPower | None:
        row = (await _read(repo.powers, info.context.store, [id])).get(id)
        if row is None or row["power"].get("confidential"):
            return None
        return public_power(row)


def _powers_page(store: GraphStore, region: str | None, category: str | None, search: str | None, first: int,
                 after: str | None) -> PublicPowerPage:
    skip = start(first, after)
    where = repo.find_region(store, region) if region else None
    page, total = page_of_ids(store, "enforcement/powers_page", skip, first, count="enforcement/powers_count",
                              region=where, department=None,
                              category=category, search=search or None, confidential=False, regions=None)
    rows = repo.powers(store, page)
    found = [public_power(rows[i]) for i in page if i in rows and not rows[i]["power"].get("confidential")]
    last = skip + len(page) - 1
    return PublicPowerPage(total_count=total, has_next_page=skip + len(page) < total,
                           end_cursor=cursor(last) if page else None, powers=found)


public_schema = strawberry.Schema(query=PublicQuery)
