"""GraphQL types and queries for regions (省 / 市 / 县 / 乡镇街道) and their departments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE
from lawgraph.api.types.connection import Connection, held_page
from lawgraph.graph.repos import enforcement as repo

if TYPE_CHECKING:
    from lawgraph.api.types.benchmarks import DiscretionBenchmark
    from lawgraph.api.types.breaks import Break
    from lawgraph.api.types.cases import Case
    from lawgraph.api.types.lists import ListEntry
    from lawgraph.api.types.powers import Power


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
                     status: str | None = None, first: int = 20, after: str | None = None
                     ) -> Connection[Annotated[Power, strawberry.lazy("lawgraph.api.types.powers")]]:
        from lawgraph.api.types.powers import powers_page

        return await powers_page(info, department=self.id, category=category, search=search, status=status,
                                 first=first, after=after)

    @strawberry.field(description="Its open breaks (tracked work from amendments), by status (default 待处理); "
                                  "at most 100 per page.")
    def open_breaks(self, info: Info[Context, None], status: str | None = "待处理", first: int = 20,
                    after: str | None = None
                    ) -> Connection[Annotated[Break, strawberry.lazy("lawgraph.api.types.breaks")]]:
        from lawgraph.api.types.breaks import breaks_page

        return breaks_page(info, department=self.id, status=status, first=first, after=after)

    @strawberry.field(description=f"The benchmarks it issued, with their tiers (batched per request); at most "
                                  f"{MAX_PAGE} per page.")
    async def benchmarks(self, info: Info[Context, None], first: int = 20, after: str | None = None
                         ) -> Connection[Annotated[DiscretionBenchmark,
                                                   strawberry.lazy("lawgraph.api.types.benchmarks")]]:
        from lawgraph.api.types.benchmarks import benchmark

        return await held_page(await self._items(info, "benchmarks"), first, after, info.context.benchmarks,
                               benchmark)

    @strawberry.field(description=f"Its 三张清单 entries (batched per request); at most {MAX_PAGE} per page.")
    async def list_entries(self, info: Info[Context, None], first: int = 20, after: str | None = None
                           ) -> Connection[Annotated[ListEntry, strawberry.lazy("lawgraph.api.types.lists")]]:
        from lawgraph.api.types.lists import list_entry

        return await held_page(await self._items(info, "lists"), first, after, info.context.list_entries,
                               list_entry)

    async def _items(self, info: Info[Context, None], kind: str) -> list[str]:
        """Ids of its benchmarks or list entries, without those of 涉密 powers for readers."""
        items = await info.context.department_items.load(self.id)
        found = sorted(items[kind]) if items else []
        if info.context.caller.can("editor") or not found:
            return found
        loader = info.context.benchmarks if kind == "benchmarks" else info.context.list_entries
        return [key for key, row in zip(found, await loader.load_many(found), strict=True) if row is not None]

    @strawberry.field(description=f"The cases it decided, newest first; at most {MAX_PAGE} per page.")
    async def cases(self, info: Info[Context, None], first: int = 20, after: str | None = None
                    ) -> Connection[Annotated[Case, strawberry.lazy("lawgraph.api.types.cases")]]:
        from lawgraph.api.types.cases import cases_page

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
                     after: str | None = None
                     ) -> Connection[Annotated[Power, strawberry.lazy("lawgraph.api.types.powers")]]:
        from lawgraph.api.types.powers import powers_page

        return await powers_page(info, region=self.id, category=category, level=level, search=search,
                                 status=status, first=first, after=after)


def region(row: dict[str, Any]) -> Region:
    """A Region from an enforcement/regions(_by_id) row."""
    return Region(id=row["id"], name=row["name"], level=row["level"], parent_id=row.get("parent"),
                  child_ids=sorted(row.get("children") or []), departments=[
                      Department(id=d["id"], name=d["name"], code=d.get("code"), region_id=row["id"])
                      for d in sorted(row["departments"], key=lambda d: str(d["id"]))])


async def department_by_id(info: Info[Context, None], department_id: str | None) -> Department | None:
    """The department `department_id` (batched per request), or None."""
    if department_id is None:
        return None
    row = await info.context.departments.load(department_id)
    return Department(id=row["id"], name=row["name"], code=row.get("code"), region_id=row["region"]) if row else None


def region_id(info: Info[Context, None], region: str | None) -> str | None:
    """The id of the region named `region` (a path or a name), or None when not given."""
    return repo.find_region(info.context.store, region) if region else None


@strawberry.type
class RegionQuery:
    """Entry points for regions."""

    @strawberry.field(description="Regions, top level first, with their departments.")
    def regions(self, info: Info[Context, None]) -> list[Region]:
        return [region(r) for r in info.context.store.run("enforcement/regions")]
