"""GraphQL types and queries for policy documents (工作方案, 通知, 意见, 规范性文件) and what they cite."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE, start
from lawgraph.api.types.connection import Connection, connection
from lawgraph.graph.repos import documents as document_repo


@strawberry.type
class DocumentParagraph:
    """One paragraph of a document: its text (normalised: Simplified, half-width) and the text as written."""

    id: str
    number: int
    line: int | None = strawberry.field(description="Its line in the file (the paragraph's position in a .docx).")
    text: str
    original: str


@strawberry.type
class DocumentCitation:
    """A law cited in a document: the cited unit (or the version, for a law cited as a whole) when it resolved;
    else the status and the reason."""

    paragraph: str
    text: str
    status: str = strawberry.field(description="resolved | stale | unresolved | ambiguous")
    target: str | None = strawberry.field(description="The cited unit or version (for stale: in the older text).")
    law: str | None
    reason: str | None
    suggested: str | None


@strawberry.type
class NamedDocument:
    """Another document a document names, by 文号 or title; `target` is set when that document is in the graph."""

    text: str
    paragraph: str
    number: str | None
    target: str | None
    title: str | None


@strawberry.type
class Document:
    """A policy document: title, issuer, 文号 and date where the text states them."""

    id: str
    title: str
    issuer: str | None
    number: str | None = strawberry.field(description="文号, e.g. 湘政办发〔2023〕51号.")
    date: str | None
    script: str | None = strawberry.field(description="simplified | traditional (as written; stored Simplified).")
    paragraph_count: int

    @strawberry.field(description=f"Its paragraphs in order; at most {MAX_PAGE} per page.")
    def paragraphs(self, info: Info[Context, None], first: int = 50, after: str | None = None
                   ) -> Connection[DocumentParagraph]:
        skip = start(first, after)
        rows = document_repo.paragraphs(info.context.store, self.id, skip=skip, limit=first)
        return connection(rows, skip, self.paragraph_count, lambda r: DocumentParagraph(
            id=r["id"], number=int(r["number"]), line=r["line"], text=r["text"], original=r["original"]))

    @strawberry.field(description="Every law it cites, in text order, resolved against the texts in force on its "
                                  "date (today when undated).")
    def citations(self, info: Info[Context, None]) -> list[DocumentCitation]:
        return [DocumentCitation(paragraph=r["paragraph"], text=r["text"], status=r["status"], target=r["target"],
                                 law=r["law"], reason=r["reason"], suggested=r["suggested"])
                for r in document_repo.citations(info.context.store, self.id)]

    @strawberry.field(description="The documents it names (by 文号 or title), linked where they are in the graph.")
    def names(self, info: Info[Context, None]) -> list[NamedDocument]:
        named, _ = document_repo.references(info.context.store, self.id)
        return [NamedDocument(text=r["text"], paragraph=r["paragraph"], number=r["number"], target=r["target"],
                              title=r["title"]) for r in named]

    @strawberry.field(description="The documents in the graph that name this one.")
    def named_by(self, info: Info[Context, None]) -> list[Document]:
        _, by = document_repo.references(info.context.store, self.id)
        out = []
        for r in by:
            row = document_repo.get(info.context.store, r["id"])
            if row is not None:
                out.append(document(row))
        return out


def document(row: dict[str, Any]) -> Document:
    """A Document from a documents/get or documents/search row."""
    return Document(id=row["id"], title=row["title"], issuer=row["issuer"], number=row["number"], date=row["date"],
                    script=row["script"], paragraph_count=int(row["paragraph_count"] or 0))


@strawberry.type
class DocumentQuery:
    """Entry points for policy documents."""

    @strawberry.field(description=f"Documents whose title, 文号 or issuer contains `search`, newest first; at most "
                                  f"{MAX_PAGE} per page.")
    def documents(self, info: Info[Context, None], search: str | None = None, first: int = 20,
                  after: str | None = None) -> Connection[Document]:
        skip = start(first, after)
        rows, total = document_repo.search(info.context.store, search=search or None, skip=skip, limit=first)
        return connection(rows, skip, total, document)

    @strawberry.field(description="A document by id (doc:湘政办发〔2023〕51号).")
    def document(self, info: Info[Context, None], id: str) -> Document | None:
        row = document_repo.get(info.context.store, id)
        return document(row) if row else None
