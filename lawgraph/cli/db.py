"""`lawgraph db status|start|stop`: the embedded FalkorDB server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lawgraph.cli.common import GraphOption, echo_json, err, fail, settings, store_of, with_store
from lawgraph.config import data_home, describe_store
from lawgraph.errors import LawgraphError
from lawgraph.graph.backends import embedded
from lawgraph.graph.repos import transfer

app = typer.Typer(help="The store: which one lawgraph uses (status); start and stop the embedded server.",
                  no_args_is_help=True)


def _embedded_dir(graph: str | None) -> str:
    url = settings(graph).graph_url
    if not url.startswith("embedded:"):
        typer.echo(f"error: `lawgraph db` manages the embedded store only; the graph URL is {url!r}", err=True)
        raise typer.Exit(2)
    return url.removeprefix("embedded:") or str(data_home() / "store")


@app.command("status")
def db_status(graph: GraphOption = None) -> None:
    """Print which store lawgraph uses (from --graph, LAWGRAPH_GRAPH_URL or the per-user default) and its state,
    as JSON; exit 1 when it is not running or cannot be reached."""
    url = settings(graph).graph_url
    if url.startswith("embedded:"):
        info = embedded.status(_embedded_dir(graph))
        echo_json({"store": describe_store(url), "url": url, **info.__dict__})
        running = info.running
    else:
        try:
            store = store_of(graph)
            running = store.ping()
            store.close()
        except LawgraphError as exc:
            echo_json({"store": describe_store(url), "url": url, "running": False, "detail": str(exc)})
            raise typer.Exit(1) from None
        echo_json({"store": describe_store(url), "url": url, "running": running})
    if not running:
        raise typer.Exit(1)


@app.command("start")
def db_start(graph: GraphOption = None) -> None:
    """Start the embedded server (if it is not running) and leave it running."""
    try:
        info = embedded.start_server(_embedded_dir(graph))
    except LawgraphError as exc:
        fail(exc, graph)
        return
    echo_json(info.__dict__)


@app.command("stop")
def db_stop(graph: GraphOption = None) -> None:
    """Stop the embedded server cleanly (AOF flushed)."""
    stopped = embedded.stop_server(_embedded_dir(graph))
    echo_json({"stopped": stopped})


def _bar(done: int, total: int, stage: str, state: dict[str, Any]) -> None:
    bar = state["bar"]
    if stage not in state:
        state[stage] = bar.add_task(stage, total=total or None)
    bar.update(state[stage], completed=done, total=total or None)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not sys.stderr.isatty())


@app.command("export")
def db_export(
    path: Annotated[Path, typer.Argument(help="The file to write (JSON Lines; gzip when it ends in .gz).")],
    graph: GraphOption = None,
) -> None:
    """Write everything the graph holds — statutes, alignments and reviews, powers, benchmarks, 三张清单, cases,
    the audit log — to one file, a page at a time (format: lawgraph/graph/repos/transfer.py, README)."""
    with _progress() as bar:
        state: dict[str, Any] = {"bar": bar}
        done = with_store(graph, lambda store: transfer.export_graph(
            store, path, progress=lambda stage, n, total: _bar(n, total, stage, state)))
    echo_json({k: v for k, v in done.items() if k != "counts"})


@app.command("import")
def db_import(
    path: Annotated[Path, typer.Argument(help="A file written by `lawgraph db export`.")],
    replace: Annotated[bool, typer.Option("--replace", help="Delete what the target graph holds first (without "
                                          "it, a non-empty graph is refused).")] = False,
    graph: GraphOption = None,
) -> None:
    """Load a `lawgraph db export` file into the store (e.g. a county's embedded store into the province's
    Neo4j); the counts are checked against the file's at the end."""
    with _progress() as bar:
        state: dict[str, Any] = {"bar": bar}
        done = with_store(graph, lambda store: transfer.import_graph(
            store, path, replace=replace, progress=lambda stage, n, total: _bar(n, total, stage, state)))
    echo_json({k: v for k, v in done.items() if k != "counts"})
