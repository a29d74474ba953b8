"""Citation extraction: the labelled dev set, each form, look-alikes, robustness, the spaCy pipeline."""

from __future__ import annotations

import random
import re

import spacy
from hypothesis import given
from hypothesis import strategies as st

from bench.citations_eval import evaluate
from lawgraph.domain.citations import _scanner, alternatives, extract
from lawgraph.domain.resolve import BARE_LAW_NAMES
from lawgraph.ingest.nlp.pipeline import COMPONENT, TOKENIZER, make_pipeline


def refs(text: str, **context: object) -> list[tuple[object, ...]]:
    return [(r.text, r.law, r.article, r.paragraph, r.item, r.sub_item)
            for r in extract(text, known=BARE_LAW_NAMES, **context)]  # type: ignore[arg-type]


def test_dev_set_precision_and_recall() -> None:
    result = evaluate()
    assert result["examples"] >= 300
    assert result["overall"]["precision"] >= 0.99, result["misses"][:5]
    assert result["overall"]["recall"] >= 0.99, result["misses"][:5]
    for form in ("full", "short", "bare_name", "nested", "version_note", "list", "range", "paragraph_list",
                 "item_range", "item_list", "paren_item", "relative", "insertion", "arabic", "fullwidth",
                 "traditional", "whole_law", "non_citation"):
        assert form in result["forms"], form


def test_full_citation_span_and_units() -> None:
    assert refs("依照《中华人民共和国食品安全法》第一百二十二条第一款第（二）项的规定") == [
        ("《中华人民共和国食品安全法》第一百二十二条第一款第（二）项", "中华人民共和国食品安全法", "122", 1, 2, None)]


def test_lists_ranges_and_items() -> None:
    assert [r[2:5] for r in refs("第五条、第六条和第九条")] == [("5", None, None), ("6", None, None), ("9", None, None)]
    assert [r[2] for r in refs("第三十条至第三十二条")] == ["30", "31", "32"]
    assert [r[2:4] for r in refs("第一百二十二条第一款、第二款")] == [("122", 1), ("122", 2)]
    assert [r[4] for r in refs("第十三条第六项至第十一项")] == [6, 7, 8, 9, 10, 11]
    assert [r[4] for r in refs("第十一条第（一）、（二）、（三）项")] == [1, 2, 3]
    assert refs("第十七条第一款（二）项")[0][2:5] == ("17", 1, 2)


def test_relative_forms_use_the_context() -> None:
    assert refs("本条第二款", context_article="20")[0][2:4] == ("20", 2)
    assert refs("前款", context_article="20", context_paragraph=3)[0][2:4] == ("20", 2)
    assert [r[3] for r in refs("前两款", context_article="20", context_paragraph=3)] == [1, 2]
    assert refs("第一款第（三）项", context_article="20")[0][2:5] == ("20", 1, 3)
    assert refs("本法第六十二条")[0][1:3] == (None, "62")
    assert refs("本条第二款") == []  # no context: nothing to point at


def test_bare_law_names_and_nested_titles() -> None:
    assert refs("依照刑法第三百六十三条")[0][:3] == ("刑法第三百六十三条", "刑法", "363")
    assert refs("国家赔偿法第三条")[0][1:3] == ("国家赔偿法", "3")
    nested = refs("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第十条")[0]
    assert nested[1] == "最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释" and nested[2] == "10"


def test_version_note_and_numerals() -> None:
    ref = extract("《固体废物污染环境防治法》（2016年修订）第六十八条")[0]
    assert (ref.law, ref.article, ref.version_note) == ("固体废物污染环境防治法", "68", "2016年修订")
    assert refs("第十条之一")[0][2] == "10-1"
    assert refs("第12条第1款")[0][2:4] == ("12", 1)
    assert refs("第１２条")[0][2] == "12"
    assert refs("《中華人民共和國食品安全法》第一百二十二條")[0][2] == "122"


