"""The `lawgraph` command line (typer)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph import ids
from graph.backends import embedded
from graph.config import Settings, load_settings
from graph.errors import LawgraphError, NotFoundError
from graph.repos import laws as law_repo
from graph.store import GraphStore, open_store

app = typer.Typer(help="lawgraph: statutes, powers, discretion benchmarks and cases as one graph.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
ingest_app = typer.Typer(help="Load documents into the graph.", no_args_is_help=True)
db_app = typer.Typer(help="Manage the embedded FalkorDB server (embedded:<dir> only).", no_args_is_help=True)
law_app = typer.Typer(help="Look at laws in the graph.", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")
app.add_typer(db_app, name="db")
app.add_typer(law_app, name="law")

err = Console(stderr=True)
GraphOption = Annotated[str | None, typer.Option("--graph", help="Store URL; default LAWGRAPH_GRAPH_URL or "
                                                 "embedded:.lawgraph")]


def _settings(graph: str | None) -> Settings:
    return load_settings(graph_url=graph)


def _store(graph: str | None) -> GraphStore:
    return open_store(_settings(graph))


def _fail(exc: LawgraphError) -> NoReturn:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


T = TypeVar("T")


def with_store(graph: str | None, job: Callable[[GraphStore], T]) -> T:
    """Open the store, run `job`, close the store; a LawgraphError becomes `error: …` and exit status 2."""
    try:
        store = _store(graph)
        try:
            return job(store)
        finally:
            store.close()
    except LawgraphError as exc:
        _fail(exc)


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    """Exit with status 2 unless `fmt` is one of `allowed`."""
    if fmt not in allowed:
        typer.echo(f"error: unknown format {fmt!r}; use {', '.join(allowed[:-1])} or {allowed[-1]}", err=True)
        raise typer.Exit(2)


def _echo_json(data: Any) -> None:
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
    _echo_json(summary)
    if errors:
        raise typer.Exit(1)


@ingest_app.command("statutes")
def ingest_statutes(
    paths: Annotated[list[Path], typer.Argument(help="Statute files or folders (searched recursively).")],
    graph: GraphOption = None,
    level: Annotated[str | None, typer.Option(help="Override the inferred level (效力层级) of every file.")] = None,
    workers: Annotated[int | None, typer.Option(help="Parsing processes (default: up to 2).")] = None,
    show_warnings: Annotated[bool, typer.Option("--warnings/--no-warnings", help="List every warning.")] = False,
    impact: Annotated[bool, typer.Option("--impact", help="For a new latest version of a law, summarise what it "
                                         "breaks (details: lawgraph impact).")] = False,
) -> None:
    """Ingest statutes (.md LawRefBook, .txt, .docx); print a JSON summary; exit 1 if any file failed."""
    from ingest.load import ingest_statutes as run
    from ingest.statutes.levels import LEVELS

    if level is not None and level not in LEVELS:
        typer.echo(f"error: unknown level {level!r}; use one of: {', '.join(LEVELS)}", err=True)
        raise typer.Exit(2)
    try:
        store = _store(graph)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=not sys.stderr.isatty()) as bar:
            tasks: dict[str, Any] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            report = run(store, paths, level=level, workers=workers, progress=progress, impact=impact)
        store.close()
    except LawgraphError as exc:
        _fail(exc)
        return
    print_report(report.errors, report.warnings, report.summary(), show_warnings)


@app.command("stats")
def stats(graph: GraphOption = None) -> None:
    """Print node counts per label and relationship counts per type, as JSON."""
    try:
        store = _store(graph)
        _echo_json(law_repo.stats(store))
        store.close()
    except LawgraphError as exc:
        _fail(exc)


def resolve_law(store: GraphStore, title: str) -> dict[str, Any]:
    """Return the law a user named by full or short title; raises NotFoundError."""
    row = law_repo.find_law(store, law_id=ids.law_key(title), title=title.strip().strip("《》"))
    if row is None:
        raise NotFoundError(f"no law titled {title!r} in the graph; try `lawgraph ingest statutes` first, "
                            "or search with the GraphQL `laws(search:)` field")
    return row


@law_app.command("show")
def law_show(
    title: Annotated[str, typer.Argument(help="Full or short title, e.g. 农产品质量安全法.")],
    at: Annotated[str | None, typer.Option(help="Date (YYYY-MM-DD): mark the version in force then.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    graph: GraphOption = None,
) -> None:
    """Show a law: title, level and its versions (date, status, article count)."""
    try:
        when = _parse_date(at) if at else date.today()
        store = _store(graph)
        law = resolve_law(store, title)
        versions = law_repo.law_versions(store, law_id=law["id"])
        current = law_repo.version_at(store, law_id=law["id"], at=when)
        store.close()
    except LawgraphError as exc:
        _fail(exc)
        return
    data = {
        "id": law["id"], "title": law["title"], "level": law["level"],
        "in_force_at": {"date": when.isoformat(), "version": current["id"] if current else None},
        "versions": [
            {"id": v["id"], "date": v["date"], "effective": v["effective"], "status": v["status"],
             "article_count": v["article_count"], "history": v["history"] or []}
            for v in versions
        ],
    }
    if as_json:
        _echo_json(data)
        return
    out = Console()
    out.print(f"[bold]{data['title']}[/bold]  ({data['level']})  id {data['id']}")
    for v in data["versions"]:
        mark = "*" if current and v["id"] == current["id"] else " "
        out.print(f" {mark} {v['date'] or 'undated'}  {v['status']:<17} {v['article_count']:>5} articles  "
                  f"effective {v['effective'] or '-'}")
    out.print(f"(* in force on {when.isoformat()})")


citations_app = typer.Typer(help="Citations across the graph.", no_args_is_help=True)
app.add_typer(citations_app, name="citations")


@app.command("cite")
def cite(
    text: Annotated[str, typer.Argument(help="Text to find citations in ('-' reads standard input).")],
    law: Annotated[str | None, typer.Option(help="The law the text belongs to (for 本法, 第X条).")] = None,
    article: Annotated[str | None, typer.Option(help="The citing article (for 本条, 前款): 12 or 第十二条.")] = None,
    paragraph: Annotated[int | None, typer.Option(help="The citing paragraph (款) number (for 本款, 前款).")] = None,
    at: Annotated[str | None, typer.Option(help="Resolve against the versions in force on this date.")] = None,
    graph: GraphOption = None,
) -> None:
    """Print the citations in TEXT as JSON: one object per cited unit, resolved against the graph."""
    from ingest.cite import cite_text

    if text == "-":
        text = sys.stdin.read()
    try:
        when = _parse_date(at) if at else None
        store = _store(graph)
        rows = cite_text(store, text, law=law, article=article, paragraph=paragraph, at=when)
        store.close()
    except LawgraphError as exc:
        _fail(exc)
        return
    _echo_json(rows)


@citations_app.command("report")
def citations_report(
    fmt: Annotated[str, typer.Option("--format", help="json or md")] = "json",
    graph: GraphOption = None,
) -> None:
    """Report citations over the whole graph: counts by status, every unresolved one with its reason,
    every stale one."""
    from graph.repos import citations as citation_repo

    check_format(fmt, ("json", "md"))
    data = with_store(graph, citation_repo.report)
    if fmt == "json":
        _echo_json(data)
        return
    counts = data["counts"]
    assert isinstance(counts, dict)
    lines = ["# Citations", "", "| status | count |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in counts.items()]
    for title, key in (("Unresolved and ambiguous", "unresolved"), ("Stale", "stale")):
        rows = data[key]
        assert isinstance(rows, list)
        lines += ["", f"## {title} ({len(rows)})", "", "| citing law | unit | citation | reason |", "|---|---|---|---|"]
        lines += [f"| {r['citing_title']} | {r['source']} | {r['text']} | {r['reason']} |" for r in rows]
    typer.echo("\n".join(lines))


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise LawgraphError(f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2022-09-02") from None


def _embedded_dir(graph: str | None) -> str:
    url = _settings(graph).graph_url
    if not url.startswith("embedded:"):
        typer.echo(f"error: `lawgraph db` manages the embedded store only; the graph URL is {url!r}", err=True)
        raise typer.Exit(2)
    return url.removeprefix("embedded:") or ".lawgraph"


@db_app.command("status")
def db_status(graph: GraphOption = None) -> None:
    """Print the embedded server's state as JSON; exit 1 when it is not running."""
    info = embedded.status(_embedded_dir(graph))
    _echo_json(info.__dict__)
    if not info.running:
        raise typer.Exit(1)


