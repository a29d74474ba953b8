"""Moving a whole graph between stores (`lawgraph db export` / `db import`, e.g. from the embedded store to the
province's Neo4j): a versioned JSON Lines file, written and read a page at a time so that memory stays bounded
on a province-sized graph.

The format, version 1 (one JSON object a line, UTF-8; gzip when the file name ends in .gz):

    {"format": "lawgraph-export", "version": 1, "exported": "<ISO time>", "backend": "falkordb",
     "counts": {"nodes": {label: n}, "relationships": {type: n}}}
    {"node": [labels], "props": {…}}                 every node, in id order
    {"rel": type, "start": id, "end": id, "props": {…}}   every relationship, by its start node's id
    {"end": true, "nodes": N, "relationships": M}

Every lawgraph node has a unique `id`; labels and relationship types come from the allow-lists below (an export
meeting anything else stops and names it). Import refuses a non-empty graph unless told to replace what it
holds, and compares the counts at the end with the header's.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from lawgraph.errors import InputError, StoreError
from lawgraph.graph.repos.laws import stats
from lawgraph.graph.store import GraphStore

FORMAT, VERSION = "lawgraph-export", 1
LABELS = frozenset({"Law", "LawVersion", "Division", "Article", "Paragraph", "Item", "SubItem", "Citation", "Region",
                    "Department", "Power", "Grounded", "DiscretionBenchmark", "Tier", "ListEntry", "Case",
                    "OpenBasis", "AlignmentReview", "AuditEntry", "Break", "Document", "DocParagraph", "DocRef",
                    "Webhook"})
TYPES = frozenset({"ADOPTS", "ALIGNED", "APPLIED", "APPLIED_TIER", "BASED_ON", "CITES", "DECIDED_BY", "DELEGATED_TO",
                   "FOR", "HAS_ARTICLE", "HAS_CITATION", "HAS_DIVISION", "HAS_ITEM", "HAS_OPEN_BASIS",
                   "HAS_PARAGRAPH", "HAS_SUBITEM", "HAS_TIER", "HAS_VERSION", "HOLDS", "IN", "ISSUED", "NAMES",
                   "PART_OF", "REFERS_TO"})
BATCH = 5000
Progress = Callable[[str, int, int], None]


def _open(path: Path, mode: str) -> IO[str]:
    if mode == "w":
        # an export holds 涉密 powers and the webhooks' signing secrets: readable by its owner only (0600), also
        # when it replaces an older file — the file is made (or narrowed) so before anything is written to it
        # (not through a symbolic link; narrowed on the open file, not by name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        try:
            os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    if path.suffix == ".gz":
        return gzip.open(path, "wt" if mode == "w" else "rt", encoding="utf-8")
    return path.open(mode, encoding="utf-8")


def _node_pages(store: GraphStore, batch: int) -> Iterator[list[dict[str, Any]]]:
    after = ""
    while True:
        rows = store.run("transfer/nodes", after=after, batch=batch)
        if not rows:
            return
        yield rows
        after = max(str(row["props"]["id"]) for row in rows)


def export_graph(store: GraphStore, path: Path, *, batch: int = BATCH, progress: Progress | None = None
                 ) -> dict[str, Any]:
    """Write everything the graph holds to `path`; return the counts written."""
    counts = stats(store)
    unknown = sorted(set(counts["nodes"]) - LABELS) + sorted(set(counts["relationships"]) - TYPES)
    if unknown:
        raise StoreError(f"the graph holds labels or relationship types lawgraph does not export: "
                         f"{', '.join(unknown)}; nothing was written")
    total_nodes = sum(n for label, n in counts["nodes"].items() if label not in ("Grounded",))
    nodes = rels = 0
    with _open(path, "w") as out:
        out.write(json.dumps({"format": FORMAT, "version": VERSION, "exported": datetime.now(UTC).isoformat(),
                              "backend": store.backend, "counts": counts}, ensure_ascii=False) + "\n")
        for page in _node_pages(store, batch):
            for row in page:
                if "id" not in row["props"]:
                    raise StoreError(f"a node {row['labels']} has no id; nothing more is written")
                out.write(json.dumps({"node": sorted(row["labels"]), "props": row["props"]},
                                     ensure_ascii=False, default=str) + "\n")
            nodes += len(page)
            if progress:
                progress("nodes", nodes, total_nodes)
        after = ""
        while True:
            page = store.run("transfer/relationships", after=after, batch=batch)
            if not page:
                break
            for row in page:
                if row["type"] is not None:
                    out.write(json.dumps({"rel": row["type"], "start": row["start"], "end": row["end"],
                                          "props": row["props"] or {}}, ensure_ascii=False, default=str) + "\n")
                    rels += 1
            after = max(str(row["start"]) for row in page)
            if progress:
                progress("relationships", rels, sum(counts["relationships"].values()))
        out.write(json.dumps({"end": True, "nodes": nodes, "relationships": rels}) + "\n")
    return {"file": str(path), "nodes": nodes, "relationships": rels, "counts": counts}


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with _open(path, "r") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}, line {number}", f"not JSON ({exc.msg}); is this a lawgraph export?") \
                    from None
            if not isinstance(row, dict):
                raise InputError(f"{path}, line {number}", "expected a JSON object")
            yield number, row


def import_graph(store: GraphStore, path: Path, *, replace: bool = False, batch: int = BATCH,
                 progress: Progress | None = None) -> dict[str, Any]:
    """Load an export into `store`; refuses a non-empty graph unless `replace` (which deletes what it holds
    first). The file is checked line by line as it is read (format, labels, types, the closing counts)."""
    if not path.is_file():
        raise InputError(str(path), "no such file; give the file `lawgraph db export` wrote")
    rows = _rows(path)
    try:
        _, header = next(rows)
    except StopIteration:
        raise InputError(str(path), "empty file; give the file `lawgraph db export` wrote") from None
    if header.get("format") != FORMAT:
        raise InputError(f"{path}, line 1", "not a lawgraph export (no lawgraph-export header)")
    if header.get("version") != VERSION:
        raise InputError(f"{path}, line 1", f"export format version {header.get('version')!r}; this lawgraph reads "
                         f"version {VERSION}: export again with a matching lawgraph")
    if store.run("transfer/count_nodes")[0]["nodes"]:
        if not replace:
            raise InputError(str(path), "the target graph is not empty; import into an empty store, or pass "
                             "--replace to delete what it holds first")
        store.clear()
    nodes: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    written = {"nodes": 0, "relationships": 0}
    closing: dict[str, Any] | None = None

    def flush() -> None:
        if nodes:
            store.write("transfer/import_nodes", nodes, batch=batch)
            written["nodes"] += len(nodes)
            nodes.clear()
        if rels:
            store.write("transfer/import_relationships", rels, batch=batch)
            written["relationships"] += len(rels)
            rels.clear()
        if progress:
            progress("import", written["nodes"] + written["relationships"], 0)

    for number, row in rows:
        where = f"{path}, line {number}"
        if closing is not None:
            raise InputError(where, "lines after the closing line; the file is damaged")
        if "node" in row:
            if rels:
                raise InputError(where, "a node after the relationships began; the file is damaged")
            labels = row["node"]
            if not isinstance(labels, list) or not set(labels) <= LABELS or not labels:
                raise InputError(where, f"labels {labels!r} are not lawgraph's")
            if not isinstance(row.get("props"), dict) or "id" not in row["props"]:
                raise InputError(where, "a node without an id")
            nodes.append({"labels": labels, "props": row["props"]})
        elif "rel" in row:
            if row["rel"] not in TYPES:
                raise InputError(where, f"relationship type {row['rel']!r} is not lawgraph's")
            if nodes:
                flush()
            rels.append({"type": row["rel"], "start": row["start"], "end": row["end"], "props": row.get("props") or {}})
        elif row.get("end") is True:
            closing = row
        else:
            raise InputError(where, "neither a node, a relationship nor the closing line")
        if len(nodes) >= batch or len(rels) >= batch:
            flush()
    flush()
    while store.execute("transfer/unmark", batch=batch)[0]["unmarked"]:
        pass
    if closing is None:
        raise InputError(str(path), f"the file ends without its closing line (cut off?); {written['nodes']} nodes "
                         f"and {written['relationships']} relationships were loaded: import it again with --replace "
                         "once you have the whole file")
    found = stats(store)
    if found != header["counts"] or closing["nodes"] != written["nodes"] or \
            closing["relationships"] != written["relationships"]:
        raise StoreError(f"after the import the graph holds {found}, the export said {header['counts']}; "
                         "import again with --replace")
    return {"file": str(path), **written, "counts": found}
