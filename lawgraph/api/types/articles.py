"""GraphQL types and queries for articles and their units (款 / 项 / 目), and for citations between them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE
from lawgraph.api.types.benchmarks import DiscretionBenchmark, benchmark
from lawgraph.api.types.connection import Connection, held_page, queried_page
from lawgraph.api.types.lists import ListEntry, list_entry
from lawgraph.api.types.powers import Power, power
from lawgraph.domain import ids
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.repos import laws as law_repo

if TYPE_CHECKING:
    from lawgraph.api.types.laws import LawVersion


async def _owners(info: Info[Context, None], unit_id: str, kind: str) -> list[str]:
    """Ids of the powers, benchmarks or list entries (`kind`) whose basis is the unit `unit_id` or a unit inside
    it, through the article's batched loader; for readers without those of 涉密 powers."""
    owners = await info.context.grounded.load(ids.article_of_unit(unit_id)) or []
    reader = not info.context.caller.can("editor")
    return sorted({o["owner"] for o in owners if o["kind"] == kind and not (reader and o["confidential"])
                   and (o["unit"] == unit_id or o["unit"].startswith(f"{unit_id}."))})


@strawberry.interface
class Unit:
    """An article, paragraph, item or sub-item: what a basis or a citation points at."""

    id: str

    @strawberry.field(description="The article the unit is or lies in (batched per request).")
    async def article(self, info: Info[Context, None]) -> Article | None:
        return await article_by_id(info, ids.article_of_unit(self.id))

    @strawberry.field(description=f"Powers whose basis is this unit or a unit inside it (batched per request); at "
                                  f"most {MAX_PAGE} per page.")
    async def powers(self, info: Info[Context, None], first: int = 20, after: str | None = None
                     ) -> Connection[Power]:
        return await held_page(await _owners(info, self.id, "power"), first, after, info.context.powers, power)


@strawberry.type
class SubItem(Unit):
    """目."""

    number: int
    text: str


@strawberry.type
class Item(Unit):
    """项: （一）…"""

    number: int
    text: str
    subitems: list[SubItem]


@strawberry.type
class Paragraph(Unit):
    """款: one line of an article."""

    number: int
    text: str
    items: list[Item]


@strawberry.type
class CitationRef:
    """One cited unit found in a text, and what it resolved to."""

    text: str
    start: int
    end: int
    law: str | None = strawberry.field(description="Canonical full title where known, else as written.")
    article: str | None = strawberry.field(description="'122', '10-1'; null for a whole law")
    paragraph: int | None
    item: int | None
    sub_item: int | None
    resolved: str | None = strawberry.field(description="Id of the cited unit, or null.")
    status: str = strawberry.field(description="resolved | unresolved | ambiguous | stale")
    reason: str | None
    suggested: str | None = strawberry.field(description="For stale: the unit that carries the provision now (the "
                                                         "first of `current`).")
    fate: str | None = strawberry.field(description="What became of the cited unit by `now`: unchanged, modified, "
                                                    "renumbered, renumbered_modified, split, merged or deleted.")
    current: list[str] | None = strawberry.field(description="The units carrying the cited provision in the "
                                                             "version in force on `now` ([] when deleted).")


