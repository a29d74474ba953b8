"""Amendment follow-up as tracked work: the impact of an amendment stored as `Break` records (graph.repos.breaks)
and recomputed whenever what it rests on changes — a new version of a law, a corrected alignment review, a re-
imported power list or benchmark table. Statuses set by legal staff survive every recomputation."""

from __future__ import annotations

from lawgraph.analysis import webhooks
from lawgraph.analysis.impact import impact
from lawgraph.errors import LawgraphError
from lawgraph.graph.repos import breaks
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import GraphStore


def latest_amendment(store: GraphStore, law_id: str) -> tuple[str, str] | None:
    """The law's newest amendment: (the version before the latest, the latest), by the dates they apply."""
    versions = law_repo.law_versions(store, law_id=law_id)
    versions.sort(key=lambda v: (v["effective"] or v["date"] or "", v["id"]))
    if len(versions) < 2:
        return None
    return str(versions[-2]["id"]), str(versions[-1]["id"])


def track(store: GraphStore, law_id: str, old: str, new: str, trigger: str) -> breaks.SyncReport:
    """Compute the breaks of law_id old → new and sync the stored ones (status kept, vanished closed)."""
    found = impact(store, law_id, old, new)
    report = breaks.sync(store, law_id, old, new, found["breaks"], trigger)
    webhooks.deliver(store, [report])  # new and reopened breaks, to the webhooks they concern
    return report


def laws_touched(store: GraphStore, owners: set[str], cited: set[str]) -> list[str]:
    """The laws whose breaks an import of `owners` (powers, benchmarks, list entries) may change: the laws their
    bases cite now, and the laws they had breaks on (a basis moved away closes those). Runs breaks/laws_of_owners."""
    before = {str(r["law"]) for r in store.run("breaks/laws_of_owners", ids=sorted(owners))} if owners else set()
    return sorted(before | cited)


def track_laws(store: GraphStore, law_ids: list[str] | None, trigger: str,
               warnings: list[str] | None = None) -> list[breaks.SyncReport]:
    """Recompute the newest amendment of each law (every law with two versions or more when `law_ids` is None).
    A law whose impact cannot be computed (e.g. a stored review that no longer fits) is a warning when
    `warnings` is given, else an error."""
    if law_ids is None:
        law_ids = [str(r["id"]) for r in store.run("laws/amended_laws")]
    out = []
    for law_id in sorted(set(law_ids)):
        pair = latest_amendment(store, law_id)
        if pair is None:
            continue
        try:
            out.append(track(store, law_id, *pair, trigger))
        except LawgraphError as exc:
            if warnings is None:
                raise
            warnings.append(f"breaks of {law_id} not recomputed: {exc}")
    return out
