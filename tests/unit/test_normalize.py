"""The normalisation's quick forms (halfwidth by replacement, squeeze only where there is whitespace, many texts
normalised at once) give what the plain forms give: a table translation, the patterns over the whole text, and
`normalize` of each text (issue 18: the parse's hot spots)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lawgraph.domain import normalize
from lawgraph.domain.normalize import halfwidth, normalize_many, squeeze, squeeze_lines

_TABLE = str.maketrans(normalize._WIDTH)  # the plain form: every character looked up
_CJK_SPACES = re.compile(rf"(?<=[{normalize._CJK}])[ \t]+(?=[{normalize._CJK}])")
_SPACES = re.compile(r"[ \t\r\f\v]+")

# what statutes hold, and every character the forms treat specially (full-width forms, odd spaces, line breaks)
TEXT = st.text(alphabet=st.sampled_from(list("中华人民共和国法第一条款项（）()，,；;：:、。 \t\r\f\v\n\u3000\u00a0\u2002"
                                             "\u2003\u200b\ufeffＡａ０９～！abc12\x1c\x85\u2028")), max_size=30)


@given(TEXT)
def test_halfwidth_is_the_table_translation(text: str) -> None:
    assert halfwidth(text) == text.translate(_TABLE)


@given(TEXT)
def test_squeeze_is_the_patterns_over_the_whole_text(text: str) -> None:
    assert squeeze(text) == _SPACES.sub(" ", _CJK_SPACES.sub("", text)).strip()
    assert squeeze_lines(text) == "\n".join(line.strip() for line in
                                             _SPACES.sub(" ", _CJK_SPACES.sub("", text)).split("\n"))


# texts without line breaks, with Traditional characters (and the odd whitespace at their ends that str.strip takes)
LINES = st.lists(st.text(alphabet=st.sampled_from(list("中華人民共和國法第一條款項於乾燥門（）()，; \t\r\f\v\u3000\u00a0"
                                                       "\u2002\u200bＡａ０～abc12\x1c\x1f\x85\u2028\u2029\u202f")),
                         max_size=20), max_size=8)


@given(LINES)
def test_normalize_many_is_normalize_of_each(texts: list[str]) -> None:
    # units' norms come from normalize_many, the alignment's from normalize: they must agree on every text
    assert normalize_many(texts) == [normalize.normalize(text) for text in texts]


def test_a_statute_line() -> None:
    line = "第十二条\u3000县级以上人民政府（一）加强 监督；\t处五千元以上ＡＢ罚款。 "
    assert normalize.normalize(line) == "第十二条县级以上人民政府(一)加强监督; 处五千元以上AB罚款。"
    assert normalize_many([line, "（二）"]) == [normalize.normalize(line), "(二)"]
