"""Markdown and .xlsx renderings of the oversight analyses (overlaps, findings) for a 司法局's review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lawgraph.analysis.report import table


def _member(m: dict[str, Any]) -> str:
    code = f"{m['code']} " if m.get("code") else ""
    return f"{m['department']}（{m['region']}）{code}{m['name']}"


def _why(p: dict[str, Any]) -> str:
    parts = []
    if p["shared_units"]:
        parts.append("共同依据 " + "、".join(u["text"] or u["unit"] for u in p["shared_units"]))
    elif p["shared_articles"]:
        parts.append("同一条文的不同款项 " + "、".join(p["shared_articles"]))
    parts.append(f"名称相似度 {p['similarity']:.2f}")
    if p["matched_words"]:
        parts.append("相同表述：" + "、".join(p["matched_words"][:5]))
    return "；".join(parts)


def overlaps_markdown(result: dict[str, Any]) -> str:
    names = {m["id"]: _member(m) for g in result["groups"] for m in g["members"]}
    lines = ["# 权力交叉与交叉重复", "",
             (f"范围：{result['region']}。" if result["region"] else "") +
             f"职权 {result['stats']['powers']} 项，交叉组 {len(result['groups'])} 个，"
             f"已说明的合理共享 {len(result['legitimate'])} 处。"]
    for g in result["groups"]:
        lines += ["", f"## {g['id']} {'、'.join(g['kinds'])}（评分 {g['score']:.2f}）", ""]
        lines += [f"- {_member(m)}" for m in g["members"]]
        lines += ["", "| 职权 | 职权 | 类型 | 评分 | 理由 |", "|---|---|---|---|---|"]
        lines += [f"| {names[p['a']]} | {names[p['b']]} | {p['kind']} | {p['score']:.2f} | {_why(p)} |"
                  for p in g["pairs"]]
    if result["legitimate"]:
        lines += ["", "## 合理共享（不作为交叉）", ""]
        lines += [f"- {_member(p['members'][0])} / {_member(p['members'][1])}：{p['legitimate']}"
                  for p in result["legitimate"]]
    if result["general_units"]:
        lines += ["", "## 通用条款（多个部门共同引用，不作为交叉证据）", ""]
        lines += [f"- {u}" for u in result["general_units"]]
    if not result["groups"]:
        lines += ["", "没有发现权力交叉。"]
    return "\n".join(lines) + "\n"


def overlaps_xlsx(result: dict[str, Any], path: Path) -> None:
    members = {m["id"]: m for g in result["groups"] for m in g["members"]}
    rows = []
    for g in result["groups"]:
        for p in g["pairs"]:
            a, b = members[p["a"]], members[p["b"]]
            rows.append([g["id"], p["kind"], p["score"], a["department"], a["code"], a["name"], b["department"],
                         b["code"], b["name"], _why(p), ""])
    legit = [[_member(p["members"][0]), _member(p["members"][1]), p["kind"], p["legitimate"], p["similarity"]]
             for p in result["legitimate"]]
    table(path, [
        ("权力交叉", ["组", "类型", "评分", "部门甲", "编码甲", "职权甲", "部门乙", "编码乙", "职权乙", "理由",
                  "处理意见"], [6, 10, 6, 20, 10, 36, 20, 10, 36, 60, 20], rows),
        ("合理共享", ["职权甲", "职权乙", "类型", "理由", "名称相似度"], [40, 40, 10, 60, 10], legit),
    ])


def findings_markdown(result: dict[str, Any]) -> str:
    rules = result["rules"]
    lines = ["# 合法性审查发现", "", "| 规则 | 说明 | 数量 |", "|---|---|---|"]
    lines += [f"| {k} | {rules[k]} | {v} |" for k, v in result["counts"].items()]
    lines += ["", "## 裁量基准覆盖率", "", "| 部门 | 有裁量权的职权 | 已覆盖 | 覆盖率 | 高频职权 | 高频已覆盖 |",
              "|---|---|---|---|---|---|"]
    lines += [f"| {d} | {c['discretionary']} | {c['covered']} | {c['rate']:.0%} | {c['frequent']} | "
              f"{c['frequent_covered']} |" for d, c in result["coverage"].items()]
    lines += ["", "## 发现", ""]
    for f in result["findings"]:
        tier = f" · 档次「{f['tier']}」" if f.get("tier") else ""
        lines.append(f"- **{f['rule']}** {f['department']} · {f['name']}{tier}：{f['evidence']}")
    return "\n".join(lines) + "\n"


def findings_xlsx(result: dict[str, Any], path: Path) -> None:
    rules = result["rules"]
    rows = [[f["rule"], rules[f["rule"]], f["department"], f["region"], f.get("code"), f["name"], f.get("tier"),
             f["evidence"], f["id"], ""] for f in result["findings"]]
    coverage = [[d, c["discretionary"], c["covered"], c["rate"], c["frequent"], c["frequent_covered"]]
                for d, c in result["coverage"].items()]
    table(path, [
        ("发现", ["规则", "说明", "部门", "区域", "编码", "名称", "档次", "证据", "标识", "处理意见"],
         [6, 30, 22, 22, 10, 40, 8, 60, 30, 20], rows),
        ("覆盖率", ["部门", "有裁量权的职权", "已覆盖", "覆盖率", "高频职权", "高频已覆盖"], [28, 14, 10, 10, 10, 12],
         coverage),
    ])
