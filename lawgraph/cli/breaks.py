"""`lawgraph breaks list|show|set|summary|refresh`: an amendment's breaks as tracked work. Statuses are set by the
operating-system user who runs the command (audited)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console

from lawgraph.cli.common import GraphOption, echo_json, operator, resolve_law, with_store
from lawgraph.errors import InputError, LawgraphError, NotFoundError
from lawgraph.graph.repos import audit
from lawgraph.graph.repos import breaks as repo
from lawgraph.graph.repos.enforcement import find_region
from lawgraph.graph.store import GraphStore

app = typer.Typer(help="Breaks of amendments as tracked work (待处理 / 已处理 / 不适用).", no_args_is_help=True)
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]



def _department(store: GraphStore, key: str | None, region: str | None) -> str | None:
    """A department by id, or by name (within `region` when given)."""
    if key is None:
        return None
    rows = [r for r in store.run("enforcement/departments_named", key=key.strip())
            if region is None or r["region"] == region or str(r["region"]).startswith(region + "/")]
    if not rows:
        raise NotFoundError(f"no department {key!r}{f' in {region}' if region else ''}; give its id or exact name")
    if len(rows) > 1:
        raise InputError("--department", f"{key!r} names several departments ({', '.join(r['id'] for r in rows)}); "
                                         "add --region or give the id")
    return str(rows[0]["id"])


@app.command("list")
def breaks_list(
    law: Annotated[str | None, typer.Option("--law", help="Only this law's amendments.")] = None,
    region: Annotated[str | None, typer.Option("--region", help="Region (path or name) and below.")] = None,
    department: Annotated[str | None, typer.Option("--department", help="Department id or exact name.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="待处理, 已处理 or 不适用.")] = None,
    closed: Annotated[bool, typer.Option("--closed", help="Also breaks no longer found (closed).")] = False,
    limit: Annotated[int, typer.Option(help="At most this many (newest amendment first).", min=1, max=10000)] = 200,
    as_json: AsJson = False,
    graph: GraphOption = None,
) -> None:
    """List tracked breaks, open ones unless --closed: id, status, department, item, evidence, suggested fix."""
    def rows(store: GraphStore) -> dict[str, Any]:
        law_id = resolve_law(store, law)["id"] if law else None
        where = find_region(store, region) if region else None
        total, found = repo.page(store, law=law_id, region=where, department=_department(store, department, where),
                                 status=status, open_only=None if closed else True, limit=limit)
        return {"total": total, "breaks": found}

    data = with_store(graph, rows)
    if as_json:
        echo_json(data)
        return
    out = Console(markup=False, highlight=False)
    out.print(f"{data['total']} breaks" + (f" (first {limit})" if data["total"] > limit else ""))
    for b in data["breaks"]:
        shut = "" if b["open"] else f"  [closed: {b.get('closed_reason')}]"
        out.print(f"{b['id']}  {b['status']}  {b['kind']}  {b.get('department_name') or '-'}  "
                  f"{b.get('owner_code') or ''} {b.get('owner_name') or b.get('citing') or ''}{shut}")
        out.print(f"    {b.get('evidence')} → {b.get('fix')}")


@app.command("show")
def breaks_show(break_id: Annotated[str, typer.Argument(help="The break's id (from breaks list).")],
                graph: GraphOption = None) -> None:
    """Print one break as JSON, with the impact detail (old and new text)."""
    echo_json(with_store(graph, lambda store: repo.get(store, break_id)))


@app.command("set")
def breaks_set(
    break_id: Annotated[str, typer.Argument(help="The break's id (from breaks list).")],
    status: Annotated[str, typer.Option("--status", help="待处理, 已处理 or 不适用.")],
    note: Annotated[str | None, typer.Option("--note", help="What was done, or why it does not apply.")] = None,
    graph: GraphOption = None,
) -> None:
    """Set a break's status (and a note); audited under your user name."""
    def run(store: GraphStore) -> dict[str, Any]:
        try:
            row = repo.set_status(store, break_id, status, operator(), note)
        except LawgraphError:
            audit.write(store, operator(), "cli", "set_break_status", break_id, False, {"status": status}, 1)
            raise
        audit.write(store, operator(), "cli", "set_break_status", break_id, True, {"status": status}, 0)
        return row

    row = with_store(graph, run)
    echo_json({k: row[k] for k in ("id", "status", "status_by", "status_at", "note")})


