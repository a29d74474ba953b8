"""Citation linking during statute ingest: every citation inside a written version becomes a CITES
edge between units (resolved, or stale with the older unit), or a Citation node that says why not.

Citations of laws not yet in the graph are kept as Citation nodes and resolved again on later runs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from concurrent.futures import CancelledError, Executor, Future
from concurrent.futures.process import BrokenProcessPool
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
    extracted_ahead: int = 0  # versions whose citations were extracted while the texts were written (CitedAhead)


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


# The texts of a version that may cite (they hold 第, 《, 本 or 前): (unit id, article number, paragraph number, text)
Texts = list[tuple[str, str, int, str]]
# What they cite: (unit id, the references in its text), in the order of the texts
Cited = list[tuple[str, list[Reference]]]


def citing_texts(version_id: str, statute: ParsedStatute) -> Texts:
    """The texts of a version (paragraphs, items, sub-items) that may cite, in order."""
    out: Texts = []
    for article in statute.articles:
        aid = f"{version_id}/{article.number}"
        for paragraph in article.paragraphs:
            pid = f"{aid}.{paragraph.number}"
            sources = [(pid, paragraph.text)]
            for ordinal, item in enumerate(paragraph.items, start=1):
                iid = f"{pid}.{ordinal}"
                sources.append((iid, item.text))
                sources.extend((f"{iid}.{n}", sub.text) for n, sub in enumerate(item.subitems, start=1))
            out.extend((source, article.number, paragraph.number, text) for source, text in sources
                       if "第" in text or "《" in text or "本" in text or "前" in text)
    return out


def extract_texts(job: tuple[frozenset[str], dict[str, Texts]]) -> dict[str, Cited]:
    """The citations in the texts of some versions (by version id), knowing the bare law names of `job[0]`."""
    known, texts = job
    return {version_id: [(source, extract(text, known=known, context_article=article, context_paragraph=paragraph))
                         for source, article, paragraph, text in rows] for version_id, rows in texts.items()}


class CitedAhead:
    """Citations extracted in worker processes while the texts were being written (lawgraph.ingest.load), by
    version id, knowing the bare law names `known`: link_versions takes them when it knows the same names."""

    def __init__(self, pool: Executor, known: frozenset[str], texts: dict[str, Texts], batch: int = 4000) -> None:
        self.known = known
        self.futures: list[Future[dict[str, Cited]]] = []
        self._of: dict[str, Future[dict[str, Cited]]] = {}
        self.used = 0  # how many versions' citations link_versions took from here
        chunk: dict[str, Texts] = {}
        size = 0
        for index, (version_id, rows) in enumerate(texts.items()):
            chunk[version_id] = rows
            size += len(rows)
            if size >= batch or index == len(texts) - 1:
                future = pool.submit(extract_texts, (known, chunk))
                self.futures.append(future)
                self._of |= dict.fromkeys(chunk, future)
                chunk, size = {}, 0

    def get(self, version_id: str, known: frozenset[str]) -> Cited | None:
        """The citations of `version_id` (waiting for them), or None: not extracted ahead, with other law names, or
        their worker was lost (the caller extracts them)."""
        future = self._of.pop(version_id, None)
        if future is None or known != self.known:
            return None
        try:
            cited = future.result().pop(version_id, None)  # taken once: freed as linking goes on
        except (BrokenProcessPool, CancelledError, OSError):
            return None
        if cited is not None:
            self.used += 1
        return cited


def link_versions(store: GraphStore, versions: list[tuple[str, str, ParsedStatute]], *,
                  ahead: CitedAhead | None = None) -> LinkReport:
    """Extract, resolve and store the citations of newly written versions (law_id, version_id, text); those
    extracted `ahead` are taken from there.

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
        cited = ahead.get(version_id, known) if ahead is not None else None
        if cited is None:
            cited = extract_texts((known, {version_id: citing_texts(version_id, statute)}))[version_id]
        for source, refs in cited:
            for ref in refs:
                res = resolver.resolve(ref, context_law=context_law, context_version=version_id_for_context, at=at)
                _collect(report, cites, opened, source, ref, res, own=context_law == law_id)
    report.extracted_ahead = ahead.used if ahead is not None else 0
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
