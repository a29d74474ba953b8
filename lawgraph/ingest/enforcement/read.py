"""Read power lists, benchmark tables, 三张清单 and cases (.xlsx/.xls/.csv, and .json/.jsonl) into records.

Every problem names the file, sheet, row, column and value; a bad row is left out with an error and
the rest of the file is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from lawgraph.domain import vocab
from lawgraph.domain.normalize import to_simplified
from lawgraph.domain.penalties import number, parse_outcome
from lawgraph.errors import InputError
from lawgraph.ingest.enforcement.columns import Header, find_header
from lawgraph.ingest.enforcement.records import (
    Basis,
    BenchmarkRecord,
    CaseRecord,
    Delegation,
    ListRecord,
    PowerRecord,
    TierRecord,
    region_path,
)
from lawgraph.ingest.sources.document import decode, read_bytes
from lawgraph.ingest.sources.sheets import Sheet, read_sheets

R = TypeVar("R")


@dataclass
class Defaults:
    """What a file does not say itself: its region path, department, dates, title, list kind."""

    region: str | None = None
    department: str | None = None
    effective: date | None = None
    expires: date | None = None
    at: date | None = None
    title: str | None = None
    list_kind: str | None = None


@dataclass
class ReadResult(Generic[R]):
    """Records read from one file, with errors (rows left out) and warnings (rows kept)."""

    records: list[R] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0


def where(path: Path, sheet: Sheet, row: int, column: str | None = None, value: str | None = None) -> str:
    """`file, sheet S, row N, column C ('value')` (records / lines for JSON)."""
    unit = {".json": "record", ".jsonl": "line"}.get(path.suffix.lower(), "row")
    out = f"{path.name}"
    if unit == "row" and path.suffix.lower() not in (".csv", ".tsv"):
        out += f", sheet {sheet.name}"
    out += f", {unit} {row}"
    if column:
        out += f", column {column}"
    if value is not None:
        shown = value if len(value) <= 60 else value[:57] + "…"
        out += f" ({shown!r})"
    return out


def read_json(path: Path) -> list[Sheet]:
    """A JSON array of objects, or JSON lines, as one sheet whose first row is the union of the keys."""
    text = decode(path, read_bytes(path))
    objects: list[tuple[int, Any]] = []
    if path.suffix.lower() == ".jsonl":
        for number_, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    objects.append((number_, json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}, line {number_}", f"not valid JSON ({exc.msg}); one object per line"
                                     ) from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}, line {exc.lineno}", f"not valid JSON ({exc.msg})") from None
        if not isinstance(data, list):
            raise InputError(str(path), "expected a JSON array of objects, one per row")
        objects = list(enumerate(data, start=1))
    keys: list[str] = []
    for n, obj in objects:
        if not isinstance(obj, dict):
            raise InputError(f"{path}, record {n}", "expected a JSON object")
        keys.extend(k for k in obj if k not in keys)
    rows = [(0, keys)] + [(n, [_cell(obj.get(k)) for k in keys]) for n, obj in objects]
    return [Sheet("records", rows)]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "\n".join(_cell(v) for v in value)
    return str(value).strip().strip('"')


def load_sheets(path: Path) -> list[Sheet]:
    """Sheets of a spreadsheet or JSON file."""
    if path.suffix.lower() in (".json", ".jsonl"):
        return read_json(path)
    return read_sheets(path)


def parse_date(text: str) -> date | None:
    """2021-06-01, 2021/6/1, 2021.6.1, 2021年6月1日 → date; '' → None; raises ValueError otherwise."""
    value = text.strip()
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?", value)
    if not match:
        raise ValueError(value)
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def _sheets(path: Path, kind: str, result: ReadResult[Any]) -> list[tuple[Sheet, Header]]:
    out = []
    for sheet in load_sheets(path):
        header = find_header(sheet, kind)
        if header is None:
            if sheet.rows:
                result.warnings.append(f"{path.name}, sheet {sheet.name}: no {kind} header found in its first rows; "
                                       "sheet skipped (see docs/formats.md for the accepted headers)")
            continue
        out.append((sheet, header))
    if not out:
        raise InputError(str(path), f"no sheet has a {kind} table header; see docs/formats.md for the accepted "
                         "column names")
    return out


def _data_rows(sheet: Sheet, header: Header) -> list[tuple[int, list[str]]]:
    """Rows after the header, without section titles (one merged value across the row)."""
    out = []
    for number_, cells in sheet.rows:
        if number_ <= header.row:
            continue
        filled = [c for c in cells if c]
        if len(filled) > 1 and len(set(filled)) == 1 and len(header.columns) > 1:
            continue
        out.append((number_, cells))
    return out


def _region_and_department(path: Path, sheet: Sheet, row: int, header: Header, cells: list[str],
                           defaults: Defaults) -> tuple[list[str], str, str | None]:
    region_text = header.get(cells, "region") or defaults.region or ""
    region = region_path(region_text)
    if not region:
        raise InputError(where(path, sheet, row, "行政区划"), "no region: add a 行政区划 column or pass --region "
                         "省/市/县")
    if len(region) > len(vocab.REGION_LEVELS):
        raise InputError(where(path, sheet, row, "行政区划", region_text),
                         f"a region path has at most {len(vocab.REGION_LEVELS)} levels (省/市/县/乡镇街道)")
    name = header.get(cells, "department") or defaults.department or ""
    code = header.get(cells, "department_code") or None
    if not name and code:
        name = f"部门{code}"
    if not name:
        raise InputError(where(path, sheet, row, "实施主体"), "no department: add a 实施主体 column or pass "
                         "--department")
    return region, to_simplified(name), code


def _date_cell(path: Path, sheet: Sheet, row: int, header: Header, cells: list[str], column: str,
               default: date | None) -> date | None:
    value = header.get(cells, column)
    try:
        return parse_date(value) or default
    except ValueError:
        raise InputError(where(path, sheet, row, header.label(column), value),
                         "not a date: use 2022-03-01") from None


def _required(path: Path, sheet: Sheet, row: int, header: Header, cells: list[str], column: str, what: str) -> str:
    value = header.get(cells, column)
    if not value:
        raise InputError(where(path, sheet, row, header.label(column), ""),
                         f"the row has no {what}; fill it in or delete the row")
    return value


def _bases(header: Header, cells: list[str]) -> list[Basis]:
    roles = {"basis": None, "basis_set": "设定依据", "basis_impl": "实施依据", "basis_penalty": "罚则依据"}
    return [Basis(text, role) for column, role in roles.items() if (text := header.get(cells, column))]


def _each_row(path: Path, kind: str, result: ReadResult[R],
              make: Callable[[Sheet, Header, int, list[str]], R | None]) -> ReadResult[R]:
    try:
        sheets = _sheets(path, kind, result)
    except InputError as exc:
        result.errors.append(str(exc))
        return result
    for sheet, header in sheets:
        for number_, cells in _data_rows(sheet, header):
            result.rows += 1
            try:
                record = make(sheet, header, number_, cells)
            except InputError as exc:
                result.errors.append(str(exc))
                continue
            if record is not None:
                result.records.append(record)
    return result


_STEP = re.compile(r"^(.*?)[（(]([^（()）]*?(?:\d+|[一二三四五六七八九十]+)[^（()）]*?(?:日|天|小时|工作日))[)）]\s*$")


def _steps(text: str) -> tuple[list[str], list[str]]:
    names: list[str] = []
    limits: list[str] = []
    for part in re.split(r"\s*(?:→|->|—>|＞|>|\n|；|;)\s*", text):
        part = part.strip()
        if not part:
            continue
        match = _STEP.match(part)
        names.append(match.group(1).strip() if match else part)
        limits.append(match.group(2).strip() if match else "")
    return names, limits


def read_powers(path: Path, defaults: Defaults) -> ReadResult[PowerRecord]:
    """Read a power list: one power per row."""
    result: ReadResult[PowerRecord] = ReadResult()

    def make(sheet: Sheet, header: Header, row: int, cells: list[str]) -> PowerRecord | None:
        name = _required(path, sheet, row, header, cells, "name", "power name")
        raw = header.get(cells, "category")
        category = vocab.category(raw) if raw else None
        if category is None:
            raise InputError(where(path, sheet, row, header.label("category") if raw else "职权类型", raw),
                             "unknown power category; use one of " + "、".join(vocab.CATEGORIES) +
                             " or a type code 01–10")
        region, department, department_code = _region_and_department(path, sheet, row, header, cells, defaults)
        bases = _bases(header, cells)
        if not bases:
            result.warnings.append(f"{where(path, sheet, row)}: power {name!r} has no basis (依据)")
        flags: dict[str, bool | None] = {}
        for column in ("discretionary", "confidential", "public"):
            value = header.get(cells, column)
            flags[column] = vocab.yes_no(value)
            if value and flags[column] is None:
                raise InputError(where(path, sheet, row, header.label(column), value), "expected 是 or 否")
        confidential = bool(flags["confidential"]) or flags["public"] is False
        delegation = None
        kind = header.get(cells, "delegation")
        if kind and kind not in ("否", "无"):
            if not any(word in kind for word in ("委托", "赋权", "下放")):
                raise InputError(where(path, sheet, row, header.label("delegation"), kind),
                                 "expected 委托 or 赋权 (or 否)")
            to = header.get(cells, "delegated_to")
            if not to:
                raise InputError(where(path, sheet, row, "承接乡镇"), f"the power is handed down ({kind}) but no "
                                 "township is named")
            target = region_path(to)
            if len(target) == 1:
                target = region + target
            on = _date_cell(path, sheet, row, header, cells, "delegation_date", None)
            delegation = Delegation("委托" if "委托" in kind else "赋权", target,
                                    header.get(cells, "delegation_act") or None, on)
        at = _date_cell(path, sheet, row, header, cells, "at", defaults.at)
        steps, limits = _steps(header.get(cells, "flow"))
        sub_items = [s.strip() for s in re.split(r"\n|；|;", header.get(cells, "sub_items")) if s.strip()]
        return PowerRecord(
            source=where(path, sheet, row), region=region, department=department, department_code=department_code,
            name=to_simplified(name), code=header.get(cells, "code") or None, category=category, category_raw=raw,
            sub_items=sub_items, bases=bases, discretionary=flags["discretionary"], confidential=confidential,
            delegation=delegation, steps=steps, step_limits=limits, time_limit=header.get(cells, "time_limit") or None,
            levels=header.get(cells, "level") or None, note=header.get(cells, "note") or None, at=at)

    return _each_row(path, "power", result, make)


_NUMERIC = re.compile(r"元|倍|百分之|%")


def read_benchmarks(path: Path, defaults: Defaults) -> ReadResult[BenchmarkRecord]:
    """Read a benchmark table: one tier (or one condition of a tier) per row, rows of one conduct together."""
    result: ReadResult[BenchmarkRecord] = ReadResult()
    current: dict[str, BenchmarkRecord] = {}
    broken: set[str] = set()

    def make(sheet: Sheet, header: Header, row: int, cells: list[str]) -> BenchmarkRecord | None:
        conduct = _required(path, sheet, row, header, cells, "conduct", "conduct (违法行为)")
        region, department, _ = _region_and_department(path, sheet, row, header, cells, defaults)
        seq = header.get(cells, "seq") or None
        effective = _date_cell(path, sheet, row, header, cells, "effective", defaults.effective)
        key = f"{sheet.name}|{department}|{seq or ''}|{conduct}|{effective}"
        record = current.get(key)
        new = record is None
        if record is None:
            record = BenchmarkRecord(
                source=where(path, sheet, row), region=region, department=department, conduct=to_simplified(conduct),
                seq=seq, code=header.get(cells, "code") or None, effective=effective,
                expires=_date_cell(path, sheet, row, header, cells, "expires", defaults.expires),
                title=header.get(cells, "title") or defaults.title, bases=_bases(header, cells))
            current[key] = record
        adopts = header.get(cells, "adopts")
        if vocab.yes_no(adopts):
            record.adopts = True
            return record if new else None
        text = header.get(cells, "outcome")
        outcome = parse_outcome(text)
        if outcome.problems:
            broken.add(key)
            raise InputError(where(path, sheet, row, header.label("outcome"), text),
                             "; ".join(outcome.problems) + " — correct the range; this conduct's benchmark is "
                             "not loaded")
        if not text:
            result.warnings.append(f"{where(path, sheet, row, header.label('outcome'))}: no outcome (裁量标准) "
                                   "given; the tier is kept with its conditions")
        elif "罚款" in text and not outcome.amounts and not outcome.no_penalty and _NUMERIC.search(text):
            broken.add(key)
            raise InputError(where(path, sheet, row, header.label("outcome"), text),
                             "a fine is named but its range does not parse; write it as 处一万元以上三万元以下罚款 — "
                             "this conduct's benchmark is not loaded")
        name = header.get(cells, "tier") or f"第{len(record.tiers) + 1}档"
        record.tiers.append(TierRecord(row, to_simplified(name), header.get(cells, "grade") or None,
                                       header.get(cells, "conditions"), text, outcome,
                                       header.get(cells, "note") or None))
        return record if new else None

    _each_row(path, "benchmark", result, make)
    result.records = [record for key, record in current.items() if key not in broken]
    return result


def read_lists(path: Path, defaults: Defaults) -> ReadResult[ListRecord]:
    """Read a 不予处罚 / 减轻处罚 / 从轻处罚 list (the kind from a 清单类型 column or --list)."""
    result: ReadResult[ListRecord] = ReadResult()

    def make(sheet: Sheet, header: Header, row: int, cells: list[str]) -> ListRecord | None:
        conduct = _required(path, sheet, row, header, cells, "conduct", "conduct (违法行为)")
        raw = header.get(cells, "list") or defaults.list_kind or ""
        kind = vocab.LIST_KINDS.get(re.sub(r"\s|清单", "", raw))
        if kind is None:
            raise InputError(where(path, sheet, row, header.label("list") if raw else "清单类型", raw),
                             "unknown list: use 不予处罚, 减轻处罚 or 从轻处罚 (or pass --list)")
        region, department, _ = _region_and_department(path, sheet, row, header, cells, defaults)
        first = vocab.yes_no(header.get(cells, "first_offence")) or "首违" in raw or "首次" in header.get(
            cells, "conditions")
        return ListRecord(
            source=where(path, sheet, row), region=region, department=department, kind=kind,
            conduct=to_simplified(conduct), code=header.get(cells, "code") or None,
            conditions=header.get(cells, "conditions"), first_offence=bool(first),
            high_risk=bool(vocab.yes_no(header.get(cells, "high_risk"))),
            effective=_date_cell(path, sheet, row, header, cells, "effective", defaults.effective),
            bases=_bases(header, cells), note=header.get(cells, "note") or None)

    return _each_row(path, "list", result, make)


def read_cases(path: Path, defaults: Defaults) -> ReadResult[CaseRecord]:
    """Read typical cases from JSON lines or a sheet."""
    result: ReadResult[CaseRecord] = ReadResult()

    def make(sheet: Sheet, header: Header, row: int, cells: list[str]) -> CaseRecord | None:
        title = _required(path, sheet, row, header, cells, "title", "case title")
        on = _date_cell(path, sheet, row, header, cells, "date", None)
        region, department, _ = _region_and_department(path, sheet, row, header, cells, defaults)
        raw_fine = header.get(cells, "fine")
        fine = None
        if raw_fine:
            match = re.fullmatch(r"\s*([0-9.]+|[零〇一二三四五六七八九十百千两]+)\s*(万)?\s*元?\s*", raw_fine)
            fine = number(match.group(1), bool(match.group(2))) if match else None
            if fine is None:
                raise InputError(where(path, sheet, row, header.label("fine"), raw_fine),
                                 "not an amount: write 20000 or 2万元")
        text = header.get(cells, "outcome")
        outcome = parse_outcome(text)
        key = header.get(cells, "id") or f"{on.isoformat() if on else '-'}-{title}"
        return CaseRecord(
            source=where(path, sheet, row), key=key, title=to_simplified(title), on=on, region=region,
            department=department, facts=header.get(cells, "facts"), power=header.get(cells, "power") or None,
            tier=header.get(cells, "tier") or None, outcome_text=text, outcome=outcome, fine=fine,
            origin=header.get(cells, "source") or None)

    return _each_row(path, "case", result, make)
