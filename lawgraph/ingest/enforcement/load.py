"""Load power lists, benchmark tables, 三张清单 and cases into the graph.

Order inside one run: regions (top level first) → departments → the records → their bases (each basis
cell through the citation resolver, at the date the document speaks for) → links between them.
A record whose content hash is already stored is skipped, so loading a file twice changes nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from lawgraph.domain import vocab
from lawgraph.domain.ids import law_key
from lawgraph.domain.penalties import Outcome
from lawgraph.domain.resolve import Resolver
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.enforcement.basis import basis_references
from lawgraph.ingest.enforcement.read import Defaults, ReadResult, read_benchmarks, read_cases, read_lists, read_powers
from lawgraph.ingest.enforcement.records import (
    Basis,
    BenchmarkRecord,
    CaseRecord,
    ListRecord,
    PowerRecord,
    content_hash,
    region_id,
)


@dataclass
class ImportReport:
    """What one import run did; `ok` is False when any row or file had an error."""

    kind: str
    files: int = 0
    rows: int = 0
    records: int = 0
    written: int = 0
    unchanged: int = 0
    tiers: int = 0
    bases: Counter[str] = field(default_factory=Counter)
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # powers withdrawn by an explicit replace
    # for narrowing the recomputation of breaks: the items whose bases were written, the laws those bases cite
    owners: set[str] = field(default_factory=set)
    laws: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        """True when nothing was left out."""
        return not self.errors

    def summary(self) -> dict[str, Any]:
        """The counts as a JSON-ready dict (unresolved bases listed: they are kept, and must be fixed)."""
        out: dict[str, Any] = {
            "kind": self.kind, "files": self.files, "rows": self.rows, "records": self.records,
            "written": self.written, "unchanged": self.unchanged, "bases": dict(sorted(self.bases.items())),
            "errors": len(self.errors), "warnings": len(self.warnings), "unresolved_bases": self.unresolved,
        }
        if self.kind == "benchmarks":
            out["tiers"] = self.tiers
        if self.removed:
            out["removed"] = self.removed
        return out


R = TypeVar("R")
Rec = TypeVar("Rec", PowerRecord, BenchmarkRecord, ListRecord, CaseRecord)


def _gather(report: ImportReport, results: Iterable[ReadResult[R]]) -> list[R]:
    records: list[R] = []
    for result in results:
        report.files += 1
        report.rows += result.rows
        report.errors.extend(result.errors)
        report.warnings.extend(result.warnings)
        records.extend(result.records)
    return records


def _dedupe(report: ImportReport, records: list[Rec]) -> list[Rec]:
    seen: dict[str, Rec] = {}
    for record in records:
        earlier = seen.get(record.id)
        if earlier is not None:
            report.errors.append(f"{record.source}: the same record as {earlier.source} (id {record.id}); "
                                 "remove one of the two rows — the second is not loaded")
            continue
        seen[record.id] = record
    return list(seen.values())


MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})


def is_province(name: str) -> bool:
    """A provincial-level name: 省, 自治区, 特别行政区 or one of the four 直辖市."""
    return name.endswith(("省", "自治区", "特别行政区")) or name in MUNICIPALITIES


def settle_region(path: list[str], known: set[str]) -> list[str] | str:
    """The region a table names, settled against the regions in the graph: the path itself when it is known;
    else the one known region the name (or partial path) ends — 青禾县 → 江北省/临川市/青禾县; a new region only
    from a full path that starts at a known province or names a new one (江北省/临川市/新县, 辽宁省). Otherwise a
    message saying what to give instead (the candidates when the name is ambiguous)."""
    rid = region_id(path)
    if rid in known:
        return path
    candidates = sorted(k for k in known if k.endswith(f"/{rid}"))
    if len(candidates) == 1:
        return candidates[0].split("/")
    if candidates:
        return (f"region {rid!r} names several regions in the graph ({', '.join(candidates)}); give the full path "
                "in the 行政区划 column or --region")
    if path[0] in known or is_province(path[0]):
        return path
    return (f"unknown region {rid!r}: no region of that name is in the graph, and a new region is created only from "
            f"a full path starting at its province (e.g. 某省/某市/{path[-1]}); give the full path in the 行政区划 "
            "column or --region")


class Placed(Protocol):
    """A record with a region path and a source (file and row)."""

    region: list[str]
    source: str


P = TypeVar("P", bound=Placed)


def _settle(store: GraphStore, report: ImportReport, records: list[P]) -> list[P]:
    """Records with their regions settled (`settle_region`); a record naming no settled region is left out with
    an error naming its row (one error per region, counting the rows)."""
    known = {str(row["id"]) for row in store.run("enforcement/region_ids")}
    settled: dict[tuple[str, ...], list[str] | str] = {}
    refused: dict[str, list[str]] = {}
    kept: list[P] = []
    for record in records:
        delegation = getattr(record, "delegation", None)
        paths = [record.region] + ([delegation.to] if delegation else [])
        problem = None
        for path in paths:
            key = tuple(path)
            if key not in settled:
                settled[key] = settle_region(path, known)
            result = settled[key]
            if isinstance(result, str):
                problem = result
                break
            path[:] = result
        if problem is None:
            kept.append(record)
        else:
            refused.setdefault(problem, []).append(record.source)
    for problem, sources in refused.items():
        more = f" (and {len(sources) - 1} more rows)" if len(sources) > 1 else ""
        report.errors.append(f"{sources[0]}{more}: {problem}; these rows are not loaded")
    return kept


def write_places(store: GraphStore, places: Iterable[tuple[list[str], str | None, str | None]]) -> None:
    """Write regions (every prefix of each path) and departments ((path, department name, code))."""
    regions: dict[str, dict[str, Any]] = {}
    departments: dict[str, dict[str, Any]] = {}
    for path, department, code in places:
        for depth in range(1, len(path) + 1):
            rid = region_id(path[:depth])
            regions.setdefault(rid, {"id": rid, "name": path[depth - 1], "level": vocab.REGION_LEVELS[depth - 1],
                                     "rank": depth, "parent": region_id(path[:depth - 1]) if depth > 1 else None})
        if department:
            rid = region_id(path)
            did = f"{rid}/{department}"
            if did not in departments or code:
                departments[did] = {"id": did, "name": department, "code": code, "region": rid}
    for rank in range(1, len(vocab.REGION_LEVELS) + 1):
        rows = [r for r in regions.values() if r["rank"] == rank]
        if rows:
            store.write("enforcement/upsert_regions", rows)
    if departments:
        store.write("enforcement/upsert_departments", list(departments.values()))


def _changed(store: GraphStore, records: Sequence[Any], query: str) -> tuple[list[Any], dict[str, str], int]:
    hashes = {record.id: content_hash(record) for record in records}
    stored = {row["id"]: row["hash"] for row in store.run(query, ids=list(hashes))}
    todo = [record for record in records if stored.get(record.id) != hashes[record.id]]
    return todo, hashes, len(records) - len(todo)


def reresolve_open_bases(store: GraphStore, law_ids: Iterable[str]) -> int:
    """Try again the open bases naming one of `law_ids` (statutes just written): those that now resolve get
    their BASED_ON edge and lose the open basis. Returns how many resolved. Runs enforcement/open_bases."""
    from lawgraph.domain.citations import Reference

    wanted = set(law_ids)
    rows = [r for r in store.run("enforcement/open_bases", keys=sorted(wanted))
            if law_key(str(r["props"]["law"])) in wanted]  # open bases written before law_key was stored
    if not rows:
        return 0
    resolver: Resolver = citation_repo.resolver(store)
    cites: list[dict[str, Any]] = []
    done: list[str] = []
    for row in rows:
        props = row["props"]
        text = props.get("text") or props.get("basis") or ""
        ref = Reference(start=0, end=len(text), text=text, law=props["law"], relative=False,
                        article=props.get("article"), paragraph=props.get("paragraph"), item=props.get("item"),
                        sub_item=None, version_note=props.get("version_note"))
        at = date.fromisoformat(props["at"]) if props.get("at") else None
        res = resolver.resolve(ref, at=at)
        if res.resolved and res.status in ("resolved", "stale") and ref.article is not None:
            cites.append({"owner": row["owner"], "target": res.resolved, "text": text, "role": props.get("role"),
                          "status": res.status, "suggested": res.suggested, "position": props.get("position")})
            done.append(row["id"])
    citation_repo.write_cites(store, cites, queries=citation_repo.BASED_ON)
    if done:
        store.execute("enforcement/delete_open_bases", ids=done)
    return len(done)


class BasisWriter:
    """Resolves basis cells and writes BASED_ON edges and OpenBasis nodes for their owners."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.resolver: Resolver = citation_repo.resolver(store)
        self.known = self.resolver.known_names()
        self.cites: list[dict[str, Any]] = []
        self.open: list[dict[str, Any]] = []

    def add(self, report: ImportReport, owner: str, source: str, bases: list[Basis], at: date | None) -> None:
        """Resolve the bases of one owner at date `at` (today when None)."""
        report.owners.add(owner)
        position = 0
        for basis in bases:
            refs = basis_references(basis.text, self.known)
            if not refs:
                self._open(report, owner, source, basis, position, {"status": "unresolved",
                           "reason": "no citation (《法名》第X条) found in the basis text"})
                position += 1
                continue
            for ref in refs:
                res = self.resolver.resolve(ref, at=at)
                text = ref.text if ref.law is None or ref.law in ref.text else f"《{ref.law}》{ref.text}"
                props = {"text": text, "law": res.law or ref.law, "article": ref.article,
                         "paragraph": ref.paragraph, "item": ref.item, "version_note": ref.version_note}
                if ref.article is None and res.status == "resolved":
                    self._open(report, owner, source, basis, position, {
                        **props, "status": "incomplete", "law_id": res.law_id,
                        "reason": "the law is named but no article (条款项) is cited"})
                elif res.resolved and res.status in ("resolved", "stale"):
                    report.bases[res.status] += 1
                    if res.law_id:
                        report.laws.add(res.law_id)
                    self.cites.append({"owner": owner, "target": res.resolved, "text": text, "role": basis.role,
                                       "status": res.status, "suggested": res.suggested, "position": position})
                else:
                    self._open(report, owner, source, basis, position, {
                        **props, "status": res.status, "law_id": res.law_id, "reason": res.reason,
                        "suggested": res.suggested, "at": at.isoformat() if at else None})
                position += 1

    def _open(self, report: ImportReport, owner: str, source: str, basis: Basis, position: int,
              props: dict[str, Any]) -> None:
        report.bases[str(props["status"])] += 1
        digest = hashlib.sha1(f"{owner}|{position}|{props.get('text') or basis.text}".encode()).hexdigest()[:10]
        full = {"basis": basis.text, "role": basis.role, "position": position, "source": source, **props}
        if props.get("law"):
            full["law_key"] = law_key(str(props["law"]))  # what reresolve_open_bases looks up
        self.open.append({"owner": owner, "id": f"{owner}#b{digest}", "props": full})
        report.unresolved.append({"owner": owner, "source": source, "text": props.get("text") or basis.text[:80],
                                  "status": props["status"], "reason": props.get("reason")})

    def write(self, report: ImportReport, owners: Iterable[tuple[str, str, list[Basis], date | None]]) -> None:
        """Resolve and write the bases of (owner id, source, bases, date) owners."""
        for owner, source, bases, at in owners:
            self.add(report, owner, source, bases, at)
        self.flush()

    def flush(self) -> None:
        """Write what was collected."""
        citation_repo.write_cites(self.store, self.cites, queries=citation_repo.BASED_ON)
        self.store.write("enforcement/write_open_bases", self.open)
        self.cites, self.open = [], []


