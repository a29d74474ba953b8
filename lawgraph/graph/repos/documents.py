"""Policy documents as stored: search, one document, its paragraphs, citations and named documents."""

from __future__ import annotations

from typing import Any

from lawgraph.graph.store import GraphStore, first

Row = dict[str, Any]


def search(store: GraphStore, *, search: str | None, skip: int, limit: int) -> tuple[list[Row], int]:
    """A page of documents (newest first) and the total. Runs documents/search and documents/count."""
    rows = store.run("documents/search", search=search, skip=skip, limit=limit)
    total = first(store.run("documents/count", search=search))
    return rows, int(total["total"]) if total else 0


def get(store: GraphStore, document_id: str) -> Row | None:
    """One document, or None. Runs documents/get."""
    return first(store.run("documents/get", id=document_id))


def paragraphs(store: GraphStore, document_id: str, *, skip: int, limit: int) -> list[Row]:
    """A page of a document's paragraphs. Runs documents/paragraphs."""
    return store.run("documents/paragraphs", id=document_id, skip=skip, limit=limit)


def citations(store: GraphStore, document_id: str) -> list[Row]:
    """Every citation in a document, in text order: {paragraph, text, start, target, status, law, reason,
    suggested}. Resolved and stale ones carry `target` (the cited unit); open ones a `reason`. Runs
    documents/citations."""
    out: list[Row] = []
    for row in store.run("documents/citations", id=document_id):
        # an OPTIONAL MATCH miss collects a map of nulls
        cited = [c for c in row["cited"] if c.get("target")]
        opened = [c for c in row["open"] if c.get("text")]
        stale_spans = {c["start"] for c in opened}
        for c in cited:
            if c["status"] == "stale" and c["start"] in stale_spans:
                continue  # the open Citation node carries the same span with its reason
            out.append({"paragraph": row["paragraph"], "text": c["text"], "start": c["start"],
                        "target": c["target"], "status": c["status"], "law": None, "reason": None,
                        "suggested": None})
        for c in opened:
            out.append({"paragraph": row["paragraph"], "text": c["text"], "start": c["start"],
                        "target": c.get("resolved"), "status": c["status"], "law": c.get("law"),
                        "reason": c.get("reason"), "suggested": c.get("suggested")})
    return sorted(out, key=lambda r: (int(str(r["paragraph"]).rpartition("/p")[2]), r["start"] or 0))


def references(store: GraphStore, document_id: str) -> tuple[list[Row], list[Row]]:
    """(the documents it names, linked or not; the documents naming it). Runs documents/names and
    documents/named_by."""
    return store.run("documents/names", id=document_id), store.run("documents/named_by", id=document_id)
