"""What follows a statute ingest: for every law a version of was written, the breaks of its amendments are computed
and stored as tracked work (analysis.tracking), and, on request, summarised in the ingest report."""

from __future__ import annotations

from lawgraph.analysis.tracking import track_law
from lawgraph.errors import InputError
from lawgraph.graph.repos import laws
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.load import IngestReport


def after_ingest(store: GraphStore, report: IngestReport, *, summarise: bool = False,
                 trigger: str = "statute ingest") -> IngestReport:
    """Store the breaks of the amendments of every law the ingest wrote a version of (analysis.tracking.track_law:
    to the newest version from the one before it and from every older version something still rests on; statuses
    of breaks still there are kept, vanished ones closed); with `summarise`, break counts by kind of the newest
    amendment and what changed in the tracked breaks go to `report.impact`. A stored review that no longer fits is
    a warning: the ingest stands. Laws an earlier ingest marked for a follow-up it did not get to (it stopped after
    writing them: ingest_statutes' `follow_up`) are followed up too, and every mark is cleared once done."""
    pending = laws.follow_ups(store)
    for law_id in sorted(set(pending) - set(report.amended)):
        report.warnings.append(f"{law_id}: its breaks are tracked now; the ingest that wrote its new version had not "
                               "tracked them (it stopped before, or is still running)")
    for law_id in sorted(set(report.amended) | set(pending)):
        try:
            tracked = track_law(store, law_id, trigger, report.warnings)
        except InputError as exc:
            report.warnings.append(f"impact of {law_id} not computed: {exc}")
            tracked = []
        if law_id in pending:  # (a mark set again meanwhile, by a later ingest of the law, stays)
            laws.clear_follow_up(store, {law_id: pending[law_id]})
        if summarise and tracked:
            found, synced = tracked[0]
            report.impact[law_id] = {"from": found["from"], "to": found["to"],
                                     **{k: v for k, v in found["summary"].items() if v},
                                     "tracked": synced.summary()}
            if len(tracked) > 1:
                report.impact[law_id]["older_versions_tracked"] = [r.summary() for _, r in tracked[1:]]
    return report