def _outcome_props(outcome: Outcome) -> dict[str, Any]:
    props: dict[str, Any] = {"types": list(outcome.types), "no_penalty": outcome.no_penalty}
    for kind in ("fine", "multiple", "percent"):
        amount = next((a for a in outcome.amounts if a.kind == kind), None)
        props[f"{kind}_min"] = amount.min if amount else None
        props[f"{kind}_max"] = amount.max if amount else None
        if kind != "fine":
            props[f"{kind}_base"] = amount.base if amount else None
    return props


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def ingest_powers(store: GraphStore, paths: list[Path], defaults: Defaults, *, replace: bool = False
                  ) -> ImportReport:
    """Import power lists; returns the report (exit status from `report.ok`). With `replace`, the files are each
    department's whole list: its powers missing from them are withdrawn (deleted, and listed in the report with
    the benchmarks, list entries and cases that pointed at them) — only when the files read without errors."""
    report = ImportReport("powers")
    records = _dedupe(report, _settle(store, report, _gather(report, (read_powers(p, defaults) for p in paths))))
    report.records = len(records)
    if replace and records:
        if report.errors:
            report.errors.append("--replace: nothing withdrawn, because rows were left out above; fix them and "
                                 "import again")
        else:
            _withdraw(store, report, records)
    todo, hashes, report.unchanged = _changed(store, records, "enforcement/hashes")
    places = [(r.region, r.department, r.department_code) for r in todo]
    places += [(r.delegation.to, None, None) for r in todo if r.delegation]
    write_places(store, places)
    ids = [r.id for r in todo]
    repo.for_ids(store, "enforcement/clear_links", ids)
    repo.for_ids(store, "enforcement/clear_open_bases", ids)
    store.write("enforcement/upsert_powers", [{"id": r.id, "department": r.department_id, "props": {
        "name": r.name, "code": r.code, "category": r.category, "category_raw": r.category_raw,
        "sub_items": r.sub_items, "discretionary": r.discretionary, "confidential": r.confidential,
        "steps": r.steps, "step_limits": r.step_limits, "time_limit": r.time_limit, "levels": r.levels,
        "note": r.note, "basis_text": "\n".join(b.text for b in r.bases), "basis_at": _iso(r.at),
        "region": region_id(r.region), "source": r.source, "hash": hashes[r.id]}} for r in todo])
    store.write("enforcement/delegate", [{
        "power": r.id, "region": region_id(r.delegation.to), "kind": r.delegation.kind, "act": r.delegation.act,
        "date": _iso(r.delegation.on)} for r in todo if r.delegation])
    BasisWriter(store).write(report, ((r.id, r.source, r.bases, r.at) for r in todo))
    report.written = len(todo)
    return report


