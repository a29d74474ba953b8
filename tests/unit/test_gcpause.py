"""lawgraph.graph.gcpause: the collector is off inside, on again after the outermost pause (from any thread), and
left off when it was off before."""

from __future__ import annotations

import gc
import threading

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
