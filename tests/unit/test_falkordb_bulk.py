"""FalkorDB's bulk format (graph.backends.falkordb_bulk), read back here by a decoder written from FalkorDB's
specification of GRAPH.BULK; test_embedded and test_ingest load it into a real server."""

from __future__ import annotations

import enum
import math
import struct
from typing import Any

import pytest
from redis.exceptions import ResponseError

from lawgraph.graph.backends import falkordb_bulk
from lawgraph.graph.backends.falkordb import _literal, _refused
from lawgraph.graph.bulk import BulkUnsuitable, NewGraph
from lawgraph.graph.repos.transfer import LABELS, TYPES


class Kind(str, enum.Enum):  # noqa: UP042 (the mixin whose str() is its name)
    POWER = "power"


class Rank(enum.IntEnum):
    HIGH = 3


def _cstring(data: bytes, at: int) -> tuple[str, int]:
    end = data.index(b"\x00", at)
    return data[at:end].decode(), end + 1


def _read(data: bytes, at: int) -> tuple[Any, int]:
    kind, at = data[at], at + 1
    if kind == 0:
        return None, at
    if kind == 1:
        return bool(data[at]), at + 1
    if kind == 2:
        return struct.unpack_from("<d", data, at)[0], at + 8
    if kind == 3:
        return _cstring(data, at)
    if kind == 4:
        return struct.unpack_from("<q", data, at)[0], at + 8
    assert kind == 5, kind
    length, at = struct.unpack_from("<q", data, at)[0], at + 8
    out = []
    for _ in range(length):
        value, at = _read(data, at)
        out.append(value)
    return out, at


def _nodes(token: bytes) -> tuple[str, list[dict[str, Any]]]:
    label, at = _cstring(token, 0)
    count, at = struct.unpack_from("<I", token, at)[0], at + 4
    keys = []
    for _ in range(count):
        key, at = _cstring(token, at)
        keys.append(key)
    rows = []
    while at < len(token):
        row = {}
        for key in keys:
            row[key], at = _read(token, at)
        rows.append(row)
    return label, rows


def _decoded(graph: NewGraph) -> tuple[list[tuple[int, int, list[dict[str, Any]]]], list[tuple[str, int, int]]]:
    """Every command's (first node number, node count, nodes) and every relationship (type, start, end), decoded;
    nodes numbered as the server numbers them: in the order their tokens come."""
    commands, edges, number = [], [], 0
    for command in falkordb_bulk.commands(graph):
        args = command.args("g")
        assert args[:5] == ["g", command.nodes, command.edges, len(command.node_tokens), len(command.edge_tokens)]
        nodes = [row for token in command.node_tokens for row in _nodes(token)[1]]
        assert len(nodes) == command.nodes
        commands.append((number, len(nodes), nodes))
        number += len(nodes)
        for token in command.edge_tokens:
            rel, at = _cstring(token, 0)
            assert struct.unpack_from("<I", token, at)[0] == 0
            numbers = struct.unpack_from(f"<{(len(token) - at - 4) // 8}Q", token, at + 4)
            edges += [(rel, numbers[i], numbers[i + 1]) for i in range(0, len(numbers), 2)]
        assert sum(1 for c in commands for _ in c[2]) == number
    return commands, edges


def test_values_are_written_as_a_query_parameter_sends_them() -> None:
    graph = NewGraph()
    props = {"text": "nul\x00here", "kind": Kind.POWER, "rank": Rank.HIGH, "n": -(2**63), "big": 2**63 - 1,
             "share": 0.5, "yes": True, "no": False, "none": None, "list": ["a", 1, [2.5]], "pair": ("x", "y"),
             "empty": [], "awkward": "第一条\n“引号” \\ 😀"}
    graph.add("Break", "b1", props)
    graph.add("Break", "b2", {"other": 1})
    [(_, count, rows)], _ = _decoded(graph)
    assert count == 2
    first, second = rows
    assert first["id"] == "b1" and first["text"] == "nul\ufffdhere" and _literal("nul\x00here") == '"nul\ufffdhere"'
    assert first["kind"] == "power" and first["rank"] == 3 and first["n"] == -(2**63) and first["big"] == 2**63 - 1
    assert first["share"] == 0.5 and first["yes"] is True and first["no"] is False and first["none"] is None
    assert first["list"] == ["a", 1, [2.5]] and first["pair"] == ["x", "y"] and first["empty"] == []
    assert first["awkward"] == props["awkward"] and first["other"] is None
    assert second == {"id": "b2", **{key: None for key in props}, "other": 1}


