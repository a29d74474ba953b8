"""`lawgraph align`: article alignment between two versions (files, or versions in the graph)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli import GraphOption, _echo_json, _fail, _store, app, resolve_law
from graph.errors import InputError, LawgraphError
from graph.repos import alignment


@app.command("align")
def align(
    files: Annotated[list[Path] | None, typer.Argument(help="OLD NEW: two statute files.")] = None,
    law: Annotated[str | None, typer.Option("--law", help="A law in the graph (instead of files).")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="Old version: date or year, e.g. 2018.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="New version: date or year, e.g. 2022.")] = None,
    detail: Annotated[bool, typer.Option("--detail", help="Add paragraph and item rows under each article.")] = False,
    graph: GraphOption = None,
) -> None:
    """Print the alignment of two versions as JSON: [{old, new, kind, similarity}], article numbers as
    strings ("12", "10-1") or null; kinds unchanged, modified, renumbered, renumbered_modified, split,
    merged, deleted, added."""
    from ingest.align import align as align_files
    from ingest.statutes.parse import parse_statute
    from ingest.statutes.read import read_source

    try:
        if files:
            if len(files) != 2 or law:
                raise InputError("align", "give two files (OLD NEW), or --law with --from and --to")
            old, new = (parse_statute(read_source(path)) for path in files)
            pairs = align_files(old, new)
        else:
            if not (law and from_ and to):
                raise InputError("align", "give two files (OLD NEW), or --law TITLE --from V1 --to V2")
            store = _store(graph)
            found = resolve_law(store, law)
            v1 = alignment.pick_version(store, found["id"], from_)
            v2 = alignment.pick_version(store, found["id"], to)
            pairs, _, _ = alignment.align_stored(store, v1["id"], v2["id"])
            store.close()
    except LawgraphError as exc:
        _fail(exc)
        return
    _echo_json([pair.as_dict(detail=detail) for pair in pairs])
