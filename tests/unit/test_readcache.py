"""graph.readcache.ReadCache on its own: rows by id kept under one write token (ids not found too), read again
under another, never kept without one; at most `size` entries, the least recently used going first; a value asked
for by several callers at once computed once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from lawgraph.errors import StoreError
from lawgraph.graph.readcache import ReadCache, frozen


def test_rows_by_id_are_kept_under_one_token_only() -> None:
    cache = ReadCache(size=100)
    asked: list[list[str]] = []

    def read(ids: list[str]) -> dict[str, dict[str, str]]:
        asked.append(ids)
        return {i: {"id": i} for i in ids if i != "gone"}

    assert cache.by_ids("t1", "power", ["a", "b", "gone"], read) == {"a": {"id": "a"}, "b": {"id": "b"}}
    assert cache.by_ids("t1", "power", ["b", "gone", "c"], read) == {"b": {"id": "b"}, "c": {"id": "c"}}
    assert asked == [["a", "b", "gone"], ["c"]]  # b and the missing one kept, only c read
    assert cache.by_ids("t1", "benchmark", ["a"], read) == {"a": {"id": "a"}}  # another kind: read
    assert cache.by_ids("t2", "power", ["a"], read) == {"a": {"id": "a"}}  # another token: read again
    assert cache.by_ids(None, "power", ["a"], read) == {"a": {"id": "a"}}  # no token: always read
    assert cache.by_ids(None, "power", ["a"], read) == {"a": {"id": "a"}}
    assert asked[2:] == [["a"], ["a"], ["a"], ["a"]]
    assert cache.by_ids("t1", "power", ["a"], read) == {"a": {"id": "a"}}  # t1's rows went when t2 came
    assert len(asked) == 7


def test_at_most_size_entries_the_least_recently_used_going() -> None:
    cache = ReadCache(size=3)
    asked: list[str] = []

    def read(ids: list[str]) -> dict[str, int]:
        asked.extend(ids)
        return {i: len(asked) for i in ids}

    for key in ("a", "b", "c"):
        cache.by_ids("t", "k", [key], read)
    cache.by_ids("t", "k", ["a"], read)  # used again: b is now the oldest
    cache.by_ids("t", "k", ["d"], read)  # b goes
    asked.clear()
    cache.by_ids("t", "k", ["a", "c", "d"], read)
    assert asked == []
    cache.by_ids("t", "k", ["b"], read)
    assert asked == ["b"]
    assert cache.hits >= 4 and cache.misses >= 5


def test_parameters_are_keys_whatever_their_form() -> None:
    assert frozen({"b": [1, {"x": None}], "a": "s"}) == frozen({"a": "s", "b": [1, {"x": None}]})
    assert frozen({"a": [1, 2]}) != frozen({"a": [2, 1]})
    hash(frozen({"a": [{"b": {1, 2}}]}))


def _when(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"waited 30 s for {what}"
        time.sleep(0.005)


def test_a_value_asked_for_at_once_is_computed_once_and_its_error_reaches_every_caller() -> None:
    cache = ReadCache(size=10)
    release = threading.Event()
    runs: list[str] = []

    def compute(answer: str) -> str:
        runs.append(answer)
        release.wait(30)
        if answer == "fails":
            raise StoreError("the store went away")
        return answer

    with ThreadPoolExecutor(max_workers=5) as pool:
        # five callers of one key under one token: the first computes, the other four wait for it (each counted as
        # a miss before it waits, so the computation is let go only when all five have asked)
        asked = [pool.submit(cache.value, "t1", ("impact", "law"), lambda: compute("impact")) for _ in range(5)]
        _when(lambda: cache.misses == 5 and bool(runs), "five callers")
        assert runs == ["impact"]
        release.set()
        assert [f.result(30) for f in asked] == ["impact"] * 5
        assert cache.computed == 1
        assert cache.value("t1", ("impact", "law"), lambda: compute("again")) == "impact"  # kept
        # another token computes again; an error reaches every caller waiting, and nothing is kept
        release.clear()
        failing = [pool.submit(cache.value, "t2", ("impact", "law"), lambda: compute("fails")) for _ in range(3)]
        _when(lambda: cache.misses == 8 and len(runs) == 2, "three more callers")
        release.set()
        for f in failing:
            with pytest.raises(StoreError, match="went away"):
                f.result(30)
        assert runs == ["impact", "fails"]
        assert cache.value("t2", ("impact", "law"), lambda: compute("later")) == "later"
        assert cache.computed == 3
        # an interrupt stays the computing thread's own: a caller waiting meanwhile gets an error, and asks again
        release.clear()

        def interrupted() -> str:
            runs.append("interrupted")
            release.wait(30)
            raise KeyboardInterrupt

        first = pool.submit(cache.value, "t3", ("impact", "law"), interrupted)
        _when(lambda: runs[-1] == "interrupted", "the computation")
        waiting = pool.submit(cache.value, "t3", ("impact", "law"), lambda: compute("unused"))
        _when(lambda: cache.misses == 11, "a caller waiting")  # (t1: 5, t2: 3 and one after, t3: 2)
        release.set()
        with pytest.raises(KeyboardInterrupt):
            first.result(30)
        with pytest.raises(StoreError, match="interrupted: ask again"):
            waiting.result(30)
    assert cache._computing == {}  # nothing left computing, whatever happened
