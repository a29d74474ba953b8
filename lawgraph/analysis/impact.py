"""Amendment impact: what breaks in powers, benchmarks, 三张清单, cases and other statutes when a law
moves from one version to another.

The walk starts from the units of the old version whose fate is not `unchanged` (so its cost follows
the affected set, not the graph): their dependents through BASED_ON (powers, benchmarks, list entries),
the tiers and cases of affected benchmarks, and the CITES edges of other statutes. Each break names the
department that must act, the power / benchmark / tier / entry / case, the old and new text, and a
suggested fix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from lawgraph.domain import ids
from lawgraph.domain.align import Fate, Unit, fates
from lawgraph.domain.ranges import (
    Envelope,
    allowed_ranges,
    index_units,
    level_of,
    outcome_of,
    outside,
    show_ranges,
    text_for_range,
    tier_amounts,
)
from lawgraph.errors import NotFoundError
from lawgraph.graph import gcpause
from lawgraph.graph.repos import alignment
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import GraphStore

CONFIDENT = 0.6  # below this similarity a renumbered_modified successor is only a candidate
KINDS = ("basis_repealed", "basis_renumbered", "basis_changed", "range_exceeded", "range_changed",
         "penalty_type_removed", "case_precedent", "citing_statute", "citing_document")
LEVELS = ("article", "paragraph", "item", "subitem")
_FATE_LABELS = {"deleted": "已删除", "modified": "内容有修改", "renumbered": "条号已变",
                "renumbered_modified": "条号和内容均有变化", "split": "已拆分", "merged": "已合并"}


# one thing to fix, as impact gives it: every break has these keys, in this order (the tier, case and citing ones
# are None where they do not apply). Plain dicts, built from a per-dependent template: a dataclass per break and its
# conversion cost a tenth of an impact of 13,000 breaks.
_BLANK: dict[str, Any] = {
    "kind": None, "department": None, "owner": None, "unit_old": None, "unit_new": None, "old_text": "",
    "new_text": "", "evidence": "", "fix": "", "power": None, "tier": None, "case": None, "citing": None,
    "citation": None, "suggested": None,
    "needs_review": False,  # rests on an alignment row legal staff should check (待核对)
}
Break = dict[str, Any]


def _break(kind: str, **fields: Any) -> Break:
    return {**_BLANK, "kind": kind, **fields}


@dataclass(frozen=True)
class _Ranges:
    """What the tier checks of one affected unit read: the outcomes and allowed ranges before and after."""

    old_types: frozenset[str]
    new_types: frozenset[str]
    allowed: dict[str, Envelope]
    before: dict[str, Envelope]
    shown: str  # show_ranges(allowed)
    moved: str  # the change of range, in words
    checked: dict[tuple[str, tuple[float | None, float | None, str | None]], str | None] = field(
        default_factory=dict, compare=False)  # outside() of the amounts met so far (tiers repeat a few amounts)

    def outside(self, kind: str, value: tuple[float | None, float | None, str | None]) -> str | None:
        """Why a tier's amounts of `kind` lie outside the new text's ranges (None if they fit)."""
        key = (kind, value)
        if key not in self.checked:
            self.checked[key] = outside(value, kind, self.allowed[kind])
        return self.checked[key]


class _Texts:
    """Texts, and the ranges parsed from them, of the affected units: computed once per unit, not once per power
    or benchmark resting on it (thousands of dependents share a few dozen units)."""

    def __init__(self, old_index: dict[str, Unit], new_index: dict[str, Unit]) -> None:
        self._old_index, self._new_index = old_index, new_index
        self._old: dict[str, str] = {}
        self._new: dict[tuple[str, ...], str] = {}
        self._ranges: dict[tuple[str, tuple[str, ...]], _Ranges] = {}

    def old(self, unit: str) -> str:
        if unit not in self._old:
            self._old[unit] = self._old_index[unit].text if unit in self._old_index else ""
        return self._old[unit]

    def new(self, f: Fate) -> str:
        key = tuple(f.new)
        if key not in self._new:
            self._new[key] = "\n".join(self._new_index[n].text for n in f.new if n in self._new_index)
        return self._new[key]

    def ranges(self, f: Fate, unit_old: str) -> _Ranges:
        key = (unit_old, tuple(f.new))
        if key not in self._ranges:
            new_text = "\n".join(text_for_range(self._new_index, n) for n in f.new)
            old_text = text_for_range(self._old_index, unit_old)
            allowed, before = allowed_ranges(new_text), allowed_ranges(old_text)
            self._ranges[key] = _Ranges(frozenset(outcome_of(old_text).types), frozenset(outcome_of(new_text).types),
                                        allowed, before, show_ranges(allowed),
                                        f"法定幅度由 {show_ranges(before)} 变为 {show_ranges(allowed)}")
        return self._ranges[key]


# what rests on (cites) an affected unit, one query per level of unit
DEPENDENTS = {"article": "impact/dependents_article", "paragraph": "impact/dependents_paragraph",
              "item": "impact/dependents_item"}
CITING = {"article": "impact/citing_article", "paragraph": "impact/citing_paragraph", "item": "impact/citing_item"}


def _level(unit_id: str) -> str:
    return LEVELS[level_of(unit_id)]


def impact(store: GraphStore, law_id: str, from_version: str, to_version: str, *,
           region: str | None = None, confidential: bool = True) -> dict[str, Any]:
    """Every break caused by moving `law_id` from one version to another (ids of LawVersion nodes).
    `confidential=False` leaves out 涉密 powers and their benchmarks, list entries and cases (for readers)."""
    with gcpause.paused():  # tens of thousands of rows and breaks: see lawgraph.graph.gcpause
        return _impact(store, law_id, from_version, to_version, region=region, confidential=confidential)


def _impact(store: GraphStore, law_id: str, from_version: str, to_version: str, *,
            region: str | None, confidential: bool) -> dict[str, Any]:
    law = law_repo.find_law(store, law_id=law_id, title="")
    if law is None:
        raise NotFoundError(f"no law {law_id!r} in the graph")
    pairs, old, new = alignment.align_stored(store, from_version, to_version)
    fate = fates(pairs, old, new)
    old_index, new_index = index_units(old), index_units(new)
    affected = {uid: f for uid, f in fate.items() if f.kind != "unchanged"}
    ids_by_level: dict[str, list[str]] = {level: [] for level in LEVELS}
    for uid in affected:
        ids_by_level[_level(uid)].append(uid)
    breaks: list[Break] = []
    if affected:  # nothing changed (a re-ingest of the same text, an amendment of other laws' units): nothing to read
        breaks = _read_and_check(store, law_id, law, region, confidential, affected, ids_by_level, old_index,
                                 new_index)
    counts = Counter(b["kind"] for b in breaks)
    # the text of each unit the breaks name, once: a break's old_text is its unit_old's, its new_text its unit_new's
    # joined by newlines (thousands of breaks share a few dozen units, so a client can read the texts from here)
    texts: dict[str, str] = {}
    for unit in sorted({b["unit_old"] for b in breaks}):
        if unit in old_index:
            texts[unit] = old_index[unit].text
        texts |= {n: new_index[n].text for n in affected[unit].new if n in new_index}
    return {"law": law["title"], "law_id": law_id, "from": from_version, "to": to_version, "region": region,
            "alignment": dict(Counter(p.kind for p in pairs)), "affected_units": len(affected),
            "summary": {k: counts.get(k, 0) for k in KINDS}, "breaks": breaks, "texts": texts}


def _read_and_check(store: GraphStore, law_id: str, law: dict[str, Any], region: str | None, confidential: bool,
                    affected: dict[str, Fate], ids_by_level: dict[str, list[str]], old_index: dict[str, Unit],
                    new_index: dict[str, Unit]) -> list[Break]:
    """Read what rests on the affected units and find the breaks."""
    # the reads run side by side (the store answers and sends one while Python builds the rows of another); the
    # tiers, the largest, need only the affected units, so they run beside the dependents and the basis checks
    where = {"region": region, "above": ids.ancestors(region)}  # a county's impact reads no other county's tiers
    units: dict[str, Any] = {f"{level}s": ids_by_level[level] for level in ("article", "paragraph", "item")} | where
    # the tiers are checked against a successor's text: those of benchmarks on deleted units are not read (their
    # cases come with their tiers' names)
    kept: dict[str, Any] = {f"{level}s": [uid for uid in ids_by_level[level] if affected[uid].new]
                            for level in ("article", "paragraph", "item")} | where
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="lawgraph-impact") as reads:
        tiers_read = reads.submit(store.run, "impact/tiers", **kept)
        cases_read = reads.submit(store.run, "impact/tier_cases", **units)
        citing_read = reads.submit(_per_level, store, CITING, ids_by_level, law_id=law_id)
        documents_read = reads.submit(store.run, "impact/citing_documents",
                                      **{f"{level}s": ids for level, ids in ids_by_level.items()})
        dependents = _per_level(store, DEPENDENTS, ids_by_level, confidential=confidential)
        breaks = _breaks(store, law, region, affected, dependents, old_index, new_index,
                         lambda: _tiers(tiers_read.result(), cases_read.result()), citing_read.result())
        breaks += _document_breaks(documents_read.result(), law["title"], affected, old_index, new_index)
    return breaks


def _per_level(store: GraphStore, names: dict[str, str], ids_by_level: dict[str, list[str]],
               **params: Any) -> list[dict[str, Any]]:
    """The rows of one query per level of affected unit (`names`: DEPENDENTS or CITING; sub-items are reached
    through their item)."""
    rows: list[dict[str, Any]] = []
    for level in ("article", "paragraph", "item"):
        if ids_by_level[level]:
            rows += store.run(names[level], ids=ids_by_level[level], **params)
    return rows


_Tiers = tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]

def _tiers(tier_rows: list[dict[str, Any]], case_rows: list[dict[str, Any]]) -> _Tiers:
    """The tiers by benchmark (impact/tiers), in order; the cases decided on them by tier (impact/tier_cases), each
    once (a benchmark resting on units of two levels comes twice); and the tiers that have cases (id and name) by
    benchmark, in order — all a benchmark on a deleted unit needs (its tiers are not read)."""
    tiers: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    for row in tier_rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            tiers.setdefault(row["id"].rpartition("#")[0], []).append(row)  # a tier's id is its benchmark's, '#'…
    for found in tiers.values():  # in the benchmark's order, whatever order the store sent them in: a tier's id is
        found.sort(key=lambda tier: (len(tier["id"]), tier["id"]))  # its benchmark's, '#' and its ordinal
    cases: dict[str, list[dict[str, Any]]] = {}
    named: dict[str, list[dict[str, Any]]] = {}  # the tiers with cases, by benchmark, in order
    for row in sorted(case_rows, key=lambda row: (len(row["tier"]), row["tier"], row["id"])):
        if row["tier"] not in cases:
            cases[row["tier"]] = []
            named.setdefault(row["tier"].rpartition("#")[0], []).append({"id": row["tier"], "name": row["tier_name"]})
        decided = cases[row["tier"]]
        if not decided or decided[-1]["id"] != row["id"]:
            decided.append({k: row[k] for k in ("id", "title", "date", "fine")})
    return tiers, cases, named


def _breaks(store: GraphStore, law: dict[str, Any], region: str | None, affected: dict[str, Fate],
            dependents: list[dict[str, Any]], old_index: dict[str, Unit], new_index: dict[str, Unit],
            tiers_read: Callable[[], _Tiers], citing: list[dict[str, Any]]) -> list[Break]:
    """The breaks of powers, benchmarks, list entries, tiers, cases and citing statutes."""
    departments = {row["id"]: row for row in store.run(
        "impact/departments", ids=sorted({row["department"] for row in dependents}))}
    for row in dependents:
        row["region"] = departments[row["department"]]["region"]
    title = law["title"]
    breaks: list[Break] = []

    upper_regions = set(ids.ancestors(region))

    def above(where: str | None) -> bool:
        return where in upper_regions

    # from the levels above the region, only the benchmarks it uses (adopts, or inherits for a power it holds
    # with no benchmark of its own); the upper departments' own powers and lists are theirs to fix
    used: set[str] = set()
    upper = sorted({row["owner"] for row in dependents
                    if above(row["region"]) and row["kind"] == "benchmark"})
    if upper:
        for row in store.run("impact/region_uses", ids=upper, region=region):
            if row["adopted_by"] or (row["powers"] and not row["own"]):
                used.add(row["id"])

    def in_region(row: dict[str, Any]) -> bool:
        return ids.within(region, row["region"]) or (above(row["region"]) and row["owner"] in used)

    benchmarks: dict[str, list[tuple[dict[str, Any], Fate]]] = {}
    texts = _Texts(old_index, new_index)
    basis: dict[str, list[tuple[str, str, str, str | None]]] = {}  # the basis breaks of each unit, worked out once
    for row in dependents:
        if not in_region(row):
            continue
        f = affected[row["unit"]]
        held_by = departments[row["department"]]
        department = {"id": held_by["id"], "name": held_by["name"], "region": held_by["region"]}
        owner_kind = row["kind"]
        owner = {"kind": owner_kind, "id": row["owner"], "name": row["name"], "code": row["code"],
                 "list": row["list_kind"]}
        power = ({"id": row["owner"], "name": row["name"]} if owner_kind == "power"
                 else {"id": row["power"], "name": row["power_name"]} if row["power"] else None)
        common = {"department": department, "owner": owner, "power": power, "unit_old": row["unit"],
                  "unit_new": f.new, "old_text": texts.old(row["unit"]), "new_text": texts.new(f),
                  "citation": row["text"], "needs_review": f.needs_review}
        if row["unit"] not in basis:
            basis[row["unit"]] = _basis(title, row["unit"], f)
        template = {**_BLANK, **common}
        for kind, evidence, fix, suggested in basis[row["unit"]]:
            breaks.append({**template, "kind": kind, "evidence": evidence, "fix": fix, "suggested": suggested})
        if owner_kind == "benchmark":
            benchmarks.setdefault(row["owner"], []).append((template, f))
    # tiers of affected benchmarks: ranges and penalty types against the new text; cases on broken tiers
    tiers, cases, with_cases = tiers_read()
    if benchmarks:
        for benchmark_id, uses in benchmarks.items():
            for common, f in uses:
                if not f.new:  # every tier is broken: those with cases are the ones that matter here
                    broken = with_cases.get(benchmark_id, [])
                else:
                    broken = _tier_breaks(breaks, common, f, tiers.get(benchmark_id, []),
                                          texts.ranges(f, common["unit_old"]))
                for tier in broken:
                    for case in cases.get(tier["id"], []):
                        breaks.append({
                            **common, "kind": "case_precedent", "tier": {"id": tier["id"], "name": tier["name"]},
                            "case": case, "suggested": None,
                            "evidence": f"案例《{case['title']}》（{case['date']}）适用的档次「{tier['name']}」"
                                        "依据已变化",
                            "fix": "该案例暂不作为参照，或按新条文重新评查"})
    for row in citing:
        if row["status"] not in (None, "in_force", "not_yet_in_force"):
            continue
        f = affected[row["unit"]]
        breaks.append(_break(
            "citing_statute", department={"id": None, "name": "立法 / 法制机构", "region": None}, owner=None,
            needs_review=f.needs_review,
            unit_old=row["unit"], unit_new=f.new, old_text=old_index[row["unit"]].text if row["unit"] in old_index
            else "", new_text="\n".join(new_index[n].text for n in f.new if n in new_index),
            citing={"version": row["version_id"], "title": row["title"], "unit": row["source"], "text": row["text"]},
            citation=row["text"], evidence=f"《{row['title']}》引用的{ids.unit_label(row['unit'])}在新文本中"
                                          f"{_FATE_LABELS.get(f.kind, f.kind)}", fix="修改该法规中的引用"))
    return breaks


def _basis(title: str, unit: str, f: Fate) -> list[tuple[str, str, str, str | None]]:
    """(kind, evidence, fix, suggested) of the breaks of whatever rests on `unit`, whose fate is `f`."""
    label_old = f"《{title}》{ids.unit_label(unit)}"
    if f.kind == "deleted":
        return [("basis_repealed", f"{label_old}在新文本中没有对应条文", "重新确定依据；该行为不再受处罚的，取消该事项",
                 None)]
    if f.kind == "renumbered" or (f.kind == "renumbered_modified" and f.similarity >= CONFIDENT):
        suggested = "、".join(f"《{title}》{ids.unit_label(n)}" for n in f.new)
        out: list[tuple[str, str, str, str | None]] = [
            ("basis_renumbered", f"{label_old}现为{suggested}（相似度 {f.similarity:.2f}）", f"改为引用{suggested}",
             suggested)]
        if f.kind == "renumbered_modified":
            out.append(("basis_changed", f"{label_old}移至{suggested}，内容有修改", "对照新条文复核该事项", suggested))
        return out
    candidates = "、".join(f"《{title}》{ids.unit_label(n)}" for n in f.new)
    how = {"modified": "内容有修改", "split": f"拆分为{candidates}", "merged": f"并入{candidates}",
           "renumbered_modified": f"最可能对应{candidates}（相似度 {f.similarity:.2f}，需人工确认）"
           }.get(f.kind, f.kind)
    sure = f.kind != "renumbered_modified"  # a doubtful successor is shown in the evidence, not suggested
    return [("basis_changed", f"{label_old}{how}", "对照新条文复核该事项并更正引用",
             (candidates or None) if sure else None)]


def _document_breaks(rows: list[dict[str, Any]], title: str, affected: dict[str, Fate],
                     old_index: dict[str, Unit], new_index: dict[str, Unit]) -> list[Break]:
    """citing_document: a policy document cites a unit that changed or vanished; its issuer must act (`rows`:
    impact/citing_documents)."""
    out: list[Break] = []
    rows.sort(key=lambda row: (row["document"], row["source"], row["start"] if row["start"] is not None else -1))
    for row in rows:
        f = affected[row["unit"]]
        label = f"《{title}》{ids.unit_label(row['unit'])}"
        named = f"《{row['title']}》" + (f"（{row['number']}）" if row["number"] else "")
        successor = "、".join(f"《{title}》{ids.unit_label(n)}" for n in f.new)
        sure = f.kind == "renumbered" or (f.kind == "renumbered_modified" and f.similarity >= CONFIDENT)
        out.append(_break(
            "citing_document", department={"id": None, "name": row["issuer"] or "发文机关（文件未写明）",
                                           "region": None}, owner=None, needs_review=f.needs_review,
            unit_old=row["unit"], unit_new=f.new,
            old_text=old_index[row["unit"]].text if row["unit"] in old_index else "",
            new_text="\n".join(new_index[n].text for n in f.new if n in new_index),
            citing={"document": row["document"], "title": row["title"], "number": row["number"],
                    "unit": row["source"], "text": row["text"], "version": None},
            citation=row["text"], suggested=successor if sure and successor else None,
            evidence=f"文件{named}引用的{label}在新文本中{_FATE_LABELS.get(f.kind, f.kind)}"
                     + (f"，现为{successor}" if successor and f.kind != "modified" else ""),
            fix=f"改为引用{successor}" if sure and successor
            else "对照新条文修改该文件中的引用，或评估该文件是否需要修订"))
    return out


def _tier_breaks(breaks: list[Break], common: dict[str, Any], f: Fate, tiers: list[dict[str, Any]],
                 ranges: _Ranges) -> list[dict[str, Any]]:
    """Range and penalty-type checks of a benchmark's tiers against the new text; returns broken tiers."""
    allowed, before = ranges.allowed, ranges.before
    broken = []
    for tier in tiers:
        amounts = tier_amounts(tier)
        reasons = [why for why in (ranges.outside(kind, value) for kind, value in amounts.items()) if why]
        ref = {"id": tier["id"], "name": tier["name"], "outcome": tier.get("outcome")}
        if reasons:
            doubt = "" if f.similarity >= CONFIDENT else f"；按最可能对应的新条文计算（相似度 {f.similarity:.2f}）"
            breaks.append({**common, "kind": "range_exceeded", "tier": ref, "fix": "将该档次调整到新的法定幅度内",
                           "evidence": "；".join(reasons) + f"（档次：{tier.get('outcome')}；"
                                                            f"新幅度：{ranges.shown}{doubt}）",
                           "suggested": None})
        elif amounts and allowed != before and f.similarity >= CONFIDENT:
            # only against a successor the alignment is sure of: a moved range of a doubtful successor says little
            breaks.append({**common, "kind": "range_changed", "tier": ref, "evidence": ranges.moved,
                           "fix": "检查各档次是否仍合理划分新的幅度", "suggested": None})
        removed = [t for t in (tier.get("types") or []) if t in ranges.old_types and t not in ranges.new_types]
        if removed:
            breaks.append({**common, "kind": "penalty_type_removed", "tier": ref,
                           "evidence": f"新条文已无{'、'.join(removed)}", "fix": "从该档次删除该处罚种类",
                           "suggested": None})
        if reasons or removed:
            broken.append(tier)
    return broken
