"""GraphQL types and queries for laws (the works) and their versions (the texts), with each version's status on
a date."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE, start
from lawgraph.api.types.articles import Article, article_from_row
from lawgraph.api.types.connection import Connection, connection, queried_page
from lawgraph.graph.repos import laws as law_repo


@strawberry.type
class LawVersion:
    """One text of a law: its date, effective date, status and history."""

    id: str
    date: str | None
    effective: str | None
    status: str | None = strawberry.field(description="in_force | superseded | not_yet_in_force | repealed: on "
                                                      "`asOf` when reached through `versionAt`, else today.")
    article_count: int
    history: list[str]
    source: str | None
    law_id: str
    derived_from: str | None = strawberry.field(default=None, description="When no published text was loaded: the "
                                                "amending act lawgraph applied to the text before to make this one.")

    @strawberry.field(description="The law (the work) this is a version of.")
    def law(self, info: Info[Context, None]) -> Law | None:
        row = law_repo.find_law(info.context.store, law_id=self.law_id, title=self.law_id)
        return law(row) if row else None

    @strawberry.field(description=f"Its articles in order; at most {MAX_PAGE} per page.")
    async def articles(self, info: Info[Context, None], first: int = 20, after: str | None = None
                       ) -> Connection[Article]:
        return await queried_page(info, "laws/version_articles", first, after, info.context.articles,
                                  article_from_row, version_id=self.id)


@strawberry.type
class Law:
    """A law (the work), across its versions."""

    id: str
    title: str
    level: str

    @strawberry.field(description="Every version, oldest first.")
    def versions(self, info: Info[Context, None]) -> list[LawVersion]:
        rows = law_repo.law_versions(info.context.store, law_id=self.id)
        today = date.today()
        return [law_version(row, self.id, status_on(row, rows, today)) for row in rows]

    @strawberry.field(description="The version in force on `asOf` (default today), with its status on that day.")
    def version_at(self, info: Info[Context, None], as_of: date | None = None) -> LawVersion | None:
        store = info.context.store
        day = as_of or date.today()
        row = law_repo.version_at(store, law_id=self.id, at=day)
        if row is None:
            return None
        return law_version(row, self.id, status_on(row, law_repo.law_versions(store, law_id=self.id), day))


def _starts(row: dict[str, Any]) -> str:
    """When a version took (or takes) effect: its effective date, else its date ('' when neither is known)."""
    return str(row.get("effective") or row.get("date") or "")


def status_on(version: dict[str, Any], versions: list[dict[str, Any]], day: date) -> str:
    """The status `version` had on `day`, from the dates of its law's `versions` (all of them) and its history,
    in the vocabulary of graph.repos.laws.refresh_status (which stores today's): not_yet_in_force before it took
    effect, superseded once a later version had taken effect, else in_force — repealed once a 废止 in its
    history had taken effect."""
    on = day.isoformat()
    if _starts(version) > on:
        return "not_yet_in_force"
    ordered = sorted(versions, key=lambda v: (_starts(v), str(v["id"])))
    later = next((ordered[i + 1:] for i, v in enumerate(ordered) if v["id"] == version["id"]), [])
    if any(_starts(v) <= on for v in later):
        return "superseded"
    events = (str(line).split(" ", 2) for line in version.get("history") or [])
    if any(len(e) > 1 and e[1] == "废止" and e[0] <= on for e in events):  # history lines: "2019-01-01 废止 …"
        return "repealed"
    return "in_force"


def law_version(row: dict[str, Any], law_id: str | None = None, status: str | None = None) -> LawVersion:
    """A LawVersion from a laws/law_versions, laws/version_at or laws/versions row; `status` in place of the
    stored one (today's as of the last refresh) where given."""
    return LawVersion(id=row["id"], date=row["date"], effective=row["effective"], status=status or row["status"],
                      article_count=int(row["article_count"] or 0), history=list(row["history"] or []),
                      source=row["source"], law_id=law_id or row["law_id"], derived_from=row.get("derived_from"))


def law(row: dict[str, Any]) -> Law:
    """A Law from a laws/find_law or laws/search_laws row."""
    return Law(id=row["id"], title=row["title"], level=row["level"])


@strawberry.type
class LawQuery:
    """Entry points for laws."""

    @strawberry.field(description=f"Laws, filtered by title text and level; at most {MAX_PAGE} per page.")
    def laws(self, info: Info[Context, None], search: str | None = None, level: str | None = None,
             first: int = 20, after: str | None = None) -> Connection[Law]:
        skip = start(first, after)
        rows, total = law_repo.search_laws(info.context.store, search=search or None, level=level,
                                           skip=skip, limit=first)
        return connection(rows, skip, total, law)

    @strawberry.field(description="A law by full or short title (农产品质量安全法).")
    def law(self, info: Info[Context, None], title: str) -> Law | None:
        row = law_repo.law_named(info.context.store, title)
        return law(row) if row else None
