"""The audit log: one entry per change made through the API or the CLI (who, when, what, with which result)."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime
from typing import Any

from lawgraph.graph.store import GraphStore


def write(store: GraphStore, who: str, role: str, action: str, file: str | None, ok: bool,
          counts: dict[str, Any], errors: int) -> None:
    """Write one entry to the audit log."""
    at = datetime.now(UTC).isoformat(timespec="milliseconds")
    key = hashlib.sha1(f"{at}|{who}|{action}|{file}|{time.perf_counter_ns()}".encode())
    store.execute("audit/write", row={"id": key.hexdigest()[:16], "at": at, "who": who, "role": role,
                                      "action": action, "file": file, "ok": ok,
                                      "counts": json.dumps(counts, ensure_ascii=False, default=str),
                                      "errors": errors})
