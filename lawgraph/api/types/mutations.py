"""Mutations for editors: upload a statute, power list, benchmark table, 三张清单 or case file. Results are
unions — success with counts, or the errors with file / sheet / row / line detail. Every mutation is
written to the audit log (admins read it with `auditLog`)."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE, PageInfo, cursor, page_info, start
from lawgraph.api.security import AccessDenied
from lawgraph.api.types.impact import AlignmentRow, AlignmentRowInput, alignment_rows, versions_of
from lawgraph.errors import InputError
from lawgraph.graph.repos import alignment
from lawgraph.graph.store import GraphStore

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


@strawberry.type
class AuditEntry:
    """One mutation: who, when, what, and the outcome."""

    id: str
    at: str
    who: str
    role: str
    action: str
    file: str | None
    ok: bool
    counts: JSON
    errors: int


@strawberry.type
class AuditConnection:
    """A page of the audit log, newest first."""

    total_count: int
    page_info: PageInfo
    entries: list[AuditEntry]


def _require(info: Info[Context, None], role: str) -> None:
    caller = info.context.caller
    if not caller.can(role):  # type: ignore[arg-type]
        raise AccessDenied(f"the {role} role is needed for this ({caller.name} is a {caller.role})")


def _problems(errors: list[str]) -> list[ImportProblem]:
    out = []
    for line in errors:
        where, _, message = line.partition(": ")
        out.append(ImportProblem(where=where, message=message or line))
    return out


def _audit(store: GraphStore, info: Info[Context, None], action: str, file: str | None, ok: bool,
           counts: dict[str, Any], errors: int) -> None:
    at = datetime.now(UTC).isoformat(timespec="milliseconds")
    key = hashlib.sha1(f"{at}|{info.context.caller.name}|{action}|{file}|{time.perf_counter_ns()}".encode())
    store.execute("audit/write", row={"id": key.hexdigest()[:16], "at": at, "who": info.context.caller.name,
                                      "role": info.context.caller.role, "action": action, "file": file, "ok": ok,
                                      "counts": json.dumps(counts, ensure_ascii=False, default=str),
                                      "errors": errors})


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

        _require(info, "editor")
        store = info.context.store
        with tempfile.TemporaryDirectory(prefix="lg-up-") as tmp:
            try:
                path = await _saved(file, Path(tmp))
            except InputError as exc:
                _audit(store, info, "upload_statute", exc.where, False, {}, 1)
                return ImportFailure(kind="statutes", problems=[ImportProblem(where=exc.where, message=exc.message)],
                                     loaded=0)
            # in a worker thread: a large file must not hold up the other requests
            report = await asyncio.to_thread(ingest_statutes, store, [path], level=level, workers=1)
        _audit(store, info, "upload_statute", path.name, report.ok, report.summary(), len(report.errors))
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

        _require(info, "editor")
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
                _audit(store, info, f"upload_{kind}", exc.where, False, {}, 1)
                return ImportFailure(kind=kind, problems=[ImportProblem(where=exc.where, message=exc.message)],
                                     loaded=0)
            load = functools.partial(ingest_powers, replace=replace) if kind == "powers" else loaders[kind]
            report = await asyncio.to_thread(load, store, [path], defaults)
        summary = report.summary()
        _audit(store, info, f"upload_{kind}", path.name, report.ok, summary, len(report.errors))
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
        _require(info, "editor")
        store = info.context.store
        law_id, v1, v2 = versions_of(info, law, from_, to)
        if clear == (rows is not None):
            raise ValueError("give either rows (the reviewed rows) or clear: true")
        if clear:
            dropped = await asyncio.to_thread(alignment.clear_review, store, law_id, v1, v2)
            _audit(store, info, "clear_alignment_review", f"{v1} → {v2}", dropped, {}, 0)
        else:
            plain = [{"old": r.old, "new": r.new, "kind": r.kind} for r in rows or []]
            try:
                await asyncio.to_thread(alignment.save_review, store, law_id, v1, v2, plain,
                                        info.context.caller.name, "rows")
            except InputError as exc:
                _audit(store, info, "review_alignment", f"{v1} → {v2}", False, {}, 1)
                raise ValueError(str(exc)) from exc
            _audit(store, info, "review_alignment", f"{v1} → {v2}", True, {"rows": len(plain)}, 0)
        pairs, _, _ = await asyncio.to_thread(alignment.align_stored, store, v1, v2)
        return alignment_rows(pairs)


@strawberry.type
class KeyInfo:
    """An API key as configured: its name and role (never the key or its hash)."""

    name: str
    role: str


@strawberry.type
class AuditQuery:
    """The audit log and the configured keys, for admins."""

    @strawberry.field(description="The configured API keys: names and roles (admin role).")
    def api_keys(self, info: Info[Context, None]) -> list[KeyInfo]:
        _require(info, "admin")
        return [KeyInfo(name=k.name, role=k.role) for k in info.context.keys]

    @strawberry.field(description=f"Mutations, newest first (admin role); at most {MAX_PAGE} per page.")
    def audit_log(self, info: Info[Context, None], first: int = 20, after: str | None = None) -> AuditConnection:
        _require(info, "admin")
        skip = start(first, after)
        store = info.context.store
        rows = store.run("audit/page", skip=skip, limit=first)
        total = int(store.run("audit/count")[0]["total"])
        entries = [AuditEntry(id=e["id"], at=e["at"], who=e["who"], role=e["role"], action=e["action"],
                              file=e.get("file"), ok=bool(e["ok"]), counts=json.loads(e.get("counts") or "{}"),
                              errors=int(e.get("errors") or 0)) for e in (r["entry"] for r in rows)]
        end = cursor(skip + len(entries) - 1) if entries else None
        return AuditConnection(total_count=total, page_info=page_info(skip, len(entries), total, end),
                               entries=entries)
