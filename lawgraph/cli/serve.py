"""`lawgraph serve` (the GraphQL API and the workbench), `lawgraph schema`, `lawgraph key new`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lawgraph.cli.common import GraphOption, echo_json, fail, settings
from lawgraph.errors import LawgraphError

commands = typer.Typer()
key_app = typer.Typer(help="API keys for the GraphQL API.", no_args_is_help=True)

@key_app.command("new")
def key_new(
    name: Annotated[str, typer.Argument(help="Who the key is for (shown in the audit log).")],
    role: Annotated[str, typer.Option(help="reader (queries), editor (uploads), admin (audit, keys).")] = "reader",
) -> None:
    """Print a new API key (give it to the client) and the entry to add to LAWGRAPH_API_KEYS (only its hash)."""
    from lawgraph.api.security import new_key

    if role not in ("reader", "editor", "admin"):
        typer.echo(f"error: unknown role {role!r}; use reader, editor or admin", err=True)
        raise typer.Exit(2)
    key, digest = new_key()
    echo_json({"key": key, "entry": {"name": name, "role": role, "sha256": digest},
                "note": "add the entry to the JSON list in LAWGRAPH_API_KEYS; the key is not stored anywhere"})




@commands.command("schema")
def schema_export(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the SDL.")] = Path("schema.graphql"),
) -> None:
    """Write the GraphQL schema (SDL) to schema.graphql; a test fails when the code and the file drift."""
    from strawberry.printer import print_schema

    from lawgraph.api.schema import schema

    output.write_text(print_schema(schema) + "\n", encoding="utf-8")
    typer.echo(f"wrote {output}", err=True)


@commands.command("serve")
def serve(
    graph: GraphOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the workbench (/ in a browser), the GraphQL API (POST /graphql), GraphiQL (/graphiql) and new breaks
    as server-sent events (/events/breaks)."""
    import uvicorn

    from lawgraph.api.app import create_app

    try:
        application = create_app(settings(graph))
    except LawgraphError as exc:
        fail(exc, graph)
        return
    uvicorn.run(application, host=host, port=port, log_level="info")
