"""Mutations for editors: upload a statute, power list, benchmark table, 三张清单 or case file. Results are
unions — success with counts, or the errors with file / sheet / row / line detail. Every mutation is
written to the audit log (api.types.audit; admins read it with `auditLog`)."""

from __future__ import annotations

import asyncio
import functools
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.types.audit import record, require
from lawgraph.api.types.impact import AlignmentRow, AlignmentRowInput, alignment_rows, versions_of
from lawgraph.errors import InputError, LawgraphError
from lawgraph.graph.repos import alignment

SUFFIXES = {".md", ".txt", ".docx", ".csv", ".tsv", ".xlsx", ".xls", ".json", ".jsonl"}


@strawberry.type
class ImportSuccess:
    """The file loaded; `warnings` lists what was kept but should be looked at."""

    kind: str
    records: int
    written: int
    unchanged: int
    counts: JSON
    warnings: list[str]


@strawberry.type
class ImportProblem:
    """One error: where (file, sheet, row or line, column) and what is wrong."""

    where: str
    message: str


@strawberry.type
class ImportFailure:
    """The file, or some of its rows, did not load; the rows not listed did."""

    kind: str
    problems: list[ImportProblem]
    loaded: int


ImportResult = Annotated[ImportSuccess | ImportFailure, strawberry.union("ImportResult")]


def _problems(errors: list[str]) -> list[ImportProblem]:
    out = []
    for line in errors:
        where, _, message = line.partition(": ")
        out.append(ImportProblem(where=where, message=message or line))
    return out


async def _saved(upload: Upload, directory: Path) -> Path:
    name = Path(getattr(upload, "filename", None) or "upload").name
    if Path(name).suffix.lower() not in SUFFIXES:
        raise InputError(name, f"unsupported file type; use one of {', '.join(sorted(SUFFIXES))}")
    path = directory / name
    path.write_bytes(await upload.read())  # type: ignore[attr-defined]
    return path


