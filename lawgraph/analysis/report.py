"""Reports for legal staff: Markdown and .xlsx renderings of an impact analysis."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

KIND_LABELS = {
    "basis_repealed": "依据已删除", "basis_renumbered": "依据条号变化", "basis_changed": "依据内容变化",
    "range_exceeded": "裁量幅度超出法定范围", "range_changed": "法定幅度变化", "penalty_type_removed": "处罚种类被删除",
    "case_precedent": "案例依据失效", "citing_statute": "其他法规引用",
    "citing_document": "规范性文件引用",
}


def _owner_label(b: dict[str, Any]) -> str:
    owner = b.get("owner") or {}
    kind = {"power": "职权", "benchmark": "裁量基准", "list_entry": "清单"}.get(owner.get("kind", ""), "")
    name = owner.get("name") or ""
    code = f" {owner['code']}" if owner.get("code") else ""
    return f"{kind}{code} {name}".strip()


def _grouped(result: dict[str, Any]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    groups: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for b in result["breaks"]:
        department = b["department"]["name"] or "—"
        power = b.get("power") or {}
        key = power.get("name") or (b.get("citing") or {}).get("title") or _owner_label(b) or "—"
        groups[department][key].append(b)
    return groups


def markdown(result: dict[str, Any]) -> str:
    """The impact grouped by department, then power; each break with evidence and the suggested fix."""
    lines = [f"# 《{result['law']}》修改影响分析", "",
             f"从 `{result['from']}` 到 `{result['to']}`" + (f"，范围：{result['region']}" if result["region"] else "")
             + f"。变化条文 {result['affected_units']} 处；对齐：" +
             "、".join(f"{k} {v}" for k, v in sorted(result["alignment"].items())), "",
             "| 类型 | 数量 |", "|---|---|"]
    lines += [f"| {KIND_LABELS[k]} ({k}) | {v} |" for k, v in result["summary"].items() if v]
    doubtful = [b for b in result["breaks"] if b.get("needs_review")]
    if doubtful:
        lines += ["", f"## 待核对：{len(doubtful)} 项所依据的新旧条文对应关系不确定", "",
                  "先在新旧对照中核对这些条文的对应关系（核对后影响会随之更新）：", ""]
        lines += [f"- {b['department']['name'] or '—'} · {_owner_label(b)} · {KIND_LABELS[b['kind']]} · "
                  f"{b['unit_old']} → {'、'.join(b.get('unit_new') or []) or '（无）'}" for b in doubtful]
    for department, powers in sorted(_grouped(result).items()):
        lines += ["", f"## {department}"]
        for power, breaks in sorted(powers.items()):
            lines += ["", f"### {power}", ""]
            for b in breaks:
                target = _owner_label(b)
                if b.get("tier"):
                    target += f" · 档次「{b['tier']['name']}」"
                if b.get("case"):
                    target += f" · 案例「{b['case']['title']}」"
                mark = "〔待核对〕" if b.get("needs_review") else ""
                lines.append(f"- {mark}**{KIND_LABELS[b['kind']]}** — {target}")
                lines.append(f"  - 依据：{b.get('citation') or '—'}；{b['evidence']}")
                if b.get("suggested"):
                    lines.append(f"  - 建议引用：{b['suggested']}")
                lines.append(f"  - 处理：{b['fix']}")
                old, new = (b.get("old_text") or "").replace("\n", " "), (b.get("new_text") or "").replace("\n", " ")
                lines.append(f"  - 原文：{old[:300] or '—'}")
                lines.append(f"  - 新文：{new[:300] or '（无对应条文）'}")
    if not result["breaks"]:
        lines += ["", "没有发现受影响的职权、裁量基准、清单、案例或法规引用。"]
    return "\n".join(lines) + "\n"


def table(path: Path, sheets: list[tuple[str, list[str], list[int], list[list[Any]]]]) -> None:
    """Write an .xlsx of one or more sheets (title, header, column widths, rows): bold frozen header, wrapped cells."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, head, widths, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(head)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for n, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(n)].width = width
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    book.save(path)


def xlsx(result: dict[str, Any], path: Path) -> None:
    """One row per break, in the same grouping, for checking off."""
    head = ["部门", "职权", "对象", "档次", "案例", "类型", "原依据", "建议引用", "说明", "处理", "原文", "新文",
            "待核对", "已处理"]
    rows = []
    for department, powers in sorted(_grouped(result).items()):
        for power, breaks in sorted(powers.items()):
            for b in breaks:
                rows.append([department, power, _owner_label(b), (b.get("tier") or {}).get("name"),
                             (b.get("case") or {}).get("title"), KIND_LABELS[b["kind"]], b.get("citation"),
                             b.get("suggested"), b["evidence"], b["fix"], b.get("old_text"), b.get("new_text"),
                             "是" if b.get("needs_review") else "", ""])
    rows.sort(key=lambda r: r[-2] != "是")  # the rows resting on an uncertain alignment first, for the reviewer
    table(path, [("修改影响", head, [18, 30, 30, 8, 20, 14, 30, 30, 50, 30, 50, 50, 10, 8], rows)])
