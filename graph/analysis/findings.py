"""Legality findings (issue 7, first rules): each a rule with an id, a description and its evidence.

F01 a 行政许可 whose only bases are 部门规章 or 规范性文件 (a permit may be set only by 法律, 行政法规, 国务院决定,
    地方性法规 or, temporarily, a provincial rule); F02 a basis citing a superseded version (stale); F03 a basis that
    does not resolve; F04 a tier outside its cited unit's statutory range (current text); F05 a penalty benchmark
    with a range and fewer than 3 tiers; F06 tier names outside the 3/4/5 forms (and 简易/一般/重大疑难);
    F07 a discretionary power with no benchmark in force (own, adopted or inherited), with coverage per department;
    F08 a 减轻 / 不予处罚 entry for high-risk conduct; F09 a case whose fine lies outside its tier's range.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from graph.analysis.ranges import allowed_ranges, index_units, outside, text_for_range, tier_amounts
from graph.repos import alignment
from graph.repos import enforcement as repo
from graph.store import GraphStore
from ingest.enforcement.vocab import PERMIT_TIERS, TIER_FORMS

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
}
RULE_LEVELS = {"法律", "行政法规", "地方性法规", "自治条例/单行条例"}
ALLOWED_NAMES = {name for form in TIER_FORMS.values() for name in form} | set(PERMIT_TIERS)


def _version(unit_id: str) -> str:
    return unit_id.split("/", 1)[0]


def check(store: GraphStore, *, region: str | None = None, rule: str | None = None,
          at: date | None = None) -> dict[str, Any]:
    """Run the rules (one, or all) over a region (or the whole graph); returns findings and coverage."""
    day = at or date.today()
    versions = {r["id"]: r for r in store.run("findings/versions")}
    indexes: dict[str, dict[str, Any]] = {}  # version id → its units, read once however many bases point into it
    findings: list[dict[str, Any]] = []

    def add(rule_id: str, target: dict[str, Any], evidence: str) -> None:
        if rule is None or rule == rule_id:
            findings.append({"rule": rule_id, "description": RULES[rule_id], **target, "evidence": evidence})

    powers = store.run("findings/powers", region=region)
    for p in powers:
        target = {"kind": "power", "id": p["id"], "code": p["code"], "name": p["name"],
                  "department": p["department_name"], "region": p["region"]}
        levels = [versions.get(_version(b["unit"]), {}).get("level") for b in p["bases"]]
        if p["category"] == "行政许可" and levels and not any(level in RULE_LEVELS for level in levels):
            laws = "、".join(sorted({versions.get(_version(b["unit"]), {}).get("title") or "?" for b in p["bases"]}))
            add("F01", target, f"依据仅为{'、'.join(sorted({str(v) for v in levels}))}：{laws}")
        for b in p["bases"]:
            status = versions.get(_version(b["unit"]), {}).get("status")
            if b["status"] == "stale" or status in ("superseded", "repealed"):
                add("F02", target, f"{b['text']} 指向的版本状态为 {status or b['status']}（{_version(b['unit'])}）")
        for o in p["open_bases"]:
            add("F03", target, f"{o['text']}：{o['status']}，{o['reason']}")
    benchmarks = store.run("findings/benchmarks", region=region)
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
        for basis in b["bases"]:
            status = versions.get(_version(basis["unit"]), {}).get("status")
            if basis["status"] == "stale" or status in ("superseded", "repealed"):
                add("F02", target, f"{basis['text']} 指向的版本状态为 {status or basis['status']}")
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
                    why = outside(value, kind, allowed[kind])
                    if why:
                        add("F04", {**target, "tier": tier["name"]}, f"{basis['text']}：{why}（{tier.get('outcome')}）")
    coverage: dict[str, dict[str, int]] = defaultdict(lambda: {"discretionary": 0, "covered": 0})
    for p in powers:
        if not p["discretionary"]:
            continue
        cell = coverage[p["department_name"]]
        cell["discretionary"] += 1
        found = repo.effective_benchmark(store, p["id"], p["region"], day)
        if found is not None:
            cell["covered"] += 1
        else:
            add("F07", {"kind": "power", "id": p["id"], "code": p["code"], "name": p["name"],
                        "department": p["department_name"], "region": p["region"]},
                f"{day.isoformat()} 无本级、采用或上级的裁量基准")
    for e in store.run("findings/lists", region=region):
        if e["high_risk"] and e["kind"] in ("减轻处罚", "不予处罚"):
            add("F08", {"kind": "list_entry", "id": e["id"], "code": e["code"], "name": e["conduct"],
                        "department": e["department_name"], "region": e["region"]}, f"{e['kind']}清单列入高风险行为")
    for c in store.run("findings/cases", region=region):
        if c["fine"] is None or c["tier"] is None or (c["fine_min"] is None and c["fine_max"] is None):
            continue
        if (c["fine_min"] is not None and c["fine"] < c["fine_min"]) or (
                c["fine_max"] is not None and c["fine"] > c["fine_max"]):
            add("F09", {"kind": "case", "id": c["id"], "code": None, "name": c["title"],
                        "department": c["department_name"], "region": c["region"]},
                f"罚款 {c['fine']:g} 元，档次「{c['tier_name']}」为 {c['fine_min'] or 0:g}–{c['fine_max']:g} 元")
    rates = {d: {**v, "rate": round(v["covered"] / v["discretionary"], 3)} for d, v in sorted(coverage.items())}
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        counts[f["rule"]] += 1
    return {"region": region, "at": day.isoformat(), "rules": RULES, "counts": dict(sorted(counts.items())),
            "coverage": rates, "findings": findings}
