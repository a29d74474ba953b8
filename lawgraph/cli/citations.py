"""`lawgraph cite` (citations in any text) and `lawgraph citations report`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from lawgraph.cli.common import GraphOption, check_format, echo_json, fail, parse_date, store_of, with_store
from lawgraph.errors import LawgraphError
from lawgraph.graph.store import GraphStore

app = typer.Typer(help="Citations across the graph.", no_args_is_help=True)
commands = typer.Typer()

@commands.command("cite")
def cite(
    text: Annotated[str, typer.Argument(help="Text to find citations in ('-' reads standard input).")],
    law: Annotated[str | None, typer.Option(help="The law the text belongs to (for 本法, 第X条).")] = None,
    article: Annotated[str | None, typer.Option(help="The citing article (for 本条, 前款): 12 or 第十二条.")] = None,
    paragraph: Annotated[int | None, typer.Option(help="The citing paragraph (款) number (for 本款, 前款).")] = None,
    at: Annotated[str | None, typer.Option(help="The date of the citing text: resolve against the versions in "
                                           "force then (default today).")] = None,
    now: Annotated[str | None, typer.Option(help="The date you stand on: where each cited provision is in the "
                                            "version in force then (`current`, `fate`; default today).")] = None,
    graph: GraphOption = None,
) -> None:
    """Print the citations in TEXT as JSON: one object per cited unit, resolved against the graph, with where
    the provision stands today (`current`, `fate`; `stale` when it moved, split, merged or was deleted)."""
    from lawgraph.ingest.cite import cite_text

    if text == "-":
        text = sys.stdin.read()
    try:
        when = parse_date(at) if at else None
        reader = parse_date(now) if now else None
        store = store_of(graph)
        rows = cite_text(store, text, law=law, article=article, paragraph=paragraph, at=when, now=reader)
        store.close()
    except LawgraphError as exc:
        fail(exc, graph)
        return
    echo_json(rows)


@app.command("report")
def citations_report(
    fmt: Annotated[str, typer.Option("--format", help="json or md")] = "json",
    graph: GraphOption = None,
) -> None:
    """Report citations over the whole graph: counts by status, every unresolved one with its reason,
    every stale one."""
    from lawgraph.graph.repos import citations as citation_repo
    from lawgraph.ingest.cite import follow_stale

    def run(store: GraphStore) -> dict[str, object]:
        data = citation_repo.report(store)
        stale = data["stale"]
        assert isinstance(stale, list)
        data["stale"] = follow_stale(store, stale)  # where each stale provision stands today
        return data

    check_format(fmt, ("json", "md"))
    data = with_store(graph, run)
    if fmt == "json":
        echo_json(data)
        return
    counts = data["counts"]
    assert isinstance(counts, dict)
    lines = ["# Citations", "", "| status | count |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in counts.items()]
    for title, key in (("Unresolved and ambiguous", "unresolved"), ("Stale", "stale")):
        rows = data[key]
        assert isinstance(rows, list)
        lines += ["", f"## {title} ({len(rows)})", "", "| citing law or document | unit | citation | reason | now |",
                  "|---|---|---|---|---|"]
        lines += [f"| {r['citing_title']} | {r['source']} | {r['text']} | {r['reason']} | "
                  f"{', '.join(r.get('current') or []) or '—'} |" for r in rows]
    typer.echo("\n".join(lines))
