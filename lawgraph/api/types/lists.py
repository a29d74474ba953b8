"""GraphQL types for the 三张清单: entries of the 不予处罚 / 减轻处罚 / 从轻处罚 lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.types.regions import Department, department_by_id

if TYPE_CHECKING:
    from lawgraph.api.types.powers import Power


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
    async def power(self, info: Info[Context, None]
                    ) -> Annotated[Power, strawberry.lazy("lawgraph.api.types.powers")] | None:
        from lawgraph.api.types.powers import power_by_id

        return await power_by_id(info, self.power_id)

    @strawberry.field(description="The department that issued the list (batched per request).")
    async def department(self, info: Info[Context, None]) -> Department | None:
        return await department_by_id(info, self.department_id)


def entry(e: dict[str, Any], power_id: str | None, department_id: str | None) -> ListEntry:
    """A ListEntry from an entry's properties, the power it is for and the department that issued it."""
    return ListEntry(id=e["id"], kind=e["kind"], conduct=e["conduct"], first_offence=bool(e.get("first_offence")),
                     high_risk=bool(e.get("high_risk")), power_id=power_id, department_id=department_id)


def list_entry(row: dict[str, Any]) -> ListEntry:
    """A ListEntry from an enforcement/list_entries row."""
    return entry(row["entry"], row.get("power"), row.get("department"))