def _withdraw(store: GraphStore, report: ImportReport, records: Sequence[PowerRecord]) -> None:
    """Delete the powers of the records' departments that the records no longer list."""
    listed = {r.id for r in records}
    departments = sorted({r.department_id for r in records})
    gone = [row for row in store.run("enforcement/department_powers", departments=departments)
            if row["id"] not in listed]
    for row in gone:
        left = [f"{kind} {', '.join(row[kind])}" for kind in ("benchmarks", "lists", "cases") if row[kind]]
        report.warnings.append(f"withdrawn: {row['id']} ({row['name']})" +
                               (f"; now unlinked: {'; '.join(left)}" if left else ""))
    report.removed = sorted(row["id"] for row in gone)
    repo.for_ids(store, "enforcement/delete_powers", report.removed)


class PowerIndex:
    """The powers of some departments by code and by name, to link benchmarks, list entries and cases."""

    def __init__(self, store: GraphStore, departments: list[str]) -> None:
        self.by_department: dict[str, dict[str, str]] = {}
        for row in store.run("enforcement/powers_of_departments", departments=departments):
            index = self.by_department.setdefault(row["department"], {})
            if row["code"]:
                index.setdefault(row["code"], row["id"])
            index.setdefault(row["name"], row["id"])

    def find(self, department: str, *keys: str | None) -> str | None:
        """The id of the department's power named by the first key that matches (code, then name)."""
        powers = self.by_department.get(department, {})
        return next((powers[key] for key in keys if key and key in powers), None)


