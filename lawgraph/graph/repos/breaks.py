"""Breaks as tracked work: each break of an amendment is a `Break` node with a deterministic id, a status legal staff
set (待处理 / 已处理 / 不适用, who, when, a note) and whether it is still open.

The id comes from what the break is about — the amendment (law, from, to), its kind, the item it concerns (power,
benchmark, list entry, tier, case or citing unit) and the old unit — so recomputing the same amendment (a re-ingest,
a corrected alignment review, a changed basis) finds the same ids: their status is kept, their content refreshed
(`changed` when it differs), breaks no longer found are closed with the reason, new ones are added as 待处理."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from lawgraph.errors import InputError, NotFoundError
from lawgraph.graph.store import GraphStore, first

STATUSES = ("待处理", "已处理", "不适用")
# the old and new statute texts of a break are not stored with it (thousands of breaks share a few dozen units, and
# the texts were most of what a first store of an amendment's breaks wrote): `shown` puts them back from the units
TEXTS = ("old_text", "new_text")
CHUNK = 2000


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def break_id(law: str, old: str, new: str, row: dict[str, Any]) -> str:
    """The id of one break: the amendment, its kind, the items it concerns and the old unit."""
    def key(part: str) -> str:
        value = row.get(part)
        if isinstance(value, dict):
            return str(value.get("unit") or value.get("id") or "")
        return ""

    parts = [law, old, new, row["kind"], row["unit_old"], key("owner"), key("tier"), key("case"), key("citing")]
    return "b" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:15]


# what decides that a recomputed break's content changed (the id already covers the amendment, kind and items)
_HASHED = ("unit_new", "evidence", "fix", "suggested", "new_text", "confidential", "department", "owner", "power",
           "tier", "case", "needs_review")
_AMENDMENT = ("law", "from_version", "to_version")  # the same on every break of a sync: parameters of breaks/upsert
_COMPACT = 2  # `v` of a compact detail: only what the stored properties do not hold (see `record`)


def _legacy_hash(row: dict[str, Any]) -> str:
    """The content hash of breaks stored by earlier releases (their `hash` has no `2:` prefix): compared only with
    those, so a stored break whose content did not change is still `kept` after the upgrade."""
    shown = {k: row.get(k) for k in _HASHED}
    return hashlib.sha1(json.dumps(shown, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def _content_hash(props: dict[str, Any], new_text: str) -> str:
    """The content hash of a stored break: its properties (the compact detail among them) and the new text, which
    is not stored. `repr` of strings, numbers, lists and None is stable: no JSON encoding of every break twice."""
    values = (props["unit_new"], props["evidence"], props["fix"], props["suggested"], props["confidential"],
              props["department"], props["department_name"], props["region"], props["owner_kind"], props["owner"],
              props["owner_name"], props["owner_code"], props["power"], props["tier"], props["case"],
              props["needs_review"], props["detail"], new_text)
    return f"{_COMPACT}:" + hashlib.sha1(repr(values).encode()).hexdigest()[:16]


def record(law: str, old: str, new: str, row: dict[str, Any]) -> dict[str, Any]:
    """The stored properties of one break (an `impact` break, as a dict). `detail` holds only what the properties
    do not (the list kind, the power's name, the tier, case and citing text): `shown` rebuilds the impact break
    from both. It was the whole break once, most of the bytes a first store of an amendment's breaks wrote."""
    department = row.get("department")
    owner = row.get("owner")
    power = row.get("power")
    extra: dict[str, Any] = {"v": _COMPACT}
    if department is None:
        extra["no_department"] = True
    for key, value in (("list", (owner or {}).get("list")), ("power_name", (power or {}).get("name")),
                       ("tier", row.get("tier")), ("case", row.get("case")), ("citing", row.get("citing"))):
        if value is not None:
            extra[key] = value
    props = {
        "law": law, "from_version": old, "to_version": new, "kind": row["kind"],
        "department": (department or {}).get("id"), "department_name": (department or {}).get("name"),
        "region": (department or {}).get("region"), "owner_kind": (owner or {}).get("kind"),
        "owner": (owner or {}).get("id"), "owner_name": (owner or {}).get("name"),
        "owner_code": (owner or {}).get("code"), "power": (power or {}).get("id"),
        "tier": (row.get("tier") or {}).get("id"), "case": (row.get("case") or {}).get("id"),
        "citing": (row.get("citing") or {}).get("unit"),
        "unit_old": row["unit_old"], "unit_new": list(row.get("unit_new") or []),
        "evidence": row.get("evidence"), "fix": row.get("fix"), "suggested": row.get("suggested"),
        "citation": row.get("citation"), "confidential": bool(row.get("confidential")),
        "needs_review": bool(row.get("needs_review")),
        "detail": json.dumps(extra, ensure_ascii=False, default=str),
    }
    props["hash"] = _content_hash(props, row.get("new_text") or "")
    return props


def _detail(row: dict[str, Any]) -> dict[str, Any] | None:
    """The impact break (without its texts) of a stored break: a compact detail (`v` 2) completed from the
    properties, or the whole break as earlier releases stored it (no `v`)."""
    if not row.get("detail"):
        return None
    stored = json.loads(row["detail"])
    if stored.get("v") != _COMPACT:
        return dict(stored)
    return {
        "kind": row.get("kind"),
        "department": {"id": row.get("department"), "name": row.get("department_name"), "region": row.get("region")}
        if not stored.get("no_department") else None,
        "owner": {"kind": row.get("owner_kind"), "id": row.get("owner"), "name": row.get("owner_name"),
                  "code": row.get("owner_code"), "list": stored.get("list")} if row.get("owner_kind") else None,
        "unit_old": row.get("unit_old"), "unit_new": list(row.get("unit_new") or []),
        "evidence": row.get("evidence"), "fix": row.get("fix"),
        "power": {"id": row.get("power"), "name": stored.get("power_name")} if row.get("power") else None,
        "tier": stored.get("tier"), "case": stored.get("case"), "citing": stored.get("citing"),
        "citation": row.get("citation"), "suggested": row.get("suggested"),
        "needs_review": bool(row.get("needs_review")), "confidential": bool(row.get("confidential")),
    }


@dataclass
class SyncReport:
    """What a recomputation did to the stored breaks of one amendment."""

    law: str
    from_version: str
    to_version: str
    new: list[str] = field(default_factory=list)
    kept: int = 0
    changed: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)  # open breaks of amendments to an older version, closed

    def summary(self) -> dict[str, Any]:
        out = {"law": self.law, "from": self.from_version, "to": self.to_version, "new": len(self.new),
               "kept": self.kept, "changed": len(self.changed), "closed": len(self.closed),
               "reopened": len(self.reopened)}
        if self.superseded:
            out["superseded"] = len(self.superseded)
        return out


