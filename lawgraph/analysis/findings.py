"""Legality findings (issue 7, first rules): each a rule with an id, a description and its evidence.

F01 a 行政许可 whose only bases are 部门规章 or 规范性文件 (a permit may be set only by 法律, 行政法规, 国务院决定,
    地方性法规 or, temporarily, a provincial rule); F02 a basis citing a superseded version (stale); F03 a basis that
    does not resolve; F04 a tier outside its cited unit's statutory range (current text); F05 a penalty benchmark
    with a range and fewer than 3 tiers; F06 tier names outside the 3/4/5 forms (and 简易/一般/重大疑难);
    F07 a discretionary power with no benchmark in force (own, adopted or inherited), with coverage per department;
    F08 a 减轻 / 不予处罚 entry for high-risk conduct; F09 a case whose fine lies outside its tier's range;
    F10 a 行政拘留 tier whose basis is not a 法律; F11 tiers whose ranges overlap or leave a gap; F12 a penalty or
    enforcement power with no case in five years (cleanup candidate; only where the department records cases);
    F13 a lower level's benchmark wider than the upper level's it follows (adopted, or the upper benchmark for the
    same power code); F14 similar cases (same power and tier) with very different fines.
Coverage: discretionary powers with a benchmark in force, per department — all of them, and the high-frequency
ones (`FREQUENT_CASES` or more cases in the `FREQUENT_YEARS` before the date).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date
from typing import Any

from lawgraph.domain import ids
from lawgraph.domain.ranges import allowed_ranges, index_units, outside, text_for_range, tier_amounts
from lawgraph.domain.vocab import PERMIT_TIERS, TIER_FORMS
from lawgraph.errors import LawgraphError
from lawgraph.graph.repos import alignment
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.store import GraphStore

RULES = {
    "F01": "行政许可仅以部门规章或规范性文件为依据",
    "F02": "依据引用已被修改或废止的版本",
    "F03": "依据无法解析到条款",
    "F04": "裁量档次超出所引条款的法定幅度",
    "F05": "有幅度的处罚基准少于三个档次",
    "F06": "档次名称不在三、四、五档或简易/一般/重大疑难的形式内",
    "F07": "有裁量权的职权没有适用的裁量基准",
    "F08": "高风险违法行为列入减轻或不予处罚清单",
    "F09": "案例罚款超出所适用档次的幅度",
    "F10": "行政拘留档次的依据不是法律",
    "F11": "裁量档次的幅度相互重叠或留有空档",
    "F12": "近五年没有案例的处罚、强制职权（清理候选）",
    "F13": "下级裁量基准的幅度宽于所依照的上级基准",
    "F14": "同一职权、同一档次的类似案例罚款差异悬殊（类案不同罚）",
}
FREQUENT_CASES, FREQUENT_YEARS = 2, 3
DORMANT_YEARS = 5
DORMANT_CATEGORIES = {"行政处罚", "行政强制"}
SPREAD = 3.0  # F14: the largest fine of a group of similar cases over the smallest
RULE_LEVELS = {"法律", "行政法规", "地方性法规", "自治条例/单行条例"}
ALLOWED_NAMES = {name for form in TIER_FORMS.values() for name in form} | set(PERMIT_TIERS)


def _version(unit_id: str) -> str:
    return unit_id.split("/", 1)[0]


def _years_before(day: date, years: int) -> str:
    try:
        return day.replace(year=day.year - years).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28).isoformat()


def _amount(value: float | None, kind: str) -> str:
    if value is None:
        return "—"
    return {"fine": f"{value:g}元", "multiple": f"{value:g}倍", "percent": f"{value:g}%"}[kind]


def _seams(tiers: list[dict[str, Any]]) -> list[str]:
    """F11: overlaps and gaps between the ranges of consecutive tiers (same kind and base), in value order."""
    out = []
    for kind in ("fine", "multiple", "percent"):
        ranged: dict[str | None, list[tuple[float, float, str]]] = defaultdict(list)
        for t in tiers:
            lo, hi, base = tier_amounts(t).get(kind, (None, None, None))
            if lo is not None and hi is not None:
                ranged[base].append((lo, hi, t["name"]))
        for rows in ranged.values():
            rows.sort()
            for (lo1, hi1, n1), (lo2, hi2, n2) in itertools.pairwise(rows):
                if lo2 < hi1:
                    out.append(f"「{n1}」{_amount(lo1, kind)}–{_amount(hi1, kind)} 与「{n2}」{_amount(lo2, kind)}–"
                               f"{_amount(hi2, kind)} 重叠")
                elif lo2 > hi1:
                    out.append(f"「{n1}」止于{_amount(hi1, kind)}，「{n2}」始于{_amount(lo2, kind)}，中间留有空档")
    return out


def _detention(tiers: list[dict[str, Any]], levels: list[str | None]) -> list[tuple[str, str]]:
    """F10: tiers imposing 行政拘留 when no basis is a 法律 (行政处罚法 第十条: only a law may set it)."""
    if "法律" in levels:
        return []
    why = f"依据层级为{'、'.join(sorted({str(v) for v in levels})) or '无'}；行政拘留只能由法律设定（行政处罚法第十条）"
    return [(t["name"], why) for t in tiers
            if "行政拘留" in (t.get("types") or []) or "拘留" in (t.get("outcome") or "")]


def _wider(lower: dict[str, Any], upper: dict[str, Any]) -> list[tuple[str, str]]:
    """F13: tiers of `lower` (matched to `upper`'s by name) whose ranges reach outside the upper tier's."""
    by_name = {t["name"]: t for t in upper["tiers"]}
    out = []
    for t in sorted(lower["tiers"], key=lambda t: t["ordinal"]):
        u = by_name.get(t["name"])
        if u is None:
            continue
        theirs = tier_amounts(u)
        for kind, (lo, hi, base) in tier_amounts(t).items():
            ulo, uhi, ubase = theirs.get(kind, (None, None, None))
            if (ulo is None and uhi is None) or ubase != base:
                continue
            if (lo is not None and ulo is not None and lo < ulo) or (hi is not None and uhi is not None and hi > uhi):
                out.append((t["name"], f"本级{_amount(lo, kind)}–{_amount(hi, kind)}，"
                                       f"上级（{upper['department_name']}）{_amount(ulo, kind)}–{_amount(uhi, kind)}"))
    return out


def _upper(b: dict[str, Any], by_code: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
    """The upper-level benchmark `b` follows: the one it adopts, else the nearest level above with the same code."""
    if b["adopted"]:
        return next((u for u in by_code.get(b["code"] or "", []) if u["id"] == b["adopted"]), None)
    above = [u for u in by_code.get(b["code"] or "", [])
             if b["region"] != u["region"] and ids.within(u["region"], b["region"])]
    return max(above, key=lambda u: (len(u["region"]), u["effective"] or ""), default=None)


def check(store: GraphStore, *, region: str | None = None, rule: str | None = None,
          at: date | None = None, confidential: bool = True) -> dict[str, Any]:
    """Run the rules (one, or all) over a region (or the whole graph); returns findings and coverage.
    `confidential=False` leaves 涉密 powers out, and their benchmarks, list entries and cases (for readers)."""
    day = at or date.today()
    versions = {r["id"]: r for r in store.run("findings/versions")}
    indexes: dict[str, dict[str, Any]] = {}  # version id → its units, read once however many bases point into it
    findings: list[dict[str, Any]] = []

    def add(rule_id: str, target: dict[str, Any], evidence: str) -> None:
        if rule is None or rule == rule_id:
            findings.append({"rule": rule_id, "description": RULES[rule_id], **target, "evidence": evidence})

    in_force = {vid.split("@", 1)[0]: vid for vid, row in versions.items() if row.get("status") == "in_force"}
    successors: dict[tuple[str, str], dict[str, Any]] = {}

    def successor(unit: str) -> str:
        """Where the provision of `unit` is in the version in force, through the alignment (never merely the same
        number): `；现为 …` / `；现已删除`, or nothing when the law has no version in force."""
        old = _version(unit)
        current = in_force.get(old.split("@", 1)[0])
        if current is None or current == old:
            return ""
        if (old, current) not in successors:
            try:
                successors[(old, current)] = alignment.successors(store, old, current)
            except LawgraphError:
                successors[(old, current)] = {}
        fate = successors[(old, current)].get(unit) or successors[(old, current)].get(unit.rsplit(".", 1)[0])
        if fate is None:
            return ""
        if not fate.new:
            return f"；该条款在现行文本（{current}）中已删除"
        return f"；现行文本（{current}）中为 {'、'.join(ids.unit_label(u) for u in fate.new)}（{fate.kind}）"

    def stale(target: dict[str, Any], basis: dict[str, Any], *, name_version: bool = True) -> str | None:
        """F02 when the basis points into a superseded or repealed version — naming the aligned successor in the
        version in force; returns that version's status."""
        status: str | None = versions.get(_version(basis["unit"]), {}).get("status")
        if basis["status"] == "stale" or status in ("superseded", "repealed"):
            where = f"（{_version(basis['unit'])}）" if name_version else ""
            add("F02", target, f"{basis['text']} 指向的版本状态为 {status or basis['status']}{where}"
                               f"{successor(basis['unit'])}")
        return status

    powers = store.run("findings/powers", region=region, confidential=confidential)
    for p in powers:
        target = {"kind": "power", "id": p["id"], "code": p["code"], "name": p["name"],
                  "department": p["department_name"], "region": p["region"]}
        levels = [versions.get(_version(b["unit"]), {}).get("level") for b in p["bases"]]
        if p["category"] == "行政许可" and levels and not any(level in RULE_LEVELS for level in levels):
            laws = "、".join(sorted({versions.get(_version(b["unit"]), {}).get("title") or "?" for b in p["bases"]}))
            add("F01", target, f"依据仅为{'、'.join(sorted({str(v) for v in levels}))}：{laws}")
        for b in p["bases"]:
            stale(target, b)
        for o in p["open_bases"]:
            add("F03", target, f"{o['text']}：{o['status']}，{o['reason']}")
    above = ids.ancestors(region)
    every = store.run("findings/benchmarks", region=region, above=above, confidential=confidential)
    benchmarks = [b for b in every if ids.within(region, b["region"])]
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for b in every:
        if b["code"]:
            by_code[b["code"]].append(b)
    levels_of = {p["id"]: [versions.get(_version(x["unit"]), {}).get("level") for x in p["bases"]] for p in powers}
    for b in benchmarks:
        target = {"kind": "benchmark", "id": b["id"], "code": b["code"], "name": b["conduct"],
                  "department": b["department_name"], "region": b["region"]}
        tiers = sorted(b["tiers"], key=lambda t: t["ordinal"])
        names = list(dict.fromkeys(t["name"] for t in tiers))
        ranged = [t for t in tiers if t.get("fine_max") is not None or t.get("multiple_max") is not None
                  or t.get("percent_max") is not None]
        if ranged and len(names) < 3 and not b["adopts"]:
            add("F05", target, f"只有 {len(names)} 个档次：{'、'.join(names)}")
        odd = [n for n in names if n not in ALLOWED_NAMES and not n.isdigit()]
        if odd:
            add("F06", target, f"档次名称：{'、'.join(odd)}")
        own_levels = [versions.get(_version(x["unit"]), {}).get("level") for x in b["bases"]]
        levels = own_levels or levels_of.get(b["power"] or "", [])
        for tier_name, reason in _detention(tiers, levels):
            add("F10", {**target, "tier": tier_name}, reason)
        for seam in _seams(tiers):
            add("F11", target, seam)
        upper = _upper(b, by_code)
        if upper is not None:
            wider: dict[str, list[str]] = defaultdict(list)
            for tier_name, reason in _wider(b, upper):
                wider[tier_name].append(reason)
            for tier_name, whys in wider.items():
                add("F13", {**target, "tier": tier_name}, "；".join(whys))
        for basis in b["bases"]:
            status = stale(target, basis, name_version=False)
            if status not in ("in_force", None):
                continue  # ranges of an old text are the impact analysis's business
            version = _version(basis["unit"])
            if version not in indexes:
                indexes[version] = index_units(alignment.version_units(store, version))
            text = text_for_range(indexes[version], basis["unit"])
            if not text:
                continue
            allowed = allowed_ranges(text)
            for tier in tiers:
                for kind, value in tier_amounts(tier).items():
                    if not allowed[kind]:
                        continue
                    why = outside(value, kind, allowed[kind], against="条文规定的")
                    if why:
                        add("F04", {**target, "tier": tier["name"]}, f"{basis['text']}：{why}（{tier.get('outcome')}）")
    coverage: dict[str, dict[str, int]] = defaultdict(
        lambda: {"discretionary": 0, "covered": 0, "frequent": 0, "frequent_covered": 0})
    recent, dormant_since = _years_before(day, FREQUENT_YEARS), _years_before(day, DORMANT_YEARS)
    today = day.isoformat()
    # F12 needs a department whose case records look complete: cases on two thirds of its 处罚/强制 powers or more
    # (a compilation of typical cases says nothing about the powers it leaves out)
    # the benchmark in force for every discretionary power, from one query (not one per power)
    candidates: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.run("findings/benchmark_candidates", region=region, above=above):
        candidates[r["code"] or f"name:{r['name']}"].append(r)
    punitive: dict[str, list[bool]] = defaultdict(list)
    for p in powers:
        if p["category"] in DORMANT_CATEGORIES:
            punitive[p["department"]].append(bool(p["case_dates"]))
    recording = {d for d, seen in punitive.items() if sum(seen) * 3 >= 2 * len(seen)}
    notes = [f"{next(p['department_name'] for p in powers if p['department'] == d)}：只有 {sum(seen)}/{len(seen)} 项"
             f"处罚、强制职权有案例记录，F12（近五年无案例）未判断"
             for d, seen in sorted(punitive.items()) if d not in recording and any(seen)]
    for p in powers:
        dates = [d for d in p["case_dates"] if d and d <= today]
        if p["category"] in DORMANT_CATEGORIES and p["department"] in recording \
                and not any(d >= dormant_since for d in dates):
            last = max(dates, default=None)
            add("F12", {"kind": "power", "id": p["id"], "code": p["code"], "name": p["name"],
                        "department": p["department_name"], "region": p["region"]},
                f"{dormant_since} 以来没有案例" + (f"（最近一件 {last}）" if last else "（没有任何案例）"))
        if not p["discretionary"]:
            continue
        cell = coverage[p["department_name"]]
        cell["discretionary"] += 1
        frequent = sum(d >= recent for d in dates) >= FREQUENT_CASES
        cell["frequent"] += frequent
        mine = [r for r in candidates.get(p["code"] or f"name:{p['name']}", [])
                if ids.within(r["region"], p["region"])]
        found = repo.choose_benchmark(mine, p["id"], day.isoformat())
        if found is not None:
            cell["covered"] += 1
            cell["frequent_covered"] += frequent
        else:
            add("F07", {"kind": "power", "id": p["id"], "code": p["code"], "name": p["name"],
                        "department": p["department_name"], "region": p["region"]},
                f"{day.isoformat()} 无本级、采用或上级的裁量基准")
    for e in store.run("findings/lists", region=region, confidential=confidential):
        target = {"kind": "list_entry", "id": e["id"], "code": e["code"], "name": e["conduct"],
                  "department": e["department_name"], "region": e["region"]}
        if e["high_risk"] and e["kind"] in ("减轻处罚", "不予处罚"):
            add("F08", target, f"{e['kind']}清单列入高风险行为")
        for basis in e["bases"]:
            stale(target, basis)
    similar: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
    for c in store.run("findings/cases", region=region, confidential=confidential):
        if c["power"] is not None and c["fine"] and (c["date"] or "") <= today:
            similar[(c["power"], c["tier"])].append(c)
        if c["fine"] is None or c["tier"] is None or (c["fine_min"] is None and c["fine_max"] is None):
            continue
        if (c["fine_min"] is not None and c["fine"] < c["fine_min"]) or (
                c["fine_max"] is not None and c["fine"] > c["fine_max"]):
            add("F09", {"kind": "case", "id": c["id"], "code": None, "name": c["title"],
                        "department": c["department_name"], "region": c["region"]},
                f"罚款 {c['fine']:g} 元，档次「{c['tier_name']}」为 {c['fine_min'] or 0:g}–{c['fine_max']:g} 元")
    for (_, tier), group in sorted(similar.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        low, high = min(group, key=lambda c: c["fine"]), max(group, key=lambda c: c["fine"])
        if high["fine"] > SPREAD * low["fine"]:
            label = f"档次「{low['tier_name']}」" if tier else "未记录档次"
            add("F14", {"kind": "case", "id": high["id"], "code": None, "name": high["title"],
                        "department": high["department_name"], "region": high["region"]},
                f"{high['power_name']}，{label}：{high['id']} 罚款 {high['fine']:g} 元，{low['id']}「{low['title']}」"
                f"罚款 {low['fine']:g} 元，相差 {high['fine'] / low['fine']:.1f} 倍（同组 {len(group)} 件）")
    rates = {d: {**v, "rate": round(v["covered"] / v["discretionary"], 3)} for d, v in sorted(coverage.items())}
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        counts[f["rule"]] += 1
    return {"region": region, "at": day.isoformat(), "rules": RULES, "counts": dict(sorted(counts.items())),
            "coverage": rates, "notes": notes, "findings": findings}
