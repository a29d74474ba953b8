"""What follows a statute ingest: for every law that got a new latest version, the amendment's impact."""

from __future__ import annotations

from lawgraph.analysis.impact import impact
from lawgraph.errors import InputError
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.load import IngestReport


def after_ingest(store: GraphStore, report: IngestReport) -> IngestReport:
    """Summarise (break counts by kind) the impact of every amendment the ingest wrote into `report.impact`;
    `lawgraph impact` gives the details. A stored review that no longer fits is a warning: the ingest stands."""
    for law_id, (old_id, new_id) in sorted(report.amended.items()):
        try:
            found = impact(store, law_id, old_id, new_id)
        except InputError as exc:
            report.warnings.append(f"impact of {law_id} not computed: {exc}")
            continue
        report.impact[law_id] = {"from": found["from"], "to": found["to"],
                                 **{k: v for k, v in found["summary"].items() if v}}
    return report
