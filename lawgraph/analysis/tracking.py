"""Amendment follow-up as tracked work: the impact of an amendment stored as `Break` records (graph.repos.breaks)
and recomputed whenever what it rests on changes — a new version of a law, a corrected alignment review, a re-
imported power list or benchmark table. Statuses set by legal staff survive every recomputation."""

from __future__ import annotations

from typing import Any

from lawgraph.analysis import webhooks
from lawgraph.analysis.impact import impact
from lawgraph.errors import LawgraphError
from lawgraph.graph import gcpause
from lawgraph.graph.repos import breaks
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import GraphStore


def _versions(store: GraphStore, law_id: str) -> list[str]:
    versions = law_repo.law_versions(store, law_id=law_id)
    versions.sort(key=lambda v: (v["effective"] or v["date"] or "", v["id"]))
    return [str(v["id"]) for v in versions]


def amendments(store: GraphStore, law_id: str) -> list[tuple[str, str]]:
    """The amendments whose breaks are tracked for a law: to its newest version from the one before it, from every
    older version that something still rests on (a power, benchmark or list entry, a policy document or another
    law citing it) — a power list written against the 2015 text is checked against the newest text, not only
    against the text before the newest — and from every version that open breaks against the newest start from
    (nothing may rest on it any more: its breaks are then closed). Runs breaks/rested_versions, breaks/open_from."""
    versions = _versions(store, law_id)
    if len(versions) < 2:
        return []
    older = versions[:-2]
    rested = {str(r["id"]) for r in store.run("breaks/rested_versions", ids=older, prefix=f"{law_id}@")} \
        if older else set()
    rested |= {str(r["id"]) for r in store.run("breaks/open_from", law=law_id, newest=versions[-1])}
    return [(old, versions[-1]) for old in versions[:-1] if old == versions[-2] or old in rested]


def track(store: GraphStore, law_id: str, old: str, new: str, trigger: str) -> breaks.SyncReport:
    """Compute the breaks of law_id old → new and sync the stored ones (status kept, vanished closed)."""
    return _track(store, law_id, old, new, trigger)[1]


def _track(store: GraphStore, law_id: str, old: str, new: str, trigger: str
           ) -> tuple[dict[str, Any], breaks.SyncReport]:
    with gcpause.paused():  # thousands of breaks read, built and written: see lawgraph.graph.gcpause
        found = impact(store, law_id, old, new)
        report = breaks.sync(store, law_id, old, new, found["breaks"], trigger)
    webhooks.deliver(store, [report])  # new and reopened breaks, to the webhooks they concern
    return found, report


def track_law(store: GraphStore, law_id: str, trigger: str, warnings: list[str] | None = None
              ) -> list[tuple[dict[str, Any], breaks.SyncReport]]:
    """Track every amendment of `amendments` (impact and sync): the newest one (previous version → newest) first,
    then the open breaks of amendments to an older version than the newest are closed (superseded: the law was
    amended again; what rested on the older text is in the breaks against the newest now, as new work), then the
    amendments from older versions. Returns (impact, sync report) per amendment tracked, the newest first; the
    closed superseded breaks are in its report. An older amendment whose impact cannot be computed (a stored review
    that no longer fits) is a warning when `warnings` is given, else raised once the others are done."""
    pairs = amendments(store, law_id)
    if not pairs:
        return []
    newest = pairs[-1][1]
    done = [_track(store, law_id, *pairs[-1], trigger)]
    stale = store.run("breaks/superseded", law=law_id, newest=newest)
    if stale:
        ids = sorted(str(r["id"]) for r in stale)
        store.execute("breaks/close", ids=ids, at=breaks.now(),
                      reason=f"superseded: {law_id} was amended again ({newest}); what rests on the older text is "
                             f"tracked against {newest} ({trigger})")
        done[0][1].superseded = ids
    failed: list[LawgraphError] = []
    for old, new in reversed(pairs[:-1]):
        try:
            done.append(_track(store, law_id, old, new, trigger))
        except LawgraphError as exc:
            failed.append(exc)
            if warnings is not None:
                warnings.append(f"breaks of {law_id} from {old} not recomputed: {exc}")
    if failed and warnings is None:
        raise failed[0]
    return done


def laws_touched(store: GraphStore, owners: set[str], cited: set[str]) -> list[str]:
    """The laws whose breaks an import of `owners` (powers, benchmarks, list entries) may change: the laws their
    bases cite now, and the laws they had breaks on (a basis moved away closes those). Runs breaks/laws_of_owners."""
    before = {str(r["law"]) for r in store.run("breaks/laws_of_owners", ids=sorted(owners))} if owners else set()
    return sorted(before | cited)


def track_laws(store: GraphStore, law_ids: list[str] | None, trigger: str,
               warnings: list[str] | None = None) -> list[breaks.SyncReport]:
    """Recompute the tracked amendments of each law (`track_law`; every law with two versions or more when
    `law_ids` is None). A law whose impact cannot be computed (e.g. a stored review that no longer fits) is a
    warning when `warnings` is given, else an error."""
    if law_ids is None:
        law_ids = [str(r["id"]) for r in store.run("laws/amended_laws")]
    out = []
    for law_id in sorted(set(law_ids)):
        try:
            out += [report for _, report in track_law(store, law_id, trigger, warnings)]
        except LawgraphError as exc:
            if warnings is None:
                raise
            warnings.append(f"breaks of {law_id} not recomputed: {exc}")
    return out
