"""Spreadsheets as departments publish them (.xls via xlrd, .xlsx via openpyxl, .csv): sheets of rows,
merged cells filled from their top-left cell, multi-line cells kept. Dumb on purpose: the mapping of
headers to fields belongs to the importers (issue 4)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InputError

MAX_SHEET_BYTES = 50 * 1024 * 1024


@dataclass
class Sheet:
    """One sheet: its name and rows (1-based row numbers as shown by spreadsheet programs)."""

    name: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""


def read_xls(path: Path) -> list[Sheet]:
    """Read a legacy .xls workbook; raises InputError when it cannot be read."""
    import xlrd

    if path.stat().st_size > MAX_SHEET_BYTES:
        raise InputError(str(path), f"the workbook is over {MAX_SHEET_BYTES} bytes; split it")
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError) as exc:
        raise InputError(str(path), f"not a readable .xls workbook ({exc})") from None
    sheets: list[Sheet] = []
    for sheet in book.sheets():
        grid = [[_text(sheet.cell_value(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
        for top, bottom, left, right in sheet.merged_cells:
            value = grid[top][left]
            for r in range(top, bottom):
                for c in range(left, right):
                    grid[r][c] = value
        sheets.append(Sheet(sheet.name, [(r + 1, row) for r, row in enumerate(grid) if any(row)]))
    return sheets


def read_csv(path: Path) -> list[Sheet]:
    """Read a CSV file (UTF-8 or GB18030) as one sheet named after the file."""
    from ingest.sources.document import decode, read_bytes

    text = decode(path, read_bytes(path))
    rows = [(n, [cell.strip() for cell in row]) for n, row in enumerate(csv.reader(text.splitlines()), start=1)]
    return [Sheet(path.stem, [(n, row) for n, row in rows if any(row)])]
