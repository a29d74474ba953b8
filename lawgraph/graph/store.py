"""The GraphStore protocol every part of lawgraph uses, and `open_store` to pick a backend.

Backends are chosen by one URL (LAWGRAPH_GRAPH_URL, CLI --graph):
`embedded:<dir>` (default), `falkordb://host:port`, `neo4j://…` / `bolt://…`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from lawgraph.config import Settings, data_home
from lawgraph.errors import ConfigError

if TYPE_CHECKING:
    from lawgraph.graph.bulk import NewGraph

Row = dict[str, Any]
Progress = Callable[[str, int, int], None]


class GraphStore(Protocol):
    """A graph database reached through named queries only."""

    backend: str
    round_trips: int

    def run(self, name: str, **params: Any) -> list[Row]:
        """Run the read query `name` with `params`; return its rows as dicts."""
        ...

    def execute(self, name: str, **params: Any) -> list[Row]:
        """Run the write query `name` once with `params`; return its rows."""
        ...

    def write(self, name: str, rows: Sequence[Mapping[str, Any]], *, batch: int | None = None,
              **params: Any) -> int:
        """Run the `UNWIND $rows` write query `name` over `rows` in batches; return rows written."""
        ...

    def apply_schema(self) -> None:
        """Create the backend's indexes and constraints (idempotent)."""
        ...

    def generation(self) -> str | None:
        """A token that changes whenever the graph is written through lawgraph, by this process or any other; None
        when the store keeps none (then nothing read may be kept for later: graph.readcache)."""
        ...

    def ping(self) -> bool:
        """Return True when the store answers."""
        ...

    def clear(self) -> None:
        """Delete every node and relationship (tests and benchmarks only)."""
        ...

    def close(self) -> None:
        """Release connections (an embedded server keeps running; see `lawgraph db stop`)."""
        ...


@runtime_checkable
class BulkLoader(Protocol):
    """A store with a bulk path for a first load into an empty graph (FalkorDB's GRAPH.BULK)."""

    def empty(self) -> bool:
        """True when the graph holds no node."""
        ...

    def create_graph(self, graph: NewGraph, *, progress: Progress | None = None) -> None:
        """Write `graph` into the empty graph; on failure the graph is left empty and the error raised
        (lawgraph.graph.bulk.BulkUnsuitable when the graph cannot be written this way)."""
        ...


def bulk_loader(store: GraphStore) -> BulkLoader | None:
    """The store's bulk path, or None when it has none (Neo4j: batched UNWIND)."""
    return store if isinstance(store, BulkLoader) else None


def batched(rows: Sequence[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    """Yield consecutive slices of `rows` of at most `size` items."""
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def open_store(settings: Settings, *, apply_schema: bool = True, restart_crashed: bool = False) -> GraphStore:
    """Open the store named by `settings.graph_url`; raises ConfigError on an unknown scheme. `restart_crashed`
    (the embedded server, for a long-running reader such as `lawgraph serve`): a server found crashed after a lost
    connection is started again (see FalkorStore.revive)."""
    url = settings.graph_url.strip()
    store: GraphStore
    if url.startswith("embedded:"):
        from lawgraph.graph.backends.embedded import open_embedded

        store = open_embedded(url.removeprefix("embedded:") or str(data_home() / "store"), settings,
                              restart_crashed=restart_crashed)
    elif url.startswith(("falkordb://", "redis://")):
        from lawgraph.graph.backends.falkordb import FalkorStore

        store = FalkorStore.from_url(url, settings)
    elif url.startswith(("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")):
        from lawgraph.graph.backends.neo4j import Neo4jStore

        store = Neo4jStore(url, settings)
    else:
        raise ConfigError(
            f"unknown graph URL {url!r}: use embedded:<dir>, falkordb://host:port or neo4j://host:port "
            "(set LAWGRAPH_GRAPH_URL or pass --graph)"
        )
    if apply_schema:
        store.apply_schema()
    return store


def first(rows: Iterable[Row]) -> Row | None:
    """Return the first row or None."""
    for row in rows:
        return row
    return None


def page_and_total(id_rows: list[Row], count_rows: list[Row]) -> tuple[list[str], int]:
    """The ids of a page query's rows {id} and the total of its count query's {total}."""
    counted = first(count_rows)
    return [str(row["id"]) for row in id_rows], int(counted["total"] or 0) if counted else 0


def page_of_ids(store: GraphStore, name: str, skip: int, limit: int, *, count: str | None = None,
                **params: Any) -> tuple[list[str], int]:
    """A page of ids and the total. Without `count`, query `name` returns {total, page} (ids sliced in the store);
    with it, `name` returns the page's rows {id} (ORDER BY … SKIP $skip LIMIT $limit) and `count` {total}."""
    if count is not None:
        return page_and_total(store.run(name, skip=skip, limit=limit, **params), store.run(count, **params))
    row = first(store.run(name, skip=skip, limit=limit, **params))
    if row is None:
        return [], 0
    return [str(x) for x in row["page"] or []], int(row["total"] or 0)
