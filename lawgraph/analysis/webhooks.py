"""Pushing new breaks to the webhooks an admin registered: one POST per webhook and recomputation, JSON, signed
with the webhook's secret (X-Lawgraph-Signature: sha256=<HMAC-SHA256 of the body>). A receiver that is down or
slow costs at most `timeout` seconds and is recorded on the webhook (last_status, last_error); the breaks stay
in the graph either way (lawgraph breaks list, the event stream)."""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from lawgraph.domain import ids
from lawgraph.graph.repos import breaks as break_repo
from lawgraph.graph.repos import webhooks as hook_repo
from lawgraph.graph.store import GraphStore

TIMEOUT = 5.0
SHOWN = ("id", "law", "from_version", "to_version", "kind", "status", "department", "department_name", "region",
         "owner_kind", "owner", "owner_name", "owner_code", "unit_old", "unit_new", "citation", "evidence", "fix",
         "suggested", "needs_review", "created_at")


def signature(secret: str, body: bytes) -> str:
    """The X-Lawgraph-Signature header value of `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _wanted(hook: dict[str, Any], row: dict[str, Any]) -> bool:
    if row.get("confidential") and not hook.get("confidential"):
        return False
    if hook.get("department"):
        return bool(row.get("department") == hook["department"])
    return row.get("region") is not None and ids.within(hook.get("region"), row.get("region"))


def deliver(store: GraphStore, reports: Iterable[break_repo.SyncReport], *, timeout: float = TIMEOUT
            ) -> list[dict[str, Any]]:
    """POST the new and reopened breaks of `reports` to every webhook they concern; returns one outcome per
    delivery attempted ({webhook, count, status, error})."""
    fresh = [bid for report in reports for bid in (*report.new, *report.reopened)]
    if not fresh:
        return []
    hooks = hook_repo.every(store)
    if not hooks:
        return []
    rows = [r["row"] for r in store.run("breaks/by_ids", ids=fresh)]
    out = []
    for hook in hooks:
        chosen = [{k: r.get(k) for k in SHOWN} for r in rows if _wanted(hook, r)]
        if not chosen:
            continue
        body = json.dumps({"event": "breaks", "webhook": hook["id"], "sent_at": datetime.now(UTC).isoformat(
            timespec="seconds"), "breaks": chosen}, ensure_ascii=False, default=str).encode()
        request = urllib.request.Request(hook["url"], data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "User-Agent": "lawgraph-webhook",
            "X-Lawgraph-Event": "breaks", "X-Lawgraph-Signature": signature(str(hook["secret"]), body)})
        status: int | None = None
        error: str | None = None
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status = int(response.status)
        except urllib.error.HTTPError as exc:
            status, error = exc.code, f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            error = str(getattr(exc, "reason", exc))[:200]
        except Exception as exc:  # a receiver's bad answer (BadStatusLine …) is its problem, not the ingest's
            error = f"{type(exc).__name__}: {exc}"[:200]
        hook_repo.record(store, str(hook["id"]), status=status, error=error, count=len(chosen))
        out.append({"webhook": hook["id"], "count": len(chosen), "status": status, "error": error})
    return out