@pytest.mark.parametrize("bad", [math.nan, math.inf, 2**63, {"a": 1}, object(), b"bytes"])
def test_what_the_format_cannot_carry_is_unsuitable(bad: object) -> None:
    graph = NewGraph()
    graph.add("Break", "b1", {"value": bad})
    with pytest.raises(BulkUnsuitable):
        list(falkordb_bulk.commands(graph))


@pytest.mark.parametrize("name", ["A:B", "", "a\x00b", "1st", "has space"])
def test_names_that_would_break_the_header_are_refused(name: str) -> None:
    bad_label, bad_key = NewGraph(), NewGraph()
    bad_label.add(name, "x", {})
    bad_key.add("Law", "x", {name: 1})
    for graph in (bad_label, bad_key):
        with pytest.raises(BulkUnsuitable):
            list(falkordb_bulk.commands(graph))


def test_commands_hold_whole_segments_and_relationships_join_the_nodes_meant(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(falkordb_bulk, "TOKEN_BYTES", 200)
    monkeypatch.setattr(falkordb_bulk, "COMMAND_BYTES", 500)
    graph = NewGraph()
    laws = [graph.add("Law", f"法{i}", {"title": f"法{i}" * 5}) for i in range(30)]
    meant = []
    for i, law in enumerate(laws):  # a segment per version: the version, its articles, the edges into them
        graph.cut()
        version = graph.add("LawVersion", f"法{i}@1", {"n": i})
        graph.link("HAS_VERSION", law, version)
        meant.append(("HAS_VERSION", f"法{i}", f"法{i}@1"))
        for n in range(i % 3):
            graph.link("HAS_ARTICLE", version, graph.add("Article", f"法{i}@1/{n}", {"text": "条" * n}))
            meant.append(("HAS_ARTICLE", f"法{i}@1", f"法{i}@1/{n}"))
    with pytest.raises(ValueError):
        graph.link("HAS_VERSION", version, laws[0])  # ends outside the segment
    commands, edges = _decoded(graph)
    assert len(commands) > 3
    ids = [row["id"] for _, _, nodes in commands for row in nodes]  # node number → id
    assert sorted(ids) == sorted([f"法{i}" for i in range(30)] + [f"法{i}@1" for i in range(30)]
                                 + [f"法{i}@1/{n}" for i in range(30) for n in range(i % 3)])
    assert sorted((rel, ids[start], ids[end]) for rel, start, end in edges) == sorted(meant)
    # a command holds a version with all its articles: each relationship ends at a node of its own command
    spans = [(first, first + count) for first, count, _ in commands]
    sent = 0
    for command in falkordb_bulk.commands(graph):
        first, last = spans.pop(0)
        for rel, start, end in edges[sent:sent + command.edges]:
            assert first <= end < last and start < last, (rel, ids[start], ids[end])
        sent += command.edges
def test_the_statute_graph_uses_only_allowed_labels_and_types() -> None:
    from lawgraph.graph.records import VersionRows
    from lawgraph.graph.repos.laws import new_graph

    rows = VersionRows("法@2020-01-01", "法", "h", {"id": "法", "title": "法", "level": "法律"},
                       {"id": "法@2020-01-01", "law_id": "法", "props": {"title": "法"}},
                       divisions_top=[{"id": "法@2020-01-01/d:c1", "parent": "法@2020-01-01", "props": {"kind": "chapter"}}],
                       articles=[{"id": "法@2020-01-01/1", "version_id": "法@2020-01-01",
                                  "division_id": "法@2020-01-01/d:c1", "props": {"number": "1"}, "paragraphs": [
                                      {"id": "法@2020-01-01/1.1", "props": {}, "items": [
                                          {"id": "法@2020-01-01/1.1.1", "props": {}, "subitems": [
                                              {"id": "法@2020-01-01/1.1.1.1", "props": {}}]}]}]}], units=4)
    graph = new_graph([rows])
    assert graph is not None
    assert {label for s in graph.segments for label in s.nodes} <= LABELS
    assert {rel for s in graph.segments for rel in s.edges} <= TYPES
    assert graph.node_count() == 7 and graph.edge_count() == 7
    twin = new_graph([rows, rows])  # one version twice: UNWIND would merge them into one node
    assert twin is None


@pytest.mark.parametrize(("message", "refused"), [
    ("unknown command 'GRAPH.BULK', with args beginning with: ", True),
    ("Error parsing node count.", True),
    ("Bulk insert format error, failed to parse bulk insert sections.", True),
    ("OOM command not allowed when used memory > 'maxmemory'.", False),
    ("READONLY You can't write against a read only replica.", False),
    ("LOADING Redis is loading the dataset in memory", False),
    ("BUSY Redis is busy running a script.", False),
])
def test_only_a_refusal_of_the_form_falls_back_to_unwind(message: str, refused: bool) -> None:
    assert _refused(ResponseError(message)) is refused
