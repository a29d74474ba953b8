"""Load a whole sample tree: statutes, then power lists, benchmarks, 三张清单 and cases, upper levels first.

Layout (data/sample/): `statutes/` (any statute files), `county/` with `powers_*`, `benchmarks_*`,
`lists_*` and `cases_*` files (.csv, .xlsx, .xls, .json, .jsonl). Within each kind, files of a province
are loaded before those of lower levels because adopted benchmarks must already be there; the loaders
order rows themselves, so the order of files only matters across kinds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawgraph.errors import InputError
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.enforcement.load import ImportReport, ingest_benchmarks, ingest_cases, ingest_lists, ingest_powers
from lawgraph.ingest.enforcement.read import Defaults
from lawgraph.ingest.load import IngestReport, ingest_statutes

KINDS = ("powers", "benchmarks", "lists", "cases")
SUFFIXES = (".csv", ".xlsx", ".xls", ".json", ".jsonl", ".tsv")


@dataclass
class SampleReport:
    """The statute report and one import report per kind."""

    statutes: IngestReport
    imports: dict[str, ImportReport] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return self.statutes.ok and all(r.ok for r in self.imports.values())

    @property
    def errors(self) -> list[str]:
        """Every error of every step."""
        return self.statutes.errors + [e for r in self.imports.values() for e in r.errors]

    @property
    def warnings(self) -> list[str]:
        """Every warning of every step, each named by its step (statutes, powers, …)."""
        return [f"statutes: {w}" for w in self.statutes.warnings] + \
            [f"{kind}: {w}" for kind, r in self.imports.items() for w in r.warnings]

    def summary(self) -> dict[str, Any]:
        """Counts per step; unresolved bases are counted here (listed by each step's own command)."""
        out: dict[str, Any] = {"statutes": self.statutes.summary()}
        for kind, report in self.imports.items():
            data = report.summary()
            data["unresolved_bases"] = len(data["unresolved_bases"])
            out[kind] = data
        return out


def files_of(root: Path, kind: str) -> list[Path]:
    """The files of one kind under `root` (recursively), sorted by name."""
    return sorted(p for p in root.rglob(f"{kind}_*") if p.suffix.lower() in SUFFIXES)


def load_sample(store: GraphStore, root: Path) -> SampleReport:
    """Load every statute and table under `root`."""
    if not (root / "statutes").is_dir():
        raise InputError(str(root), "not a sample tree: it has no statutes/ folder (see data/sample/README.md)")
    report = SampleReport(ingest_statutes(store, [root / "statutes"]))
    loaders = {"powers": ingest_powers, "benchmarks": ingest_benchmarks, "lists": ingest_lists,
               "cases": ingest_cases}
    for kind in KINDS:
        files = files_of(root, kind)
        if files:
            report.imports[kind] = loaders[kind](store, files, Defaults())
    return report
