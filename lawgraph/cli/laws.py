"""`lawgraph law show` and `lawgraph stats`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from lawgraph.cli.common import GraphOption, echo_json, fail, parse_date, resolve_law, store_of
from lawgraph.errors import LawgraphError
from lawgraph.graph.repos import laws as law_repo

app = typer.Typer(help="Look at laws in the graph.", no_args_is_help=True)
commands = typer.Typer()

@commands.command("stats")
def stats(graph: GraphOption = None) -> None:
    """Print node counts per label and relationship counts per type, as JSON."""
    try:
        store = store_of(graph)
        echo_json(law_repo.stats(store))
        store.close()
    except LawgraphError as exc:
        fail(exc, graph)




@app.command("show")
def law_show(
    title: Annotated[str, typer.Argument(help="Full or short title, e.g. 农产品质量安全法.")],
    at: Annotated[str | None, typer.Option(help="Date (YYYY-MM-DD): mark the version in force then.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    graph: GraphOption = None,
) -> None:
    """Show a law: title, level and its versions (date, status, article count)."""
    try:
        when = parse_date(at) if at else date.today()
        store = store_of(graph)
        law = resolve_law(store, title)
        versions = law_repo.law_versions(store, law_id=law["id"])
        current = law_repo.version_at(store, law_id=law["id"], at=when)
        store.close()
    except LawgraphError as exc:
        fail(exc, graph)
        return
    data = {
        "id": law["id"], "title": law["title"], "level": law["level"],
        "in_force_at": {"date": when.isoformat(), "version": current["id"] if current else None},
        "versions": [
            {"id": v["id"], "date": v["date"], "effective": v["effective"], "status": v["status"],
             "article_count": v["article_count"], "history": v["history"] or [],
             "derived_from": v.get("derived_from")}
            for v in versions
        ],
    }
    if as_json:
        echo_json(data)
        return
    out = Console(markup=False, highlight=False)  # data is never read as markup
    out.print(f"{data['title']}  ({data['level']})  id {data['id']}", style="bold")
    for v in data["versions"]:
        mark = "*" if current and v["id"] == current["id"] else " "
        out.print(f" {mark} {v['date'] or 'undated'}  {v['status']:<17} {v['article_count']:>5} articles  "
                  f"effective {v['effective'] or '-'}"
                  + (f"  (derived by lawgraph from 《{v['derived_from']}》)" if v["derived_from"] else ""))
    out.print(f"(* in force on {when.isoformat()})")
