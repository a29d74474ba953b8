"""A 新旧条文对照表 as published (.xlsx/.xls/.csv, .docx or a Markdown table): an old-text column and a new-text
column, one row per article (or per group of articles that split or merged), turned into reviewed alignment rows
{old, new, kind} for `lawgraph align … --review FILE`.

Columns are found by their headers (修订前 / 修改前 / 原条文 / 现行 …, 修订后 / 修改后 / 新条文 …). Each cell's
article numbers are the 第X条 opening its lines; an empty cell, or one saying 删除 / 删去, is no article. A row
with one old and several new articles is a split, several old and one new a merge.
"""

from __future__ import annotations

import re
from pathlib import Path

from lawgraph.domain.normalize import compact, halfwidth, to_simplified
from lawgraph.domain.numerals import to_int
from lawgraph.errors import InputError

OLD = ("修订前", "修改前", "修正前", "原条文", "原文", "现行条文", "现行", "旧条文", "旧")
NEW = ("修订后", "修改后", "修正后", "新条文", "修订草案", "草案", "新")
_N = "零〇一二三四五六七八九十百千两0-9"
_OPENING = re.compile(rf"^\s*第([{_N}]+)条(?:之([{_N}]+))?")
_GONE = re.compile(r"^\s*[(（]?\s*(?:删除|删去|已删除|本条删除)\s*[)）]?\s*$")

Rows = list[tuple[str, list[str]]]  # (where, cells)


def _markdown_rows(path: Path) -> Rows:
    from lawgraph.ingest.sources.document import decode, read_bytes

    text = decode(path, read_bytes(path))
    rows: Rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("|") and not re.fullmatch(r"\s*\|[\s:|-]+\|?\s*", line):
            cells = [c.strip().replace("<br>", "\n") for c in line.strip().strip("|").split("|")]
            rows.append((f"{path}, line {number}", cells))
    return rows


def _docx_rows(path: Path) -> Rows:
    import docx

    from lawgraph.ingest.sources.document import MAX_FILE_BYTES

    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(str(path), f"the file is over {MAX_FILE_BYTES} bytes")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # a damaged Word file fails in many ways (zip, XML, package): all are the file's fault
        raise InputError(str(path), f"not a readable .docx file ({type(exc).__name__}: {exc})") from None
    rows: Rows = []
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            rows.append((f"{path}, table {t}, row {r}", [cell.text for cell in row.cells]))
    return rows


def _sheet_rows(path: Path) -> Rows:
    from lawgraph.ingest.sources.sheets import read_sheets

    return [(f"{path}, sheet {sheet.name}, row {n}", cells) for sheet in read_sheets(path) for n, cells in sheet.rows]


def _numbers(cell: str) -> list[str]:
    out = []
    for line in halfwidth(to_simplified(cell)).splitlines():
        found = _OPENING.match(line)
        if found:
            main, suffix = to_int(found.group(1)), to_int(found.group(2)) if found.group(2) else None
            if main:
                out.append(f"{main}-{suffix}" if suffix else str(main))
    return out


def _body(cell: str) -> str:
    return compact("".join(_OPENING.sub("", line) for line in cell.splitlines()))


def read_review_table(path: Path) -> list[dict[str, str | None]]:
    """The reviewed rows a 对照表 states; InputError naming the file, sheet or table and row of what is wrong."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(str(path), "no such file")
    rows = (_markdown_rows(path) if suffix in (".md", ".markdown") else _docx_rows(path) if suffix == ".docx"
            else _sheet_rows(path))
    header_at = None
    old_col = new_col = -1
    for i, (_, cells) in enumerate(rows[:10]):
        plain = [halfwidth(to_simplified(c)).replace(" ", "") for c in cells]
        old_cols = [j for j, c in enumerate(plain) if any(word in c for word in OLD)]
        new_cols = [j for j, c in enumerate(plain) if any(word in c for word in NEW) and j not in old_cols]
        if old_cols and new_cols:
            header_at, old_col, new_col = i, old_cols[0], new_cols[0]
            break
    if header_at is None:
        seen = " | ".join(rows[0][1]) if rows else "(no table)"
        raise InputError(rows[0][0] if rows else str(path),
                         f"no old and new columns found (headers such as 修订前 / 修订后, 原条文 / 新条文); the first "
                         f"row reads: {seen[:120]}")
    out: list[dict[str, str | None]] = []
    for where, cells in rows[header_at + 1:]:
        old_cell = cells[old_col] if old_col < len(cells) else ""
        new_cell = cells[new_col] if new_col < len(cells) else ""
        olds = [] if _GONE.match(old_cell) else _numbers(old_cell)
        news = [] if _GONE.match(new_cell) else _numbers(new_cell)
        if not olds and not news:
            if (old_cell.strip() and not _GONE.match(old_cell)) or (new_cell.strip() and not _GONE.match(new_cell)):
                if re.match(r"^\s*第[一二三四五六七八九十百零]+[章节编]", old_cell + new_cell):
                    continue  # a chapter heading row
                raise InputError(where, "a row with text but no article number (第X条) in either column")
            continue
        if len(olds) > 1 and len(news) > 1:
            raise InputError(where, f"{len(olds)} old and {len(news)} new articles in one row: a split or a merge "
                                    "takes one row per group with one article on one side")
        if not news:
            out += [{"old": o, "new": None, "kind": "deleted"} for o in olds]
        elif not olds:
            out += [{"old": None, "new": n, "kind": "added"} for n in news]
        elif len(news) > 1:
            out += [{"old": olds[0], "new": n, "kind": "split"} for n in news]
        elif len(olds) > 1:
            out += [{"old": o, "new": news[0], "kind": "merged"} for o in olds]
        else:
            same = _body(old_cell) == _body(new_cell)
            moved = olds[0] != news[0]
            kind = ("renumbered" if moved else "unchanged") if same else (
                "renumbered_modified" if moved else "modified")
            out.append({"old": olds[0], "new": news[0], "kind": kind})
    if not out:
        raise InputError(str(path), "the table names no article (第X条) under its old and new columns")
    return out
