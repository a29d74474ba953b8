"""Reading real spreadsheets: the 江门 生态环境 benchmark table (.xls, 12 sheets, merged cells)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawgraph.domain.penalties import parse_outcome
from lawgraph.errors import InputError
from lawgraph.ingest.sources.sheets import read_csv, read_xls
from tests.conftest import corpus


def test_jiangmen_table_items_tiers_and_ranges() -> None:
    sheets = read_xls(corpus() / "benchmarks" / "jiangmen_sthj_caiLiang_biaozhun_2020.xls")
    assert [s.name for s in sheets][:3] == ["环境影响评价法", "水污染防治法", "大气污染防治法"]
    items: set[tuple[str, str]] = set()
    tiers = 0
    with_outcome = 0
    for sheet in sheets:
        header = None
        for _, row in sheet.rows:
            if "序号" in row and "违法行为" in row:
                header = row
                continue
            if header is None or not row[0] or not any(ch.isdigit() for ch in row[0]):
                continue
            items.add((sheet.name, row[0]))
            tiers += 1
            outcome = parse_outcome(row[header.index("裁量标准")])
            with_outcome += bool(outcome.amounts or outcome.types or outcome.no_penalty)
    assert len(items) == 165
    assert tiers == 872
    assert with_outcome >= 860  # the rest have an empty 裁量标准 cell in the source
    water = next(s for s in sheets if s.name == "水污染防治法")
    first = next(row for _, row in water.rows if row[0] == "2-1")
    assert first[1] == "拒绝现场检查或者在接受检查时弄虚作假"  # merged cells filled down


def test_bad_workbooks(tmp_path: Path) -> None:
    fake = tmp_path / "x.xls"
    fake.write_bytes(b"not a workbook")
    with pytest.raises(InputError, match=r"x\.xls: not a readable \.xls workbook"):
        read_xls(fake)
    table = tmp_path / "powers.csv"
    table.write_text("职权名称,职权类型\n对某行为的处罚,行政处罚\n\n", encoding="utf-8")
    assert read_csv(table)[0].rows == [(1, ["职权名称", "职权类型"]), (2, ["对某行为的处罚", "行政处罚"])]
