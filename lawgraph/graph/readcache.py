"""Reads kept between requests while the graph is not written: the rows of named read queries and of rows by id,
under the store's write token (GraphStore.generation). A write through lawgraph — from this process or any other —
sets a new token after it is done; the next read sees the new token and reads again, and everything kept under the
old one is dropped. A store that keeps no token (Neo4j) keeps nothing here: every read goes to the store.

Kept rows are shared by every request that reads them: callers must not change them (they build their answers
from them)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import Future
from typing import Any, TypeVar

from lawgraph.errors import StoreError
from lawgraph.graph.store import GraphStore, Row

V = TypeVar("V")
_MISSING = object()


def frozen(value: Any) -> Hashable:
    """A hashable form of query parameters (lists, maps, scalars)."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    return value if isinstance(value, Hashable) else repr(value)


class ReadCache:
    """At most `size` entries (the least recently used go first), all of one generation of the graph."""

    def __init__(self, size: int = 5_000) -> None:
        self._size = size
        self._generation: str | None = None
        self._kept: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[tuple[str, Hashable], Future[Any]] = {}  # value(): keys being computed, and by whom
        self.hits = 0
        self.misses = 0
        self.computed = 0  # value(): computations run (a caller that waited for another's computation runs none)

    def _get(self, generation: str, key: Hashable) -> Any:
        with self._lock:
            if generation != self._generation:
                self.misses += 1
                return _MISSING
            found = self._kept.get(key, _MISSING)
            if found is not _MISSING:
                self._kept.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return found

    def _put(self, generation: str, items: dict[Hashable, Any]) -> None:
        with self._lock:
            if generation != self._generation:
                # another token (tokens are not ordered: a reader that began before a write may come after one that
                # began after it): what was kept goes. Rows are only ever given back under the token they were read
                # under, and a reader holds a token read before it read anything
                self._kept.clear()
                self._generation = generation
            self._kept.update(items)
            for key in items:
                self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)

    def run(self, store: GraphStore, generation: str | None, name: str, **params: Any) -> list[Row]:
        """The rows of the read query `name` with `params`: kept ones under `generation`, else read and kept."""
        if generation is None:
            return store.run(name, **params)
        key = ("run", name, frozen(params))
        found = self._get(generation, key)
        if found is not _MISSING:
            rows: list[Row] = found
            return rows
        rows = store.run(name, **params)
        self._put(generation, {key: rows})
        return rows

    def value(self, generation: str | None, key: Hashable, compute: Callable[[], V]) -> V:
        """What `compute()` gives, kept under `generation` by `key`: computed again only when the graph was written
        since (or when it was dropped to make room). `compute` must read the graph only after `generation` was read
        — what it read is then no older than the token it is kept under. Callers asking for a key while another
        computes it under the same token wait for that computation (and its error, if it fails) instead of
        computing it once more each."""
        if generation is None:
            return compute()
        flight = (generation, ("value", key))
        with self._lock:
            found: Any = self._kept.get(flight[1], _MISSING) if generation == self._generation else _MISSING
            if found is not _MISSING:
                self._kept.move_to_end(flight[1])
                self.hits += 1
                kept: V = found
                return kept
            self.misses += 1
            running = self._computing.get(flight)
            if running is None:
                mine: Future[Any] = Future()
                self._computing[flight] = mine
                self.computed += 1
        if running is not None:
            waited: V = running.result()  # (raises what the computation raised)
            return waited
        try:
            computed = compute()
            self._put(generation, {flight[1]: computed})
        except Exception as error:
            mine.set_exception(error)
            raise
        except BaseException:  # (an interrupt is this thread's own: the callers waiting get an error of their own)
            mine.set_exception(StoreError("the computation this request waited for was interrupted: ask again"))
            raise
        else:
            mine.set_result(computed)
        finally:
            with self._lock:
                del self._computing[flight]
        return computed

    def by_ids(self, generation: str | None, kind: str, ids: list[str],
               read: Callable[[list[str]], dict[str, V]]) -> dict[str, V]:
        """Rows by id (`read(ids)` gives those found): kept ones under `generation`, the others read (together) and
        kept, ids not found too."""
        if generation is None:
            return read(ids)
        out: dict[str, V] = {}
        absent: list[str] = []
        for one in ids:
            found = self._get(generation, (kind, one))
            if found is _MISSING:
                absent.append(one)
            elif found is not None:
                out[one] = found
        if absent:
            fresh = read(absent)
            out.update(fresh)
            self._put(generation, {(kind, one): fresh.get(one) for one in absent})
        return out
