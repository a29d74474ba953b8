"""GraphQL types and queries for typical cases (典型案例)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE
from lawgraph.api.types.connection import Connection, queried_page
from lawgraph.api.types.regions import Department, region_id

if TYPE_CHECKING:
    from lawgraph.api.types.benchmarks import Tier
    from lawgraph.api.types.powers import Power


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
    async def power(self, info: Info[Context, None]
                    ) -> Annotated[Power, strawberry.lazy("lawgraph.api.types.powers")] | None:
        from lawgraph.api.types.powers import power_by_id

        return await power_by_id(info, self.power_id)

    @strawberry.field(description="The tier applied: of the benchmark in force for that power, region and date "
                                  "(batched per request).")
    async def tier(self, info: Info[Context, None]
                   ) -> Annotated[Tier, strawberry.lazy("lawgraph.api.types.benchmarks")] | None:
        from lawgraph.api.types.benchmarks import tier

        if self.tier_id is None:
            return None
        row = await info.context.benchmarks.load(self.tier_id.rpartition("#")[0])
        found = next((t for t in (row or {}).get("tiers", []) if t["id"] == self.tier_id), None)
        return tier(found) if found is not None else None


def case(row: dict[str, Any]) -> Case:
    """A Case from an enforcement/cases row."""
    c, d = row["found"], row["department"]
    return Case(id=c["id"], title=c["title"], date=c.get("date"), facts=c.get("facts") or "",
                outcome=c.get("outcome") or "", penalty_types=list(c.get("types") or []), fine=c.get("fine"),
                tier_name=c.get("tier_name"), origin=c.get("origin"),
                department=Department(id=d["id"], name=d["name"], code=None, region_id=d["region"]),
                power_id=row["power"], tier_id=row["tier"])


async def cases_page(info: Info[Context, None], *, region: str | None = None, department: str | None = None,
                     power_id: str | None = None, search: str | None = None, first: int = 20,
                     after: str | None = None) -> Connection[Case]:
    """A page of cases: one query for the ids and the total, one (batched) for the cases."""
    return await queried_page(info, "enforcement/cases_page", first, after, info.context.cases, case,
                              count="enforcement/cases_count",
                              region=region, department=department, power=power_id, search=search or None,
                              confidential=info.context.caller.can("editor"))


@strawberry.type
class CaseQuery:
    """Entry points for cases."""

    @strawberry.field(description=f"Typical cases, newest first, by region (or below), department (id), power "
                                  f"(id) or title text; at most {MAX_PAGE} per page.")
    async def cases(self, info: Info[Context, None], region: str | None = None, department: str | None = None,
                    power: str | None = None, search: str | None = None, first: int = 20,
                    after: str | None = None) -> Connection[Case]:
        return await cases_page(info, region=region_id(info, region), department=department, power_id=power,
                                search=search, first=first, after=after)
