"""`lawgraph db status|start|stop`: the embedded FalkorDB server."""

from __future__ import annotations

import typer

from lawgraph.cli.common import GraphOption, echo_json, fail, settings, store_of
from lawgraph.config import data_home, describe_store
from lawgraph.errors import LawgraphError
from lawgraph.graph.backends import embedded

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
