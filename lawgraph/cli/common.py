"""Helpers every command group shares: the store option, errors as messages, JSON and report output."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console

from lawgraph.config import Settings, describe_store, load_settings
from lawgraph.domain import ids
from lawgraph.errors import LawgraphError, NotFoundError
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import GraphStore, open_store

err = Console(stderr=True)
GraphOption = Annotated[str | None, typer.Option("--graph", help="Store URL; default LAWGRAPH_GRAPH_URL, else "
                                                 "the per-user embedded store (lawgraph db status shows it)")]


def operator() -> str:
    """Who runs a CLI change, for the audit log: `cli:<operating-system user>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def settings(graph: str | None) -> Settings:
    return load_settings(graph_url=graph)


def store_of(graph: str | None) -> GraphStore:
    return open_store(settings(graph))


def fail(exc: LawgraphError, graph: str | None = None) -> NoReturn:
    """Print `error: …` (for what was not found, also the store looked in) and exit with status 2."""
    where = ""
    if isinstance(exc, NotFoundError):
        try:
            where = f" (looked in {describe_store(settings(graph).graph_url)})"
        except LawgraphError:
            where = ""
    typer.echo(f"error: {exc}{where}", err=True)
    raise typer.Exit(2)


T = TypeVar("T")


def with_store(graph: str | None, job: Callable[[GraphStore], T]) -> T:
    """Open the store, run `job`, close the store; a LawgraphError becomes `error: …` and exit status 2."""
    try:
        store = store_of(graph)
        try:
            return job(store)
        finally:
            store.close()
    except LawgraphError as exc:
        fail(exc, graph)


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    """Exit with status 2 unless `fmt` is one of `allowed`."""
    if fmt not in allowed:
        typer.echo(f"error: unknown format {fmt!r}; use {', '.join(allowed[:-1])} or {allowed[-1]}", err=True)
        raise typer.Exit(2)


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def emit_report(result: dict[str, Any], fmt: str, output: Path | None, markdown: Callable[[dict[str, Any]], str],
                xlsx: Callable[[dict[str, Any], Path], None], what: str) -> None:
    """Print or write an analysis as JSON, Markdown or .xlsx (the latter needs `output`)."""
    if fmt == "xlsx":
        if output is None:
            typer.echo("error: --format xlsx needs -o FILE.xlsx", err=True)
            raise typer.Exit(2)
        xlsx(result, output)
        typer.echo(f"wrote {what} to {output}", err=True)
        return
    text = markdown(result) if fmt == "md" else json.dumps(result, ensure_ascii=False, indent=2, default=str)
    if output is None:
        typer.echo(text)
        return
    output.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {what} to {output}", err=True)


def print_report(errors: list[str], warnings: list[str], summary: dict[str, Any], show_warnings: bool) -> None:
    """Errors and (on request) warnings to stderr, the JSON summary to stdout; exit 1 when anything failed."""
    for line in errors:
        typer.echo(f"error: {line}", err=True)
    if show_warnings:
        for line in warnings:
            typer.echo(f"warning: {line}", err=True)
    elif warnings:
        err.print(f"{len(warnings)} warnings (use --warnings to list them)")
    echo_json(summary)
    if errors:
        raise typer.Exit(1)


def resolve_law(store: GraphStore, title: str) -> dict[str, Any]:
    """Return the law a user named by full or short title; raises NotFoundError."""
    row = law_repo.find_law(store, law_id=ids.law_key(title), title=title.strip().strip("《》"))
    if row is None:
        raise NotFoundError(f"no law titled {title!r} in the graph; try `lawgraph ingest statutes` first, "
                            "or search with the GraphQL `laws(search:)` field")
    return row


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise LawgraphError(f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2022-09-02") from None
