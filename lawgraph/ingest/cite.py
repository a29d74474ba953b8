"""Cite a text on demand: extract with the spaCy pipeline, resolve against the graph (CLI and GraphQL)."""

from __future__ import annotations

from datetime import date
from typing import Any

from lawgraph.domain import ids
from lawgraph.domain.resolve import Resolver
from lawgraph.errors import InputError, NotFoundError
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.nlp.pipeline import make_pipeline

MAX_TEXT = 20 * 1024 * 1024


def cite_text(store: GraphStore, text: str, *, law: str | None = None, article: str | None = None,
              paragraph: int | None = None, at: date | None = None, resolver: Resolver | None = None
              ) -> list[dict[str, Any]]:
    """Return one object per cited unit in `text`: {text, start, end, law, article, paragraph, item,
    sub_item, resolved, status, reason}. `law`/`article`/`paragraph` give the context of relative forms.

    Raises NotFoundError for an unknown context law, InputError for an unreadable article number.
    """
    if len(text) > MAX_TEXT:
        raise InputError("text", f"{len(text)} characters; at most {MAX_TEXT} can be cited at once")
    text = text.replace("\x00", " ")
    resolver = resolver or citation_repo.resolver(store)
    context_law = None
    if law:
        found, _ = resolver.find_law(law)
        if found is None:
            raise NotFoundError(f"no law titled {law!r} in the graph (the context for 本法/第X条); "
                                "check the title with `lawgraph law show`")
        context_law = found.id
    context_article = None
    if article:
        context_article = ids.article_number(article)
        if context_article is None:
            raise InputError("--article", f"{article!r} is not an article number: use 12, 第十二条 or 10-1")
    nlp = make_pipeline(resolver.known_names())
    doc = nlp.make_doc(text)
    doc.user_data["context_article"] = context_article
    doc.user_data["context_paragraph"] = paragraph
    for _, component in nlp.pipeline:
        doc = component(doc)
    out: list[dict[str, Any]] = []
    for ref in doc._.citations:
        res = resolver.resolve(ref, context_law=context_law, at=at)
        out.append({
            "text": ref.text, "start": ref.start, "end": ref.end, "law": res.law or ref.law,
            "article": ref.article, "paragraph": ref.paragraph, "item": ref.item, "sub_item": ref.sub_item,
            "resolved": res.resolved, "status": res.status, "reason": res.reason, "suggested": res.suggested,
        })
    return out
