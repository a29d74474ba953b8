"""Data citation resolution reads from the store: the law catalogue and unit numbers."""

from __future__ import annotations

from collections import defaultdict

from graph.store import GraphStore
from ingest.nlp.resolve import LawInfo, Resolver, VersionInfo, VersionUnits


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
