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


def test_a_check_without_extending_does_not_keep_a_session_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    """The push stream checks its session at every poll without extending it: a tab left open on the stream lets
    the session lapse after its idle minutes, as any idle session does."""
    now = [1000.0]
    monkeypatch.setattr(security.time, "monotonic", lambda: now[0])
    sessions = Sessions(minutes=10)
    sid, session = sessions.open(Caller("法制科", "editor", "127.0.0.1"))
    for _ in range(9):  # a poll a minute for nine minutes
        now[0] += 60
        assert sessions.get(sid, extend=False) is session
    now[0] += 60 + 1
    assert sessions.get(sid, extend=False) is None  # ten minutes with no request of the user's: lapsed