def _prepare(store: GraphStore, records: Sequence[Rec], hash_query: str, report: ImportReport
             ) -> tuple[list[Rec], dict[str, str], PowerIndex]:
    """The records whose content changed, their hashes, their places written, and their departments' powers."""
    todo, hashes, report.unchanged = _changed(store, records, hash_query)
    write_places(store, [(r.region, r.department, None) for r in todo])
    return todo, hashes, PowerIndex(store, sorted({r.department_id for r in todo}))


def ingest_benchmarks(store: GraphStore, paths: list[Path], defaults: Defaults) -> ImportReport:
    """Import benchmark tables; conduct items are linked to the issuing department's power by code or name.
    Benchmarks that adopt an upper level's are written last, so one run may carry both levels."""
    report = ImportReport("benchmarks")
    records = _dedupe(report, _settle(store, report, _gather(report, (read_benchmarks(p, defaults) for p in paths))))
    report.records = len(records)
    report.tiers = sum(len(r.tiers) for r in records)
    todo, hashes, index = _prepare(store, records, "enforcement/hashes", report)
    _write_benchmarks(store, report, [r for r in todo if not r.adopts], hashes, index)
    _write_benchmarks(store, report, [r for r in todo if r.adopts], hashes, index)
    return report


def _write_benchmarks(store: GraphStore, report: ImportReport, todo: list[BenchmarkRecord], hashes: dict[str, str],
                      index: PowerIndex) -> None:
    links: list[dict[str, Any]] = []
    adopts: list[dict[str, Any]] = []
    ready: list[BenchmarkRecord] = []
    for record in todo:
        power = index.find(record.department_id, record.code, record.conduct)
        if record.code and power is None:
            report.warnings.append(f"{record.source}: no power with code {record.code} in {record.department_id}; "
                                   "the benchmark is loaded without its power (load the power list first)")
        if record.adopts:
            if power is None:
                report.errors.append(f"{record.source}: 采用上级基准 needs the department's own power (code or "
                                     "name) to find the upper level's benchmark; load the power list first")
                continue
            upper = region_id(record.region[:-1]) if len(record.region) > 1 else None
            target = repo.effective_benchmark(store, power, upper, record.effective or date.today())
            if target is None:
                report.errors.append(f"{record.source}: 采用上级基准, but no upper-level benchmark for "
                                     f"{record.code or record.conduct} is in force on {record.effective}; load the "
                                     "upper level's table first")
                continue
            adopts.append({"benchmark": record.id, "target": target["benchmark"]["benchmark"]["id"]})
        if power:
            links.append({"owner": record.id, "power": power})
        ready.append(record)
    ids = [r.id for r in ready]
    repo.for_ids(store, "enforcement/clear_links", ids)
    repo.for_ids(store, "enforcement/clear_open_bases", ids)
    store.write("enforcement/upsert_benchmarks", [{"id": r.id, "department": r.department_id, "props": {
        "conduct": r.conduct, "seq": r.seq, "code": r.code, "title": r.title, "effective": _iso(r.effective),
        "expires": _iso(r.expires), "adopts": r.adopts, "tier_count": len(r.tiers), "level": len(r.region),
        "basis_text": "\n".join(b.text for b in r.bases), "source": r.source, "hash": hashes[r.id]}} for r in ready])
    tiers: list[dict[str, Any]] = []
    for record in ready:
        names: list[str] = []
        for ordinal, tier in enumerate(record.tiers, start=1):
            if tier.name not in names:
                names.append(tier.name)
            tiers.append({"benchmark": record.id, "id": f"{record.id}#{ordinal}", "props": {
                "ordinal": ordinal, "name": tier.name, "rank": names.index(tier.name) + 1, "grade": tier.grade,
                "conditions": tier.conditions, "outcome": tier.outcome_text, "note": tier.note,
                "problems": tier.outcome.problems, **_outcome_props(tier.outcome)}})
    store.write("enforcement/upsert_tiers", tiers)
    store.write("enforcement/delete_extra_tiers", [{"benchmark": r.id, "count": len(r.tiers)} for r in ready])
    store.write("enforcement/link_for", links)
    store.write("enforcement/link_adopts", adopts)
    BasisWriter(store).write(report, ((r.id, r.source, r.bases, r.effective) for r in ready))
    report.written += len(ready)


