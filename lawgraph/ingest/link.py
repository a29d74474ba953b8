"""Citation linking during statute ingest: every citation inside a written version becomes a CITES
edge between units (resolved, or stale with the older unit), or a Citation node that says why not.

Citations of laws not yet in the graph are kept as Citation nodes and resolved again on later runs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lawgraph.domain import ids
from lawgraph.domain.citations import Reference, extract
from lawgraph.domain.resolve import Resolution, Resolver, VersionUnits
from lawgraph.domain.statute import ParsedStatute
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest import documents


@dataclass
class LinkReport:
    """Counts of what linking found, by status."""

    counts: Counter[str] = field(default_factory=Counter)
    reresolved: int = 0


def units_of(statute: ParsedStatute) -> VersionUnits:
    """Return the unit numbers of a parsed text (no store round trip)."""
    units = VersionUnits()
    for article in statute.articles:
        paragraphs: dict[int, dict[int, int]] = {}
        for paragraph in article.paragraphs:
            items: dict[int, int] = {}
            for ordinal, item in enumerate(paragraph.items, start=1):
                items.setdefault(item.number, ordinal)
            paragraphs[paragraph.number] = items
        units.articles[article.number] = paragraphs
    return units


def _citation_id(source: str, ref: Reference) -> str:
    digest = hashlib.sha1(f"{source}|{ref.start}|{ref.end}|{ref.article}|{ref.paragraph}|{ref.item}".encode())
    return f"{source}#c{ref.start}-{digest.hexdigest()[:6]}"


def _paragraph_of(source: str) -> str:
    """The paragraph id of a unit id (…/12.2, …/12.2.3 or …/12.2.3.1 → …/12.2)."""
    head, _, tail = source.rpartition("/")
    return f"{head}/{'.'.join(tail.split('.')[:2])}"


def _open_row(source: str, ref: Reference, res: Resolution) -> dict[str, Any]:
    return {"paragraph": _paragraph_of(source), "id": _citation_id(source, ref), "props": {
        "source": source,
        "text": ref.text, "start": ref.start, "end": ref.end, "law": res.law or ref.law, "law_id": res.law_id,
        "law_key": ids.law_key(ref.law) if ref.law else None,
        "article": ref.article, "paragraph": ref.paragraph, "item": ref.item, "sub_item": ref.sub_item,
        "version_note": ref.version_note, "relative": ref.relative, "status": res.status, "reason": res.reason,
        "resolved": res.resolved, "suggested": res.suggested}}


def _cite_row(source: str, ref: Reference, target: str, status: str) -> dict[str, Any]:
    return {"paragraph": _paragraph_of(source), "source": source, "target": target, "text": ref.text,
            "start": ref.start, "end": ref.end, "status": status}


def link_versions(store: GraphStore, versions: list[tuple[str, str, ParsedStatute]]) -> LinkReport:
    """Extract, resolve and store the citations of newly written versions (law_id, version_id, text).

    Runs citations/write_cites and citations/write_open, then re-resolves older open citations.
    """
    report = LinkReport()
    resolver = citation_repo.resolver(store)
    for _law_id, version_id, statute in versions:
        resolver.add_units(version_id, units_of(statute))
    known = resolver.known_names()
    cites: list[dict[str, Any]] = []
    opened: list[dict[str, Any]] = []
    for law_id, version_id, statute in versions:
        at = statute.effective or statute.date or date.today()
        # an amendment (《宪法修正案》, 《刑法修正案（十一）》) numbers the articles of the law it amends
        amended = re.match(r"^(?:中华人民共和国)?(.+?)修正案", law_id)
        context_law = law_id
        if amended and ids.law_key(amended.group(1)) in resolver.laws:
            context_law = ids.law_key(amended.group(1))
            version_id_for_context: str | None = None
        else:
            version_id_for_context = version_id
        for article in statute.articles:
            aid = f"{version_id}/{article.number}"
            for paragraph in article.paragraphs:
                pid = f"{aid}.{paragraph.number}"
                sources = [(pid, paragraph.text)]
                for ordinal, item in enumerate(paragraph.items, start=1):
                    iid = f"{pid}.{ordinal}"
                    sources.append((iid, item.text))
                    sources.extend((f"{iid}.{n}", sub.text) for n, sub in enumerate(item.subitems, start=1))
                for source, text in sources:
                    if "第" not in text and "《" not in text and "本" not in text and "前" not in text:
                        continue
                    for ref in extract(text, known=known, context_article=article.number,
                                       context_paragraph=paragraph.number):
                        res = resolver.resolve(ref, context_law=context_law, context_version=version_id_for_context,
                                               at=at)
                        _collect(report, cites, opened, source, ref, res, own=context_law == law_id)
    citation_repo.write_cites(store, cites)
    law_ids = sorted({law_id for law_id, _, _ in versions})
    # the open citations stored before this run that name these laws: tried again before this run's own are written
    # (those were resolved just now, with every text of this run at hand: trying them again found nothing on the
    # whole corpus, and read 20,000 rows for it)
    report.reresolved = _reresolve(store, resolver, law_ids) + documents.reresolve(store, resolver, law_ids)
    store.write("citations/write_open", opened)
    return report


def _collect(report: LinkReport, cites: list[dict[str, Any]], opened: list[dict[str, Any]], source: str,
             ref: Reference, res: Resolution, *, own: bool = True) -> None:
    # an amendment's bare 第X条 cites the law it amends: counted with citations of other laws
    kind = ("self" if ref.relative and own else "other") + ("_law" if ref.article is None else "")
    report.counts[f"{kind}:{res.status}"] += 1
    if res.status == "resolved":
        if ref.article is not None and res.resolved:
            cites.append(_cite_row(source, ref, res.resolved, "resolved"))
        return
    if res.status == "stale" and res.resolved:
        cites.append(_cite_row(source, ref, res.resolved, "stale"))
    opened.append(_open_row(source, ref, res))


def _reresolve(store: GraphStore, resolver: Resolver, law_ids: list[str]) -> int:
    """Try again the open citations of the laws just written (they may have been cited before they came)."""
    rows = store.run("citations/open_for_laws", keys=law_ids)
    cites: list[dict[str, Any]] = []
    done: list[str] = []
    for row in rows:
        ref = Reference(row["start"], row["end"], row["text"], row["law"], False, row["article"], row["paragraph"],
                        row["item"], row["sub_item"], row["version_note"])
        if ref.law is None:
            continue
        at = date.fromisoformat(row["at"]) if row["at"] else date.today()
        res = resolver.resolve(ref, at=at)
        if res.status == "resolved":
            if ref.article is not None and res.resolved:
                cites.append(_cite_row(row["source"], ref, res.resolved, "resolved"))
            done.append(row["id"])
    citation_repo.write_cites(store, cites)
    if done:
        store.execute("citations/delete_open", ids=done)
    return len(done)