def sync(store: GraphStore, law: str, old: str, new: str, rows: list[dict[str, Any]], trigger: str) -> SyncReport:
    """Store the breaks `rows` (impact's, as dicts) of the amendment law old → new: keep the status of those still
    there, refresh their content, close the stored ones not among them (with `trigger` in the reason)."""
    report = SyncReport(law, old, new)
    stored = {r["id"]: r for r in store.run("breaks/of_amendment", law=law, old=old, new=new)}
    powers = sorted({str(r["power"]["id"]) for r in rows if r.get("power") and r["power"].get("id")})
    secret = {str(r["id"]) for r in store.run("breaks/confidential_powers", ids=powers)} if powers else set()
    at = now()
    records: dict[str, dict[str, Any]] = {}
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        bid = break_id(law, old, new, row)
        if bid not in records:
            found[bid] = {**row, "confidential": bool(row.get("power") and row["power"].get("id") in secret)}
            records[bid] = record(law, old, new, found[bid])
    for bid, props in records.items():
        before = stored.get(bid)
        if before is None:
            report.new.append(bid)
        else:
            if not before["open"]:
                report.reopened.append(bid)
            hashed = str(before["hash"] or "")
            if hashed != (props["hash"] if hashed.startswith(f"{_COMPACT}:") else _legacy_hash(found[bid])):
                report.changed.append(bid)
            else:
                report.kept += 1
    # only what is new, changed or reopened is written: a recomputation that finds the same breaks writes nothing
    fresh = set(report.new) | set(report.changed) | set(report.reopened)
    upserts = [{"id": bid, "props": {k: v for k, v in props.items() if k not in _AMENDMENT}}
               for bid, props in records.items() if bid in fresh]
    if upserts:  # one batched write: the next batch is serialised while the store runs the previous one
        store.write("breaks/upsert", upserts, batch=CHUNK, law=law, old=old, new=new, at=at)
    report.closed = sorted(bid for bid, row in stored.items() if row["open"] and bid not in records)
    if report.closed:
        store.execute("breaks/close", ids=report.closed, at=at,
                      reason=f"no longer found when the amendment was recomputed ({trigger}, {at[:10]})")
    return report


