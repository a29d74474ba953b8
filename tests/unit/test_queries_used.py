"""Every query is named in full where it is used, so that a search for a file's name finds its callers: no
query file without a caller, no caller composing a name (f"impact/citing_{kind}")."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from lawgraph import resources
from lawgraph.graph import queries

REPO = Path(__file__).resolve().parents[2]
SOURCES = [*sorted(resources.path().rglob("*.py")), *sorted((REPO / "bench").rglob("*.py"))]
AREAS = {path.name for path in resources.path("cypher").iterdir() if path.is_dir()}


def _strings() -> tuple[set[str], list[str]]:
    literals: set[str] = set()
    composed: list[str] = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str) and \
                        head.value.split("/", 1)[0] in AREAS and "/" in head.value:
                    composed.append(f"{path.relative_to(REPO)}:{node.lineno}: f{head.value!r}…")
    return literals, composed


def test_every_query_file_has_a_caller_naming_it_in_full() -> None:
    literals, _ = _strings()
    unused = sorted(name for name in queries.catalog() if name not in literals)
    assert unused == [], f"query files nobody uses (delete them, or name them in full where used): {unused}"


def test_no_query_name_is_composed() -> None:
    _, composed = _strings()
    assert composed == []


def test_writing_queries_are_known_as_such() -> None:
    # graph.readcache relies on it: a query that writes sets a new write token even when sent with `run`
    catalog = queries.catalog()
    assert catalog["laws/mark_follow_up"].writes and catalog["enforcement/upsert_powers"].writes
    assert catalog["transfer/unmark"].writes and catalog["laws/clear_follow_up"].writes  # REMOVE a label, a property
    assert not catalog["enforcement/powers_page"].writes and not catalog["laws/follow_ups"].writes
    # every query used with execute() or write() in the code writes (the others are reads, or writes sent by run)
    used = set()
    for path in Path(resources.path()).rglob("*.py"):
        used |= set(re.findall(r"\.(?:execute|write)\(\s*\"([a-z_]+/[a-z_0-9]+)\"", path.read_text(encoding="utf-8")))
    assert len(used) > 40
    assert sorted(name for name in used if not catalog[name].writes) == []