@db_app.command("start")
def db_start(graph: GraphOption = None) -> None:
    """Start the embedded server (if it is not running) and leave it running."""
    try:
        info = embedded.start_server(_embedded_dir(graph))
    except LawgraphError as exc:
        _fail(exc)
        return
    _echo_json(info.__dict__)


@db_app.command("stop")
def db_stop(graph: GraphOption = None) -> None:
    """Stop the embedded server cleanly (AOF flushed)."""
    stopped = embedded.stop_server(_embedded_dir(graph))
    _echo_json({"stopped": stopped})


key_app = typer.Typer(help="API keys for the GraphQL API.", no_args_is_help=True)
app.add_typer(key_app, name="key")


@key_app.command("new")
def key_new(
    name: Annotated[str, typer.Argument(help="Who the key is for (shown in the audit log).")],
    role: Annotated[str, typer.Option(help="reader (queries), editor (uploads), admin (audit, keys).")] = "reader",
) -> None:
    """Print a new API key (give it to the client) and the entry to add to LAWGRAPH_API_KEYS (only its hash)."""
    from api.security import new_key

    if role not in ("reader", "editor", "admin"):
        typer.echo(f"error: unknown role {role!r}; use reader, editor or admin", err=True)
        raise typer.Exit(2)
    key, digest = new_key()
    _echo_json({"key": key, "entry": {"name": name, "role": role, "sha256": digest},
                "note": "add the entry to the JSON list in LAWGRAPH_API_KEYS; the key is not stored anywhere"})


@app.command("schema")
def schema_export(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the SDL.")] = Path("schema.graphql"),
) -> None:
    """Write the GraphQL schema (SDL) to schema.graphql; a test fails when the code and the file drift."""
    from strawberry.printer import print_schema

    from api.schema import schema

    output.write_text(print_schema(schema) + "\n", encoding="utf-8")
    typer.echo(f"wrote {output}", err=True)


@app.command("serve")
def serve(
    graph: GraphOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the GraphQL API (POST /graphql; GraphiQL at /graphql in a browser)."""
    import uvicorn

    from api.app import create_app

    try:
        application = create_app(_settings(graph))
    except LawgraphError as exc:
        _fail(exc)
        return
    uvicorn.run(application, host=host, port=port, log_level="info")


from api import cli_align, cli_oversight, cli_powers  # noqa: E402,F401  (register the other commands)


def main() -> None:
    """Entry point that turns any LawgraphError into a clean message."""
    try:
        app()
    except LawgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
