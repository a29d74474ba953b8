"""Renaming, merging and deleting regions (行政区划调整: 撤县设区, 乡镇合并, a misspelt import).

A region's id is its path (江北省/临川市/青禾县), and the ids of its departments, their powers, benchmarks, tiers,
三张清单 entries and open bases begin with it — so a rename or a move re-keys all of them, in the order that keeps
every link: nothing is written until every new id is known to be free (rename) or to merge cleanly (merge).
Each change is written to the audit log by the caller (CLI or API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lawgraph.errors import InputError
from lawgraph.graph.repos.enforcement import CHUNK, find_region, for_ids
from lawgraph.graph.store import GraphStore, first

SEP = "/"


@dataclass
class RegionChange:
    """What a rename, merge or delete did (or, with `dry_run`, would do)."""

    action: str
    region: str
    target: str | None = None
    regions: int = 0
    departments: int = 0
    items: int = 0
    tiers: int = 0
    open_bases: int = 0
    cases: int = 0
    delegations: int = 0
    merged_departments: list[str] = field(default_factory=list)
    dry_run: bool = False

    def counts(self) -> dict[str, Any]:
        out: dict[str, Any] = {"regions": self.regions, "departments": self.departments, "items": self.items,
                               "tiers": self.tiers, "open_bases": self.open_bases, "cases": self.cases,
                               "delegations": self.delegations}
        if self.merged_departments:
            out["merged_departments"] = self.merged_departments
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "region": self.region, "target": self.target, "dry_run": self.dry_run,
                **self.counts()}


@dataclass
class _Holdings:
    regions: list[dict[str, Any]]
    departments: list[dict[str, Any]]
    items: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    delegations: list[dict[str, Any]]

    @property
    def tiers(self) -> list[str]:
        return [t for item in self.items for t in item["tiers"]]

    @property
    def bases(self) -> list[str]:
        return [b for item in self.items for b in item["bases"]]


def _holdings(store: GraphStore, region: str) -> _Holdings:
    args = {"id": region, "prefix": region + SEP}
    return _Holdings(store.run("regions/subtree", **args), store.run("regions/departments", **args),
                     store.run("regions/items", **args), store.run("regions/cases", **args),
                     store.run("regions/delegations", **args))


def _swap(value: str, old: str, new: str) -> str:
    """`value` with the region prefix `old` replaced by `new` (ids are `old`, `old/…` or `old/dept#…`)."""
    if value == old:
        return new
    if value.startswith(old + SEP):
        return new + value[len(old):]
    raise InputError("region", f"{value!r} does not lie in {old!r}")  # a bug, not user input: say so plainly


def _check_path(new: str) -> list[str]:
    parts = [p.strip() for p in new.strip().strip(SEP).split(SEP)]
    if not parts or any(not p for p in parts) or len(new) > 200:
        raise InputError("--to", f"{new!r} is not a region path; give it as 省/市/县 (names joined by '/')")
    return parts


def _write(store: GraphStore, name: str, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        store.write(name, rows[start:start + CHUNK])


def rename(store: GraphStore, key: str, new: str, dry_run: bool = False) -> RegionChange:
    """Rename or move region `key` (name or path) to the path `new` at the same level (江北省/临川市/青禾县 →
    江北省/临川市/青禾区): the region, the regions below it and everything keyed by them get new ids. Refused when
    `new` exists (merge instead), its parent does not, or the level would change."""
    old = find_region(store, key)
    parts = _check_path(new)
    new = SEP.join(parts)
    if new == old:
        raise InputError("--to", f"{old!r} already has that path; nothing to rename")
    if len(parts) != len(old.split(SEP)):
        raise InputError("--to", f"{new!r} is at another level than {old!r} ({len(parts)} vs {len(old.split(SEP))} "
                                 "names); a rename keeps the level — give the new path with as many names")
    if new.startswith(old + SEP):
        raise InputError("--to", f"{new!r} lies inside {old!r}")
    parent = SEP.join(parts[:-1]) or None
    if parent is not None and not store.run("enforcement/regions_by_id", ids=[parent]):
        raise InputError("--to", f"the parent region {parent!r} is not in the graph; rename or create it first")
    if store.run("enforcement/regions_by_id", ids=[new]):
        raise InputError("--to", f"{new!r} already exists; use `lawgraph region merge {old} --into {new}` to merge "
                                 "the two")
    held = _holdings(store, old)
    change = _counted(RegionChange("rename", old, new, dry_run=dry_run), held)
    if dry_run:
        return change
    _rekey(store, held, old, new, set(), set())
    store.execute("regions/reparent", id=new, parent=parent)
    return change


def merge(store: GraphStore, key: str, into: str, dry_run: bool = False) -> RegionChange:
    """Merge region `key` into region `into` (both names or paths, same level): its sub-regions, departments and
    cases move into `into`; a department whose name `into` already has is merged into that department, and so is a
    sub-region of the same name. Refused — nothing written — when a power, benchmark or 三张清单 entry would get the
    id of one `into` already has (the same code in both departments): their list is in the message."""
    old = find_region(store, key)
    new = find_region(store, into)
    if old == new:
        raise InputError("--into", f"{old!r} cannot be merged into itself")
    if len(old.split(SEP)) != len(new.split(SEP)):
        raise InputError("--into", f"{old!r} and {new!r} are at different levels; merge regions of the same level")
    if new.startswith(old + SEP) or old.startswith(new + SEP):
        raise InputError("--into", f"{old!r} and {new!r} lie one inside the other")
    held = _holdings(store, old)
    wanted_regions = [_swap(r["id"], old, new) for r in held.regions]
    wanted_departments = [_swap(d["id"], old, new) for d in held.departments]
    wanted_items = [_swap(i["id"], old, new) for i in held.items]
    existing = first(store.run("regions/existing", regions=wanted_regions, departments=wanted_departments,
                               items=wanted_items)) or {}
    clashes = sorted(existing.get("items") or [])
    if clashes:
        shown = ", ".join(clashes[:10]) + (f" and {len(clashes) - 10} more" if len(clashes) > 10 else "")
        raise InputError("--into", f"{len(clashes)} powers, benchmarks or 三张清单 entries of {old!r} have the same "
                                   f"code as ones of {new!r} ({shown}); nothing was changed — re-import one side "
                                   "with distinct codes, or delete the duplicates, then merge")
    absorbed_regions = set(existing.get("regions") or [])
    absorbed_departments = set(existing.get("departments") or [])
    change = _counted(RegionChange("merge", old, new, dry_run=dry_run), held)
    change.merged_departments = sorted(absorbed_departments)
    if dry_run:
        return change
    _rekey(store, held, old, new, absorbed_regions, absorbed_departments)
    return change


def _counted(change: RegionChange, held: _Holdings) -> RegionChange:
    change.regions, change.departments, change.items = len(held.regions), len(held.departments), len(held.items)
    change.tiers, change.open_bases, change.cases = len(held.tiers), len(held.bases), len(held.cases)
    change.delegations = len(held.delegations)
    return change


def _rekey(store: GraphStore, held: _Holdings, old: str, new: str, absorbed_regions: set[str],
           absorbed_departments: set[str]) -> None:
    """Give everything under `old` its id under `new`. Items, tiers and open bases first (their new ids are free),
    then departments and regions — those whose new id exists are absorbed into it instead, deepest first."""
    def region_of(value: str) -> str:
        return _swap(value, old, new)

    home = {d["id"]: d["region"] for d in held.departments}
    _write(store, "regions/rekey_items", [{"old": i["id"], "new": _swap(i["id"], old, new),
                                           "region": region_of(home[i["department"]])} for i in held.items])
    _write(store, "regions/rekey_tiers", [{"old": t, "new": _swap(t, old, new)} for t in held.tiers])
    _write(store, "regions/rekey_open_bases", [{"old": b, "new": _swap(b, old, new)} for b in held.bases])
    _write(store, "regions/rekey_cases", [{"id": c["id"], "region": region_of(c["region"])} for c in held.cases])
    moved = [{"old": d["id"], "new": _swap(d["id"], old, new), "region": region_of(d["region"])}
             for d in held.departments]
    _write(store, "regions/absorb_departments", [m for m in moved if m["new"] in absorbed_departments])
    _write(store, "regions/rekey_departments", [m for m in moved if m["new"] not in absorbed_departments])
    regions = [{"old": r["id"], "new": _swap(r["id"], old, new), "name": _swap(r["id"], old, new).rsplit(SEP, 1)[-1]}
               for r in held.regions]
    absorbed = sorted((r for r in regions if r["new"] in absorbed_regions), key=lambda r: -r["old"].count(SEP))
    if absorbed:
        _write(store, "regions/move_delegations", [{"old": r["old"], "new": r["new"]} for r in absorbed])
        for row in absorbed:  # deepest first: a merged sub-region's members reach the surviving parent
            store.write("regions/absorb_regions", [{"old": row["old"], "new": row["new"]}])
    _write(store, "regions/rekey_regions", [r for r in regions if r["new"] not in absorbed_regions])


def delete(store: GraphStore, key: str, cascade: bool = False, dry_run: bool = False) -> RegionChange:
    """Delete region `key` and the regions below it. Refused when departments, cases or delegations rest on it,
    unless `cascade`: then its departments with their powers, benchmarks, tiers, 三张清单 entries and open bases,
    and its cases, go too (delegations from elsewhere to it are dropped; the powers stay)."""
    region = find_region(store, key)
    held = _holdings(store, region)
    change = _counted(RegionChange("delete", region, dry_run=dry_run), held)
    if not cascade and (held.departments or held.cases or held.delegations):
        raise InputError("--cascade", f"{region!r} still has {len(held.departments)} departments (holding "
                                      f"{len(held.items)} powers, benchmarks and entries), {len(held.cases)} cases "
                                      f"and {len(held.delegations)} delegations; nothing was deleted — merge it "
                                      "into another region, or delete with --cascade to delete all of them")
    if dry_run:
        return change
    for_ids(store, "regions/delete_items", [i["id"] for i in held.items])
    for_ids(store, "regions/delete_cases", [c["id"] for c in held.cases])
    for_ids(store, "regions/delete_departments", [d["id"] for d in held.departments])
    for_ids(store, "regions/delete_regions", [r["id"] for r in held.regions])
    return change


__all__ = ["RegionChange", "delete", "merge", "rename"]
