"""Alignments between versions of a law in the graph: ALIGNED edges (article, paragraph, item) and the
work-level identity of articles (`Article.work`), computed from the stored texts."""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from graph.errors import NotFoundError
from graph.repos import laws as law_repo
from graph.store import GraphStore
from ingest.align import Pair, Unit, align_units

ONE_TO_ONE = ("unchanged", "modified", "renumbered", "renumbered_modified")
ALIGNED_CACHE = 16
_ALIGNED: OrderedDict[tuple[str, str, str | None, str | None], tuple[list[Pair], list[Unit], list[Unit]]] = \
    OrderedDict()


def version_units(store: GraphStore, version_id: str) -> list[Unit]:
    """Articles → paragraphs → items of a stored version, with their ids. Runs laws/version_texts."""
    articles: dict[str, Unit] = {}
    paragraphs: dict[str, Unit] = {}
    for row in store.run("laws/version_texts", id=version_id):
        article = articles.get(row["article_id"])
        if article is None:
            article = articles[row["article_id"]] = Unit(str(row["article"]), row["article_text"] or "",
                                                         id=row["article_id"])
        if row["paragraph_id"] is None:
            continue
        paragraph = paragraphs.get(row["paragraph_id"])
        if paragraph is None:
            paragraph = paragraphs[row["paragraph_id"]] = Unit(str(row["paragraph"]), row["paragraph_text"] or "",
                                                               id=row["paragraph_id"])
            article.children.append(paragraph)
        if row["item_id"] is not None:
            paragraph.children.append(Unit(str(row["item"]), row["item_text"] or "", id=row["item_id"]))
    # compare a paragraph with its items, as the file-based alignment does
    for article in articles.values():
        article.children = [p if not p.children else Unit(p.number, p.text + "".join(i.text for i in p.children),
                                                          p.children, p.id) for p in article.children]
    return list(articles.values())


def align_stored(store: GraphStore, old_version: str, new_version: str) -> tuple[list[Pair], list[Unit], list[Unit]]:
    """Align two stored versions; returns the article rows and both unit trees. Kept in a small cache keyed by
    the two versions' content hashes (a re-ingested, changed text gets a new key): a server answering the same
    amendment again reads two hashes instead of two texts and does not re-align."""
    hashes = {r["id"]: r["hash"] for r in store.run("align/version_hashes", ids=[old_version, new_version])}
    key = (old_version, new_version, hashes.get(old_version), hashes.get(new_version))
    if None not in key and key in _ALIGNED:
        _ALIGNED.move_to_end(key)
        return _ALIGNED[key]
    old, new = version_units(store, old_version), version_units(store, new_version)
    if not old or not new:
        missing = old_version if not old else new_version
        raise NotFoundError(f"version {missing!r} has no articles in the graph")
    found = align_units(old, new), old, new
    if None not in key:
        _ALIGNED[key] = found
        while len(_ALIGNED) > ALIGNED_CACHE:
            _ALIGNED.popitem(last=False)
    return found


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
            out[name].append({"old": a.id, "new": b.id, "kind": pair.kind, "similarity": round(pair.similarity, 4)})
            if level < 2:
                if pair.kind in ("unchanged", "renumbered"):  # same text: children pair up one to one
                    children = [Pair(c.number, c.number, "unchanged", 1.0) for c in a.children]
                    walk(level + 1, children, {c.number: c for c in a.children}, {c.number: c for c in b.children})
                elif pair.children:
                    walk(level + 1, pair.children, {c.number: c for c in a.children},
                         {c.number: c for c in b.children})

    walk(0, pairs, old_by, new_by)
    return out


def works(law_id: str, chain: list[tuple[str, str | None, list[Unit]]], pairs: list[list[Pair]]) -> dict[str, str]:
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


def align_law(store: GraphStore, law_id: str) -> dict[str, int]:
    """(Re)align every consecutive pair of versions of a law and set the work ids; returns counts by kind."""
    versions = law_repo.law_versions(store, law_id=law_id)
    versions.sort(key=lambda v: (v["effective"] or v["date"] or "", v["id"]))
    if not versions:
        return {}
    chain = [(v["id"], v["date"], version_units(store, v["id"])) for v in versions]
    chain = [c for c in chain if c[2]]
    counts: dict[str, int] = {}
    all_pairs: list[list[Pair]] = []
    for (old_id, _, old), (_, _, new) in itertools.pairwise(chain):
        pairs = align_units(old, new)
        all_pairs.append(pairs)
        for level in ("articles", "paragraphs", "items"):
            store.execute(f"align/clear_{level}", id=old_id)
        for level, rows in edge_rows(pairs, old, new).items():
            store.write(f"align/write_{level}", rows)
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
