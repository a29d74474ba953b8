"""GraphQL types for the bases of powers and benchmarks: BASED_ON edges to statute units, and the bases that did
not resolve."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.domain import ids

if TYPE_CHECKING:
    from lawgraph.api.types.articles import Article


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
                      ) -> Annotated[Article, strawberry.lazy("lawgraph.api.types.articles")] | None:
        from lawgraph.api.types.articles import article_by_id

        return await article_by_id(info, ids.article_of_unit(self.unit))


@strawberry.type
class OpenBasis:
    """A basis that did not resolve to a unit; kept and reported."""

    text: str | None
    status: str = strawberry.field(description="unresolved | ambiguous | incomplete | stale")
    reason: str | None
    law: str | None
    article: str | None


def basis(row: dict[str, Any]) -> BasisLink:
    """A BasisLink from a BASED_ON row."""
    return BasisLink(unit=row["unit"], text=row["text"], role=row.get("role"), status=row["status"],
                     unit_text=row.get("unit_text"))


def open_basis(row: dict[str, Any]) -> OpenBasis:
    """An OpenBasis from an open basis row."""
    return OpenBasis(text=row.get("text") or row.get("basis"), status=row["status"], reason=row.get("reason"),
                     law=row.get("law"), article=row.get("article"))
