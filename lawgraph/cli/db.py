"""`lawgraph db status|start|stop`: the embedded FalkorDB server."""

from __future__ import annotations

import typer

from lawgraph.cli.common import GraphOption, echo_json, fail, settings
from lawgraph.errors import LawgraphError
from lawgraph.graph.backends import embedded

app = typer.Typer(help="Manage the embedded FalkorDB server (embedded:<dir> only).", no_args_is_help=True)

def _embedded_dir(graph: str | None) -> str:
    url = settings(graph).graph_url
    if not url.startswith("embedded:"):
        typer.echo(f"error: `lawgraph db` manages the embedded store only; the graph URL is {url!r}", err=True)
        raise typer.Exit(2)
    return url.removeprefix("embedded:") or ".lawgraph"


@app.command("status")
def db_status(graph: GraphOption = None) -> None:
    """Print the embedded server's state as JSON; exit 1 when it is not running."""
    info = embedded.status(_embedded_dir(graph))
    echo_json(info.__dict__)
    if not info.running:
        raise typer.Exit(1)


@app.command("start")
def db_start(graph: GraphOption = None) -> None:
    """Start the embedded server (if it is not running) and leave it running."""
    try:
        info = embedded.start_server(_embedded_dir(graph))
    except LawgraphError as exc:
        fail(exc)
        return
    echo_json(info.__dict__)


@app.command("stop")
def db_stop(graph: GraphOption = None) -> None:
    """Stop the embedded server cleanly (AOF flushed)."""
    stopped = embedded.stop_server(_embedded_dir(graph))
    echo_json({"stopped": stopped})
