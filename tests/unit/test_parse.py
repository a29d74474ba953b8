"""Statute structure parsing on small texts written for the purpose, and on real corpus files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lawgraph.errors import InputError
from lawgraph.ingest.sources.markdown import parse_markdown
from lawgraph.ingest.sources.text import lines_to_doc
from lawgraph.ingest.statutes.parse import parse_events, parse_statute
from lawgraph.ingest.statutes.read import discover, read_source
from tests.conftest import SAMPLE, corpus

MD = """# 中华人民共和国示例法

2001年1月1日 第九届全国人民代表大会常务委员会第二十次会议通过

2010年6月30日 第十一届全国人民代表大会常务委员会第十五次会议修正

<!-- INFO END -->

## 第一章 总则

第一条 为了示例，制定本法。

第二条 本法所称示例，是指：

（一）第一项；

（二）第二项，包括：

1. 第一目；

2. 第二目。

前款规定不适用于其他。

### 第一节 细则

第二条之一 插入的条文。

## 第二章 法律责任

第三条 违反本法规定的，处一万元以上三万元以下罚款。
"""


def parse_md(text: str, name: str = "示例法(2010-06-30).md") -> object:
    return parse_statute(parse_markdown(Path(name), text))


def test_markdown_structure() -> None:
    s = parse_statute(parse_markdown(Path("示例法(2010-06-30).md"), MD))
    assert s.title == "中华人民共和国示例法"
    assert [a.number for a in s.articles] == ["1", "2", "2-1", "3"]
    assert s.date == date(2010, 6, 30)
    assert [(e.date, e.kind) for e in s.events] == [(date(2001, 1, 1), "通过"), (date(2010, 6, 30), "修正")]
    second = s.articles[1]
    assert [p.text for p in second.paragraphs] == ["本法所称示例，是指：", "前款规定不适用于其他。"]
    items = second.paragraphs[0].items
    assert [(i.number, i.text) for i in items] == [(1, "（一）第一项；"), (2, "（二）第二项，包括：")]
    assert [(x.number, x.text) for x in items[1].subitems] == [(1, "1. 第一目；"), (2, "2. 第二目。")]
    assert [(d.key, d.kind, d.number, d.title) for d in s.divisions] == [
        ("c1", "chapter", 1, "总则"), ("c1.s1", "section", 1, "细则"), ("c2", "chapter", 2, "法律责任")]
    assert s.articles[2].division == "c1.s1"
    assert s.articles[3].division == "c2"
    assert s.level == "法律"
    assert s.warnings == []


def test_content_hash_is_stable_and_sensitive() -> None:
    a = parse_md(MD)
    b = parse_md(MD)
    c = parse_md(MD.replace("三万元", "五万元"))
    assert a.content_hash == b.content_hash != c.content_hash  # type: ignore[attr-defined]


def test_plain_text_with_toc_and_missing_title() -> None:
    raw = """　　目　录
