"""Workbench sessions: a session lapses after its idle minutes, each request renews it, logout ends it."""

from __future__ import annotations

import pytest

from lawgraph.api import security
from lawgraph.api.security import Caller, Sessions


def test_sessions_lapse_when_idle_and_end_on_logout(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(security.time, "monotonic", lambda: now[0])
    sessions = Sessions(minutes=10)
    sid, session = sessions.open(Caller("法制科", "editor", "127.0.0.1"))
    assert len(session.csrf) > 20 and sessions.get(sid) is session
    now[0] += 9 * 60
    assert sessions.get(sid) is session  # used within ten minutes: renewed
    now[0] += 9 * 60
    assert sessions.get(sid) is session
    now[0] += 10 * 60 + 1
    assert sessions.get(sid) is None  # idle too long
    other, _ = sessions.open(Caller("王科员", "reader", "127.0.0.1"))
    sessions.close(other)
    assert sessions.get(other) is None and sessions.get(None) is None and sessions.get("forged") is None
