"""The one connection type every page is (Connection[T] with Edge[T]), and the page builders.

A specialised connection is named after its node: Connection[Power] is PowerConnection with PowerEdge edges.
PageNames, the schema's name converter, keeps the shorter names where the node's name is longer than the
connection's always was (Connection[DiscretionBenchmark] is BenchmarkConnection), so that client queries stay
valid."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.schema.name_converter import NameConverter
from strawberry.types import Info
from strawberry.types.base import StrawberryObjectDefinition, StrawberryType
from strawberry.types.nodes import SelectedField

from lawgraph.api.context import Context
from lawgraph.api.paging import PageInfo, cursor, page_info, start, window
from lawgraph.graph.store import page_and_total, page_of_ids

T = TypeVar("T")
R = TypeVar("R")
Row = dict[str, Any]

# node type name -> the prefix of its connection's and edge's names
PAGE_NAMES = {"DiscretionBenchmark": "Benchmark"}


@strawberry.type(description="One node of a page, with its cursor (pass it as `after` for the nodes after it).")
class Edge(Generic[T]):
    """One node of a page and its cursor; Edge[Power] is PowerEdge."""

    cursor: str
    node: T


@strawberry.type(description="A page of nodes: how many there are in all, where the page ends, and its edges.")
class Connection(Generic[T]):
    """A page of nodes (a relay-style connection); Connection[Power] is PowerConnection."""

    total_count: int
    page_info: PageInfo
    edges: list[Edge[T]]


class PageNames(NameConverter):
    """Names Connection[X] and Edge[X] with the prefix PAGE_NAMES gives X (else X's name); other generics as
    strawberry does."""

    def from_generic(self, generic_type: StrawberryObjectDefinition, types: list[StrawberryType | type]) -> str:
        if generic_type.name in ("Connection", "Edge") and len(types) == 1:
            node = self.get_name_from_type(types[0])
            return PAGE_NAMES.get(node, node) + generic_type.name
        return super().from_generic(generic_type, types)


def connection(rows: Sequence[R | None], skip: int, total: int, build: Callable[[R], T]) -> Connection[T]:
    """The page of `rows` (the rows from offset `skip` on, out of `total`), each node built by `build`. A row that
    is None (gone, or not for this caller) is left out; the others keep the cursors of their positions."""
    edges = [Edge(cursor=cursor(skip + i), node=build(row)) for i, row in enumerate(rows) if row is not None]
    return Connection(total_count=total, edges=edges,
                      page_info=page_info(skip, len(rows), total, edges[-1].cursor if edges else None))


async def held_page(ids: list[str], first: int, after: str | None, loader: DataLoader[str, Row | None],
                    build: Callable[[Row], T]) -> Connection[T]:
    """A page of a list held whole (the ids a parent already has): the page's rows through a batched loader."""
    page, skip = window(ids, first, after)
    return connection(await loader.load_many(page), skip, len(ids), build)


async def queried_page(info: Info[Context, None], query: str, first: int, after: str | None,
                       loader: DataLoader[str, Row | None], build: Callable[[Row], T], *, count: str | None = None,
                       prefetch: Callable[[list[str]], Awaitable[object]] | None = None,
                       **params: Any) -> Connection[T]:
    """A page whose ids and total the store answers (graph.store.page_of_ids: one query, or a page query and its
    `count` query), the rows through a batched loader. `prefetch(ids)`, when given, runs beside the loader: it
    loads what the nodes' fields will ask for next (through their loaders, which then answer from their cache)."""
    skip = start(first, after)
    store = info.context.store
    if count is None:
        page, total = page_of_ids(store, query, skip, first, **params)
    else:  # the page and its total are independent reads: both at once, off the event loop
        read = info.context.read  # (kept between requests while the graph is not written)
        page, total = page_and_total(*await asyncio.gather(
            asyncio.to_thread(read, query, skip=skip, limit=first, **params),
            asyncio.to_thread(read, count, **params)))
    if prefetch is None or not page:
        return connection(await loader.load_many(page), skip, total, build)
    rows, _ = await asyncio.gather(loader.load_many(page), prefetch(page))
    return connection(rows, skip, total, build)


def selects(info: Info[Context, None], *path: str) -> bool:
    """Whether the query selects the field `path` (names as clients write them, e.g. "edges", "node", "benchmarks")
    under the field being resolved, through fragments too."""
    def walk(fields: Sequence[Any], rest: tuple[str, ...]) -> bool:
        for found in fields:
            if isinstance(found, SelectedField):
                if found.name == rest[0] and (len(rest) == 1 or walk(found.selections, rest[1:])):
                    return True
            elif walk(getattr(found, "selections", []), rest):  # an inline fragment or a fragment spread
                return True
        return False

    return any(walk(field.selections, path) for field in info.selected_fields)
