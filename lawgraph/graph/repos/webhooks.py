"""Webhooks an admin registers for new breaks (of one department, or of a region and below): stored, listed,
removed, and the outcome of each delivery recorded on them."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from lawgraph.errors import InputError
from lawgraph.graph.store import GraphStore


def add(store: GraphStore, *, url: str, department: str | None, region: str | None, secret: str | None,
        confidential: bool, by: str) -> dict[str, Any]:
    """Register a webhook; returns it with its secret (shown once: the receiver checks the signature with it).
    Raises InputError for a URL that is not http(s)://host/…, or neither or both of department and region."""
    parts = urlsplit(url)
    try:
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok or any(c.isspace() for c in url):
        raise InputError("url", f"{url!r} is not an http:// or https:// URL with a host (and a port 1-65535)")
    if (department is None) == (region is None):
        raise InputError("webhook", "give one of --department or --region")
    key = secret or secrets.token_urlsafe(24)
    hook_id = "w" + hashlib.sha1(f"{url}|{department}|{region}".encode()).hexdigest()[:11]
    row = {"id": hook_id, "url": url, "department": department, "region": region, "secret": key,
           "confidential": confidential, "by": by, "at": datetime.now(UTC).isoformat(timespec="seconds")}
    store.execute("webhooks/put", row=row)
    return {k: v for k, v in row.items() if k != "by"}


def every(store: GraphStore) -> list[dict[str, Any]]:
    """Every webhook (secrets included: for delivery, never for output); a property never set is None."""
    keys = ("url", "department", "region", "confidential", "created_by", "created_at", "last_status", "last_error",
            "last_at", "last_count", "delivered")
    return [{**dict.fromkeys(keys), **r["row"]} for r in store.run("webhooks/all")]


def remove(store: GraphStore, hook_id: str) -> bool:
    """Remove a webhook; False when there was none."""
    rows = store.execute("webhooks/delete", id=hook_id)
    return bool(rows and rows[0]["found"])


def record(store: GraphStore, hook_id: str, *, status: int | None, error: str | None, count: int) -> None:
    """Record a delivery's outcome on the webhook."""
    store.execute("webhooks/record", id=hook_id, status=status, error=error, count=count,
                  at=datetime.now(UTC).isoformat(timespec="seconds"))
