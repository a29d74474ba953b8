"""A NewGraph as FalkorDB's GRAPH.BULK commands: the binary format of FalkorDB's bulk insert ("GRAPH.BULK endpoint
specification" in FalkorDB's documentation), for a first load into an empty graph.

    GRAPH.BULK <graph> [BEGIN] <nodes> <relationships> <node tokens> <relationship tokens> <token> …

A node token is one label's header (`label\\0`, property count as uint32, each `name\\0`) and then, per node,
each property as a type byte and its value (0 null, 1 bool, 2 double, 3 string `…\\0`, 4 int64, 5 array: int64
length and its values); the server numbers nodes in the order it creates them, from 0 in a new graph. A
relationship token is one type's header (`TYPE\\0`, 0 properties) and then, per relationship, its start and end
node numbers as uint64. Numbers are little-endian (the byte order of every machine lawgraph runs on).
"""

from __future__ import annotations

import math
import re
import struct
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lawgraph.graph.bulk import BulkUnsuitable, NewGraph, NodeSet

TOKEN_BYTES = 8 << 20  # a token holds at most about this much (the server allows 512 MB)
COMMAND_BYTES = 32 << 20  # and a command (the server allows 1 GB): what a load holds at once stays small (8 and 32
# MB measured as 16 and 64 MB: server 4.7 / 4.5 s for the corpus, within the noise)
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")  # labels, types and keys: no ':' (it separates labels) and no NUL
_INT64 = struct.Struct("<q").pack
_UINT32 = struct.Struct("<I").pack
_DOUBLE = struct.Struct("<d").pack
_NULL, _TRUE, _FALSE, _STRING, _ARRAY = b"\x00", b"\x01\x01", b"\x01\x00", b"\x03", b"\x05"
_LONG, _FLOAT = b"\x04", b"\x02"
_BIG = 2**63


@dataclass
class Command:
    """One GRAPH.BULK command's counts and tokens (node tokens first)."""

    nodes: int
    edges: int
    node_tokens: list[bytes]
    edge_tokens: list[bytes]

    def args(self, graph: str) -> list[Any]:
        """The command's arguments after GRAPH.BULK (a graph that exists: no BEGIN)."""
        return [graph, self.nodes, self.edges, len(self.node_tokens), len(self.edge_tokens), *self.node_tokens,
                *self.edge_tokens]


def _name(name: str) -> bytes:
    if not _NAME.fullmatch(name):
        raise BulkUnsuitable(f"{name!r} cannot name a label, type or property in a bulk load (letters, digits and _)")
    return name.encode() + b"\x00"


def _put(value: Any, out: list[bytes]) -> None:
    kind = value.__class__
    if kind is str:
        if "\x00" in value:  # a string ends at a NUL: it becomes U+FFFD, as a query parameter's does (_literal)
            value = value.replace("\x00", "\ufffd")
        out.append(_STRING)
        out.append(value.encode())
        out.append(_NULL)
    elif value is None:
        out.append(_NULL)
    elif kind is bool:
        out.append(_TRUE if value else _FALSE)
    elif kind is int:
        try:
            out.append(_LONG + _INT64(value))
        except struct.error:
            raise BulkUnsuitable(f"the number {value} does not fit in 64 bits") from None
    elif kind is float:
        if not math.isfinite(value):
            raise BulkUnsuitable(f"{value!r} is not a finite number")
        out.append(_FLOAT + _DOUBLE(value))
    elif kind is list or kind is tuple:
        out.append(_ARRAY + _INT64(len(value)))
        for item in value:
            _put(item, out)
    elif isinstance(value, str):  # subclasses (a str enum): as a query parameter sends them (_literal)
        _put(str.__str__(value), out)
    elif isinstance(value, int):  # an int enum (bool has no subclasses)
        _put(int(value), out)
    elif isinstance(value, float):
        _put(float(value), out)
    elif isinstance(value, list | tuple):
        _put(list(value), out)
    else:
        raise BulkUnsuitable(f"a property value of type {kind.__name__} has no form in FalkorDB's bulk format")


