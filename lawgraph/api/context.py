"""Per-request GraphQL context: the store (owned by the app's lifespan), the DataLoaders, and the app's reads kept
between requests (graph.readcache: pages of ids, their totals, powers and benchmarks, and amendment impacts, while
the graph is not written)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from lawgraph.api.security import Caller
from lawgraph.config import ApiKey
from lawgraph.graph.readcache import ReadCache
from lawgraph.graph.repos import enforcement
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import GraphStore, Row

V = TypeVar("V")
_UNREAD = object()


def _public(found: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Rows not about a 涉密 power (what a reader may see)."""
    return {key: row for key, row in found.items() if not row.get("confidential")}


def _loader(store: GraphStore, fetch: Callable[[GraphStore, list[str]], dict[str, V]],
            missing: Callable[[], V | None] = lambda: None) -> DataLoader[str, V | None]:
    """A DataLoader whose every batch is one `UNWIND $ids` query (`fetch`), answered in key order. The query runs
    off the event loop: batches of different loaders (a page's powers and their benchmarks) run side by side, and
    other requests are not held up meanwhile."""

    async def load(keys: list[str]) -> list[V | None]:
        found = await asyncio.to_thread(fetch, store, list(keys))
        return [found[key] if key in found else missing() for key in keys]

    return DataLoader(load_fn=load)


@dataclass
class Context(BaseContext):
    """What every resolver may use; DataLoaders are made per request, each batch one `UNWIND $ids` query."""

    store: GraphStore
    caller: Caller = field(default_factory=lambda: Caller("anonymous", "reader", "local"))
    cache: dict[str, Any] = field(default_factory=dict)  # per request
    keys: list[ApiKey] = field(default_factory=list)  # the configured keys (for admins' listing)
    reads: ReadCache | None = None  # the app's, shared by its requests; None: every read goes to the store
    # the app's amendment impacts (a few: thousands of breaks each), kept like the reads; None: computed every time
    impacts: ReadCache | None = None
    powers: DataLoader[str, dict[str, Any] | None] = field(init=False)
    benchmarks: DataLoader[str, dict[str, Any] | None] = field(init=False)
    articles: DataLoader[str, dict[str, Any] | None] = field(init=False)
    versions: DataLoader[str, dict[str, Any] | None] = field(init=False)
    grounded: DataLoader[str, list[dict[str, Any]] | None] = field(init=False)
    departments: DataLoader[str, dict[str, Any] | None] = field(init=False)
    department_items: DataLoader[str, dict[str, Any] | None] = field(init=False)
    regions: DataLoader[str, dict[str, Any] | None] = field(init=False)
    cases: DataLoader[str, dict[str, Any] | None] = field(init=False)
    tier_cases: DataLoader[str, list[str] | None] = field(init=False)
    list_entries: DataLoader[str, dict[str, Any] | None] = field(init=False)

    _token: object = field(default=_UNREAD, init=False, repr=False)
    _token_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def generation(self) -> str | None:
        """The store's write token, read once per request, before the request's first kept read (its reads run in
        several threads at once); None when nothing is kept."""
        with self._token_lock:
            if self._token is _UNREAD:
                self._token = self.store.generation() if self.reads is not None else None
            token = self._token
        return token if isinstance(token, str) else None

    def read(self, name: str, **params: Any) -> list[Row]:
        """The rows of the read query `name`: kept ones while the graph is not written (graph.readcache)."""
        if self.reads is None:
            return self.store.run(name, **params)
        return self.reads.run(self.store, self.generation(), name, **params)

    def impact(self, key: tuple[Any, ...], compute: Callable[[], V]) -> V:
        """An amendment's impact (what `compute()` gives) kept while the graph is not written, by `key` (the law,
        the two versions, the region and whether the caller may see 涉密 items). The token is read before
        `compute` reads anything."""
        if self.impacts is None:
            return compute()
        return self.impacts.value(self.generation(), key, compute)

    def _kept(self, kind: str, fetch: Callable[[GraphStore, list[str]], dict[str, V]]
              ) -> Callable[[GraphStore, list[str]], dict[str, V]]:
        reads = self.reads
        if reads is None:
            return fetch
        return lambda store, ids: reads.by_ids(self.generation(), kind, ids, lambda absent: fetch(store, absent))

    def __post_init__(self) -> None:
        super().__init__()
        store = self.store
        # benchmarks, list entries and cases of 涉密 powers are for editors and admins, like the powers themselves
        # (those are filtered where they are listed: visible_powers); for readers these loaders answer None
        shown = (lambda found: found) if self.caller.can("editor") else _public
        # (rows kept between requests are those of every caller: what a reader may see is chosen after)
        self.powers = _loader(store, self._kept("power", enforcement.powers))
        benchmarks = self._kept("benchmark", enforcement.benchmarks)
        self.benchmarks = _loader(store, lambda s, ids: shown(benchmarks(s, ids)))
        self.articles = _loader(store, law_repo.articles)
        self.versions = _loader(store, law_repo.versions)
        self.grounded = _loader(store, law_repo.grounded)
        self.departments = _loader(store, lambda s, ids: enforcement.by_ids(s, "enforcement/departments", ids))
        self.department_items = _loader(
            store, lambda s, ids: enforcement.by_ids(s, "enforcement/department_items", ids))
        self.regions = _loader(store, lambda s, ids: enforcement.by_ids(s, "enforcement/regions_by_id", ids))
        self.cases = _loader(store, lambda s, ids: shown(enforcement.cases(s, ids)))
        self.tier_cases = _loader(store, enforcement.tier_cases)
        self.list_entries = _loader(
            store, lambda s, ids: shown({r["entry"]["id"]: r for r in s.run("enforcement/list_entries", ids=ids)}))
