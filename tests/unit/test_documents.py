"""What a policy document states about itself, and the documents it names (domain.documents)."""

from __future__ import annotations

from datetime import date

from lawgraph.domain.documents import parse_date, read_meta, references, title_keys


def test_metadata_from_a_closing_signature_and_a_number_under_the_title() -> None:
    lines = ["某市人民政府办公室关于印发《某市行政执法公示办法》的通知", "某政办发[2021]7号", "各区县人民政府：",
             "现将《某市行政执法公示办法》印发给你们，请遵照执行。", "某市人民政府办公室", "二〇二一年三月五日"]
    meta = read_meta(lines)
    assert (meta.title, meta.number, meta.issuer, meta.date) == (
        "某市人民政府办公室关于印发《某市行政执法公示办法》的通知", "某政办发〔2021〕7号", "某市人民政府办公室",
        date(2021, 3, 5))
    assert "某市行政执法公示办法" in meta.keys


def test_labelled_metadata_several_on_one_line() -> None:
    meta = read_meta(["网站首页", "发布机构 某县人民政府 发文日期 2023-03-14", "文号 某县政办〔2023〕6号 是否有效",
                      "名称 某县政办〔2023〕6号关于印发《某县包容审慎监管实施方案》的通知", "正文。"])
    assert (meta.issuer, meta.date, meta.number, meta.title) == (
        "某县人民政府", date(2023, 3, 14), "某县政办〔2023〕6号", "关于印发《某县包容审慎监管实施方案》的通知")


def test_named_documents_skip_short_names_laws_and_itself() -> None:
    meta = read_meta(["某省实施方案", "某省政发〔2022〕3号"])
    named = references(["根据国务院《关于印发〈提升行政执法质量三年行动计划（2023—2025年）〉的通知》（国办发〔2023〕27号，"
                        "以下简称《行动计划》）和《中华人民共和国行政处罚法》，落实《行动计划》。", "某省政发〔2022〕3号"],
                       meta, {"中华人民共和国行政处罚法"})
    assert [(r.number, r.keys) for r in named] == [
        ("国办发〔2023〕27号", ()),
        (None, ("关于印发提升行政执法质量三年行动计划的通知", "提升行政执法质量三年行动计划"))]
    assert title_keys("国务院办公厅关于印发提升行政执法质量三年行动计划（2023—2025年）的通知")[-1] == "提升行政执法质量三年行动计划"


def test_dates_in_three_forms() -> None:
    assert parse_date("2023年12月12日") == date(2023, 12, 12)
    assert parse_date("二〇二三年十二月十二日") == date(2023, 12, 12)
    assert parse_date("印发日期：2023-03-14") == date(2023, 3, 14)
    assert parse_date("2023年2月30日") is None


def test_a_labelled_number_that_is_no_number_is_none() -> None:
    assert read_meta(["某县通知", "发文字号：无", "正文。"]).number is None
    assert parse_date("二〇二三年十十月一日") is None