def _rows(nodes: NodeSet, keys: list[str]) -> list[bytes]:
    """Each node of `nodes` in the format, its properties in the order of `keys` (`id` first)."""
    rest = keys[1:]
    out: list[bytes] = []
    for node_id, props in zip(nodes.ids, nodes.props, strict=True):
        pieces: list[bytes] = []
        _put(node_id, pieces)
        get = props.get
        for key in rest:
            value = get(key)
            # strings, nulls and small numbers are nearly all there is: written here, the rest by _put
            if value.__class__ is str and "\x00" not in value:
                pieces += (_STRING, value.encode(), _NULL)
            elif value is None:
                pieces.append(_NULL)
            elif value.__class__ is int and -_BIG < value < _BIG:
                pieces.append(_LONG + _INT64(value))
            else:
                _put(value, pieces)
        out.append(b"".join(pieces))
    return out


def _edge_tokens(rel: str, flat: list[int], limit: int) -> Iterator[tuple[int, bytes]]:
    """Relationships given as [start, end, start, end, …] as tokens of about `limit` bytes at most."""
    header = _name(rel) + _UINT32(0)
    step = max(2, (limit // 16) * 2)
    for start in range(0, len(flat), step):
        numbers = array("Q", flat[start:start + step])
        if sys.byteorder != "little":
            numbers.byteswap()
        yield len(numbers) // 2, header + numbers.tobytes()


Encoded = tuple[int, dict[str, list[bytes]]]  # a segment's index and its nodes' rows by label


def commands(graph: NewGraph) -> Iterator[Command]:
    """The graph as GRAPH.BULK commands of about COMMAND_BYTES at most (tokens of TOKEN_BYTES at most), each of
    whole segments: the server runs a command whole or not at all, so a load cut off leaves whole segments. In a
    command every node comes before every relationship, a label's nodes in one run, so the nodes are numbered
    command by command, label by label; a relationship may start at a node of an earlier command."""
    keys = graph.keys()
    headers = {label: _name(label) + _UINT32(len(names)) + b"".join(_name(name) for name in names)
               for label, names in keys.items()}
    numbered: dict[tuple[int, str], int] = {}  # (segment, label) → the number of its first node
    base = 0
    batch: list[Encoded] = []
    size = 0
    for index, segment in enumerate(graph.segments):
        rows = {label: _rows(nodes, keys[label]) for label, nodes in segment.nodes.items()}
        grows = sum(len(row) for label_rows in rows.values() for row in label_rows) + \
            16 * sum(len(pairs) for pairs in segment.edges.values())
        if batch and size + grows > COMMAND_BYTES:
            command, base = _command(graph, batch, headers, numbered, base)
            yield command
            batch, size = [], 0
        batch.append((index, rows))
        size += grows
    if batch:
        yield _command(graph, batch, headers, numbered, base)[0]


def _command(graph: NewGraph, batch: list[Encoded], headers: dict[str, bytes], numbered: dict[tuple[int, str], int],
             base: int) -> tuple[Command, int]:
    """One command of the segments in `batch`; numbers their nodes from `base` (into `numbered`), returns the
    command and the number of the next node."""
    limit = TOKEN_BYTES
    command = Command(0, 0, [], [])
    labels = list(dict.fromkeys(label for _, rows in batch for label in rows))
    for label in labels:
        out, size, count = [headers[label]], len(headers[label]), 0
        for index, rows in batch:
            if label not in rows:
                continue
            numbered[(index, label)] = base
            base += len(rows[label])
            for row in rows[label]:
                out.append(row)
                size += len(row)
                count += 1
                if size >= limit:
                    command.node_tokens.append(b"".join(out))
                    command.nodes += count
                    out, size, count = [headers[label]], len(headers[label]), 0
        if count:
            command.node_tokens.append(b"".join(out))
            command.nodes += count
    rels = list(dict.fromkeys(rel for index, _ in batch for rel in graph.segments[index].edges))
    for rel in rels:
        flat: list[int] = []
        for index, _ in batch:
            for (start_segment, start_label, start), (end_segment, end_label, end) in \
                    graph.segments[index].edges.get(rel, []):
                flat.append(numbered[(start_segment, start_label)] + start)
                flat.append(numbered[(end_segment, end_label)] + end)
        for count, token in _edge_tokens(rel, flat, limit):
            command.edge_tokens.append(token)
            command.edges += count
    return command, base
