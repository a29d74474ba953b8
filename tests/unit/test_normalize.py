"""The normalisation's quick forms (halfwidth by replacement, squeeze only where there is whitespace) give what the
plain forms give: a table translation and the patterns over the whole text (issue 18: the parse's hot spots)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lawgraph.domain import normalize
from lawgraph.domain.normalize import halfwidth, normalize_many, squeeze, squeeze_lines

_TABLE = str.maketrans(normalize._WIDTH)  # the plain form: every character looked up
_CJK_SPACES = re.compile(rf"(?<=[{normalize._CJK}])[ \t]+(?=[{normalize._CJK}])")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_EDGES = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)

# what statutes hold, and every character the forms treat specially (full-width forms, odd spaces, line breaks)
TEXT = st.text(alphabet=st.sampled_from(list("中华人民共和国法第一条款项（）()，,；;：:、。 \t\r\f\v\n\u3000\u00a0\u2002"
                                             "\u2003\u200b\ufeffＡａ０９～！abc12\x1c\x85\u2028")), max_size=30)


@given(TEXT)
def test_halfwidth_is_the_table_translation(text: str) -> None:
    assert halfwidth(text) == text.translate(_TABLE)


@given(TEXT)
def test_squeeze_is_the_patterns_over_the_whole_text(text: str) -> None:
    assert squeeze(text) == _SPACES.sub(" ", _CJK_SPACES.sub("", text)).strip()
    assert squeeze_lines(text) == _EDGES.sub("", _SPACES.sub(" ", _CJK_SPACES.sub("", text)))


def test_a_statute_line() -> None:
    line = "第十二条\u3000县级以上人民政府（一）加强 监督；\t处五千元以上ＡＢ罚款。 "
    assert normalize.normalize(line) == "第十二条县级以上人民政府(一)加强监督; 处五千元以上AB罚款。"
    assert normalize_many([line, "（二）"]) == [normalize.normalize(line), "(二)"]
