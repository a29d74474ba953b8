"""Does the citing sentence describe the provision it cites? The words around a citation (its clause: 关于预包装
食品标签应当标明事项的规定, 适用听证程序) against the cited unit's text in each version of the law.

Used only on clear evidence: the words must be found in the same-numbered unit of another version and not in the
unit of the version in force on the citing text's date — a wrong flag costs a lawyer's time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgraph.domain.normalize import normalize, unpunct

_CLAUSE_END = re.compile(r"[。；;！？!?\n，,：:]")
_CITATION_TEXT = re.compile(r"《[^《》]*》|[（(][^（）()]{0,30}[)）]|第[一二三四五六七八九十百千零〇两0-9]+[条款项目]"
                            r"(?:之[一二三四五六七八九十]+)?")
# connecting words of citing sentences: they describe nothing
_FILLER = re.compile(r"依照|依据|根据|按照|参照|违反|适用于|关于|有关|相关|规定|之规定|的规定|所列|所称|所指|"
                     r"中华人民共和国|本法|本条例|本办法|本规定|以下简称|简称|[的和与及或之该本其等]")
MIN_WORDS = 3  # fewer distinct bigrams than this describe too little to judge
FOUND = 0.5  # share of the words another version's unit must hold …
ABSENT = 0.2  # … while the cited unit holds at most this share


@dataclass(frozen=True, slots=True)
class Description:
    """What the words around a citation say: their bigrams, and the words as read (for the reason)."""

    words: str
    grams: frozenset[str]


def around(text: str, start: int, end: int) -> Description:
    """The words of the clause holding text[start:end], citations and connecting words left out."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right_match = _CLAUSE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    clause = text[left:start] + " " + text[end:right]
    plain = unpunct(_FILLER.sub(" ", _CITATION_TEXT.sub(" ", normalize(clause))))
    parts = [p for p in re.split(r"\s+", _FILLER.sub(" ", _CITATION_TEXT.sub(" ", normalize(clause)))) if p]
    grams = frozenset(g for p in (unpunct(x) for x in parts) for g in (p[i:i + 2] for i in range(len(p) - 1)))
    return Description(plain, grams)


def share(description: Description, unit_text: str) -> float:
    """The share of the description's bigrams the unit's text holds."""
    if not description.grams:
        return 0.0
    key = unpunct(normalize(unit_text))
    return sum(1 for g in description.grams if g in key) / len(description.grams)


def better_match(description: Description, cited: str, others: dict[str, str]) -> tuple[str, float, float] | None:
    """The version (key of `others`: version id → the same-numbered unit's text there) whose unit the words
    clearly describe while the cited unit's text does not: (version, its share, the cited unit's share); None
    without clear evidence."""
    if len(description.grams) < MIN_WORDS:
        return None
    here = share(description, cited)
    if here > ABSENT:
        return None
    scored = sorted(((share(description, text), version) for version, text in others.items()), reverse=True)
    if not scored or scored[0][0] < FOUND:
        return None
    return scored[0][1], scored[0][0], here
