"""Spreadsheets as departments publish them (.xls via xlrd, .xlsx via openpyxl, .csv): sheets of rows,
merged cells filled from their top-left cell, multi-line cells kept. Dumb on purpose: the mapping of
headers to fields belongs to the importers (issue 4)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lawgraph.errors import InputError

MAX_SHEET_BYTES = 50 * 1024 * 1024


@dataclass
class Sheet:
    """One sheet: its name and rows (1-based row numbers as shown by spreadsheet programs)."""

    name: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
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
    from lawgraph.ingest.sources.document import decode, read_bytes

    text = decode(path, read_bytes(path))
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
    rows = [(n, [cell.strip() for cell in row])
            for n, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1)]
    return [Sheet(path.stem, [(n, row) for n, row in rows if any(row)])]


MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200


def _check_zip(path: Path) -> None:
    """Refuse an .xlsx whose declared sizes make it a zip bomb, before any XML is parsed."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(str(path), f"not a readable .xlsx workbook ({exc}); save it again as .xlsx") from None
    if len(members) > 10_000:
        raise InputError(str(path), f"{len(members)} parts in the archive; a workbook has a few dozen")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_SHEET_BYTES:
            raise InputError(str(path), f"part {member.filename} unpacks to {member.file_size} bytes "
                             f"(limit {MAX_SHEET_BYTES}); split the sheet into smaller files")
        if member.compress_size and member.file_size / member.compress_size > MAX_RATIO and member.file_size > 1 << 20:
            raise InputError(str(path), f"part {member.filename} expands {member.file_size // member.compress_size}"
                             "-fold: refused as a possible zip bomb")
    if total > MAX_UNPACKED_BYTES:
        raise InputError(str(path), f"the workbook unpacks to {total} bytes (limit {MAX_UNPACKED_BYTES})")
    # a spreadsheet's XML never declares a DTD or entities; defusedxml refuses them too, this names the part
    with zipfile.ZipFile(path) as archive:
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(member) as handle:
                    head = handle.read(8192)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise InputError(str(path), f"the workbook's XML declares entities or a DTD (part "
                                     f"{member.filename}): refused; save it again from a spreadsheet program")


def read_xlsx(path: Path) -> list[Sheet]:
    """Read an .xlsx workbook through defusedxml (no entities, no DTDs), merged cells filled down."""
    import openpyxl
    from defusedxml import DefusedXmlException

    if path.stat().st_size > MAX_SHEET_BYTES:
        raise InputError(str(path), f"the workbook is over {MAX_SHEET_BYTES} bytes; split it")
    _check_zip(path)
    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise InputError(str(path), "defusedxml is not active (OPENPYXL_DEFUSEDXML=False); refusing to parse")
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files, and wraps defusedxml's
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, DefusedXmlException):
            cause = cause.__cause__ or cause.__context__
        if cause is not None:
            raise InputError(str(path), f"the workbook's XML declares entities or a DTD ({type(cause).__name__}): "
                             "refused; save it again from a spreadsheet program") from None
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        raise InputError(str(path), f"not a readable .xlsx workbook ({type(exc).__name__}: {first_line})") from None
    sheets: list[Sheet] = []
    for sheet in book.worksheets:
        grid = [[_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            top, left = merged.min_row - 1, merged.min_col - 1
            if top >= len(grid):
                continue
            value = grid[top][left] if left < len(grid[top]) else ""
            for r in range(top, min(merged.max_row, len(grid))):
                for c in range(left, min(merged.max_col, len(grid[r]))):
                    grid[r][c] = value
        sheets.append(Sheet(sheet.title, [(r + 1, row) for r, row in enumerate(grid) if any(row)]))
    book.close()
    return sheets


def read_sheets(path: Path) -> list[Sheet]:
    """Read .xlsx, .xls or .csv by extension; raises InputError for anything else."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(str(path), "no such file")
    if path.stat().st_size > MAX_SHEET_BYTES:
        raise InputError(str(path), f"the file is {path.stat().st_size} bytes, over the {MAX_SHEET_BYTES}-byte "
                         "limit for one sheet file; split it")
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".xls":
        return read_xls(path)
    if suffix in (".csv", ".tsv", ".txt"):
        return read_csv(path)
    raise InputError(str(path), f"unsupported spreadsheet type {suffix or '(none)'}: use .xlsx, .xls or .csv")
