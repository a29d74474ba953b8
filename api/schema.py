"""The GraphQL schema (strawberry): laws, their versions and articles. The seed of the full API."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from api.context import Context
from graph import ids
from graph.repos import laws as law_repo

MAX_PAGE = 100


@strawberry.type
class PageInfo:
    """Relay-style page information."""

    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class SubItem:
    """目."""

    number: int
    text: str


@strawberry.type
class Item:
    """项: （一）…"""

    number: int
    text: str
    subitems: list[SubItem]


@strawberry.type
class Paragraph:
    """款: one line of an article."""

    number: int
    text: str
    items: list[Item]


@strawberry.type
class Article:
    """条 of one law version."""

    id: str
    number: str = strawberry.field(description="'12', or '10-1' for 第十条之一")
    label: str = strawberry.field(description="第十二条")
    ordinal: int
    text: str
    version_id: str
    paragraphs: list[Paragraph]


@strawberry.type
class LawVersion:
    """One text of a law: its date, effective date, status and history."""

    id: str
    date: str | None
    effective: str | None
    status: str | None
    article_count: int
    history: list[str]
    source: str | None


@strawberry.type
class Law:
    """A law (the work), across its versions."""

    id: str
    title: str
    level: str

    @strawberry.field(description="Every version, oldest first.")
    def versions(self, info: Info[Context, None]) -> list[LawVersion]:
        rows = law_repo.law_versions(info.context.store, law_id=self.id)
        return [_version(row) for row in rows]

    @strawberry.field(description="The version in force on a date (default today).")
    def version_at(self, info: Info[Context, None], at: date | None = None) -> LawVersion | None:
        row = law_repo.version_at(info.context.store, law_id=self.id, at=at or date.today())
        if row is None:
            return None
        full = next((v for v in law_repo.law_versions(info.context.store, law_id=self.id) if v["id"] == row["id"]),
                    None)
        return _version(full) if full else None


@strawberry.type
class LawEdge:
    """One law in a page."""

    cursor: str
    node: Law


@strawberry.type
class LawConnection:
    """A page of laws."""

    total_count: int
    page_info: PageInfo
    edges: list[LawEdge]


def _version(row: dict[str, Any]) -> LawVersion:
    return LawVersion(id=row["id"], date=row["date"], effective=row["effective"], status=row["status"],
                      article_count=int(row["article_count"] or 0), history=list(row["history"] or []),
                      source=row["source"])


def _law(row: dict[str, Any]) -> Law:
    return Law(id=row["id"], title=row["title"], level=row["level"])


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith("o:"):
            raise ValueError(text)
        return int(text[2:]) + 1
    except (ValueError, UnicodeDecodeError):
        raise ValueError(f"invalid cursor {cursor!r}: pass an endCursor from a previous page") from None


@strawberry.type
class Query:
    """Entry points."""

    @strawberry.field(description=f"Laws, filtered by title text and level; at most {MAX_PAGE} per page.")
    def laws(self, info: Info[Context, None], search: str | None = None, level: str | None = None,
             first: int = 20, after: str | None = None) -> LawConnection:
        if first < 0 or first > MAX_PAGE:
            raise ValueError(f"first must be between 0 and {MAX_PAGE}")
        skip = _offset(after)
        rows, total = law_repo.search_laws(info.context.store, search=search or None, level=level,
                                           skip=skip, limit=first)
        edges = [LawEdge(cursor=_cursor(skip + i), node=_law(row)) for i, row in enumerate(rows)]
        return LawConnection(
            total_count=total,
            page_info=PageInfo(has_next_page=skip + len(rows) < total,
                               end_cursor=edges[-1].cursor if edges else None),
            edges=edges,
        )

    @strawberry.field(description="A law by full or short title (农产品质量安全法).")
    def law(self, info: Info[Context, None], title: str) -> Law | None:
        row = law_repo.find_law(info.context.store, law_id=ids.law_key(title), title=title.strip("《》 "))
        return _law(row) if row else None

    @strawberry.field(description="An article of a law as in force on a date (default today): "
                                  "number '12', '第十二条', '10-1' or '第十条之一'.")
    def article(self, info: Info[Context, None], law: str, number: str, at: date | None = None) -> Article | None:
        store = info.context.store
        found = law_repo.find_law(store, law_id=ids.law_key(law), title=law.strip("《》 "))
        wanted = ids.article_number(number)
        if found is None:
            return None
        if wanted is None:
            raise ValueError(f"{number!r} is not an article number: use 12, 第十二条, 10-1 or 第十条之一")
        version = law_repo.version_at(store, law_id=found["id"], at=at or date.today())
        if version is None:
            return None
        row = law_repo.article(store, version_id=version["id"], number=wanted)
        if row is None:
            return None
        return Article(
            id=row["id"], number=row["number"], label=row["label"], ordinal=int(row["ordinal"]), text=row["text"],
            version_id=row["version_id"],
            paragraphs=[
                Paragraph(number=int(p["number"]), text=p["text"], items=[
                    Item(number=int(i["number"]), text=i["text"],
                         subitems=[SubItem(number=int(s["number"]), text=s["text"]) for s in i["subitems"]])
                    for i in p["items"]])
                for p in row["paragraphs"]
            ],
        )


schema = strawberry.Schema(query=Query)
