"""Reads and small writes for powers, benchmarks, list entries and cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from lawgraph.domain import ids
from lawgraph.errors import InputError, NotFoundError
from lawgraph.graph.store import GraphStore, first

CHUNK = 2000


def for_ids(store: GraphStore, name: str, ids: list[str]) -> None:
    """Run the write query `name` with `$ids`, in chunks."""
    for start in range(0, len(ids), CHUNK):
        store.execute(name, ids=ids[start:start + CHUNK])


def find_region(store: GraphStore, key: str) -> str:
    """Return the id (path) of the region named by `key` (its path or its name); raises when unknown or ambiguous."""
    rows = store.run("enforcement/find_region", key=key.strip())
    if not rows:
        raise NotFoundError(f"no region {key!r} in the graph; give its path (省/市/县) as used when importing")
    if len(rows) > 1 and not any(r["id"] == key for r in rows):
        raise InputError("--region", f"{key!r} names several regions ({', '.join(r['id'] for r in rows)}); "
                         "give the full path")
    return str(next((r for r in rows if r["id"] == key), rows[0])["id"])


def find_powers(store: GraphStore, key: str) -> list[dict[str, Any]]:
    """Powers whose id or code is `key`, or whose name is exactly `key`."""
    return store.run("enforcement/find_power", key=key.strip())


def find_power(store: GraphStore, key: str, region: str | None = None) -> dict[str, Any]:
    """Return the one power `key` names (within `region` and the regions above it when given)."""
    rows = find_powers(store, key)
    if region is not None and len(rows) > 1:
        # the powers held in the region or above it; the nearest level wins
        inside = [r for r in rows if ids.within(r["region"], region)]
        if inside:
            depth = max(len(r["region"]) for r in inside)
            rows = [r for r in inside if len(r["region"]) == depth]
    if not rows:
        raise NotFoundError(f"no power {key!r} in the graph: give its id, code or exact name "
                            "(see `lawgraph power show` or the GraphQL `powers` field)")
    if len(rows) > 1 and not any(r["id"] == key for r in rows):
        shown = ", ".join(r["id"] for r in rows[:6])
        raise InputError("POWER", f"{key!r} names {len(rows)} powers ({shown}); give the id")
    return next((r for r in rows if r["id"] == key), rows[0])


def powers(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Powers with everything around them, by id (one query for all). Runs enforcement/powers."""
    out = {}
    for row in store.run("enforcement/powers", ids=ids):
        row["bases"] = sorted(row["bases"], key=lambda b: (b["position"] or 0, b["unit"]))
        row["open_bases"] = sorted(row["open_bases"], key=lambda b: (b.get("position") or 0, b.get("id") or ""))
        for key in ("benchmarks", "lists", "cases"):
            row[key] = sorted(row[key], key=lambda b: str(b.get("id")))
        out[row["power"]["id"]] = row
    return out


def power(store: GraphStore, power_id: str) -> dict[str, Any]:
    """One power with everything around it; raises NotFoundError."""
    found = powers(store, [power_id]).get(power_id)
    if found is None:
        raise NotFoundError(f"no power with id {power_id!r}")
    return found


def benchmarks(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Benchmarks with their tiers in order, by id (one query for all). Runs enforcement/benchmarks."""
    out = {}
    for row in store.run("enforcement/benchmarks", ids=ids):
        row["tiers"] = sorted(row["tiers"], key=lambda t: t["ordinal"])
        out[row["benchmark"]["id"]] = row
    return out


def by_ids(store: GraphStore, name: str, ids: list[str], key: str = "id") -> dict[str, dict[str, Any]]:
    """Rows of an `UNWIND $ids` query, by `key` (departments, regions, list entries …)."""
    return {str(row[key]): row for row in store.run(name, ids=ids)}


def cases(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Cases by id with department, power and tier ids. Runs enforcement/cases."""
    return {row["found"]["id"]: row for row in store.run("enforcement/cases", ids=ids)}


def tier_cases(store: GraphStore, ids: list[str]) -> dict[str, list[str]]:
    """Case ids per tier id, newest first. Runs enforcement/tier_cases."""
    out: dict[str, list[str]] = {tier_id: [] for tier_id in ids}
    for row in store.run("enforcement/tier_cases", ids=ids):
        out[row["tier"]].append(row["case"])
    return out


def benchmark(store: GraphStore, benchmark_id: str) -> dict[str, Any]:
    """One benchmark with its tiers in order; raises NotFoundError."""
    found = benchmarks(store, [benchmark_id]).get(benchmark_id)
    if found is None:
        raise NotFoundError(f"no benchmark with id {benchmark_id!r}")
    return found


def _in_force(row: dict[str, Any], day: str) -> bool:
    return (row["effective"] is None or row["effective"] <= day) and (row["expires"] is None or day < row["expires"])


def choose_benchmark(rows: list[dict[str, Any]], power_id: str, day: str) -> dict[str, Any] | None:
    """Of the candidate benchmarks (same code, this region or above), the one in force on `day`: the nearest
    level first; in one region the department holding this very power first; then the latest."""
    live = [r for r in rows if _in_force(r, day)]
    if not live:
        return None
    live.sort(key=lambda r: (-(r["rank"] or 0), r["power"] != power_id, r["effective"] or ""), reverse=False)
    best_rank = live[0]["rank"]
    same = [r for r in live if r["rank"] == best_rank and (r["power"] == power_id) == (live[0]["power"] == power_id)]
    return max(same, key=lambda r: r["effective"] or "")


def effective_benchmark(store: GraphStore, power_id: str, region: str | None, at: date, *,
                        confidential: bool = True) -> dict[str, Any] | None:
    """The benchmark in force for a power in `region` on `at`: the region's own (or the one it adopts), else
    the nearest upper level's. Returns {benchmark, how: own|adopted|inherited, region, department} or None.
    `confidential=False` (readers, the public) never answers a benchmark of a 涉密 power, nor one it adopts."""
    if region is None:
        return None
    found = first(store.run("enforcement/find_power", key=power_id))
    if found is None:
        raise NotFoundError(f"no power with id {power_id!r}")
    code = found["code"]
    rows = store.run("enforcement/benchmark_candidates", region=region, code=code,
                     power_name=None if code else found["name"])
    if not confidential:
        rows = [r for r in rows if not r.get("confidential")]
    day = at.isoformat()
    chosen = choose_benchmark(rows, power_id, day)
    if chosen is None:
        return None
    how = "own" if chosen["region"] == region else "inherited"
    target = chosen["id"]
    region_of, department_of = chosen["region"], chosen["department"]
    if chosen["adopts"] and chosen["target"]:
        how, target = "adopted", chosen["target"]
    found_benchmark = benchmark(store, target)
    if not confidential and found_benchmark.get("confidential"):
        return None  # an adopted benchmark of a 涉密 power
    if how == "adopted":
        region_of, department_of = found_benchmark["department"]["region"], found_benchmark["department"]["id"]
    return {"benchmark": found_benchmark, "how": how, "region": region_of, "department": department_of,
            "via": chosen["id"], "at": day}