@strawberry.type
class Mutation:
    """Uploads for editors (role `editor` or `admin`)."""

    @strawberry.mutation(description="Upload one statute file (.md, .txt, .docx); its versions are parsed, stored, "
                                     "linked and aligned.")
    async def upload_statute(self, info: Info[Context, None], file: Upload,
                             level: str | None = None) -> ImportResult:
        from lawgraph.ingest.load import ingest_statutes

        require(info, "editor")
        store = info.context.store
        with tempfile.TemporaryDirectory(prefix="lg-up-") as tmp:
            try:
                path = await _saved(file, Path(tmp))
            except InputError as exc:
                record(store, info, "upload_statute", exc.where, False, {}, 1)
                return ImportFailure(kind="statutes", problems=[ImportProblem(where=exc.where, message=exc.message)],
                                     loaded=0)
            # in a worker thread: a large file must not hold up the other requests
            report = await asyncio.to_thread(ingest_statutes, store, [path], level=level, workers=1,
                                              follow_up=True)
        if report.ok:  # the breaks of a new amendment, as tracked work
            from lawgraph.analysis.amendments import after_ingest

            await asyncio.to_thread(after_ingest, store, report, trigger=f"upload_statute {path.name}")
        record(store, info, "upload_statute", path.name, report.ok, report.summary(), len(report.errors))
        if not report.ok:
            return ImportFailure(kind="statutes", problems=_problems(report.errors), loaded=report.versions_written)
        return ImportSuccess(kind="statutes", records=report.files, written=report.versions_written,
                             unchanged=report.versions_unchanged, counts=JSON(report.summary()),
                             warnings=report.warnings)

    @strawberry.mutation(description="Upload a power list, benchmark table, 三张清单 or case file (kind: powers, "
                                     "benchmarks, lists or cases); region and department for files without "
                                     "those columns; `replace` (powers only): the file is each department's "
                                     "whole list, powers it no longer lists are withdrawn (listed in `counts`).")
    async def upload_table(self, info: Info[Context, None], kind: str, file: Upload, region: str | None = None,
                           department: str | None = None, effective: date | None = None,
                           list_kind: str | None = None, replace: bool = False) -> ImportResult:
        from lawgraph.ingest.enforcement.load import ingest_benchmarks, ingest_cases, ingest_lists, ingest_powers
        from lawgraph.ingest.enforcement.read import Defaults

        require(info, "editor")
        loaders = {"powers": ingest_powers, "benchmarks": ingest_benchmarks, "lists": ingest_lists,
                   "cases": ingest_cases}
        if kind not in loaders:
            raise ValueError(f"unknown kind {kind!r}: use powers, benchmarks, lists or cases")
        if replace and kind != "powers":
            raise ValueError("replace applies to power lists only (kind: powers)")
        store = info.context.store
        defaults = Defaults(region=region, department=department, effective=effective, at=effective,
                            list_kind=list_kind)
        with tempfile.TemporaryDirectory(prefix="lg-up-") as tmp:
            try:
                path = await _saved(file, Path(tmp))
            except InputError as exc:
                record(store, info, f"upload_{kind}", exc.where, False, {}, 1)
                return ImportFailure(kind=kind, problems=[ImportProblem(where=exc.where, message=exc.message)],
                                     loaded=0)
            load = functools.partial(ingest_powers, replace=replace) if kind == "powers" else loaders[kind]
            report = await asyncio.to_thread(load, store, [path], defaults)
        if report.written or report.removed:  # a changed basis, benchmark or case: the breaks of its laws follow
            from lawgraph.analysis.tracking import laws_touched, track_laws

            laws = None if kind == "cases" else laws_touched(store, report.owners | set(report.removed), report.laws)
            await asyncio.to_thread(track_laws, store, laws, f"upload_{kind} {path.name}", report.warnings)
        summary = report.summary()
        record(store, info, f"upload_{kind}", path.name, report.ok, summary, len(report.errors))
        if not report.ok:
            return ImportFailure(kind=kind, problems=_problems(report.errors), loaded=report.written)
        return ImportSuccess(kind=kind, records=report.records, written=report.written, unchanged=report.unchanged,
                             counts=JSON(summary), warnings=report.warnings)


    @strawberry.mutation(description="Review the article alignment between two versions of `law`: `rows` ({old, "
                                     "new, kind}, as the `alignment` query gives them) replace the automatic rows "
                                     "of the articles they name and are used by `amendmentImpact` and "
                                     "`articleHistory`; a new review replaces the last; `clear` drops it. Answers "
                                     "the resulting alignment.")
    async def review_alignment(self, info: Info[Context, None], law: str,
                               from_: Annotated[str, strawberry.argument(name="from")], to: str,
                               rows: list[AlignmentRowInput] | None = None,
                               clear: bool = False) -> list[AlignmentRow]:
        require(info, "editor")
        store = info.context.store
        law_id, v1, v2 = versions_of(info, law, from_, to)
        if clear == (rows is not None):
            raise ValueError("give either rows (the reviewed rows) or clear: true")
        if clear:
            dropped = await asyncio.to_thread(alignment.clear_review, store, law_id, v1, v2)
            record(store, info, "clear_alignment_review", f"{v1} → {v2}", dropped, {}, 0)
        else:
            plain = [{"old": r.old, "new": r.new, "kind": r.kind} for r in rows or []]
            try:
                await asyncio.to_thread(alignment.save_review, store, law_id, v1, v2, plain,
                                        info.context.caller.name, "rows")
            except InputError as exc:
                record(store, info, "review_alignment", f"{v1} → {v2}", False, {}, 1)
                raise ValueError(str(exc)) from exc
            record(store, info, "review_alignment", f"{v1} → {v2}", True, {"rows": len(plain)}, 0)
        from lawgraph.analysis.tracking import track

        await asyncio.to_thread(track, store, law_id, v1, v2, "alignment review")  # the breaks follow the rows
        pairs, _, _ = await asyncio.to_thread(alignment.align_stored, store, v1, v2)
        return alignment_rows(pairs)

    @strawberry.mutation(description="Rename or move a region (path or unique name) to the path `to`, same level "
                                     "(撤县设区, a misspelt import): it, the regions below it and everything keyed "
                                     "by them get the new path. Editors; audited. `dryRun` counts and changes "
                                     "nothing.")
    async def rename_region(self, info: Info[Context, None], region: str, to: str,
                            dry_run: bool = False) -> RegionChange:
        from lawgraph.graph.repos import regions

        return await _region_change(info, "rename_region", f"{region} → {to}",
                                    functools.partial(regions.rename, info.context.store, region, to, dry_run))

    @strawberry.mutation(description="Merge a region into another of the same level (乡镇合并): sub-regions, "
                                     "departments and cases move; a department of the same name is merged into the "
                                     "existing one; refused, nothing changed, when both hold an item with the same "
                                     "code. Editors; audited.")
    async def merge_regions(self, info: Info[Context, None], region: str, into: str,
                            dry_run: bool = False) -> RegionChange:
        from lawgraph.graph.repos import regions

        return await _region_change(info, "merge_region", f"{region} → {into}",
                                    functools.partial(regions.merge, info.context.store, region, into, dry_run))

    @strawberry.mutation(description="Delete a region and the regions below it; refused while departments, cases "
                                     "or delegations rest on it unless `cascade` (then they go too). Editors; "
                                     "audited.")
    async def delete_region(self, info: Info[Context, None], region: str, cascade: bool = False,
                            dry_run: bool = False) -> RegionChange:
        from lawgraph.graph.repos import regions

        return await _region_change(info, "delete_region", region,
                                    functools.partial(regions.delete, info.context.store, region, cascade, dry_run))


@strawberry.type
class RegionChange:
    """What a region rename, merge or delete changed (or, with `dryRun`, would change)."""

    action: str
    region: str
    target: str | None
    dry_run: bool
    regions: int
    departments: int
    items: int
    tiers: int
    open_bases: int
    cases: int
    delegations: int
    merged_departments: list[str]


async def _region_change(info: Info[Context, None], action: str, label: str,
                         job: Callable[[], Any]) -> RegionChange:
    require(info, "editor")
    store = info.context.store
    try:
        done = await asyncio.to_thread(job)
    except LawgraphError as exc:
        record(store, info, action, label, False, {"error": str(exc)}, 1)
        raise ValueError(str(exc)) from exc
    if not done.dry_run:
        record(store, info, action, label, True, done.counts(), 0)
    return RegionChange(action=done.action, region=done.region, target=done.target, dry_run=done.dry_run,
                        regions=done.regions, departments=done.departments, items=done.items, tiers=done.tiers,
                        open_bases=done.open_bases, cases=done.cases, delegations=done.delegations,
                        merged_departments=done.merged_departments)
