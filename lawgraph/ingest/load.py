"""Statute ingest: get (find and read files) → transform (parse, group into laws and versions) → load.

Loading is idempotent: a version whose stored content hash matches is skipped; a version whose
content changed, or whose earlier write was cut off (no `complete` flag), is deleted and rewritten.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from lawgraph.domain import ids
from lawgraph.domain.align import raw_of_statute
from lawgraph.domain.numerals import to_chinese
from lawgraph.domain.resolve import bare_names
from lawgraph.domain.statute import ParsedStatute
from lawgraph.errors import InputError, LawgraphError
from lawgraph.graph import gcpause
from lawgraph.graph.records import VersionRows
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.repos.alignment import Ahead, Job, align_laws, background_pool, stop_pool
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.link import CitedAhead, citing_texts, link_versions
from lawgraph.ingest.statutes.parse import parse_statute
from lawgraph.ingest.statutes.read import discover, read_source

Progress = Callable[[str, int, int], None]


@dataclass
class IngestReport:
    """What one `ingest statutes` run did; `ok` is False when any file failed."""

    files: int = 0
    skipped: list[str] = field(default_factory=list)
    laws: int = 0
    versions_written: int = 0
    versions_unchanged: int = 0
    articles: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    citations: dict[str, int] = field(default_factory=dict)
    citations_reresolved: int = 0
    bases_reresolved: int = 0
    laws_aligned: int = 0
    aligned_ahead: int = 0  # pairs of versions compared while they were being written (graph.repos.alignment.Ahead)
    extracted_ahead: int = 0  # versions whose citations were extracted while they were being written (CitedAhead)
    bulk: bool = False  # the versions went into an empty graph through the store's bulk path (laws.write_versions)
    versions_resumed: int = 0  # stored by an ingest cut off before it linked them: linked and aligned now
    # law id → (version before, latest version) for every law whose newest amendment was written: a new latest
    # version, or a changed text of either side
    amended: dict[str, tuple[str, str]] = field(default_factory=dict)
    # filled by lawgraph.analysis.amendments.after_ingest (ingest itself runs no analysis)
    impact: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.errors

    def summary(self) -> dict[str, Any]:
        """Return the counts as a JSON-ready dict."""
        return {
            "files": self.files, "skipped": len(self.skipped), "laws": self.laws,
            "versions_written": self.versions_written, "versions_unchanged": self.versions_unchanged,
            "articles": self.articles, "warnings": len(self.warnings), "errors": len(self.errors),
            "citations": self.citations, "citations_reresolved": self.citations_reresolved,
            "bases_reresolved": self.bases_reresolved,
            "laws_aligned": self.laws_aligned, "aligned_ahead": self.aligned_ahead,
            "extracted_ahead": self.extracted_ahead, "bulk": self.bulk, "versions_resumed": self.versions_resumed,
            **({"impact": self.impact} if self.impact else {}),
        }


@dataclass
class VersionText:
    """One version of one law, possibly assembled from several files (民法典: one file per 编)."""

    law_id: str
    statute: ParsedStatute
    parts: list[ParsedStatute]
    sources: list[str]

    @property
    def id(self) -> str:
        return ids.version_id(self.law_id, self.statute.date)


def _parse_one(job: tuple[str, str | None]) -> ParsedStatute | str:
    path, level = job
    try:
        return parse_statute(read_source(Path(path)), level=level)
    except InputError as exc:
        return str(exc)
    except (OSError, ValueError, UnicodeError) as exc:  # a reader bug must not stop the run
        return f"{path}: unreadable ({type(exc).__name__}: {exc})"


def parse_files(files: list[Path], *, level: str | None, workers: int, progress: Progress | None
                ) -> tuple[list[ParsedStatute], list[str]]:
    """Parse `files` (in `workers` processes when more than one); return statutes and error lines."""
    jobs = [(str(path), level) for path in files]
    parsed: list[ParsedStatute] = []
    errors: list[str] = []
    results: Iterable[ParsedStatute | str]
    if workers > 1 and len(jobs) > 20:
        # the workers parse with the cyclic collector off, whatever way they are started (a forked worker would
        # inherit the ingest's pause; a spawned one would not): each parsed statute is a tree of thousands of
        # small objects, freed by reference counting once sent back. Peak memory of the workers measured the same
        # (~1 GB for the whole corpus), their parse 11.1 → 6.3 s (BENCHMARKS.md, issue 18, third session)
        pool = ProcessPoolExecutor(max_workers=workers, initializer=gc.disable)
        results = pool.map(_parse_one, jobs, chunksize=16)
    else:
        pool = None
        results = map(_parse_one, jobs)
    try:
        for done, result in enumerate(results, start=1):
            if isinstance(result, str):
                errors.append(result)
            else:
                parsed.append(result)
            if progress:
                progress("parse", done, len(jobs))
    finally:
        if pool is not None:
            pool.shutdown()
    return parsed, errors


def _norm_hash(statute: ParsedStatute) -> str:
    digest = hashlib.sha256()
    for article in statute.articles:
        digest.update(f"{article.number}\x01{article.norm}\x00".encode())
    return digest.hexdigest()[:32]


def _merge_parts(parts: list[ParsedStatute]) -> ParsedStatute:
    """Join the files of a law published in parts (one per 编) into one text, parts in article order."""
    parts = sorted(parts, key=lambda p: (p.articles[0].base if p.articles else 10**9, p.path))
    first = parts[0]
    merged = ParsedStatute(
        path=first.path, fmt=first.fmt, title=first.title, subtitle=None, level=first.level, date=first.date,
        date_precision=first.date_precision, effective=next((p.effective for p in parts if p.effective), None),
        events=first.events, preamble="\n".join(p.preamble for p in parts if p.preamble),
        divisions=[], articles=[], warnings=[w for p in parts for w in p.warnings],
    )
    digest = hashlib.sha256()
    for index, part in enumerate(parts, start=1):
        prefix = f"p{index}"
        for division in part.divisions:
            division.key = prefix + division.key[2:] if division.key.startswith("p1") else f"{prefix}.{division.key}"
            if division.parent:
                division.parent = prefix + division.parent[2:] if division.parent.startswith("p1") \
                    else f"{prefix}.{division.parent}"
            if division.kind == "part" and division.parent is None:
                division.ordinal = index
                division.number = index
            merged.divisions.append(division)
        for article in part.articles:
            if article.division:
                article.division = prefix + article.division[2:] if article.division.startswith("p1") \
                    else f"{prefix}.{article.division}"
            article.ordinal = len(merged.articles) + 1
            merged.articles.append(article)
        digest.update(part.content_hash.encode())
    merged.content_hash = digest.hexdigest()[:32]
    return merged


def group_versions(statutes: list[ParsedStatute], stored: dict[str, list[dict[str, Any]]],
                   report: IngestReport) -> list[VersionText]:
    """Group parsed texts into versions of laws.

    Parts of one law with one date (files with a subtitle) are merged. A text dated only by a year
    in its file name joins a version of the same law dated exactly in that year when there is one.
    Two different texts for one version: the first (by path) is kept, the other reported.
    """
    by_law: dict[str, list[ParsedStatute]] = defaultdict(list)
    for statute in statutes:
        by_law[ids.law_key(statute.title)].append(statute)
    versions: list[VersionText] = []
    for law_id, texts in sorted(by_law.items()):
        exact = {s.date for s in texts if s.date and s.date_precision == "day"}
        exact |= {date.fromisoformat(v["date"]) for v in stored.get(law_id, [])
                  if v.get("date") and v.get("precision") == "day"}
        for statute in texts:
            if statute.date and statute.date_precision in ("year", "effective"):
                same_year = sorted(d for d in exact if d.year == statute.date.year)
                if len(same_year) == 1:
                    statute.date = same_year[0]
                    statute.date_precision = "day"
        by_date: dict[date | None, list[ParsedStatute]] = defaultdict(list)
        for statute in sorted(texts, key=lambda s: s.path):
            by_date[statute.date].append(statute)
        for _when, group in by_date.items():
            parts = [s for s in group if s.subtitle]
            wholes = [s for s in group if not s.subtitle]
            chosen: list[VersionText] = []
            if parts:
                chosen.append(VersionText(law_id, _merge_parts(parts), parts, [p.path for p in parts]))
            for whole in wholes:
                twin = next((c for c in chosen if _norm_hash(c.statute) == _norm_hash(whole)), None)
                if twin is not None:
                    twin.sources.append(whole.path)
                    report.warnings.append(f"{whole.path}:1: same text as {twin.sources[0]}; loaded once")
                elif chosen:
                    report.warnings.append(
                        f"{whole.path}:1: a different text for version {chosen[0].id} already read from "
                        f"{chosen[0].sources[0]}; this one is not loaded: give it a date in its file name"
                    )
                    report.errors.append(f"{whole.path}: conflicting text for version {chosen[0].id}")
                else:
                    chosen.append(VersionText(law_id, whole, [whole], [whole.path]))
            versions.extend(chosen)
    return versions


def ingest_statutes(store: GraphStore, paths: list[Path], *, level: str | None = None,
                    workers: int | None = None, progress: Progress | None = None, link: bool = True,
                    follow_up: bool = False) -> IngestReport:
    """Read, parse and load every statute under `paths`; return the report (never raises on bad files).

    A law with several versions one of which was written is named in `report.amended` (by its newest amendment);
    `lawgraph.analysis.amendments.after_ingest` follows it up (tracked breaks, impact summary). With `follow_up`
    (for a caller that does so) those laws are also marked in the store before their versions are marked linked:
    when the process stops before the follow-up is done, the next `after_ingest` does it."""
    # hundreds of thousands of rows built, sent and read back, freed by reference counting: see lawgraph.graph.gcpause
    with gcpause.paused(long=True):
        return _ingest_statutes(store, paths, level=level, workers=workers, progress=progress, link=link,
                                follow_up=follow_up)


def _ingest_statutes(store: GraphStore, paths: list[Path], *, level: str | None, workers: int | None,
                     progress: Progress | None, link: bool, follow_up: bool) -> IngestReport:
    report = IngestReport()
    clock = time.perf_counter()
    files, report.skipped = discover(paths)
    report.files = len(files)
    parse_workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    statutes, report.errors = parse_files(files, level=level, workers=parse_workers, progress=progress)
    report.seconds["parse"] = time.perf_counter() - clock
    for statute in statutes:
        report.warnings.extend(statute.warnings)
    law_ids = sorted({ids.law_key(s.title) for s in statutes})
    stored = law_repo.versions_of_laws(store, law_ids=law_ids)
    versions = group_versions(statutes, stored, report)
    # what linking and aligning will need is computed in worker processes (at low priority) while the texts are
    # written: the citations in the texts, the comparison of consecutive versions of the laws read whole in this run
    early = _start_early(store, versions, stored, parse_workers) if link and parse_workers > 1 else None
    try:
        return _write_link_align(store, report, versions, law_ids, early, parse_workers, progress, link,
                                 follow_up)
    finally:
        if early is not None:
            early.stop()


def _write_link_align(store: GraphStore, report: IngestReport, versions: list[VersionText], law_ids: list[str],
                      early: Early | None, parse_workers: int, progress: Progress | None, link: bool,
                      follow_up: bool) -> IngestReport:
    try:
        clock = time.perf_counter()
        stored = law_repo.write_versions(store, versions=[version_rows(v) for v in versions], progress=progress,
                                         resume=link)
        report.bulk, report.versions_resumed = stored.bulk, len(stored.resumed)
        report.warnings.extend(stored.warnings)
        # the versions written now, and those an earlier ingest wrote but was cut off before linking: both are
        # linked, aligned and followed up below
        written = set(stored.ids) | set(stored.resumed)
        law_repo.refresh_status(store, law_ids=law_ids)
        report.seconds["store"] = time.perf_counter() - clock
        clock = time.perf_counter()
        if link:
            linked = link_versions(store, [(v.law_id, v.id, v.statute) for v in versions if v.id in written],
                                   ahead=early.cited if early else None)
            report.extracted_ahead = linked.extracted_ahead
            report.citations = dict(sorted(linked.counts.items()))
            report.citations_reresolved = linked.reresolved
            # powers, benchmarks and list entries whose bases named these laws before they were here
            from lawgraph.ingest.enforcement.load import reresolve_open_bases

            report.bases_reresolved = reresolve_open_bases(store, sorted({v.law_id for v in versions
                                                                           if v.id in written}))
        report.seconds["link"] = time.perf_counter() - clock
        clock = time.perf_counter()
        if link:
            # laws with several versions: align each consecutive pair again and carry the work ids along
            touched = sorted({v.law_id for v in versions if v.id in written})
            several = {law_id: rows for law_id, rows in law_repo.versions_of_laws(store, law_ids=touched).items()
                       if len(rows) > 1}
            ahead = early.aligned if early else None
            align_laws(store, sorted(several), report.warnings, workers=parse_workers, ahead=ahead)
            report.laws_aligned += len(several)
            report.aligned_ahead = ahead.used if ahead else 0
            for law_id, rows in several.items():
                ordered = sorted(rows, key=lambda r: (r["effective"] or r["date"] or "", r["id"]))
                if any(r["id"] in written for r in ordered):
                    # a new latest version, or a changed text of any version (breaks are tracked from older
                    # versions too): named by its newest amendment
                    report.amended[law_id] = (ordered[-2]["id"], ordered[-1]["id"])
        if link:
            if follow_up and report.amended:  # before the versions are marked: see ingest_statutes
                law_repo.mark_follow_up(store, {law: pair[1] for law, pair in report.amended.items()})
            law_repo.mark_linked(store, sorted(written))
        report.seconds["align"] = time.perf_counter() - clock
    except LawgraphError as exc:
        report.errors.append(f"store: {exc}")
        return report
    report.laws = len({v.law_id for v in versions})
    report.versions_written = len(stored.ids)
    report.versions_unchanged = len(versions) - len(stored.ids)
    report.articles = sum(len(v.statute.articles) for v in versions)
    return report


AHEAD_LEAST = 9  # fewer pairs than this are compared at the end, as before (not worth a process)
AHEAD_TEXTS = 20_000  # fewer texts that may cite than this are extracted at link time, as before


@dataclass
class Early:
    """What an ingest computes in worker processes while it writes (`_start_early`)."""

    pool: ProcessPoolExecutor
    cited: CitedAhead | None
    aligned: Ahead | None

    def stop(self) -> None:
        stop_pool(self.pool, [*(self.cited.futures if self.cited else []),
                              *(self.aligned.futures if self.aligned else [])])


def _start_early(store: GraphStore, versions: list[VersionText], stored: dict[str, list[dict[str, Any]]],
                 workers: int) -> Early | None:
    """Start extracting the citations of the versions that will be written, then comparing the consecutive versions
    of each law all of whose versions are in this run (the first load of a corpus: every law), some of which will
    be written, ordered as align_laws orders the stored ones. None when there is too little of either, or no
    process to be had."""
    kept = {row["id"] for rows in stored.values() for row in rows
            if row.get("complete") and row.get("hash") is not None}
    hashes = {row["id"]: row.get("hash") for rows in stored.values() for row in rows}
    fresh = {v.id for v in versions if not (v.id in kept and hashes[v.id] == v.statute.content_hash)}
    texts = {v.id: citing_texts(v.id, v.statute) for v in versions if v.id in fresh}
    if sum(len(rows) for rows in texts.values()) < AHEAD_TEXTS:
        texts = {}
    by_law: dict[str, list[VersionText]] = defaultdict(list)
    for version in versions:
        by_law[version.law_id].append(version)
    jobs: dict[tuple[str, str], Job] = {}
    for law_id, found in by_law.items():
        here = {v.id for v in found}
        if len(found) < 2 or any(row["id"] not in here for row in stored.get(law_id, [])):
            continue
        if here.isdisjoint(fresh):
            continue  # stored already, every version: nothing of it is written, so it is not aligned again
        chain = sorted(found, key=lambda v: (_iso(v.statute.effective) or _iso(v.statute.date) or "", v.id))
        raws = [(v.id, raw) for v in chain if (raw := raw_of_statute(v.id, v.statute))]
        jobs |= {(old, new): (old_raw, new_raw) for (old, old_raw), (new, new_raw) in itertools.pairwise(raws)}
    if len(jobs) < AHEAD_LEAST:
        jobs = {}
    known = frozenset[str]()
    if texts:
        try:  # the bare law names linking will know: those of the laws stored and of this run's (Resolver.known_names)
            known = bare_names({law.id for law in citation_repo.catalogue(store)} | {v.law_id for v in versions})
        except LawgraphError:  # said where the store is used next (the writes); extracted at link time meanwhile
            texts = {}
    if not texts and not jobs:
        return None
    try:
        pool = background_pool(workers)
    except (OSError, RuntimeError):  # no process or thread to be had (limits): all at link and align time
        return None
    try:
        cited = CitedAhead(pool, known, texts) if texts else None  # first: linking needs them first
        aligned = Ahead(jobs, pool) if jobs else None
    except (OSError, RuntimeError):  # (BrokenProcessPool is a RuntimeError) all at link and align time
        stop_pool(pool, [])
        return None
    except BaseException:
        stop_pool(pool, [])
        raise
    return Early(pool, cited, aligned)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def version_rows(version: VersionText) -> VersionRows:
    """Return the rows that store one version (transform step)."""
    s = version.statute
    vid = version.id
    law_id = version.law_id
    rows = VersionRows(
        version_id=vid, law_id=law_id, content_hash=s.content_hash,
        law={"id": law_id, "title": s.title, "level": s.level},
        version={"id": vid, "law_id": law_id, "props": {
            "law_id": law_id, "title": s.title, "date": s.date.isoformat() if s.date else None,
            "date_precision": s.date_precision, "effective": s.effective.isoformat() if s.effective else None,
            "history": [f"{e.date.isoformat()} {e.kind} {e.text}" for e in s.events],
            "repealed": any(e.kind == "废止" for e in s.events),
            "source": "; ".join(version.sources), "format": s.fmt, "level": s.level,
            "article_count": len(s.articles), "preamble": s.preamble or None,
            "norm_hash": _norm_hash(s), "complete": False,
        }},
    )
    for division in s.divisions:
        row = {"id": ids.division_id(vid, division.key), "props": {
            "version_id": vid, "kind": division.kind, "number": division.number, "title": division.title,
            "heading": division.heading, "ordinal": division.ordinal, "line": division.line}}
        if division.parent:
            row["parent"] = ids.division_id(vid, division.parent)
            rows.divisions_nested.append(row)
        else:
            row["parent"] = vid
            rows.divisions_top.append(row)
    rows.divisions_nested.sort(key=lambda r: r["id"].count("."))
    for article in s.articles:
        aid = ids.article_id(vid, article.number)
        paragraphs: list[dict[str, Any]] = []
        rows.units += 1
        for paragraph in article.paragraphs:
            pid = f"{aid}.{paragraph.number}"
            items: list[dict[str, Any]] = []
            for item_ordinal, item in enumerate(paragraph.items, start=1):
                iid = f"{pid}.{item_ordinal}"
                items.append({"id": iid, "props": {
                    "version_id": vid, "number": item.number, "ordinal": item_ordinal, "text": item.text,
                    "norm": item.norm, "line": item.line}, "subitems": [
                    {"id": f"{iid}.{sub_ordinal}", "props": {
                        "version_id": vid, "number": sub.number, "ordinal": sub_ordinal, "text": sub.text,
                        "norm": sub.norm, "line": sub.line}}
                    for sub_ordinal, sub in enumerate(item.subitems, start=1)]})
                rows.units += 1 + len(item.subitems)
            paragraphs.append({"id": pid, "props": {
                "version_id": vid, "number": paragraph.number, "text": paragraph.text, "norm": paragraph.norm,
                "line": paragraph.line}, "items": items})
            rows.units += 1
        rows.articles.append({
            "id": aid, "version_id": vid,
            "division_id": ids.division_id(vid, article.division) if article.division else None,
            "props": {"version_id": vid, "law_id": law_id, "number": article.number, "base": article.base,
                      "suffix": article.suffix, "label": article_label(article.base, article.suffix),
                      "ordinal": article.ordinal, "text": article.text, "norm": article.norm,
                      "line": article.line, "work": f"{law_id}/{article.number}"},
            "paragraphs": paragraphs})
    return rows


@lru_cache(maxsize=4096)  # the same few hundred numbers in every version
def article_label(base: int, suffix: int) -> str:
    """Return 第X条 / 第X条之N for an article number."""
    return f"第{to_chinese(base)}条" + (f"之{to_chinese(suffix)}" if suffix else "")