@strawberry.type
class CitationLink:
    """A CITES edge: the citing unit, the cited unit and the citing text."""

    source: str = strawberry.field(description="Id of the citing unit (款, 项 or 目).")
    target: str = strawberry.field(description="Id of the cited unit.")
    text: str
    status: str
    document: str | None = strawberry.field(default=None, description="When a policy document cites: its id "
                                                                      "(query it with document(id:)).")
    document_title: str | None = None

    @strawberry.field(description="The article the citing unit lies in (batched per request); null when a "
                                  "document cites.")
    async def source_article(self, info: Info[Context, None]) -> Article | None:
        if self.document is not None:
            return None
        return await article_by_id(info, ids.article_of_unit(self.source))

    @strawberry.field(description="The article the cited unit is or lies in (batched per request).")
    async def target_article(self, info: Info[Context, None]) -> Article | None:
        return await article_by_id(info, ids.article_of_unit(self.target))

    @strawberry.field(description="What became of the cited unit by `now` (default today): unchanged, modified, "
                                  "renumbered, renumbered_modified, split, merged or deleted (through the stored "
                                  "alignment); null when its law has no later text.")
    def fate(self, info: Info[Context, None], now: date | None = None) -> str | None:
        followed = _followed(info, self.target, self.status, now)
        return None if followed is None else followed["fate"]

    @strawberry.field(description="The units carrying the cited provision in the version in force on `now` ([] when "
                                  "deleted); null when unknown.")
    def current(self, info: Info[Context, None], now: date | None = None) -> list[str] | None:
        followed = _followed(info, self.target, self.status, now)
        return None if followed is None else followed["current"]


def _followed(info: Info[Context, None], target: str, status: str, now: date | None) -> dict[str, Any] | None:
    """Where a cited unit stands on `now`, through lawgraph.ingest.cite's Follower (one per request and date)."""
    from lawgraph.domain.resolve import Resolution
    from lawgraph.ingest.cite import Follower

    if "/" not in target or "@" not in target:
        return None
    cache = info.context.cache
    key = f"follower@{now}"
    if key not in cache:
        cache[key] = Follower(info.context.store, citation_repo.resolver(info.context.store), now or date.today())
    follower: Follower = cache[key]
    version_id = target.partition("/")[0]
    row = follower.follow({"status": status, "fate": None, "current": None, "reason": None, "suggested": None},
                          Resolution(None, version_id.partition("@")[0], version_id, target, status))
    return row if row["fate"] is not None else None


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

    @strawberry.field(description="The version (text) of the law this article belongs to (batched per request).")
    async def version(self, info: Info[Context, None]
                      ) -> Annotated[LawVersion, strawberry.lazy("lawgraph.api.types.laws")] | None:
        from lawgraph.api.types.laws import law_version

        row = await info.context.versions.load(self.version_id)
        return law_version(row) if row is not None else None

    @strawberry.field(description=f"Powers whose basis is this article or a unit inside it (batched per request; "
                                  f"an article can be cited by thousands); at most {MAX_PAGE} per page.")
    async def powers(self, info: Info[Context, None], first: int = 20, after: str | None = None
                     ) -> Connection[Power]:
        return await held_page(await _owners(info, self.id, "power"), first, after, info.context.powers, power)

    @strawberry.field(description=f"Benchmarks whose basis is this article or a unit inside it (batched per "
                                  f"request); at most {MAX_PAGE} per page.")
    async def benchmarks(self, info: Info[Context, None], first: int = 20,
                         after: str | None = None) -> Connection[DiscretionBenchmark]:
        return await held_page(await _owners(info, self.id, "benchmark"), first, after, info.context.benchmarks,
                               benchmark)

    @strawberry.field(description=f"三张清单 entries whose basis is this article or a unit inside it; at most "
                                  f"{MAX_PAGE} per page.")
    async def list_entries(self, info: Info[Context, None], first: int = 20,
                           after: str | None = None) -> Connection[ListEntry]:
        return await held_page(await _owners(info, self.id, "list_entry"), first, after, info.context.list_entries,
                               list_entry)

    @strawberry.field(description="What this article cites (CITES edges from its paragraphs).")
    def cites(self, info: Info[Context, None]) -> list[CitationLink]:
        return _links(info, self.id)[0]

    @strawberry.field(description="What cites this article or a unit inside it.")
    def cited_by(self, info: Info[Context, None]) -> list[CitationLink]:
        return _links(info, self.id)[1]


