"""Every query is named in full where it is used, so that a search for a file's name finds its callers: no
query file without a caller, no caller composing a name (f"impact/citing_{kind}")."""

from __future__ import annotations

import ast
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
