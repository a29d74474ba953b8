"""`lawgraph ingest statutes|powers|benchmarks|lists|cases|sample`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lawgraph import resources
from lawgraph.cli.common import GraphOption, err, fail, parse_date, print_report, store_of, with_store
from lawgraph.errors import LawgraphError
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.enforcement.load import ImportReport
from lawgraph.ingest.enforcement.read import Defaults

app = typer.Typer(help="Load documents into the graph.", no_args_is_help=True)

@app.command("statutes")
def ingest_statutes(
    paths: Annotated[list[Path], typer.Argument(help="Statute files or folders (searched recursively).")],
    graph: GraphOption = None,
    level: Annotated[str | None, typer.Option(help="Override the inferred level (效力层级) of every file.")] = None,
    workers: Annotated[int | None, typer.Option(help="Parsing processes (default: up to 2).")] = None,
    show_warnings: Annotated[bool, typer.Option("--warnings/--no-warnings", help="List every warning.")] = False,
    impact: Annotated[bool, typer.Option("--impact", help="For a new latest version of a law, summarise what it "
                                         "breaks (details: lawgraph impact; the breaks are stored as tracked "
                                         "work either way: lawgraph breaks list).")] = False,
) -> None:
    """Ingest statutes (.md LawRefBook, .txt, .docx); print a JSON summary; exit 1 if any file failed."""
    from lawgraph.analysis.amendments import after_ingest
    from lawgraph.ingest.load import ingest_statutes as run
    from lawgraph.ingest.statutes.levels import LEVELS

    if level is not None and level not in LEVELS:
        typer.echo(f"error: unknown level {level!r}; use one of: {', '.join(LEVELS)}", err=True)
        raise typer.Exit(2)
    try:
        store = store_of(graph)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=not sys.stderr.isatty()) as bar:
            tasks: dict[str, Any] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            report = run(store, paths, level=level, workers=workers, progress=progress, follow_up=True)
        after_ingest(store, report, summarise=impact)  # breaks are tracked whether or not summarised
        store.close()
    except LawgraphError as exc:
        fail(exc, graph)
        return
    print_report(report.errors, report.warnings, report.summary(), show_warnings)


Files = Annotated[list[Path], typer.Argument(help="Spreadsheets (.xlsx, .xls, .csv) or JSON / JSON lines files.")]
RegionOpt = Annotated[str | None, typer.Option("--region", help="Region path 省/市/县(/乡镇) for rows without a "
                                               "行政区划 column.")]
DepartmentOpt = Annotated[str | None, typer.Option("--department", help="Department for rows without a 实施主体 "
                                                   "column.")]
WarningsOpt = Annotated[bool, typer.Option("--warnings/--no-warnings", help="List every warning.")]


def _date(text: str | None) -> date | None:
    return parse_date(text) if text else None


def track_all(store: GraphStore, trigger: str, warnings: list[str], laws: list[str] | None = None) -> None:
    """Recompute the tracked breaks of the amended laws `laws` (every amended law when None: a basis, benchmark or
    case may have changed) and say on stderr what changed in them."""
    from lawgraph.analysis.tracking import track_laws

    for synced in track_laws(store, laws, trigger, warnings):
        s = synced.summary()
        if s["new"] or s["changed"] or s["closed"] or s["reopened"] or synced.superseded:
            superseded = (f", {len(synced.superseded)} against an older text closed as superseded"
                          if synced.superseded else "")
            err.print(f"breaks of {synced.law} ({synced.from_version} → {synced.to_version}): {s['new']} new, "
                      f"{s['changed']} changed, {s['closed']} closed, {s['reopened']} reopened, {s['kept']} "
                      f"unchanged{superseded} (lawgraph breaks list)", markup=False, highlight=False)


def _run(job: Callable[[GraphStore], ImportReport], graph: str | None, show_warnings: bool, trigger: str) -> None:
    def run(store: GraphStore) -> ImportReport:
        from lawgraph.analysis.tracking import laws_touched

        report = job(store)
        if report.written or report.removed:  # only the laws the items cite now or had breaks on before
            track_all(store, trigger, report.warnings,
                      laws_touched(store, report.owners | set(report.removed), report.laws)
                      if report.kind != "cases" else None)
        return report

    report = with_store(graph, run)
    print_report(report.errors, report.warnings, report.summary(), show_warnings)


@app.command("powers")
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
    from lawgraph.ingest.enforcement.load import ingest_powers as run

    defaults = Defaults(region=region, department=department, at=_date(at))
    _run(lambda store: run(store, paths, defaults, replace=replace), graph, show_warnings, "ingest powers")


@app.command("benchmarks")
def ingest_benchmarks(
    paths: Files, region: RegionOpt = None, department: DepartmentOpt = None,
    effective: Annotated[str | None, typer.Option(help="Date the benchmark takes effect (YYYY-MM-DD); its bases "
                                                  "resolve against the statutes in force then.")] = None,
    expires: Annotated[str | None, typer.Option(help="Date it stops applying.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the benchmark document.")] = None,
    graph: GraphOption = None, show_warnings: WarningsOpt = False,
) -> None:
    """Import discretion benchmark tables: one tier (or one condition of a tier) per row."""
    from lawgraph.ingest.enforcement.load import ingest_benchmarks as run

    defaults = Defaults(region=region, department=department, effective=_date(effective), expires=_date(expires),
                        title=title)
    _run(lambda store: run(store, paths, defaults), graph, show_warnings, "ingest benchmarks")


@app.command("lists")
def ingest_lists(
    paths: Files, region: RegionOpt = None, department: DepartmentOpt = None,
    kind: Annotated[str | None, typer.Option("--list", help="不予处罚, 减轻处罚 or 从轻处罚 for rows without a "
                                             "清单类型 column.")] = None,
    effective: Annotated[str | None, typer.Option(help="Date the list takes effect (YYYY-MM-DD).")] = None,
    graph: GraphOption = None, show_warnings: WarningsOpt = False,
) -> None:
    """Import 三张清单 (不予处罚 / 减轻处罚 / 从轻处罚 lists, incl. 首违不罚)."""
    from lawgraph.ingest.enforcement.load import ingest_lists as run

    defaults = Defaults(region=region, department=department, effective=_date(effective), list_kind=kind)
    _run(lambda store: run(store, paths, defaults), graph, show_warnings, "ingest lists")


@app.command("cases")
def ingest_cases(
    paths: Files, region: RegionOpt = None, department: DepartmentOpt = None,
    graph: GraphOption = None, show_warnings: WarningsOpt = False,
) -> None:
    """Import typical cases (典型案例) from JSON lines or a sheet."""
    from lawgraph.ingest.enforcement.load import ingest_cases as run

    defaults = Defaults(region=region, department=department)
    _run(lambda store: run(store, paths, defaults), graph, show_warnings, "ingest cases")


@app.command("documents")
def ingest_documents(
    paths: Annotated[list[Path], typer.Argument(help="Policy documents (.txt, .md, .docx, .html; Traditional script "
                                                "too) or folders (searched recursively).")],
    graph: GraphOption = None, show_warnings: WarningsOpt = False,
) -> None:
    """Load policy documents (工作方案, 通知, 意见, 规范性文件): title, issuer, 文号 and date where stated, their
    paragraphs, the laws they cite and the documents they name."""
    from lawgraph.ingest.documents import DocumentsReport
    from lawgraph.ingest.documents import ingest_documents as run

    def job(store: GraphStore) -> DocumentsReport:
        report = run(store, paths)
        if report.documents:
            track_all(store, "ingest documents", report.warnings)
        return report

    report = with_store(graph, job)
    print_report(report.errors, report.warnings, report.summary(), show_warnings)


@app.command("amendment")
def ingest_amendment(
    path: Annotated[Path, typer.Argument(help="An amending act: 修正案 or 关于修改《…》的决定 (.md, .txt, .docx).")],
    law: Annotated[str | None, typer.Option("--law", help="The law it amends, when its text does not name it.")] = None,
    graph: GraphOption = None,
) -> None:
    """Apply an amending act to the text before it: official alignment rows (article before → after), the text
    after stored as a new version when the graph lacks it (derived from the act), else a consolidation check that
    lists every article where the published text differs from the act applied. Prints a JSON summary."""
    from lawgraph.cli.common import echo_json, operator
    from lawgraph.ingest.amendment import AmendmentReport
    from lawgraph.ingest.amendment import ingest_amendment as run

    def job(store: GraphStore) -> AmendmentReport:
        report = run(store, path, law=law, by=operator())
        track_all(store, "ingest amendment", report.warnings, [r.law_id for r in report.laws])
        return report

    report = with_store(graph, job)
    for line in [*report.unread, *report.warnings]:
        err.print(f"warning: {line}", markup=False, highlight=False)
    echo_json(report.summary())


@app.command("sample")
def ingest_sample(
    root: Annotated[Path | None, typer.Argument(help="A sample tree (statutes/ and county/); default: the sample "
                                                "bundled with lawgraph (data/sample in the repository).")] = None,
    graph: GraphOption = None, show_warnings: WarningsOpt = False,
) -> None:
    """Load a whole sample tree: statutes, power lists, benchmarks, 三张清单 and cases (the README's demo)."""
    from lawgraph.ingest.sample import SampleReport, load_sample

    tree = root if root is not None else resources.path("sample")
    def run(store: GraphStore) -> SampleReport:
        report = load_sample(store, tree)
        track_all(store, "ingest sample", report.statutes.warnings)
        return report

    report = with_store(graph, run)
    print_report(report.errors, report.warnings, report.summary(), show_warnings)