def article_from_row(row: dict[str, Any]) -> Article:
    """An Article from graph.repos.laws.article(s)'s row."""
    return Article(
        id=row["id"], number=row["number"], label=row["label"], ordinal=int(row["ordinal"]), text=row["text"],
        version_id=row["version_id"],
        paragraphs=[
            Paragraph(id=p["id"], number=int(p["number"]), text=p["text"], items=[
                Item(id=i["id"], number=int(i["number"]), text=i["text"],
                     subitems=[SubItem(id=x["id"], number=int(x["number"]), text=x["text"]) for x in i["subitems"]])
                for i in p["items"]])
            for p in row["paragraphs"]
        ],
    )


async def article_by_id(info: Info[Context, None], article_id: str) -> Article | None:
    """The article `article_id` (batched per request), or None."""
    row = await info.context.articles.load(article_id)
    return article_from_row(row) if row is not None else None


def _links(info: Info[Context, None], article_id: str) -> tuple[list[CitationLink], list[CitationLink]]:
    cache = info.context.cache
    if article_id not in cache:
        cites, cited_by = citation_repo.of_article(info.context.store, article_id=article_id)
        cache[article_id] = (
            [CitationLink(source=str(c["source"]), target=str(c["target"]), text=str(c["text"]),
                          status=str(c["status"])) for c in cites],
            [CitationLink(source=str(c["source"]), target=str(c["target"]), text=str(c["text"]),
                          status=str(c["status"]), document=_text(c.get("document")),
                          document_title=_text(c.get("document_title"))) for c in cited_by],
        )
    links: tuple[list[CitationLink], list[CitationLink]] = cache[article_id]
    return links


@strawberry.type
class ArticleQuery:
    """Entry points for articles and citations."""

    @strawberry.field(description="An article of a law as in force on `asOf` (default today): "
                                  "number '12', '第十二条', '10-1' or '第十条之一'.")
    def article(self, info: Info[Context, None], law: str, number: str, as_of: date | None = None) -> Article | None:
        store = info.context.store
        found = law_repo.law_named(store, law)
        wanted = ids.article_number(number)
        if found is None:
            return None
        if wanted is None:
            raise ValueError(f"{number!r} is not an article number: use 12, 第十二条, 10-1 or 第十条之一")
        version = law_repo.version_at(store, law_id=found["id"], at=as_of or date.today())
        if version is None:
            return None
        row = law_repo.article(store, version_id=version["id"], number=wanted)
        return article_from_row(row) if row is not None else None

    @strawberry.field(description=f"Articles whose text contains `search`, in the versions in force on `asOf` "
                                  f"(default today), of one `law` when given; at most {MAX_PAGE} per page.")
    async def articles(self, info: Info[Context, None], search: str, law: str | None = None,
                       as_of: date | None = None, first: int = 20, after: str | None = None
                       ) -> Connection[Article]:
        store = info.context.store
        if not search.strip():
            raise ValueError("search must not be empty")
        versions = law_repo.in_force_versions(store, as_of or date.today())
        if law is not None:
            found = law_repo.law_named(store, law)
            prefix = f"{found['id']}@" if found else "\x00"
            versions = [v for v in versions if v.startswith(prefix)]
        return await queried_page(info, "laws/search_articles", first, after, info.context.articles,
                                  article_from_row, search=search.strip(), versions=versions)

    @strawberry.field(description="The citations in a text, resolved against the graph; `law` is the law the "
                                  "text belongs to (for 本法 and bare 第X条), `asOf` the date of the text (default "
                                  "today), `now` the date the reader stands on (default today): `current` and "
                                  "`fate` say where each cited provision is then.")
    def citations(self, info: Info[Context, None], text: str, law: str | None = None,
                  as_of: date | None = None, now: date | None = None) -> list[CitationRef]:
        from lawgraph.ingest.cite import cite_text

        rows = cite_text(info.context.store, text, law=law, at=as_of, now=now)
        return [CitationRef(**row) for row in rows]


def _text(value: object) -> str | None:
    return None if value is None else str(value)
