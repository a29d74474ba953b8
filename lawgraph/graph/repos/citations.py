"""Data citation resolution reads from the store: the law catalogue and unit numbers."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from lawgraph.domain.resolve import LawInfo, Resolver, VersionInfo, VersionUnits
from lawgraph.graph.store import GraphStore


def catalogue(store: GraphStore) -> list[LawInfo]:
    """Return every law with its versions. Runs laws/catalogue."""
    laws: dict[str, LawInfo] = {}
    for row in store.run("laws/catalogue"):
        law = laws.setdefault(row["law_id"], LawInfo(row["law_id"], row["title"]))
        law.versions.append(VersionInfo(row["version_id"], row["date"], row["effective"] or row["date"]))
    return list(laws.values())


def version_units(store: GraphStore, version_ids: list[str]) -> dict[str, VersionUnits]:
    """Return the unit numbers of versions. Runs laws/version_units."""
    out: dict[str, VersionUnits] = defaultdict(VersionUnits)
    for row in store.run("laws/version_units", ids=version_ids):
        article = out[row["version_id"]].articles.setdefault(row["article"], {})
        if row["paragraph"] is not None:
            items = article.setdefault(int(row["paragraph"]), {})
            if row["item"] is not None:
                items.setdefault(int(row["item"]), int(row["ordinal"]))
    return dict(out)


def resolver(store: GraphStore) -> Resolver:
    """Return a Resolver reading from `store`."""
    return Resolver(catalogue(store), lambda version_ids: version_units(store, version_ids))


def report(store: GraphStore) -> dict[str, object]:
    """Return counts by status, every unresolved or ambiguous citation with its reason, every stale one.

    Statutes' citations first, then policy documents'. Runs citations/status_counts, citations/report and
    documents/report.
    """
    counts: dict[str, int] = {}
    for row in store.run("citations/status_counts"):
        counts[row["status"]] = counts.get(row["status"], 0) + int(row["count"])
    rows = store.run("citations/report") + store.run("documents/report")
    return {
        "counts": dict(sorted(counts.items())),
        "unresolved": [r for r in rows if r["status"] in ("unresolved", "ambiguous")],
        "stale": [r for r in rows if r["status"] == "stale"],
    }


def of_article(store: GraphStore, *, article_id: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Return (what the article cites, what cites it). Runs citations/of_article."""
    rows = store.run("citations/of_article", id=article_id)
    if not rows:
        return [], []
    cites = [c for c in rows[0]["cites"] if c.get("target")]
    cited_by = [c for c in rows[0]["cited_by"] if c.get("source")]
    return cites, cited_by


CITES = {"article": "citations/cites_article", "paragraph": "citations/cites_paragraph",
         "item": "citations/cites_item", "subitem": "citations/cites_subitem"}
DOC_CITES = {"article": "documents/cites_article", "paragraph": "documents/cites_paragraph",
             "item": "documents/cites_item", "subitem": "documents/cites_subitem"}
BASED_ON = {"article": "enforcement/based_on_article", "paragraph": "enforcement/based_on_paragraph",
            "item": "enforcement/based_on_item", "subitem": "enforcement/based_on_subitem"}


def write_cites(store: GraphStore, rows: list[dict[str, Any]], *, queries: dict[str, str] = CITES) -> None:
    """Write CITES rows (or, with `queries=BASED_ON`, BASED_ON rows), one query per kind of cited unit
    (article, paragraph, item, sub-item)."""
    by_kind: dict[str, list[dict[str, Any]]] = {"article": [], "paragraph": [], "item": [], "subitem": []}
    for row in rows:
        depth = row["target"].rpartition("/")[2].count(".")
        by_kind[("article", "paragraph", "item", "subitem")[min(depth, 3)]].append(row)
    for kind, chunk in by_kind.items():
        if chunk:
            store.write(queries[kind], chunk)
