"""What follows a statute ingest: for every law whose newest amendment was written, its breaks are computed and
stored as tracked work (analysis.tracking), and, on request, summarised in the ingest report."""

from __future__ import annotations

from lawgraph.analysis import webhooks
from lawgraph.analysis.impact import impact
from lawgraph.errors import InputError
from lawgraph.graph.repos import breaks
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.load import IngestReport


def after_ingest(store: GraphStore, report: IngestReport, *, summarise: bool = False,
                 trigger: str = "statute ingest") -> IngestReport:
    """Store the breaks of every amendment the ingest wrote (statuses of breaks still there are kept, vanished ones
    closed); with `summarise`, break counts by kind and what changed in the tracked breaks go to `report.impact`.
    A stored review that no longer fits is a warning: the ingest stands."""
    for law_id, (old_id, new_id) in sorted(report.amended.items()):
        try:
            found = impact(store, law_id, old_id, new_id)
        except InputError as exc:
            report.warnings.append(f"impact of {law_id} not computed: {exc}")
            continue
        synced = breaks.sync(store, law_id, old_id, new_id, found["breaks"], trigger)
        webhooks.deliver(store, [synced])
        if summarise:
            report.impact[law_id] = {"from": found["from"], "to": found["to"],
                                     **{k: v for k, v in found["summary"].items() if v},
                                     "tracked": synced.summary()}
    return report