　　第一章　总　　则
　　第二章　附　　则
　　第一章　总　　则
　　第一条　為了加強管理，制定本條例。
　　第二條　本条例自1998年1月1日起施行。
""".replace("第二條", "第二条")
    doc = lines_to_doc(Path("某某管理条例_1997.txt"), list(enumerate(raw.splitlines(), 1)), "text")
    s = parse_statute(doc)
    assert s.title == "某某管理条例"
    assert [a.number for a in s.articles] == ["1", "2"]
    assert [d.title for d in s.divisions] == ["总则"]  # the 目录 is not read as structure
    assert s.articles[0].paragraphs[0].text == "為了加強管理，制定本條例。"  # original kept
    assert s.articles[0].paragraphs[0].norm == "为了加强管理,制定本条例。"  # simplified, half-width
    assert s.date == date(1997, 1, 1) and s.date_precision == "year"
    assert s.effective == date(1998, 1, 1)
    assert s.level == "行政法规"


def test_numbering_jump_and_repeat_are_warnings_with_lines() -> None:
    text = "# 某法\n\n<!-- INFO END -->\n\n第一条 一。\n\n第三条 三。\n\n第三条 又三。\n"
    s = parse_statute(parse_markdown(Path("某法.md"), text))
    assert [a.number for a in s.articles] == ["1", "3", "3~2"]
    assert s.warnings == [
        "某法.md:7: numbering jumps from 第一条 to 第三条",
        "某法.md:9: 第三条 repeats (also at line 7); kept as a second text",
    ]


def test_article_number_forms() -> None:
    text = "# 某法\n\n<!-- INFO END -->\n\n第１条 一。\n\n第2条 二。\n\n第二条之一 插。\n\n第三条\u3000三。\n"
    s = parse_statute(parse_markdown(Path("某法.md"), text))
    assert [a.number for a in s.articles] == ["1", "2", "2-1", "3"]
    assert s.articles[3].paragraphs[0].text == "三。"


def test_not_articles() -> None:
    text = "# 某法\n\n<!-- INFO END -->\n\n第一条 一。\n\n第三人应当承担责任。\n\n第一次会议决定。\n"
    s = parse_statute(parse_markdown(Path("某法.md"), text))
    assert [a.number for a in s.articles] == ["1"]
    assert len(s.articles[0].paragraphs) == 3


def test_history_in_parentheses() -> None:
    events = parse_events(["（1996年3月17日第八届全国人民代表大会第四次会议通过　根据2009年8月27日第十一届全国人民"
                           "代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正　根据2017年9月1日第十二届"
                           "全国人民代表大会常务委员会第二十九次会议《关于修改〈中华人民共和国法官法〉等八部法律的决定》"
                           "第二次修正）"])
    assert [(e.date.isoformat(), e.kind) for e in events] == [
        ("1996-03-17", "通过"), ("2009-08-27", "修正"), ("2017-09-01", "修正")]


def test_history_with_broken_words() -> None:
    events = parse_events(["(1997年7月3日第八届全国人民代表大会常务委员会第二十六次会议通 过)"])
    assert [(e.date.isoformat(), e.kind) for e in events] == [("1997-07-03", "通过")]


def test_no_articles_is_a_warning_when_titled_and_an_error_otherwise() -> None:
    s = parse_statute(parse_markdown(Path("某决定.md"), "# 关于某事的决定\n\n<!-- INFO END -->\n\n一、做某事。\n"))
    assert s.articles == [] and s.preamble == "一、做某事。"
    assert s.warnings == ["某决定.md:1: no articles (第X条) found; the text is kept as the version's preamble"]
    doc = lines_to_doc(Path("notes.txt"), [(1, "随便写点什么")], "text")
    with pytest.raises(InputError, match=r"notes\.txt: no articles"):
        parse_statute(doc)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the file is empty"), (b"\x00\x01\x02binary", "binary file"),
     (b"\xe7\xac\xac\xe4\xb8\x80\xe6\x9d\xa1 ok\n\xff\xfe\xfa\xfb\xfc bad", "undecodable bytes")],
)
def test_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_source(path)
    assert str(path) in str(caught.value)


def test_undecodable_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes("# 某法\n第一条 好。\n".encode() + b"\x81\x30\xff\xff\n")
    with pytest.raises(InputError, match=r"bad.md:3: undecodable"):
        read_source(path)


def test_docx(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in ["某某省食品小作坊管理条例", "第一章 总则", "第一条 为了规范管理，制定本条例。",
                 "第二条 本条例适用于：", "（一）生产；", "（二）销售。"]:
        document.add_paragraph(line)
    path = tmp_path / "x.docx"
    document.save(str(path))
    s = parse_statute(read_source(path))
    assert s.title == "某某省食品小作坊管理条例"
    assert [a.number for a in s.articles] == ["1", "2"]
    assert len(s.articles[1].paragraphs[0].items) == 2
    assert s.level == "地方性法规"


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_text("plain text, not a zip")
    with pytest.raises(InputError, match=r"not a readable \.docx"):
        read_source(path)


def test_sample_files_parse_without_warnings() -> None:
    files, _ = discover([SAMPLE / "statutes"])
    assert len(files) == 19
    for path in files:
        s = parse_statute(read_source(path))
        assert s.articles and s.warnings == [], path


@pytest.mark.parametrize(
    ("relative", "count", "level"),
    [
        ("lawrefbook/行政法/行政处罚法(2021-01-22).md", 86, "法律"),
        ("lawrefbook/行政法/行政许可法(2019-04-23).md", 83, "法律"),
        ("lawrefbook/行政法/行政强制法(2011-06-30).md", 71, "法律"),
        ("lawrefbook/行政法/食品安全法(2021-04-29).md", 154, "法律"),
        ("lawrefbook/社会法/安全生产法(2021-06-10).md", 119, "法律"),
        ("lawrefbook/经济法/农产品质量安全法(2018-10-26).md", 56, "法律"),
        ("lawrefbook/经济法/农产品质量安全法(2022-09-02).md", 81, "法律"),
        ("lawrefbook/经济法/反垄断法(2007-08-30).md", 57, "法律"),
        ("lawrefbook/经济法/反垄断法(2022-06-24).md", 70, "法律"),
        ("lawrefbook/行政法/文物保护法(2024-11-08).md", 101, "法律"),
        ("lawrefbook/行政法规/生猪屠宰管理条例(2021-06-25).md", 45, "行政法规"),
        ("versions/行政处罚法_2017.md", 64, "法律"),
        ("versions/动物防疫法_1997.txt", 58, "法律"),
        ("versions/动物防疫法_2007.txt", 85, "法律"),
        ("versions/食品安全法_2009.txt", 104, "法律"),
        ("versions/食品卫生法_1995.txt", 57, "法律"),
        ("versions/生猪屠宰管理条例_1997.txt", 24, "行政法规"),
        ("versions/动物检疫管理办法_2010.txt", 53, "部门规章"),
    ],
)
def test_corpus_article_counts(relative: str, count: int, level: str) -> None:
    s = parse_statute(read_source(corpus() / relative))
    assert len(s.articles) == count
    assert s.level == level
    numbers = [a.number for a in s.articles]
    assert len(set(numbers)) == len(numbers)
