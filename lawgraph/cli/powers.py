"""`lawgraph ingest powers|benchmarks|lists|cases`, `lawgraph power show`, `lawgraph benchmark …`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console

from lawgraph.cli.common import GraphOption, echo_json, parse_date, with_store
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.store import GraphStore

power_app = typer.Typer(help="Look at powers (职权).", no_args_is_help=True)
benchmark_app = typer.Typer(help="Look at discretion benchmarks (裁量基准).", no_args_is_help=True)

@power_app.command("show")
def power_show(
    key: Annotated[str, typer.Argument(help="The power's id, code or exact name.")],
    region: Annotated[str | None, typer.Option("--region", help="Region path or name, when a code or name is "
                                               "held in several regions.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    graph: GraphOption = None,
) -> None:
    """Show a power: department, category, bases (resolved units and open ones), benchmarks, lists, cases."""
    def show(store: GraphStore) -> dict[str, Any]:
        found = repo.find_power(store, key, repo.find_region(store, region) if region else None)
        return repo.power(store, found["id"])

    data = with_store(graph, show)
    if as_json:
        echo_json(data)
        return
    out = Console(markup=False, highlight=False)  # data is never read as markup
    p = data["power"]
    out.print(f"{p['name']}  {p['category']}  code {p.get('code') or '-'}", style="bold")
    out.print(f"id {p['id']}\n{data['department']['name']} ({data['region']['id']})")
    for b in data["bases"]:
        out.print(f"  basis {b['text']} → {b['unit']} [{b['status']}]" + (f" {b['role']}" if b["role"] else ""))
    for o in data["open_bases"]:
        out.print(f"  basis {o.get('text')} {o['status']}: {o.get('reason')}", style="red")
    for key_, label in (("benchmarks", "benchmark"), ("lists", "list"), ("cases", "case")):
        for row in data[key_]:
            out.print(f"  {label} {row['id']}")


def _effective(store: GraphStore, key: str, region: str, at: date) -> dict[str, Any]:
    region_id = repo.find_region(store, region)
    found = repo.find_power(store, key, region_id)
    result = repo.effective_benchmark(store, found["id"], region_id, at)
    return {"power": found["id"], "region": region_id, "at": at.isoformat(), "effective": result}


@benchmark_app.command("effective")
def benchmark_effective(
    key: Annotated[str, typer.Argument(help="The power's id, code or exact name.")],
    region: Annotated[str, typer.Option("--region", help="Region path or name, e.g. 青山县.")],
    at: Annotated[str | None, typer.Option(help="Date (YYYY-MM-DD), default today.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    graph: GraphOption = None,
) -> None:
    """The benchmark in force for a power in a region on a date: its own, else the nearest upper level's."""
    when = parse_date(at) if at else date.today()
    data = with_store(graph, lambda store: _effective(store, key, region, when))
    if as_json:
        echo_json(data)
        return
    out = Console(markup=False, highlight=False)  # data is never read as markup
    result = data["effective"]
    if result is None:
        out.print(f"No benchmark is in force for {data['power']} in {data['region']} on {data['at']}.")
        raise typer.Exit(1)
    bench = result["benchmark"]["benchmark"]
    out.print(f"{bench['conduct']} ({result['how']}, from {result['region']}, "
              f"effective {bench.get('effective') or '-'})")
    for tier in result["benchmark"]["tiers"]:
        out.print(f"  {tier['ordinal']}. {tier['name']}: {tier['conditions']} → {tier['outcome']}")


@benchmark_app.command("show")
def benchmark_show(
    benchmark_id: Annotated[str, typer.Argument(help="The benchmark's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    graph: GraphOption = None,
) -> None:
    """Show one benchmark: its conduct, dates and tiers (conditions → outcome); --json for everything."""
    data = with_store(graph, lambda store: repo.benchmark(store, benchmark_id))
    if as_json:
        echo_json(data)
        return
    out = Console(markup=False, highlight=False)
    bench = data["benchmark"]
    out.print(f"{bench.get('conduct') or bench['id']}", style="bold")
    out.print(f"id {bench['id']}  effective {bench.get('effective') or '-'}  expires {bench.get('expires') or '-'}")
    for tier in data["tiers"]:
        out.print(f"  {tier['ordinal']}. {tier['name']}: {tier['conditions']} → {tier['outcome']}")
