"""A whole new graph, described for a store's bulk path: a first load into an empty store.

Nodes are kept by label, each with its `id` and a map of properties (None: not set, as `SET n = map` does);
relationships by type, between two nodes. The graph is cut into segments (`cut`): a segment's relationships end at
its own nodes, and a store writes a segment whole or not at all, so that a load cut off leaves whole pieces (a law
version with all its units and the relationships into them), never a node without the relationship that holds it.
A backend that can load such a graph (FalkorDB's GRAPH.BULK, `lawgraph.graph.backends.falkordb_bulk`) offers
`create_graph` (see `lawgraph.graph.store.bulk_loader`); the others are written with batched UNWIND as always.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lawgraph.errors import StoreError

Node = tuple[int, str, int]  # (segment, label, position among the segment's nodes of that label)


class BulkUnsuitable(StoreError):
    """The graph holds something the bulk path cannot write (say a number that is not finite): it is written with
    batched UNWIND instead. Raised before the store holds any of it, or after the store was emptied again."""


@dataclass
class NodeSet:
    """The nodes of one label in one segment: their ids and properties, in the order they are created."""

    label: str
    ids: list[str] = field(default_factory=list)
    props: list[Mapping[str, Any]] = field(default_factory=list)


@dataclass
class Segment:
    """Nodes by label and the relationships that end at them, by type; written whole or not at all."""

    nodes: dict[str, NodeSet] = field(default_factory=dict)
    edges: dict[str, list[tuple[Node, Node]]] = field(default_factory=dict)


@dataclass
class NewGraph:
    """Segments of nodes and relationships, in the order they are to be created."""

    segments: list[Segment] = field(default_factory=lambda: [Segment()])

    def add(self, label: str, node_id: str, props: Mapping[str, Any]) -> Node:
        """Add a node to the current segment (its `props` without `id`, not copied); return how relationships name
        it."""
        segment = self.segments[-1]
        nodes = segment.nodes.get(label)
        if nodes is None:
            nodes = segment.nodes[label] = NodeSet(label)
        nodes.ids.append(node_id)
        nodes.props.append(props)
        return len(self.segments) - 1, label, len(nodes.ids) - 1

    def link(self, rel: str, start: Node, end: Node) -> None:
        """Add a relationship without properties to the current segment; `end` is a node of it."""
        if end[0] != len(self.segments) - 1:
            raise ValueError(f"a {rel} relationship must end at a node of the segment it is in")
        self.segments[-1].edges.setdefault(rel, []).append((start, end))

    def cut(self) -> None:
        """End the current segment (when it holds anything): what comes next may be written without it."""
        if self.segments[-1].nodes:
            self.segments.append(Segment())

    def node_count(self) -> int:
        """How many nodes the graph has."""
        return sum(len(n.ids) for s in self.segments for n in s.nodes.values())

    def edge_count(self) -> int:
        """How many relationships the graph has."""
        return sum(len(e) for s in self.segments for e in s.edges.values())

    def keys(self) -> dict[str, list[str]]:
        """Each label's property names, in the order first met (`id` first)."""
        out: dict[str, dict[str, None]] = {}
        for segment in self.segments:
            for label, nodes in segment.nodes.items():
                seen = out.setdefault(label, {"id": None})
                for props in nodes.props:
                    for key in props:
                        if key not in seen:
                            seen[key] = None
        return {label: list(seen) for label, seen in out.items()}