def page(store: GraphStore, *, law: str | None = None, region: str | None = None, department: str | None = None,
         status: str | None = None, open_only: bool | None = True, since: str | None = None,
         confidential: bool = True, skip: int = 0, limit: int = 50) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of breaks) under the filters, newest amendment first; `department` is a department's id, or
    for the breaks of no department (citing statutes and documents) the name they are listed under."""
    if status is not None and status not in STATUSES:
        raise InputError("--status", f"{status!r} is not a status; use {', '.join(STATUSES)}")
    found = first(store.run("breaks/page", law=law, region=region, department=department, status=status,
                            open=open_only, since=since, confidential=confidential, skip=skip, limit=limit))
    if not found:
        return 0, []
    return int(found["total"]), with_texts(store, [shown(r) for r in found["rows"]])


def shown(row: dict[str, Any]) -> dict[str, Any]:
    """A stored break for output: its properties, `detail` (the impact break) decoded."""
    out = {k: v for k, v in row.items() if k not in ("detail", "hash")}
    out["detail"] = _detail(row)
    return out


def with_texts(store: GraphStore, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Put the old and new statute texts back into the `detail` of stored breaks (as impact gives them: the old
    unit's text, the new units' texts joined by newlines), from the units they name (one breaks/unit_texts read).
    A unit no longer in the graph gives an empty text."""
    wanted: dict[str, list[str]] = {"articles": [], "paragraphs": [], "items": []}
    for unit in sorted({str(u) for row in rows if row.get("detail") and "old_text" not in row["detail"]
                        for u in [row["detail"].get("unit_old"), *(row["detail"].get("unit_new") or [])] if u}):
        level = unit.rpartition("/")[2].count(".")
        if level < 3:
            wanted[("articles", "paragraphs", "items")[level]].append(unit)
    texts: dict[str, str] = {}
    if any(wanted.values()):
        for found in store.run("breaks/unit_texts", **wanted):
            items = sorted(found["items"] or [], key=lambda pair: pair[0] if pair[0] is not None else 0)
            texts[str(found["id"])] = (found["text"] or "") + "".join(text or "" for _, text in items)
    for row in rows:
        detail = row.get("detail")
        if detail is None or "old_text" in detail:
            continue
        detail["old_text"] = texts.get(detail.get("unit_old") or "", "")
        detail["new_text"] = "\n".join(texts[u] for u in detail.get("unit_new") or [] if u in texts)
    return rows


def get(store: GraphStore, break_id_: str) -> dict[str, Any]:
    rows = store.run("breaks/by_ids", ids=[break_id_])
    if not rows:
        raise NotFoundError(f"no break {break_id_!r}; list them with `lawgraph breaks list`")
    return with_texts(store, [shown(rows[0]["row"])])[0]


def set_status(store: GraphStore, break_id_: str, status: str, by: str, note: str | None = None) -> dict[str, Any]:
    """Set a break's status; an unknown id or status is refused and nothing changes."""
    if status not in STATUSES:
        raise InputError("--status", f"{status!r} is not a status; use {', '.join(STATUSES)}")
    if note is not None and len(note) > 2000:
        raise InputError("--note", f"{len(note)} characters; at most 2000")
    get(store, break_id_)  # raises when unknown
    rows = store.execute("breaks/set_status", id=break_id_, status=status, by=by, at=now(), note=note)
    return with_texts(store, [shown(rows[0]["row"])])[0]


def summary(store: GraphStore, region: str | None = None, confidential: bool = True,
            law: str | None = None) -> list[dict[str, Any]]:
    """Per department: open breaks 待处理 / 已处理 / 不适用 and the oldest still 待处理 (of one law's amendments when
    `law`, a law id, is given); most 待处理 first."""
    return list(overview(store, law, region, confidential)["departments"])


def overview(store: GraphStore, law: str | None = None, region: str | None = None,
             confidential: bool = True) -> dict[str, Any]:
    """The open breaks at a glance: how many, per kind, per amendment (law, from and to version) and per department
    (`summary`) — what a 司法局 looks at before opening one department's breaks. One read (breaks/summary) of counts
    by department, status, kind and amendment, folded here."""
    kinds: Counter[str] = Counter()
    amendments: Counter[tuple[str, str, str]] = Counter()
    departments: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
    column = dict(zip(STATUSES, ("pending", "done", "not_applicable"), strict=True))
    for row in store.run("breaks/summary", law=law, region=region, confidential=confidential):
        count = int(row["count"])
        kinds[row["kind"]] += count
        amendments[(str(row["law"]), str(row["from_version"]), str(row["to_version"]))] += count
        key = (row["department"], row["name"], row["region"])
        found = departments.setdefault(key, {"department": key[0], "name": key[1], "region": key[2], "pending": 0,
                                             "done": 0, "not_applicable": 0, "oldest_pending": None})
        if row["status"] in column:
            found[column[row["status"]]] += count
        if row["status"] == STATUSES[0] and row["oldest"] is not None and (
                found["oldest_pending"] is None or row["oldest"] < found["oldest_pending"]):
            found["oldest_pending"] = row["oldest"]
    return {"total": kinds.total(),
            "kinds": [{"kind": k, "count": n} for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))],
            "amendments": [{"law": a[0], "from_version": a[1], "to_version": a[2], "count": n}
                           for a, n in sorted(amendments.items(), key=lambda an: (an[0][2], an[0][0]), reverse=True)],
            "departments": sorted(departments.values(),
                                  key=lambda d: (-d["pending"], d["department"] or "", d["name"] or ""))}
