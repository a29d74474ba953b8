"""The 职权目录 as the forms the 权力清单 work asks for (.xlsx): 《行政职权目录》 (one row per power, 涉密 ones in
their own 《涉密不公开行政职权目录》 for editors), 《项目职权依据明细表》 (one row per basis, its text quoted in full
with 条款项, and whether that text is the version in force) and 《行政职权统计表》 (powers per department × the 13
categories)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from lawgraph.analysis.report import table
from lawgraph.domain.vocab import CATEGORIES
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.store import GraphStore, page_of_ids

FORMS = {"catalogue": "行政职权目录", "bases": "项目职权依据明细表", "statistics": "行政职权统计表"}
ROLES = ("设定依据", "实施依据", "罚则依据")
CHUNK = 500


def powers_in(store: GraphStore, *, region: str | None, department: str | None, category: str | None,
              confidential: bool) -> list[dict[str, Any]]:
    """Every power (with what is around it) under the filters, in id order."""
    ids, _ = page_of_ids(store, "enforcement/powers_page", 0, 10**9, count="enforcement/powers_count",
                         region=region, department=department, category=category, search=None,
                         confidential=confidential, regions=None)
    out: list[dict[str, Any]] = []
    for start in range(0, len(ids), CHUNK):
        rows = repo.powers(store, ids[start:start + CHUNK])
        out += [rows[i] for i in ids[start:start + CHUNK] if i in rows]
    return out


def _citations(row: dict[str, Any], role: str) -> str:
    found = [b["text"] for b in row["bases"] if (b.get("role") or "") == role]
    found += [o.get("text") or o.get("basis") or "" for o in row["open_bases"] if (o.get("role") or "") == role]
    return "\n".join(dict.fromkeys(t for t in found if t))


def write(store: GraphStore, form: str, path: Path, *, region: str | None = None, department: str | None = None,
          category: str | None = None, confidential: bool = False) -> int:
    """Write one form for the powers under the filters to `path`; returns the number of rows written. With
    `confidential` (editors) the 涉密 powers are listed too — in the catalogue on a sheet of their own."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}: use {', '.join(FORMS)}")
    rows = powers_in(store, region=region, department=department, category=category, confidential=confidential)
    if form == "catalogue":
        head = ["序号", "职权编码", "职权名称", "职权类别", "子项", "实施主体", "行政区划", *ROLES, "有无自由裁量",
                "办理时限", "备注"]
        widths = [6, 12, 36, 12, 24, 20, 22, 36, 36, 36, 10, 12, 20]

        def line(n: int, r: dict[str, Any]) -> list[Any]:
            p = r["power"]
            return [n, p.get("code"), p["name"], p["category"], "\n".join(p.get("sub_items") or []),
                    r["department"]["name"], r["region"]["id"], *(_citations(r, role) for role in ROLES),
                    "有" if p.get("discretionary") else "无" if p.get("discretionary") is False else "",
                    p.get("time_limit"), p.get("note")]

        public = [r for r in rows if not r["power"].get("confidential")]
        secret = [r for r in rows if r["power"].get("confidential")]
        sheets = [(FORMS["catalogue"], head, widths, [line(n, r) for n, r in enumerate(public, start=1)])]
        if secret:
            sheets.append(("涉密不公开行政职权目录", head, widths, [line(n, r) for n, r in enumerate(secret, start=1)]))
        table(path, sheets)
        return len(rows)
    if form == "bases":
        head = ["序号", "职权编码", "职权名称", "实施主体", "依据类别", "依据名称及条款", "依据内容", "所引文本",
                "是否现行有效"]
        out: list[list[Any]] = []
        outdated = {str(v["id"]) for v in store.run("laws/outdated_versions")}
        for r in rows:
            p = r["power"]
            for b in r["bases"]:
                unit = str(b.get("unit") or "")
                current = "否（所引文本已被修改或废止）" if unit.split("/", 1)[0] in outdated else "是"
                out.append([len(out) + 1, p.get("code"), p["name"], r["department"]["name"], b.get("role"), b["text"],
                            b.get("unit_text"), unit.split("/", 1)[0], current])
            for o in r["open_bases"]:
                out.append([len(out) + 1, p.get("code"), p["name"], r["department"]["name"], o.get("role"),
                            o.get("text") or o.get("basis"), None, None, f"未能解析：{o.get('reason') or o['status']}"])
        table(path, [(FORMS["bases"], head, [6, 12, 36, 20, 10, 40, 60, 26, 18], out)])
        return len(out)
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in rows:
        counts[(r["region"]["id"], r["department"]["name"])][r["power"]["category"]] += 1
    head = ["行政区划", "部门", *CATEGORIES, "合计"]
    lines = [[where, name, *(c.get(k, 0) for k in CATEGORIES), sum(c.values())]
             for (where, name), c in sorted(counts.items())]
    total = Counter[str]()
    for c in counts.values():
        total.update(c)
    lines.append(["合计", "", *(total.get(k, 0) for k in CATEGORIES), sum(total.values())])
    table(path, [(FORMS["statistics"], head, [22, 22, *([9] * len(CATEGORIES)), 8], lines)])
    return len(lines) - 1
