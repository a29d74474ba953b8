"""`lawgraph region list|rename|merge|delete`: 行政区划 as the graph knows them, and how to change them. Every
change is written to the audit log under the operating-system user who ran it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console

from lawgraph.cli.common import GraphOption, echo_json, operator, with_store
from lawgraph.errors import LawgraphError
from lawgraph.graph.repos import audit
from lawgraph.graph.repos import regions as repo
from lawgraph.graph.store import GraphStore

app = typer.Typer(help="Regions (行政区划): list, rename, merge, delete.", no_args_is_help=True)
DryRun = Annotated[bool, typer.Option("--dry-run", help="Say what would change; change nothing.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]



def _change(graph: str | None, action: str, label: str, job: Callable[[GraphStore], repo.RegionChange],
            as_json: bool) -> None:
    def run(store: GraphStore) -> repo.RegionChange:
        try:
            change = job(store)
        except LawgraphError as exc:
            audit.write(store, operator(), "cli", action, label, False, {"error": str(exc)}, 1)
            raise
        if not change.dry_run:
            audit.write(store, operator(), "cli", action, label, True, change.counts(), 0)
        return change

    change = with_store(graph, run)
    if as_json:
        echo_json(change.as_dict())
        return
    out = Console(markup=False, highlight=False)
    verb = "would" if change.dry_run else "did"
    target = f" → {change.target}" if change.target else ""
    out.print(f"{change.action} {change.region}{target} ({verb} change: {change.regions} regions, "
              f"{change.departments} departments, {change.items} powers/benchmarks/entries, {change.tiers} tiers, "
              f"{change.open_bases} open bases, {change.cases} cases, {change.delegations} delegations)")
    for name in change.merged_departments:
        out.print(f"  merged into existing department {name}")


@app.command("list")
def region_list(
    under: Annotated[str | None, typer.Option("--under", help="Only this region (path or name) and below.")] = None,
    as_json: AsJson = False,
    graph: GraphOption = None,
) -> None:
    """List regions with their level and how many departments each has."""
    def rows(store: GraphStore) -> list[dict[str, Any]]:
        from lawgraph.graph.repos.enforcement import find_region

        root = find_region(store, under) if under else None
        found = store.run("enforcement/regions")
        return [r for r in found if root is None or r["id"] == root or str(r["id"]).startswith(root + "/")]

    data = with_store(graph, rows)
    if as_json:
        echo_json(data)
        return
    out = Console(markup=False, highlight=False)
    for row in data:
        out.print(f"{row['id']}  {row.get('level') or ''}  {len(row.get('departments') or [])} departments")


@app.command("rename")
def region_rename(
    region: Annotated[str, typer.Argument(help="The region: its path (省/市/县) or a name naming only it.")],
    to: Annotated[str, typer.Option("--to", help="The new path, same level (e.g. 江北省/临川市/青禾区).")],
    dry_run: DryRun = False,
    as_json: AsJson = False,
    graph: GraphOption = None,
) -> None:
    """Rename or move a region (撤县设区, a misspelt import): it, the regions below it and everything keyed by
    them — departments, powers, benchmarks, tiers, 三张清单 entries, cases — get the new path."""
    _change(graph, "rename_region", f"{region} → {to}", lambda s: repo.rename(s, region, to, dry_run), as_json)


@app.command("merge")
def region_merge(
    region: Annotated[str, typer.Argument(help="The region merged away: path or unique name.")],
    into: Annotated[str, typer.Option("--into", help="The region it is merged into (same level).")],
    dry_run: DryRun = False,
    as_json: AsJson = False,
    graph: GraphOption = None,
) -> None:
    """Merge a region into another of the same level (乡镇合并): sub-regions, departments and cases move; a
    department of the same name is merged into the existing one. Refused, with nothing changed, when both hold a
    power, benchmark or entry with the same code."""
    _change(graph, "merge_region", f"{region} → {into}", lambda s: repo.merge(s, region, into, dry_run), as_json)


@app.command("delete")
def region_delete(
    region: Annotated[str, typer.Argument(help="The region: path or unique name.")],
    cascade: Annotated[bool, typer.Option("--cascade", help="Also delete its departments, what they hold, and "
                                          "its cases.")] = False,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    graph: GraphOption = None,
) -> None:
    """Delete a region and the regions below it; refused while departments, cases or delegations rest on it,
    unless --cascade."""
    _change(graph, "delete_region", region, lambda s: repo.delete(s, region, cascade, dry_run), as_json)
