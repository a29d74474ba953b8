"""`lawgraph overlaps` (权力交叉, 交叉重复) and `lawgraph check` (legality findings and benchmark coverage)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lawgraph.cli.common import GraphOption, check_format, emit_report, parse_date, with_store

RegionOption = Annotated[str | None, typer.Option("--region", help="Only this region (and below).")]
FormatOption = Annotated[str, typer.Option("--format", help="json, md or xlsx")]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (needed for xlsx).")]

commands = typer.Typer()


@commands.command("overlaps")
def overlaps(region: RegionOption = None, fmt: FormatOption = "json", output: OutputOption = None,
             graph: GraphOption = None) -> None:
    """Powers of different departments that rest on the same basis unit or describe the same conduct
    (权力交叉), and township powers their county also exercises there without a 委托/赋权 (交叉重复): groups
    with scores and evidence; legitimate sharing (委托/赋权, 许可 vs 处罚) is listed with its reason."""
    from lawgraph.analysis import oversight_report
    from lawgraph.analysis.overlaps import overlaps as run
    from lawgraph.graph.repos import enforcement

    check_format(fmt, ("json", "md", "xlsx"))
    result = with_store(graph, lambda store: run(
        store, enforcement.find_region(store, region) if region else None))
    emit_report(result, fmt, output, oversight_report.overlaps_markdown, oversight_report.overlaps_xlsx,
                f"{len(result['groups'])} overlap groups")


@commands.command("check")
def check(
    region: RegionOption = None,
    rule: Annotated[str | None, typer.Option("--rule", help="One rule id, e.g. F04.")] = None,
    at: Annotated[str | None, typer.Option(help="Date for 'benchmark in force' (YYYY-MM-DD), default today.")] = None,
    fmt: FormatOption = "json",
    output: OutputOption = None,
    graph: GraphOption = None,
) -> None:
    """Legality findings, each with its rule id, description and evidence, plus benchmark coverage of
    discretionary powers per department (all of them and the high-frequency ones)."""
    from lawgraph.analysis import oversight_report
    from lawgraph.analysis.findings import RULES
    from lawgraph.analysis.findings import check as run
    from lawgraph.graph.repos import enforcement

    check_format(fmt, ("json", "md", "xlsx"))
    if rule is not None and rule not in RULES:
        typer.echo(f"error: unknown rule {rule!r}; rules: {', '.join(RULES)}", err=True)
        raise typer.Exit(2)
    result = with_store(graph, lambda store: run(
        store, region=enforcement.find_region(store, region) if region else None, rule=rule,
        at=parse_date(at) if at else None))
    emit_report(result, fmt, output, oversight_report.findings_markdown, oversight_report.findings_xlsx,
                f"{len(result['findings'])} findings")
