"""Named Cypher queries: `lawgraph/cypher/<area>/<name>.cypher`, loaded by name and cached.

Each file opens with `//` comment lines; one of them reads `// params: $a, $b` (or `// params: none`)
and names every parameter the query takes. The linter and the store both rely on that line. A read whose every
column is a string, an integer or null may say so with a line `// reply: plain`: FalkorDB then sends it in its
verbose format, which holds those three types without loss and costs far less to send and parse than the compact
one. Floats, booleans, lists and maps arrive as text there. Columns holding only floats (or nulls) may be named on
the line, `// reply: plain; floats: a, b`, and are read back as floats (both formats send a float as the same
15-digit text); so may columns holding lists of non-empty strings none of which contains ", " (or nulls),
`; lists: c`, read back as lists (FalkorDB writes such a list as `[x, y]`; an empty string or a null inside one
would not come back as it was). tests/integration/test_plain_replies.py checks each
such query both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lawgraph import resources
from lawgraph.errors import UnknownQueryError

DEFAULT_DIR = resources.path("cypher")
_PARAMS_LINE = re.compile(r"^//\s*params:\s*(.*)$", re.MULTILINE)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_PLAIN_LINE = re.compile(r"^//\s*reply:\s*plain\b(.*)$", re.MULTILINE)
_COLUMNS = {kind: re.compile(kind + r":\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)")
            for kind in ("floats", "lists")}
# a clause that changes the graph, in any case; a false alarm only costs a cache's contents (graph.readcache), a miss
# would keep stale rows: so the list is wide. (No query here calls a procedure; one that writes would need adding.)
_WRITES = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DETACH|FOREACH|DROP|LOAD\s+CSV)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Query:
    """One named query: its name (`area/name`), text and declared parameters."""

    name: str
    text: str
    params: tuple[str, ...]
    path: Path
    writes: bool = False  # the query changes the graph (a write clause outside its comments)
    plain: bool = False  # a read whose columns are all strings, integers or nulls (`// reply: plain`)…
    floats: tuple[str, ...] = ()  # …but for these, floats or nulls (`// reply: plain; floats: a, b`)
    lists: tuple[str, ...] = ()  # …and these, lists of strings without ", " or nulls (`; lists: c`)


def _parse(name: str, path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    match = _PARAMS_LINE.search(text)
    params = tuple(_PARAM.findall(match.group(1))) if match else ()
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    plain = _PLAIN_LINE.search(text)
    columns = {kind: found.group(1).split(",") for kind, pattern in _COLUMNS.items()
               if plain and (found := pattern.search(plain.group(1)))}
    return Query(name=name, text=text, params=params, path=path, writes=bool(_WRITES.search(body)),
                 plain=plain is not None, floats=tuple(c.strip() for c in columns.get("floats", ())),
                 lists=tuple(c.strip() for c in columns.get("lists", ())))


@cache
def catalog(directory: Path = DEFAULT_DIR) -> dict[str, Query]:
    """Return every query under `directory`, keyed by `area/name` (schema files included)."""
    found: dict[str, Query] = {}
    for path in sorted(directory.rglob("*.cypher")):
        name = path.relative_to(directory).with_suffix("").as_posix()
        found[name] = _parse(name, path)
    return found


def get(name: str, directory: Path = DEFAULT_DIR) -> Query:
    """Return the query called `name`; raises UnknownQueryError listing the known names."""
    queries = catalog(directory)
    try:
        return queries[name]
    except KeyError:
        known = ", ".join(sorted(queries))
        raise UnknownQueryError(f"no query named {name!r} under {directory}; known queries: {known}") from None


SCHEMA = {"falkordb": "schema/falkordb", "neo4j": "schema/neo4j"}


def schema_statements(backend: str, directory: Path = DEFAULT_DIR) -> list[str]:
    """Return the schema statements for `backend` (`falkordb` or `neo4j`), split on `;`."""
    query = get(SCHEMA[backend], directory)
    body = "\n".join(ln for ln in query.text.splitlines() if not ln.strip().startswith("//"))
    return [chunk.strip() for chunk in body.split(";") if chunk.strip()]
