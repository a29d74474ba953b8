"""Alignments between versions of a law in the graph: ALIGNED edges (article, paragraph, item) and the
work-level identity of articles (`Article.work`), computed from the stored texts."""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from typing import Any

from lawgraph.domain.align import Fate, Pair, RawUnit, Unit, align_raw, align_units, fates, ratio, units_of_raw
from lawgraph.errors import InputError, NotFoundError
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import GraphStore

ONE_TO_ONE = ("unchanged", "modified", "renumbered", "renumbered_modified")
KINDS = (*ONE_TO_ONE, "split", "merged", "deleted", "added")
ALIGNED_CACHE = 16
_ALIGNED: OrderedDict[tuple[str, str, str | None, str | None, str | None],
                      tuple[list[Pair], list[Unit], list[Unit]]] = OrderedDict()


# the query writing the ALIGNED edges of each level (edge_rows' keys)
WRITE_ALIGNED = {"articles": "align/write_articles", "paragraphs": "align/write_paragraphs",
                 "items": "align/write_items"}


def version_units(store: GraphStore, version_id: str) -> list[Unit]:
    """Articles → paragraphs → items of a stored version, with their ids. Runs laws/version_texts."""
    return units_of_raw(version_raw(store, version_id))


def version_raw(store: GraphStore, version_id: str) -> tuple[RawUnit, ...]:
    """The units of a stored version as plain data (domain.align.RawUnit: what `version_units` makes Units of).
    Runs laws/version_texts."""
    rows = store.run("laws/version_texts", id=version_id)
    rows.sort(key=lambda r: (r["level"], r["ordinal"] if r["ordinal"] is not None else 0, r["id"]))
    articles: dict[str, tuple[str, str, list[tuple[str, str, str, list[RawUnit]]]]] = {}
    paragraphs: dict[str, tuple[str, str, str, list[RawUnit]]] = {}
    for row in rows:
        if row["level"] == 0:
            articles[row["id"]] = (str(row["number"]), row["text"] or "", [])
        elif row["level"] == 1 and row["parent"] in articles:
            paragraph = paragraphs[row["id"]] = (str(row["number"]), row["text"] or "", row["id"], [])
            articles[row["parent"]][2].append(paragraph)
        elif row["level"] == 2 and row["parent"] in paragraphs:
            paragraphs[row["parent"]][3].append((str(row["number"]), row["text"] or "", row["id"], ()))
    return tuple((number, text, aid, tuple((pn, pt, pid, tuple(items)) for pn, pt, pid, items in children))
                 for aid, (number, text, children) in articles.items())


def review_id(old_version: str, new_version: str) -> str:
    """The id of the reviewed alignment between two versions."""
    return f"{old_version}→{new_version}"


def align_stored(store: GraphStore, old_version: str, new_version: str) -> tuple[list[Pair], list[Unit], list[Unit]]:
    """Align two stored versions — the automatic alignment, with the rows legal staff reviewed in its place
    (`save_review`); returns the article rows and both unit trees. Kept in a small cache keyed by the two
    versions' content hashes and the review's time (a re-ingested, changed text or a new review gets a new key):
    a server answering the same amendment again reads one small row instead of two texts and does not re-align."""
    state = store.run("align/pair_state", ids=[old_version, new_version],
                      review=review_id(old_version, new_version))
    hashes = {r["id"]: r["hash"] for r in state}
    review = next((r for r in state if r["review"]), None)
    key = (old_version, new_version, hashes.get(old_version), hashes.get(new_version),
           review["reviewed_at"] if review else None)
    if None not in key[:4] and key in _ALIGNED:
        _ALIGNED.move_to_end(key)
        return _ALIGNED[key]
    old, new = version_units(store, old_version), version_units(store, new_version)
    if not old or not new:
        missing = old_version if not old else new_version
        raise NotFoundError(f"version {missing!r} has no articles in the graph")
    pairs = align_units(old, new)
    if review:
        pairs = apply_review(pairs, _stored(review["review"], old, new, old_version, new_version), old, new,
                             source=review["review_source"] or "review", document=review["review_document"])
    found = pairs, old, new
    if None not in key[:4]:
        _ALIGNED[key] = found
        while len(_ALIGNED) > ALIGNED_CACHE:
            _ALIGNED.popitem(last=False)
    return found


