"""The `lawgraph` command line (typer): the root command and its groups, one module each."""

from __future__ import annotations

import sys

import typer

from lawgraph.cli import align, breaks, citations, db, ingest, laws, oversight, powers, regions, serve
from lawgraph.errors import LawgraphError

app = typer.Typer(help="lawgraph: statutes, powers, discretion benchmarks and cases as one graph.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
app.add_typer(ingest.app, name="ingest")
app.add_typer(db.app, name="db")
app.add_typer(laws.app, name="law")
app.add_typer(citations.app, name="citations")
app.add_typer(serve.key_app, name="key")
app.add_typer(powers.power_app, name="power")
app.add_typer(powers.benchmark_app, name="benchmark")
app.add_typer(regions.app, name="region")
app.add_typer(breaks.app, name="breaks")
for group in (laws.commands, citations.commands, align.commands, oversight.commands, serve.commands):
    app.add_typer(group)


def main() -> None:
    """Entry point that turns any LawgraphError into a clean message."""
    try:
        app()
    except LawgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