def ingest_lists(store: GraphStore, paths: list[Path], defaults: Defaults) -> ImportReport:
    """Import 不予处罚 / 减轻处罚 / 从轻处罚 lists."""
    report = ImportReport("lists")
    records = _dedupe(report, _settle(store, report, _gather(report, (read_lists(p, defaults) for p in paths))))
    report.records = len(records)
    todo, hashes, index = _prepare(store, records, "enforcement/hashes", report)
    ids = [r.id for r in todo]
    repo.for_ids(store, "enforcement/clear_links", ids)
    repo.for_ids(store, "enforcement/clear_open_bases", ids)
    store.write("enforcement/upsert_lists", [{"id": r.id, "department": r.department_id, "props": {
        "kind": r.kind, "conduct": r.conduct, "code": r.code, "conditions": r.conditions,
        "first_offence": r.first_offence, "high_risk": r.high_risk, "effective": _iso(r.effective), "note": r.note,
        "basis_text": "\n".join(b.text for b in r.bases), "source": r.source, "hash": hashes[r.id]}} for r in todo])
    links = []
    for record in todo:
        power = index.find(record.department_id, record.code, record.conduct)
        if power:
            links.append({"owner": record.id, "power": power})
        else:
            report.warnings.append(f"{record.source}: no power of {record.department_id} matches "
                                   f"{record.code or record.conduct!r}; the entry is kept without its power")
    store.write("enforcement/link_for", links)
    BasisWriter(store).write(report, ((r.id, r.source, r.bases, r.effective) for r in todo))
    report.written = len(todo)
    return report


