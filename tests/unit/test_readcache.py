"""graph.readcache.ReadCache on its own: rows by id kept under one write token (ids not found too), read again
under another, never kept without one; at most `size` entries, the least recently used going first."""

from __future__ import annotations

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
