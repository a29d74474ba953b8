"""`lawgraph align` (article alignment between two versions) and `lawgraph impact` (what an amendment breaks)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from lawgraph.cli.common import (
    GraphOption,
    check_format,
    echo_json,
    emit_report,
    fail,
    operator,
    resolve_law,
    with_store,
)
from lawgraph.errors import InputError, LawgraphError
from lawgraph.graph.repos import alignment
from lawgraph.graph.store import GraphStore

commands = typer.Typer()


def _versions(store: GraphStore, law: str, from_: str, to: str) -> tuple[str, str, str]:
    """The law's id and the ids of its versions named by date or year."""
    found = resolve_law(store, law)
    return (found["id"], alignment.pick_version(store, found["id"], from_)["id"],
            alignment.pick_version(store, found["id"], to)["id"])


def _review_rows(path: Path) -> Any:
    """The rows of a review file: JSON rows, or a published 新旧条文对照表 (.xlsx, .xls, .csv, .docx, .md); InputError
    naming the file and the line, sheet or row of what is wrong."""
    if path.suffix.lower() in (".xlsx", ".xls", ".csv", ".docx", ".md", ".markdown"):
        from lawgraph.ingest.review_table import read_review_table

        return read_review_table(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), "not UTF-8 text; save the review as UTF-8 JSON") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}, line {exc.lineno}", f"not valid JSON: {exc.msg}") from exc


@commands.command("align")
def align(
    files: Annotated[list[Path] | None, typer.Argument(help="OLD NEW: two statute files.")] = None,
    law: Annotated[str | None, typer.Option("--law", help="A law in the graph (instead of files).")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="Old version: date or year, e.g. 2018.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="New version: date or year, e.g. 2022.")] = None,
    detail: Annotated[bool, typer.Option("--detail", help="Add paragraph and item rows under each article.")] = False,
    review: Annotated[Path | None, typer.Option(
        "--review", help="With --law: a JSON file of reviewed rows [{old, new, kind}] (as this command prints), or a "
                         "新旧条文对照表 as published (.xlsx, .docx, .md table with old and new columns), whose rows "
                         "replace the automatic rows of the articles they name; stored, used by impact.")] = None,
    official: Annotated[str | None, typer.Option(
        "--official", help="With --review: the rows are published ones (a 对照表 by the legislature): stored as source "
                           "official, with this document name.")] = None,
    clear_review: Annotated[bool, typer.Option("--clear-review", help="With --law: drop the stored review.")] = False,
    queue: Annotated[bool, typer.Option("--queue", help="Only the rows that need review (needs_review: true).")
                     ] = False,
    graph: GraphOption = None,
) -> None:
    """Print the alignment of two versions as JSON: [{old, new, kind, similarity, confidence, needs_review,
    source}], article numbers as strings ("12", "10-1") or null; kinds unchanged, modified, renumbered,
    renumbered_modified, split, merged, deleted, added. `confidence` is how often rows like it were right on
    the hand-built gold; rows that need review are the ones to check (--queue lists only them). Rows legal staff
    reviewed (--review) take the place of the automatic ones (source: review)."""
    from lawgraph.domain.align import Pair
    from lawgraph.domain.align import align as align_files
    from lawgraph.ingest.statutes.parse import parse_statute
    from lawgraph.ingest.statutes.read import read_source

    try:
        if files:
            if len(files) != 2 or law:
                raise InputError("align", "give two files (OLD NEW), or --law with --from and --to")
            if review or clear_review:
                raise InputError("align", "--review and --clear-review go with --law --from --to (a law in the graph)")
            old, new = (parse_statute(read_source(path)) for path in files)
            pairs = align_files(old, new)
        else:
            if not (law and from_ and to):
                raise InputError("align", "give two files (OLD NEW), or --law TITLE --from V1 --to V2")
            title, start, end = law, from_, to

            rows = _review_rows(review) if review else None

            def from_graph(store: GraphStore) -> list[Pair]:
                law_id, old_id, new_id = _versions(store, title, start, end)
                from lawgraph.analysis.tracking import track

                if clear_review and not alignment.clear_review(store, law_id, old_id, new_id):
                    typer.echo(f"no review of {old_id} → {new_id} was stored", err=True)
                if rows is not None:
                    saved = alignment.save_review(store, law_id, old_id, new_id, rows, by=operator(), where=str(review),
                                                  source="official" if official else "review", document=official)
                if rows is not None or clear_review:  # the breaks of this amendment follow the reviewed rows
                    synced = track(store, law_id, old_id, new_id, "alignment review").summary()
                    typer.echo(f"breaks of {law_id}: {synced['new']} new, {synced['changed']} changed, "
                               f"{synced['closed']} closed (lawgraph breaks list)", err=True)
                if rows is not None:
                    return saved
                return alignment.align_stored(store, old_id, new_id)[0]

            pairs = with_store(graph, from_graph)
    except LawgraphError as exc:
        fail(exc, graph)
    echo_json([pair.as_dict(detail=detail) for pair in pairs if pair.needs_review or not queue])


@commands.command("impact")
def impact(
    law: Annotated[str, typer.Argument(help="The amended law, full or short title.")],
    from_: Annotated[str, typer.Option("--from", help="Old version: date or year, e.g. 2018.")],
    to: Annotated[str, typer.Option("--to", help="New version: date or year, e.g. 2022.")],
    region: Annotated[str | None, typer.Option("--region", help="Only departments in this region (or below).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json, md or xlsx")] = "json",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (needed for xlsx).")] = None,
    graph: GraphOption = None,
) -> None:
    """What breaks when LAW moves from one version to another: powers, benchmarks and tiers, 三张清单 entries,
    cases and citing statutes, each with the department that must act, old and new text and a suggested fix (in
    JSON, `texts` also gives each unit the breaks name with its text, once)."""
    from lawgraph.analysis import report
    from lawgraph.analysis.impact import impact as run
    from lawgraph.graph.repos import enforcement

    check_format(fmt, ("json", "md", "xlsx"))
    if fmt == "xlsx" and output is None:
        typer.echo("error: --format xlsx needs -o FILE.xlsx", err=True)
        raise typer.Exit(2)

    def job(store: GraphStore) -> dict[str, Any]:
        law_id, old, new = _versions(store, law, from_, to)
        return run(store, law_id, old, new, region=enforcement.find_region(store, region) if region else None)

    result = with_store(graph, job)
    emit_report(result, fmt, output, report.markdown, report.xlsx, f"{len(result['breaks'])} breaks")