def ingest_cases(store: GraphStore, paths: list[Path], defaults: Defaults) -> ImportReport:
    """Import typical cases; each is linked to its power (code or name) and, through the benchmark in force
    for that power in its region on its date, to the tier it names."""
    report = ImportReport("cases")
    records = _dedupe(report, _settle(store, report, _gather(report, (read_cases(p, defaults) for p in paths))))
    report.records = len(records)
    todo, hashes, index = _prepare(store, records, "enforcement/case_hashes", report)
    rows: list[dict[str, Any]] = []
    for record in todo:
        power = index.find(record.department_id, record.power)
        if record.power and power is None:
            report.warnings.append(f"{record.source}: no power {record.power!r} in {record.department_id}; the "
                                   "case is kept without its power")
        tier = None
        if power and record.tier:
            found = repo.effective_benchmark(store, power, region_id(record.region), record.on or date.today())
            if found is not None:
                tier = next((t["id"] for t in found["benchmark"]["tiers"] if t["name"] == record.tier), None)
            if tier is None:
                report.warnings.append(f"{record.source}: tier {record.tier!r} not found in the benchmark in force "
                                       f"for {power} on {record.on}; the case is kept without its tier")
        rows.append({"id": record.id, "department": record.department_id, "region": region_id(record.region),
                     "power": power, "tier": tier, "props": {
                         "title": record.title, "date": _iso(record.on), "facts": record.facts,
                         "outcome": record.outcome_text, "fine": record.fine, "power_ref": record.power,
                         "tier_name": record.tier, "origin": record.origin, "source": record.source,
                         "hash": hashes[record.id], **_outcome_props(record.outcome)}})
    repo.for_ids(store, "enforcement/clear_case_links", [r.id for r in todo])
    store.write("enforcement/upsert_cases", rows)
    report.written = len(rows)
    return report