def successors(store: GraphStore, old_version: str, new_version: str) -> dict[str, Fate]:
    """What became of every article, paragraph and item of `old_version` in `new_version` (unit id → Fate), from
    the alignment of the two (the reviewed one where legal staff corrected it)."""
    if old_version == new_version:
        return {u.id: Fate("unchanged", [u.id]) for u in _flat(version_units(store, old_version))}
    pairs, old, new = align_stored(store, old_version, new_version)
    return fates(pairs, old, new)


def _flat(units: Iterable[Unit]) -> list[Unit]:
    out: list[Unit] = []
    for unit in units:
        out.append(unit)
        out.extend(_flat(unit.children))
    return out


def check_review(rows: Any, old: list[Unit], new: list[Unit], where: str) -> list[Pair]:
    """Reviewed article rows [{old, new, kind}] as Pairs; InputError naming the row and what is wrong. Article
    numbers as `lawgraph align` prints them ("12", "10-1"); a split is one row per new article, a merge one row per
    old article; rows for other articles may be left out (they keep the automatic alignment)."""
    if not isinstance(rows, list) or not rows:
        raise InputError(where, "expected a non-empty JSON list of rows {old, new, kind}, as `lawgraph align` prints")
    olds, news = {u.number: u for u in old}, {u.number: u for u in new}
    out: list[Pair] = []
    for n, row in enumerate(rows, 1):
        at = f"{where}, row {n}"
        if not isinstance(row, dict):
            raise InputError(at, "expected an object {old, new, kind}")
        kind, a, b = row.get("kind"), row.get("old"), row.get("new")
        a, b = (None if x is None else str(x) for x in (a, b))
        if kind not in KINDS:
            raise InputError(at, f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        if a is not None and a not in olds:
            raise InputError(at, f"the old version has no article {a!r} (numbers as `lawgraph align` prints them)")
        if b is not None and b not in news:
            raise InputError(at, f"the new version has no article {b!r} (numbers as `lawgraph align` prints them)")
        if (kind == "added") != (a is None) or (kind == "deleted") != (b is None):
            raise InputError(at, f"{kind!r} needs {'no old' if kind == 'added' else 'an old'} article and "
                                 f"{'no new' if kind == 'deleted' else 'a new'} one")
        if kind in ("unchanged", "modified") and a != b:
            raise InputError(at, f"{kind!r} keeps the number; {a} → {b} is renumbered or renumbered_modified")
        if kind in ("renumbered", "renumbered_modified") and a == b:
            raise InputError(at, f"{kind!r} changes the number; {a} → {b} is unchanged or modified")
        pair_ratio = ratio(olds[a], news[b]) if a is not None and b is not None else 0.0
        out.append(Pair(a, b, str(kind), pair_ratio))
    seen_old = [p.old for p in out if p.old is not None and p.kind not in ("split",)]
    seen_new = [p.new for p in out if p.new is not None and p.kind not in ("merged",)]
    for label, numbers in (("old", seen_old), ("new", seen_new)):
        twice = sorted({x for x in numbers if numbers.count(x) > 1})
        if twice:
            raise InputError(where, f"{label} article(s) {', '.join(twice)} in more than one row; a split is one row "
                                    "per new article (kind split), a merge one row per old article (kind merged)")
    for kind, side in (("split", "old"), ("merged", "new")):
        groups: dict[str | None, int] = {}
        for p in out:
            if p.kind == kind:
                groups[getattr(p, side)] = groups.get(getattr(p, side), 0) + 1
        single = sorted(str(k) for k, count in groups.items() if count < 2)
        if single:
            raise InputError(where, f"a {kind} needs two rows or more for {side} article(s) {', '.join(single)}")
    return out


def _stored(rows: str, old: list[Unit], new: list[Unit], old_version: str, new_version: str) -> list[Pair]:
    """A stored review, checked again against the texts (they may have been re-ingested since)."""
    try:
        return check_review(json.loads(rows), old, new, f"the review of {old_version} → {new_version}")
    except InputError as exc:
        raise InputError(exc.where, f"{exc.message} — the texts changed since the review: review the alignment "
                                    "again (lawgraph align --law … --review FILE) or drop it (--clear-review)") from exc


def apply_review(auto: list[Pair], reviewed: list[Pair], old: list[Unit], new: list[Unit], *, source: str = "review",
                 document: str | None = None) -> list[Pair]:
    """The automatic rows with the reviewed ones in place of every row touching an article they name; articles
    no row covers any more become deleted / added. Paragraphs and items of a one-to-one row are aligned anew."""
    olds, news = {u.number: u for u in old}, {u.number: u for u in new}
    named_old = {p.old for p in reviewed if p.old is not None}
    named_new = {p.new for p in reviewed if p.new is not None}
    kept = [p for p in auto if p.old not in named_old and p.new not in named_new
            and not (p.old is None and p.new is None)]
    for pair in reviewed:
        pair.source, pair.document = source, document
        pair.confidence, pair.needs_review = 1.0, False
        if pair.kind in ONE_TO_ONE and pair.kind != "unchanged" and pair.old is not None and pair.new is not None:
            a, b = olds[pair.old], news[pair.new]
            pair.children = align_units(a.children, b.children, depth=1)
    rows = kept + reviewed
    covered_old = {p.old for p in rows if p.old is not None}
    covered_new = {p.new for p in rows if p.new is not None}
    rows += [Pair(u.number, None, "deleted", 0.0) for u in old if u.number not in covered_old]
    rows += [Pair(None, u.number, "added", 0.0) for u in new if u.number not in covered_new]
    position = {u.number: i for i, u in enumerate(old)}
    after = {u.number: i for i, u in enumerate(new)}
    rows.sort(key=lambda p: (position.get(p.old or "", len(old)), after.get(p.new or "", -1)))
    return rows


def save_review(store: GraphStore, law_id: str, old_version: str, new_version: str, rows: Any, by: str,
                where: str = "review", *, source: str = "review", document: str | None = None) -> list[Pair]:
    """Check and store legal staff's review of the alignment between two versions (it replaces an earlier one),
    realign the law's stored ALIGNED edges and work ids with it; returns the resulting alignment. `source` is
    "official" for rows an amending act or a published 对照表 states (`document` names it)."""
    old, new = version_units(store, old_version), version_units(store, new_version)
    if not old or not new:
        raise NotFoundError(f"version {old_version if not old else new_version!r} has no articles in the graph")
    reviewed = check_review(rows, old, new, where)
    store.execute("align/review_put", row={
        "id": review_id(old_version, new_version), "law": law_id, "old": old_version, "new": new_version,
        "rows": json.dumps([{"old": p.old, "new": p.new, "kind": p.kind} for p in reviewed], ensure_ascii=False),
        "by": by, "at": datetime.now(UTC).isoformat(timespec="microseconds"), "source": source,
        "document": document})
    align_law(store, law_id)
    return align_stored(store, old_version, new_version)[0]


def clear_review(store: GraphStore, law_id: str, old_version: str, new_version: str) -> bool:
    """Drop the review between two versions (the automatic alignment applies again); False if there was none."""
    gone = store.execute("align/review_delete", id=review_id(old_version, new_version))
    if gone and gone[0]["deleted"]:
        align_law(store, law_id)
        return True
    return False


def edge_rows(pairs: Iterable[Pair], old: list[Unit], new: list[Unit]) -> dict[str, list[dict[str, Any]]]:
    """ALIGNED rows per level (articles, paragraphs, items) with unit ids."""
    out: dict[str, list[dict[str, Any]]] = {"articles": [], "paragraphs": [], "items": []}
    old_by, new_by = {u.number: u for u in old}, {u.number: u for u in new}

    def walk(level: int, rows: Iterable[Pair], olds: dict[str, Unit], news: dict[str, Unit]) -> None:
        name = ("articles", "paragraphs", "items")[level]
        for pair in rows:
            # same text can still be cut into paragraphs differently: a unit without a twin is skipped
            if pair.old not in olds or pair.new not in news:
                continue
            a, b = olds[str(pair.old)], news[str(pair.new)]
            out[name].append({"old": a.id, "new": b.id, "kind": pair.kind, "similarity": round(pair.similarity, 4),
                              "confidence": round(pair.confidence, 4), "needs_review": pair.needs_review,
                              "source": pair.source, "document": pair.document})
            if level < 2:
                if pair.kind in ("unchanged", "renumbered"):  # same text: children pair up one to one
                    children = [Pair(c.number, c.number, "unchanged", 1.0, source=pair.source,
                                     document=pair.document, confidence=pair.confidence) for c in a.children]
                    walk(level + 1, children, {c.number: c for c in a.children}, {c.number: c for c in b.children})
                elif pair.children:
                    walk(level + 1, pair.children, {c.number: c for c in a.children},
                         {c.number: c for c in b.children})

    walk(0, pairs, old_by, new_by)
    return out


def works(law_id: str, chain: Chain, pairs: list[list[Pair]]) -> dict[str, str]:
    """Work ids for every article of a chain of versions [(version id, date, articles)], given the
    article alignment between each consecutive pair."""
    out: dict[str, str] = {}
    first = chain[0][2]
    for unit in first:
        out[unit.id] = f"{law_id}/{unit.number}"
    for ((_, _, old), (_, date, new)), rows in zip(itertools.pairwise(chain), pairs, strict=True):
        olds, news = {u.number: u for u in old}, {u.number: u for u in new}
        merged_into: dict[str, str] = {}
        split_seen: dict[str, int] = {}
        for pair in rows:
            if pair.new is None:
                continue
            target = news[pair.new].id
            if pair.old is None:
                out[target] = f"{law_id}/{pair.new}@{date}"
            elif pair.kind in ONE_TO_ONE:
                out[target] = out[olds[pair.old].id]
            elif pair.kind == "merged":
                out.setdefault(target, merged_into.setdefault(target, out[olds[pair.old].id]))
            elif pair.kind == "split":
                k = split_seen[pair.old] = split_seen.get(pair.old, 0) + 1
                base = out[olds[pair.old].id]
                out[target] = base if k == 1 else f"{base}+{pair.new}@{date}"
    return out


Chain = list[tuple[str, str | None, list[Unit]]]  # (version id, date, articles), oldest first
RawChain = list[tuple[str, str | None, tuple[RawUnit, ...]]]  # the same, as plain data


def _raw_chain(store: GraphStore, law_id: str) -> RawChain:
    versions = law_repo.law_versions(store, law_id=law_id)
    versions.sort(key=lambda v: (v["effective"] or v["date"] or "", v["id"]))
    chain = [(str(v["id"]), v["date"], version_raw(store, v["id"])) for v in versions]
    return [c for c in chain if c[2]]


def _chain(store: GraphStore, law_id: str) -> Chain:
    return [(version, date, units_of_raw(raw)) for version, date, raw in _raw_chain(store, law_id)]


def align_law(store: GraphStore, law_id: str, warnings: list[str] | None = None) -> dict[str, int]:
    """(Re)align every consecutive pair of versions of a law and set the work ids; returns counts by kind. A
    stored review that no longer fits the texts (re-ingested since) raises InputError — or, given `warnings`,
    is reported there and the automatic alignment is stored for that pair."""
    chain = _chain(store, law_id)
    return _store_alignment(store, law_id, chain, [align_units(old, new) for (_, _, old), (_, _, new)
                                                    in itertools.pairwise(chain)], warnings)


Job = tuple[tuple[RawUnit, ...], tuple[RawUnit, ...]]


def _background() -> None:
    """A worker comparing texts ahead: the cyclic collector off (see `_compare`), and behind the store's server and
    the ingest's own process when they want the processor (its results are needed only once they are written)."""
    gc.disable()
    with contextlib.suppress(OSError):
        os.nice(10)


def background_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for what an ingest computes ahead of its later phases while it writes (see `_background`);
    stop them with `stop_pool`."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_background)


def stop_pool(pool: ProcessPoolExecutor, submitted: Iterable[Future[Any]]) -> None:
    """Stop `pool`'s workers; work still running (the ingest failed, or what was computed ahead was not taken) is
    not waited for, nor is anything when `submitted` is empty (the caller does not know what was)."""
    futures = list(submitted)
    if futures and all(future.done() for future in futures):
        pool.shutdown(cancel_futures=True)
        return
    pool.shutdown(wait=False, cancel_futures=True)
    # Python 3.14 has terminate_workers(); before it, the pool's processes are only reachable by name
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()


class Ahead:
    """Alignments computed in worker processes (`background_pool`) while the versions they compare were being
    written (a statute ingest: lawgraph.ingest.load), by (old version id, new version id), with the texts each was
    computed from. `align_laws` takes one only when the texts it reads back from the store are the same, and compares
    any other pair in the same workers (no second pool is forked beside this one's threads)."""

    def __init__(self, jobs: dict[tuple[str, str], Job], pool: ProcessPoolExecutor) -> None:
        self._jobs = jobs
        self._pool = pool
        # the largest pairs first: a few long texts (司法解释 of 700 articles) take most of the time
        self._found: dict[tuple[str, str], Future[list[Pair]]] = {
            key: pool.submit(align_raw, jobs[key])
            for key in sorted(jobs, key=lambda key: -len(jobs[key][0]) * len(jobs[key][1]))}
        self.used = 0  # how many alignments align_laws took from here

    @property
    def futures(self) -> list[Future[list[Pair]]]:
        return list(self._found.values())

    def matches(self, key: tuple[str, str], job: Job) -> bool:
        """Whether the alignment of `key` was computed from the texts of `job`."""
        return key in self._jobs and self._jobs[key] == job

    def result(self, key: tuple[str, str]) -> list[Pair] | None:
        """The alignment of `key` (waiting for it), or None when its worker was lost (the caller computes it)."""
        try:
            pairs = self._found[key].result()
        except (BrokenProcessPool, CancelledError, OSError):
            return None
        self.used += 1
        return pairs

    def compare(self, jobs: dict[int, Job]) -> dict[int, list[Pair]]:
        """The alignments of other pairs, in the same workers (here, when they are lost)."""
        try:
            found = {i: self._pool.submit(align_raw, job) for i, job in jobs.items()}
            return {i: future.result() for i, future in found.items()}
        except (BrokenProcessPool, CancelledError, OSError, RuntimeError):
            return {i: align_raw(job) for i, job in jobs.items()}


def align_laws(store: GraphStore, law_ids: list[str], warnings: list[str] | None = None, *, workers: int = 1,
               ahead: Ahead | None = None) -> dict[str, dict[str, int]]:
    """`align_law` for several laws, the texts compared in `workers` processes (the comparison is pure Python
    and most of a whole-corpus alignment's time; reading and writing stay in this process, law by law). A pair
    `ahead` computed from the same texts is taken from there."""
    raw = {law_id: _raw_chain(store, law_id) for law_id in law_ids}
    keys = [(old, new) for chain in raw.values() for (old, _, _), (new, _, _) in itertools.pairwise(chain)]
    jobs: list[Job] = [(old, new) for chain in raw.values() for (_, _, old), (_, _, new) in itertools.pairwise(chain)]
    early = {i for i, (key, job) in enumerate(zip(keys, jobs, strict=True)) if ahead and ahead.matches(key, job)}
    rest = {i: jobs[i] for i in range(len(jobs)) if i not in early}
    done = ahead.compare(rest) if ahead and rest else _compare(rest, workers)
    for i in sorted(early):
        pairs = ahead.result(keys[i]) if ahead else None
        done[i] = pairs if pairs is not None else align_raw(jobs[i])
    found = iter([done[i] for i in range(len(jobs))])
    # storing the edges and work ids needs the units' ids and numbers only (bare units: 3.4 s less for the corpus's
    # 228 versions); a pair legal staff reviewed is checked against the whole units
    texts = {version: units for chain in raw.values() for version, _, units in chain}
    chains = {law_id: [(version, date, units_of_raw(units, bare=True)) for version, date, units in chain]
              for law_id, chain in raw.items()}
    return {law_id: _store_alignment(store, law_id, chain, [next(found) for _ in range(max(0, len(chain) - 1))],
                                     warnings, whole=lambda version: units_of_raw(texts[version]))
            for law_id, chain in chains.items()}


def _compare(jobs: dict[int, Job], workers: int) -> dict[int, list[Pair]]:
    """The alignments of `jobs`, in `workers` processes when there are enough of them."""
    if workers > 1 and len(jobs) > 8:
        # the largest pairs first, one at a time: a few long texts (司法解释 of 700 articles) take most of the time
        order = sorted(jobs, key=lambda i: -len(jobs[i][0]) * len(jobs[i][1]))
        try:
            # the comparisons build many short-lived sets: the workers run with the cyclic collector off (as the
            # ingest's own process does: lawgraph.graph.gcpause), however they are started
            with ProcessPoolExecutor(max_workers=workers, initializer=gc.disable) as pool:
                return dict(zip(order, pool.map(align_raw, [jobs[i] for i in order]), strict=True))
        except (BrokenProcessPool, OSError):  # a worker killed (out of memory …): compare them here instead
            pass
    return {i: align_raw(job) for i, job in jobs.items()}


def _store_alignment(store: GraphStore, law_id: str, chain: Chain, aligned: list[list[Pair]],
                     warnings: list[str] | None, whole: Callable[[str], list[Unit]] | None = None) -> dict[str, int]:
    """Store the automatic alignment of each consecutive pair of `chain` (with the review legal staff stored for
    it in its place) as ALIGNED edges, and the work ids. `whole(version id)`: the units to check a review against,
    when the chain's are bare (Unit.bare)."""
    counts: dict[str, int] = {}
    all_pairs: list[list[Pair]] = []
    for ((old_id, _, old), (new_id, _, new)), pairs in zip(itertools.pairwise(chain), aligned, strict=True):
        reviewed = store.run("align/review_get", id=review_id(old_id, new_id))
        if reviewed:
            if whole is not None:
                old, new = whole(old_id), whole(new_id)
            try:
                pairs = apply_review(pairs, _stored(reviewed[0]["rows"], old, new, old_id, new_id), old, new,
                                     source=reviewed[0]["source"] or "review", document=reviewed[0]["document"])
            except InputError as exc:
                if warnings is None:
                    raise
                warnings.append(f"{exc} (the automatic alignment is stored meanwhile)")
        all_pairs.append(pairs)
        for clear in ("align/clear_articles", "align/clear_paragraphs", "align/clear_items"):
            store.execute(clear, id=old_id)
        for level, rows in edge_rows(pairs, old, new).items():
            store.write(WRITE_ALIGNED[level], rows)
        for pair in pairs:
            counts[pair.kind] = counts.get(pair.kind, 0) + 1
    if chain:
        work = works(law_id, chain, all_pairs)
        store.write("align/set_work", [{"id": k, "work": v} for k, v in work.items()])
    return counts


def history(store: GraphStore, law_id: str, number: str, version_id: str | None = None) -> list[dict[str, Any]]:
    """The expressions of one article across versions (through its work id), oldest first; the article is
    numbered as in `version_id`, else as in the latest version that has that number."""
    versions = law_repo.law_versions(store, law_id=law_id)
    ordered = sorted(versions, key=lambda v: (v["effective"] or v["date"] or ""), reverse=True)
    for version in ordered:
        if version_id is not None and version["id"] != version_id:
            continue
        rows = store.run("align/work_of", id=f"{version['id']}/{number}")
        if rows and rows[0]["work"]:
            return store.run("align/history", work=rows[0]["work"])
    raise NotFoundError(f"no article {number} in {version_id or 'any version of ' + law_id}")


def pick_version(store: GraphStore, law_id: str, key: str) -> dict[str, Any]:
    """The version of a law named by its id, date or year (`2018`, `2018-10-26`); raises when none or
    several match."""
    versions = law_repo.law_versions(store, law_id=law_id)
    found = [v for v in versions if v["id"] == key or (v["date"] or "").startswith(key)]
    if not found:
        dates = ", ".join(v["date"] or "undated" for v in versions)
        raise NotFoundError(f"no version {key!r} of {law_id}; its versions: {dates}")
    if len(found) > 1:
        raise NotFoundError(f"{key!r} names {len(found)} versions of {law_id} "
                            f"({', '.join(v['date'] for v in found)}); give the full date")
    return found[0]
