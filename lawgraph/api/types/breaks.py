"""Breaks as tracked work over GraphQL: the `breaks` connection (filters as on the CLI), `Department.openBreaks`
(lawgraph.api.types.regions) and `setBreakStatus` for editors (audited). Readers never see breaks on 涉密 powers
or on what rests on them. New breaks are pushed as server-sent events at /events/breaks (lawgraph.api.app)."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import start
from lawgraph.api.types.audit import record, require
from lawgraph.api.types.connection import Connection, connection
from lawgraph.api.types.impact import KindCount
from lawgraph.errors import LawgraphError
from lawgraph.graph.repos import breaks as repo
from lawgraph.graph.repos.enforcement import find_region


@strawberry.type(description="One thing an amendment breaks, as tracked work: what, whose, the evidence and the "
                             "suggested fix, and its status (待处理 / 已处理 / 不适用) with who set it, when and why.")
class Break:
    id: str
    law: str
    from_version: str
    to_version: str
    kind: str = strawberry.field(description="basis_repealed, basis_renumbered, basis_changed, range_exceeded, "
                                             "range_changed, penalty_type_removed, case_precedent, citing_statute, "
                                             "citing_document")
    status: str
    status_by: str | None
    status_at: str | None
    note: str | None
    open: bool = strawberry.field(description="False once a recomputation no longer finds it (see closedReason).")
    closed_reason: str | None
    created_at: str | None
    department_id: str | None
    department_name: str | None
    region: str | None
    owner_kind: str | None = strawberry.field(description="power, benchmark or list_entry (null for a citing "
                                                          "statute).")
    owner_id: str | None
    owner_name: str | None
    owner_code: str | None
    power_id: str | None
    tier_id: str | None
    case_id: str | None
    citing_unit: str | None
    unit_old: str
    unit_new: list[str]
    evidence: str | None
    fix: str | None
    suggested: str | None
    citation: str | None
    needs_review: bool = strawberry.field(description="待核对: the alignment row the break rests on is not certain.")
    detail: JSON | None = strawberry.field(description="The break as `amendmentImpact` gives it (old and new "
                                                       "text, tier, case …).")


def break_(row: dict[str, Any]) -> Break:
    return Break(
        id=row["id"], law=row["law"], from_version=row["from_version"], to_version=row["to_version"],
        kind=row["kind"], status=row["status"], status_by=row.get("status_by"), status_at=row.get("status_at"),
        note=row.get("note"), open=bool(row.get("open")), closed_reason=row.get("closed_reason"),
        created_at=row.get("created_at"), department_id=row.get("department"),
        department_name=row.get("department_name"), region=row.get("region"), owner_kind=row.get("owner_kind"),
        owner_id=row.get("owner"), owner_name=row.get("owner_name"), owner_code=row.get("owner_code"),
        power_id=row.get("power"), tier_id=row.get("tier"), case_id=row.get("case"), citing_unit=row.get("citing"),
        unit_old=row["unit_old"], unit_new=list(row.get("unit_new") or []), evidence=row.get("evidence"),
        fix=row.get("fix"), suggested=row.get("suggested"), citation=row.get("citation"),
        needs_review=bool(row.get("needs_review")),
        detail=JSON(row["detail"]) if row.get("detail") is not None else None)


@strawberry.type(description="One department's open breaks by status, and the oldest still 待处理 (who has not "
                             "acted).")
class DepartmentBreaks:
    key: str = strawberry.field(description="What `breaks(department:)` takes to list these: the department's id, or "
                                            "for breaks of no department (citing statutes and documents) the name "
                                            "they are listed under (立法 / 法制机构, a document's issuer).")
    department_id: str | None = strawberry.field(description="Null for breaks of no department.")
    department_name: str | None
    region: str | None
    pending: int = strawberry.field(description="待处理")
    done: int = strawberry.field(description="已处理")
    not_applicable: int = strawberry.field(description="不适用")
    oldest_pending: str | None = strawberry.field(description="When the oldest break still 待处理 was found.")


@strawberry.type(description="Open breaks of one amendment (law, versions).")
class BreakAmendment:
    law: str
    from_version: str
    to_version: str
    count: int


@strawberry.type(description="Open breaks at a glance: how many, per kind, per amendment and per department.")
class BreakSummary:
    total: int
    kinds: list[KindCount]
    amendments: list[BreakAmendment]
    departments: list[DepartmentBreaks] = strawberry.field(description="Most 待处理 first.")


def _law_id(info: Info[Context, None], law: str) -> str:
    from lawgraph.domain import ids
    from lawgraph.graph.repos import laws as law_repo

    found = law_repo.law_named(info.context.store, law)
    return str(found["id"]) if found else ids.law_key(law)


def breaks_page(info: Info[Context, None], *, law: str | None = None, region: str | None = None,
                department: str | None = None, status: str | None = None, include_closed: bool = False,
                first: int = 20, after: str | None = None) -> Connection[Break]:
    """A page of breaks for the caller (readers: none on 涉密 powers)."""
    store = info.context.store
    skip = start(first, after)
    law_id = _law_id(info, law) if law is not None else None
    where = find_region(store, region) if region else None
    total, rows = repo.page(store, law=law_id, region=where, department=department, status=status,
                            open_only=None if include_closed else True,
                            confidential=info.context.caller.can("editor"), skip=skip, limit=first)
    return connection(rows, skip, total, break_)


@strawberry.type
class BreakQuery:
    @strawberry.field(description="Breaks of amendments as tracked work, newest amendment first: filter by law "
                                  "(title), region (path or name, and below), department (its id; for breaks of no "
                                  "department, the name they are listed under: `breakSummary`'s `key`) and status; "
                                  "open ones unless `includeClosed`. At most 100 per page.")
    def breaks(self, info: Info[Context, None], law: str | None = None, region: str | None = None,
               department: str | None = None, status: str | None = None, include_closed: bool = False,
               first: int = 20, after: str | None = None) -> Connection[Break]:
        return breaks_page(info, law=law, region=region, department=department, status=status,
                           include_closed=include_closed, first=first, after=after)

    @strawberry.field(description="Open breaks at a glance — how many, per kind, per amendment and per department "
                                  "(待处理 / 已处理 / 不适用, the oldest still 待处理) — of one law's amendments when "
                                  "`law` is given, in `region` and below when given. Readers: none on 涉密 powers.")
    def break_summary(self, info: Info[Context, None], law: str | None = None,
                      region: str | None = None) -> BreakSummary:
        store = info.context.store
        found = repo.overview(store, law=_law_id(info, law) if law is not None else None,
                              region=find_region(store, region) if region else None,
                              confidential=info.context.caller.can("editor"))
        return BreakSummary(
            total=found["total"], kinds=[KindCount(kind=k["kind"], count=k["count"]) for k in found["kinds"]],
            amendments=[BreakAmendment(law=a["law"], from_version=a["from_version"], to_version=a["to_version"],
                                       count=a["count"]) for a in found["amendments"]],
            departments=[DepartmentBreaks(key=d["department"] or d["name"] or "", department_id=d["department"],
                                          department_name=d["name"], region=d["region"], pending=int(d["pending"]),
                                          done=int(d["done"]), not_applicable=int(d["not_applicable"]),
                                          oldest_pending=d["oldest_pending"]) for d in found["departments"]])


@strawberry.type
class BreakMutation:
    @strawberry.mutation(description="Set a break's status (待处理, 已处理 or 不适用) with a note; editors; audited. "
                                     "An unknown id or status is an error and changes nothing.")
    async def set_break_status(self, info: Info[Context, None], id: str, status: str,
                               note: str | None = None) -> Break:
        require(info, "editor")
        store = info.context.store
        try:
            row = await asyncio.to_thread(repo.set_status, store, id, status, info.context.caller.name, note)
        except LawgraphError as exc:
            record(store, info, "set_break_status", id, False, {"status": status}, 1)
            raise ValueError(str(exc)) from exc
        record(store, info, "set_break_status", id, True, {"status": status}, 0)
        return break_(row)
