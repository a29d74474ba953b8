"""Reading power lists, benchmark tables, lists and cases: header variants, .xlsx, and every bad input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from lawgraph.errors import InputError
from lawgraph.ingest.enforcement.basis import basis_references
from lawgraph.ingest.enforcement.read import Defaults, read_benchmarks, read_cases, read_lists, read_powers
from lawgraph.ingest.sources import sheets
from lawgraph.ingest.sources.sheets import read_sheets

COUNTY = Defaults(region="江北省/临川市/青禾县", department="青禾县农业农村局")


def _xlsx(path: Path, rows: list[list[object]], title: str = "职权清单", merge: list[str] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def test_header_variants_type_codes_merged_and_multiline_cells(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "清单.xlsx", [
        ["青禾县农业农村局权责清单（2023年版）", None, None, None, None],
        ["序号", "事项名称", "权力类别（代码）", "法律依据", "责任主体"],
        [1, "农药经营许可", "01", "《农药管理条例》第二十四条", "青禾县农业农村局"],
        [2, "对经营劣质农药的处罚", "02", "《农药管理条例》第五十六条", None],
        [3, "动物防疫监督检查", "行政检查", "《动物防疫法》第七十六条\n《动物防疫法》第七十七条", None],
    ], merge=["A1:E1", "E3:E5"])
    result = read_powers(path, Defaults(region="江北省/临川市/青禾县"))
    assert result.errors == []
    assert [(p.name, p.category, p.department) for p in result.records] == [
        ("农药经营许可", "行政许可", "青禾县农业农村局"),
        ("对经营劣质农药的处罚", "行政处罚", "青禾县农业农村局"),  # merged cell filled down
        ("动物防疫监督检查", "行政监督检查", "青禾县农业农村局"),
    ]
    assert result.records[2].bases[0].text == "《动物防疫法》第七十六条\n《动物防疫法》第七十七条"


def test_unknown_category_and_row_without_a_name(tmp_path: Path) -> None:
    path = tmp_path / "powers.csv"
    path.write_text("职权名称,职权类型,依据\n"
                    "对某行为的处罚,行政奖惩,《农药管理条例》第五十六条\n"
                    ",行政处罚,《农药管理条例》第五十五条\n"
                    "农药经营许可,行政许可,《农药管理条例》第二十四条\n", encoding="utf-8")
    result = read_powers(path, COUNTY)
    assert [p.name for p in result.records] == ["农药经营许可"]  # the rest loads
    assert result.errors[0].startswith("powers.csv, row 2, column 职权类型 ('行政奖惩'): unknown power category")
    assert result.errors[1].startswith("powers.csv, row 3, column 职权名称 (''): the row has no power name")


def test_tier_with_min_above_max_and_a_range_that_does_not_parse(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "基准.xlsx", [
        ["序号", "违法行为", "法律依据", "裁量阶次", "裁量情节", "裁量标准"],
        ["1", "经营劣质农药", "《农药管理条例》第五十六条", "轻微", "初次", "处五千元以上二千元以下罚款"],
        ["1", "经营劣质农药", "《农药管理条例》第五十六条", "一般", "再次", "处五千元以上一万元以下罚款"],
        ["2", "未取得许可经营农药", "《农药管理条例》第五十五条", "一般", "", "处以若干元罚款"],
        ["3", "农药使用者违规用药", "《农药管理条例》第六十条", "轻微", "", "处五百元以下罚款"],
    ], title="农业")
    result = read_benchmarks(path, COUNTY)
    assert [b.conduct for b in result.records] == ["农药使用者违规用药"]
    assert result.errors[0].startswith("基准.xlsx, sheet 农业, row 2, column 裁量标准 ('处五千元以上二千元以下罚款'): "
                                       "'五千元以上二千元以下': the lower bound is above the upper bound")
    assert result.errors[1].startswith("基准.xlsx, sheet 农业, row 4, column 裁量标准 ('处以若干元罚款'): a fine is "
                                       "named but its range does not parse")


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>")
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(InputError, match=r"bomb\.xlsx: part xl/worksheets/sheet1\.xml unpacks to \d+ bytes"):
        read_sheets(path)


def test_xml_entity_attack_is_refused(tmp_path: Path) -> None:
    good = _xlsx(tmp_path / "good.xlsx", [["职权名称", "职权类型"], ["pesticide", "行政许可"]])
    evil = tmp_path / "evil.xlsx"
    entities = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(evil, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = entities + data.decode().replace(">pesticide<", ">&lol2;<")
                data = text.encode()
            target.writestr(item, data)
    with pytest.raises(InputError, match=r"evil\.xlsx: the workbook's XML declares entities or a DTD \(part "
                       r"xl/worksheets/sheet1\.xml\)"):
        read_sheets(evil)
    # and openpyxl, parsing through defusedxml, refuses it too (the pre-scan is a second line)
    from defusedxml import DefusedXmlException

    with pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(evil)
    assert isinstance(caught.value.__cause__, DefusedXmlException)


def test_a_50_mb_sheet_is_refused(tmp_path: Path) -> None:
    for name in ("huge.csv", "huge.xlsx", "huge.xls"):
        path = tmp_path / name
        with path.open("wb") as handle:
            handle.truncate(sheets.MAX_SHEET_BYTES + 1)  # sparse: no 50 MB written
        with pytest.raises(InputError, match=rf"{name}: the file is \d+ bytes, over the \d+-byte limit"):
            read_sheets(path)


def test_damaged_xlsx_and_unknown_type(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"broken\.xlsx: not a readable \.xlsx workbook"):
        read_sheets(path)
    other = tmp_path / "powers.ods"
    other.write_bytes(b"x")
    with pytest.raises(InputError, match=r"unsupported spreadsheet type \.ods"):
        read_sheets(other)


def test_no_header_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "misc.csv"
    path.write_text("甲,乙\n1,2\n", encoding="utf-8")
    result = read_powers(path, COUNTY)
    assert result.records == []
    assert "no sheet has a power table header" in result.errors[0]


def test_region_department_and_dates_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("职权名称,职权类型,下放方式,承接乡镇,下放日期\n"
                    "甲,行政处罚,赋权,白沙镇,2022-13-40\n"
                    "乙,行政处罚,赋权,,\n"
                    "丙,行政处罚,,,\n", encoding="utf-8")
    result = read_powers(path, Defaults())
    assert all("no region" in e for e in result.errors)
    result = read_powers(path, COUNTY)
    assert result.errors[0].startswith("p.csv, row 2, column 下放日期 ('2022-13-40'): not a date")
    assert result.errors[1].startswith("p.csv, row 3, column 承接乡镇: the power is handed down (赋权) but no "
                                       "township is named")
    assert [p.name for p in result.records] == ["丙"]


def test_cases_from_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "A1", "title": "某案", "date": "2023-05-16", "power": "SC02004", "fine": "2万元"}\n'
                    '{"id": "A2", "title": "某案二", "date": "2023/5/17", "fine": 1500}\n'
                    '{"id": "A3", "title": "", "date": "2023-05-18"}\n'
                    '{"id": "A4", "title": "某案四", "date": "去年"}\n', encoding="utf-8")
    result = read_cases(path, COUNTY)
    assert [(c.key, c.fine, str(c.on)) for c in result.records] == [("A1", 20000.0, "2023-05-16"),
                                                                    ("A2", 1500.0, "2023-05-17")]
    assert result.errors[0].startswith("cases.jsonl, line 3, column title (''): the row has no case title")
    assert result.errors[1].startswith("cases.jsonl, line 4, column date ('去年'): not a date")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1}\n{oops\n', encoding="utf-8")
    result = read_cases(broken, COUNTY)
    assert result.errors and "broken.jsonl, line 2: not valid JSON" in result.errors[0]


def test_lists_need_a_known_kind(tmp_path: Path) -> None:
    path = tmp_path / "lists.csv"
    path.write_text("清单类型,违法行为\n不予处罚,甲\n首违不罚,乙\n从重处罚,丙\n", encoding="utf-8")
    result = read_lists(path, COUNTY)
    assert [(e.kind, e.first_offence) for e in result.records] == [("不予处罚", False), ("不予处罚", True)]
    assert "unknown list: use 不予处罚, 减轻处罚 or 从轻处罚" in result.errors[0]


def test_basis_quotations_are_not_bases() -> None:
    text = ("【法律】《中华人民共和国专利法》（根据2020年10月17日第十三届全国人民代表大会常务委员会第二十二次会议"
            "《关于修改〈中华人民共和国专利法〉的决定》第四次修正）\n第六十五条　未经专利权人许可……依照《中华人民共和国"
            "行政诉讼法》向人民法院起诉……\n【地方性法规】《辽宁省专利条例》（2013年通过，自2014年3月1日起施行）\n第二十二条　……")
    refs = basis_references(text)
    assert [(r.law, r.article, r.version_note) for r in refs] == [
        ("中华人民共和国专利法", "65", "2020年"), ("辽宁省专利条例", "22", "2014年")]
    refs = basis_references("《环境影响评价法》（2018年修订）第三十一条第一款、第二款：建设单位……依照本法第二十四条的规定……")
    assert [(r.article, r.paragraph) for r in refs] == [("31", 1), ("31", 2)]
    refs = basis_references("《食品安全法》第三十五条、《行政许可法》第十二条第（一）项")
    assert [(r.law, r.article, r.item) for r in refs] == [("食品安全法", "35", None), ("行政许可法", "12", 1)]
