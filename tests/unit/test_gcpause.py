"""lawgraph.graph.gcpause: the collector is off inside, on again after the outermost pause (from any thread), and
left off when it was off before."""

from __future__ import annotations

import gc
import threading
import time

import pytest

from lawgraph.graph import gcpause


def test_nested_pauses_resume_the_collector_once_at_the_outermost() -> None:
    assert gc.isenabled()
    with gcpause.paused():
        assert not gc.isenabled()
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_pauses_in_threads_overlap_and_the_last_one_out_resumes() -> None:
    inside, release = threading.Barrier(3), threading.Event()

    def work() -> None:
        with gcpause.paused():
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()  # both threads are inside their pause
    assert not gc.isenabled()
    with gcpause.paused():
        release.set()
        for thread in threads:
            thread.join()
        assert not gc.isenabled()  # this pause is still open
    assert gc.isenabled()


def test_an_exception_still_resumes_and_a_collector_off_before_stays_off() -> None:
    try:
        with gcpause.paused():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_held_too_long_collect_anyway(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pauses that overlap without a gap (a busy server) do not keep cyclic garbage forever: once the collector has
    been off for HELD_AT_MOST seconds, a block leaving runs a collection."""
    now = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])  # the module's `time` and `gc` are these modules
    collections: list[int] = []

    def collect(*args: int) -> int:
        collections.append(1)
        return 0

    monkeypatch.setattr(gc, "collect", collect)
    with gcpause.paused():  # one request's read, still going on
        with gcpause.paused():  # another's, overlapping
            now[0] += 5
        assert collections == []  # off for 5 s: no collection yet
        with gcpause.paused():
            now[0] += gcpause.HELD_AT_MOST
        assert collections == [1] and not gc.isenabled()  # collected, and still off for the open block
        with gcpause.paused():
            now[0] += 1
        assert collections == [1]  # the clock started again at that collection
    assert gc.isenabled()


def test_a_long_pause_is_collected_in_only_after_long_at_most(monkeypatch: pytest.MonkeyPatch) -> None:
    """An ingest (a long pause) is not held up by a full collection of all it holds once it has run for
    HELD_AT_MOST, nor at its end; LONG_AT_MOST still bounds it (uploads back to back in a server); the pauses after
    it are collected as before."""
    now = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    collections: list[int] = []

    def collect(*args: int) -> int:
        collections.append(1)
        return 0

    monkeypatch.setattr(gc, "collect", collect)
    with gcpause.paused():  # a request's read, begun first
        with gcpause.paused(long=True):  # the ingest
            with gcpause.paused():  # one of its writes
                now[0] += 3 * gcpause.HELD_AT_MOST
            assert collections == []
            with gcpause.paused():
                now[0] += gcpause.LONG_AT_MOST
            assert collections == [1]  # off for longer than LONG_AT_MOST: collected all the same
            now[0] += 2 * gcpause.HELD_AT_MOST
        assert collections == [1]  # not at the long pause's own end
        with gcpause.paused():
            pass
        assert collections == [1, 1] and not gc.isenabled()  # the long pause is over: as before
    assert gc.isenabled()