@app.command("summary")
def breaks_summary(
    region: Annotated[str | None, typer.Option("--region", help="Region (path or name) and below.")] = None,
    law: Annotated[str | None, typer.Option("--law", help="Only this law's amendments.")] = None,
    as_json: AsJson = False,
    graph: GraphOption = None,
) -> None:
    """Per department: open breaks 待处理 / 已处理 / 不适用, and the oldest still 待处理 (who has not acted)."""
    data = with_store(graph, lambda store: repo.summary(
        store, find_region(store, region) if region else None, law=resolve_law(store, law)["id"] if law else None))
    if as_json:
        echo_json(data)
        return
    out = Console(markup=False, highlight=False)
    out.print("待处理  已处理  不适用  oldest 待处理             department")
    for r in data:
        out.print(f"{r['pending']:>6}  {r['done']:>6}  {r['not_applicable']:>6}  {r['oldest_pending'] or '-':<24}  "
                  f"{r['name'] or '立法 / 法制机构'} ({r['region'] or '-'})")


@app.command("refresh")
def breaks_refresh(
    law: Annotated[str | None, typer.Option("--law", help="Only this law (default: every amended law).")] = None,
    as_json: AsJson = False,
    graph: GraphOption = None,
) -> None:
    """Recompute the breaks of each law's newest amendment now (statuses kept, vanished breaks closed)."""
    from lawgraph.analysis.tracking import track_laws

    def run(store: GraphStore) -> list[dict[str, Any]]:
        laws = [str(resolve_law(store, law)["id"])] if law else None
        return [r.summary() for r in track_laws(store, laws, "breaks refresh")]

    data = with_store(graph, run)
    if as_json:
        echo_json(data)
        return
    out = Console(markup=False, highlight=False)
    for s in data:
        out.print(f"{s['law']} ({s['from']} → {s['to']}): {s['new']} new, {s['changed']} changed, {s['closed']} "
                  f"closed, {s['reopened']} reopened, {s['kept']} unchanged")


hooks = typer.Typer(help="Webhooks: new breaks of a department (or a region and below) POSTed to a URL, signed.",
                    no_args_is_help=True)
app.add_typer(hooks, name="webhook")


@hooks.command("add")
def webhook_add(
    url: Annotated[str, typer.Argument(help="http:// or https:// URL that receives a POST per batch of new breaks.")],
    department: Annotated[str | None, typer.Option("--department", help="Department id or exact name.")] = None,
    region: Annotated[str | None, typer.Option("--region", help="Region (path or name): it and the regions below.")
                      ] = None,
    secret: Annotated[str | None, typer.Option("--secret", help="Signing secret (default: a random one, printed "
                                                                "once).")] = None,
    confidential: Annotated[bool, typer.Option("--confidential", help="Also send breaks on 涉密 powers.")] = False,
    graph: GraphOption = None,
) -> None:
    """Register a webhook (admin: whoever runs lawgraph on the server). Each recomputation that finds new or
    reopened breaks for it POSTs {event: "breaks", breaks: […]} as JSON, with X-Lawgraph-Signature: sha256=<HMAC of
    the body with the secret>. Prints the webhook, its secret included, as JSON; audited."""
    from lawgraph.graph.repos import webhooks

    def run(store: GraphStore) -> dict[str, Any]:
        where = find_region(store, region) if region else None
        dept = _department(store, department, None) if department else None
        try:
            hook = webhooks.add(store, url=url, department=dept, region=where, secret=secret,
                                confidential=confidential, by=operator())
        except InputError:
            audit.write(store, operator(), "cli", "webhook_add", url, False, {"department": dept, "region": where}, 1)
            raise
        audit.write(store, operator(), "cli", "webhook_add", url, True, {"id": hook["id"], "department": dept,
                                                                        "region": where}, 0)
        return hook

    echo_json(with_store(graph, run))


@hooks.command("list")
def webhook_list(graph: GraphOption = None) -> None:
    """Every webhook with its last delivery (status, error, when, how many breaks); secrets left out."""
    from lawgraph.graph.repos import webhooks

    rows = with_store(graph, webhooks.every)
    echo_json([{k: v for k, v in row.items() if k != "secret"} for row in rows])


@hooks.command("remove")
def webhook_remove(hook_id: Annotated[str, typer.Argument(help="The webhook's id (webhook list).")],
                   graph: GraphOption = None) -> None:
    """Remove a webhook; audited."""
    from lawgraph.graph.repos import webhooks

    def run(store: GraphStore) -> bool:
        gone = webhooks.remove(store, hook_id)
        audit.write(store, operator(), "cli", "webhook_remove", hook_id, gone, {}, 0 if gone else 1)
        if not gone:
            raise NotFoundError(f"no webhook {hook_id!r}; list them with `lawgraph breaks webhook list`")
        return gone

    with_store(graph, run)
    typer.echo(f"removed {hook_id}")
