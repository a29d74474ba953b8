"""`lawgraph ingest powers|benchmarks|lists|cases`, `lawgraph power show`, `lawgraph benchmark …`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from api.cli import GraphOption, _echo_json, _parse_date, app, ingest_app, print_report, with_store
from graph.repos import enforcement as repo
from graph.store import GraphStore
from ingest.enforcement.load import ImportReport
from ingest.enforcement.read import Defaults

power_app = typer.Typer(help="Look at powers (职权).", no_args_is_help=True)
benchmark_app = typer.Typer(help="Look at discretion benchmarks (裁量基准).", no_args_is_help=True)
app.add_typer(power_app, name="power")
app.add_typer(benchmark_app, name="benchmark")

Files = Annotated[list[Path], typer.Argument(help="Spreadsheets (.xlsx, .xls, .csv) or JSON / JSON lines files.")]
RegionOpt = Annotated[str | None, typer.Option("--region", help="Region path 省/市/县[/乡镇] for rows without a "
                                               "行政区划 column.")]
DepartmentOpt = Annotated[str | None, typer.Option("--department", help="Department for rows without a 实施主体 "
                                                   "column.")]
WarningsOpt = Annotated[bool, typer.Option("--warnings/--no-warnings", help="List every warning.")]


def _date(text: str | None) -> date | None:
    return _parse_date(text) if text else None


def _run(job: Callable[[GraphStore], ImportReport], graph: str | None, show_warnings: bool) -> None:
    report = with_store(graph, job)
    print_report(report.errors, report.warnings, report.summary(), show_warnings)


@ingest_app.command("powers")
def ingest_powers(
    paths: Files, region: RegionOpt = None, department: DepartmentOpt = None,
    at: Annotated[str | None, typer.Option(help="Resolve bases against the statutes in force on this date "
                                           "(default: a 依据日期 column, else today).")] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="The files are each department's whole list: powers of those departments missing from "
                          "them are withdrawn (deleted; listed in the output with what pointed at them).")] = False,
    graph: GraphOption = None, show_warnings: WarningsOpt = False,
) -> None:
    """Import power lists (权责清单): one power per row; bases resolved to article/paragraph/item units."""
    from ingest.enforcement.load import ingest_powers as run

    defaults = Defaults(region=region, department=department, at=_date(at))
    _run(lambda store: run(store, paths, defaults, replace=replace), graph, show_warnings)


@ingest_app.command("benchmarks")
def ingest_benchmarks(
    paths: Files, region: RegionOpt = None, department: DepartmentOpt = None,
    effective: Annotated[str | None, typer.Option(help="Date the benchmark takes effect (YYYY-MM-DD); its bases "
                                                  "resolve against the statutes in force then.")] = None,
    expires: Annotated[str | None, typer.Option(help="Date it stops applying.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the benchmark document.")] = None,
    graph: GraphOption = None, show_warnings: WarningsOpt = False,
) -> None:
    """Import discretion benchmark tables: one tier (or one condition of a tier) per row."""
    from ingest.enforcement.load import ingest_benchmarks as run

    defaults = Defaults(region=region, department=department, effective=_date(effective), expires=_date(expires),
                        title=title)
    _run(lambda store: run(store, paths, defaults), graph, show_warnings)


@ingest_app.command("lists")
def ingest_lists(
    paths: Files, region: RegionOpt = None, department: DepartmentOpt = None,
    kind: Annotated[str | None, typer.Option("--list", help="不予处罚, 减轻处罚 or 从轻处罚 for rows without a "
                                             "清单类型 column.")] = None,
    effective: Annotated[str | None, typer.Option(help="Date the list takes effect (YYYY-MM-DD).")] = None,
    graph: GraphOption = None, show_warnings: WarningsOpt = False,
) -> None:
    """Import 三张清单 (不予处罚 / 减轻处罚 / 从轻处罚 lists, incl. 首违不罚)."""
    from ingest.enforcement.load import ingest_lists as run

    defaults = Defaults(region=region, department=department, effective=_date(effective), list_kind=kind)
    _run(lambda store: run(store, paths, defaults), graph, show_warnings)


@ingest_app.command("cases")
def ingest_cases(
    paths: Files, region: RegionOpt = None, department: DepartmentOpt = None,
    graph: GraphOption = None, show_warnings: WarningsOpt = False,
) -> None:
    """Import typical cases (典型案例) from JSON lines or a sheet."""
    from ingest.enforcement.load import ingest_cases as run

    defaults = Defaults(region=region, department=department)
    _run(lambda store: run(store, paths, defaults), graph, show_warnings)


@ingest_app.command("sample")
def ingest_sample(
    root: Annotated[Path, typer.Argument(help="The sample tree (statutes/ and county/).")] = Path("data/sample"),
    graph: GraphOption = None,
) -> None:
    """Load a whole sample tree: statutes, power lists, benchmarks, 三张清单 and cases (the README's demo)."""
    from ingest.sample import load_sample

    report = with_store(graph, lambda store: load_sample(store, root))
    print_report(report.errors, [], report.summary(), False)


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
        _echo_json(data)
        return
    out = Console()
    p = data["power"]
    out.print(f"[bold]{p['name']}[/bold]  {p['category']}  code {p.get('code') or '-'}")
    out.print(f"id {p['id']}\n{data['department']['name']} ({data['region']['id']})")
    for b in data["bases"]:
        out.print(f"  basis {b['text']} → {b['unit']} [{b['status']}]" + (f" {b['role']}" if b["role"] else ""))
    for o in data["open_bases"]:
        out.print(f"  basis {o.get('text')} [bold red]{o['status']}[/bold red]: {o.get('reason')}")
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
    data = with_store(graph, lambda store: _effective(store, key, region, _date(at) or date.today()))
    if as_json:
        _echo_json(data)
        return
    out = Console()
    result = data["effective"]
    if result is None:
        out.print(f"No benchmark is in force for {data['power']} in {data['region']} on {data['at']}.")
        raise typer.Exit(1)
    bench = result["benchmark"]["benchmark"]
    out.print(f"[bold]{bench['conduct']}[/bold] ({result['how']}, from {result['region']}, "
              f"effective {bench.get('effective') or '-'})")
    for tier in result["benchmark"]["tiers"]:
        out.print(f"  {tier['ordinal']}. {tier['name']}: {tier['conditions']} → {tier['outcome']}")


@benchmark_app.command("show")
def benchmark_show(
    benchmark_id: Annotated[str, typer.Argument(help="The benchmark's id.")],
    graph: GraphOption = None,
) -> None:
    """Print one benchmark with its tiers and bases as JSON."""
    _echo_json(with_store(graph, lambda store: repo.benchmark(store, benchmark_id)))
