"""The audit log and the configured API keys, for admins; the role check every mutation makes and the entry it
writes to the log."""

from __future__ import annotations

import json
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.api.paging import MAX_PAGE, PageInfo, cursor, page_info, start
from lawgraph.api.security import AccessDenied
from lawgraph.graph.repos import audit
from lawgraph.graph.store import GraphStore


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


@strawberry.type
class KeyInfo:
    """An API key as configured: its name and role (never the key or its hash)."""

    name: str
    role: str


def require(info: Info[Context, None], role: str) -> None:
    """Raise AccessDenied unless the caller has `role` (or a role above it)."""
    caller = info.context.caller
    if not caller.can(role):  # type: ignore[arg-type]
        raise AccessDenied(f"the {role} role is needed for this ({caller.name} is a {caller.role})")


def record(store: GraphStore, info: Info[Context, None], action: str, file: str | None, ok: bool,
           counts: dict[str, Any], errors: int) -> None:
    """Write one mutation to the audit log."""
    audit.write(store, info.context.caller.name, info.context.caller.role, action, file, ok, counts, errors)


@strawberry.type
class AuditQuery:
    """The audit log and the configured keys, for admins."""

    @strawberry.field(description="Who is asking: the key's (or session's) name and role; `anonymous` without one.")
    def me(self, info: Info[Context, None]) -> KeyInfo:
        return KeyInfo(name=info.context.caller.name, role=info.context.caller.role)

    @strawberry.field(description="The configured API keys: names and roles (admin role).")
    def api_keys(self, info: Info[Context, None]) -> list[KeyInfo]:
        require(info, "admin")
        return [KeyInfo(name=k.name, role=k.role) for k in info.context.keys]

    @strawberry.field(description=f"Mutations, newest first (admin role); at most {MAX_PAGE} per page.")
    def audit_log(self, info: Info[Context, None], first: int = 20, after: str | None = None) -> AuditConnection:
        require(info, "admin")
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