def test_look_alikes_are_not_citations() -> None:
    for text in ("第一次", "第三人", "第二天", "第十三届", "第12号", "第三方", "第一季度", "取得《食品经营许可证》"):
        assert refs(f"在{text}时，应当报告。") == [], text


def test_robustness() -> None:
    assert extract("") == []
    rng = random.Random(7)
    noise = "".join(chr(rng.choice([rng.randint(0, 0xD7FF), rng.randint(0xE000, 0x2FFFF)])) for _ in range(20000))
    extract(noise)  # must not raise
    big = "依照本法第十二条第一款的规定处罚。" * 200_000  # 10.2 MB as UTF-8
    assert len(big.encode()) > 10_000_000
    found = extract(big)
    assert len(found) == 200_000 and found[-1].article == "12" and found[-1].paragraph == 1
    huge = extract("第九九九九九条")
    assert huge == [] or huge[0].article == "99999"


def test_pipeline_is_registered_and_sets_spans() -> None:
    assert TOKENIZER in spacy.registry.tokenizers.get_all()
    nlp = make_pipeline(["刑法"])
    assert nlp.pipe_names == [COMPONENT]
    doc = nlp("违反《行政处罚法》第三十三条，依照刑法第三百六十三条处罚。")
    assert [s.text for s in doc.spans["citations"]] == ["《行政处罚法》第三十三条", "刑法第三百六十三条"]
    assert [r.article for r in doc._.citations] == ["33", "363"]
    texts = ["本法第一条", "第二条", ""]
    assert [len(d._.citations) for d in nlp.pipe(texts)] == [1, 1, 0]


_KNOWN = frozenset({"刑法", "行政处罚法", "民法典"})
# whole atoms of every kind and the text around them, so that random joins hold citations of every form
_PIECES = ["《行政处罚法》", "《规定》", "（2016年修订）", "(2016年修正)", "本法", "本条例", "第三条", "第 十二 条之一",
           "第二款", "第三章", "第一编", "本条", "前条", "本款", "前款", "前两款", "第（二）项", "（三）", " (四)项",
           "\u3000（五）", "第十项", "第2目", "至", "到", "、", "，", ",", "和", "以及", "或者", "与", "刑法",
           "行政处罚法", "中华人民共和国", "民法典分则", "规定", "处罚", " ", "\u3000", "\t", "条", "第", "（", "款"]
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_the_scanner_finds_what_its_alternatives_find(text: str) -> None:
    # _scanner tests the first character (_FIRST) before trying its alternatives: it must find every atom they do
    for known in (frozenset(), _KNOWN):
        plain = re.compile(alternatives(known)[0])
        assert ([(m.lastgroup, m.span(), m.groups()) for m in _scanner(known).finditer(text)]
                == [(m.lastgroup, m.span(), m.groups()) for m in plain.finditer(text)])


def test_the_scanner_finds_atoms_beginning_with_each_first_character() -> None:
    # one text per character of _FIRST (and a law name's): what the random joins above may miss
    texts = ["《行政处罚法》第三条", "第二条（2016年修订）", "第二条(2016年修正)", "本法第三条", "前款规定", "第三条至第五条",
             "第三条到第五条", "第一项、第二项", "第一项，第二项", "第一项,第二项", "第一项以及第二项", "第一项和第二项",
             "第一项及第二项", "第一项或者第二项", "第一项与第二项", "第一项與第二项", "有 (四)项", "有\t（四）项",
             "有\u3000（五）", "依照刑法第三条", "中华人民共和国刑法第三条"]
    for text in texts:
        for known in (frozenset(), _KNOWN):
            plain = re.compile(alternatives(known)[0])
            found = [(m.lastgroup, m.span(), m.groups()) for m in _scanner(known).finditer(text)]
            assert found == [(m.lastgroup, m.span(), m.groups()) for m in plain.finditer(text)], text
            assert found, text
