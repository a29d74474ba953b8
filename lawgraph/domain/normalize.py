"""Text normalisation before storing and matching (the original text is always kept too).

`normalize` = Traditional → Simplified (OpenCC t2s), full-width ASCII → half-width, ideographic
space → space, whitespace inside Chinese text removed (PDF line wraps split words: 预 防), runs of
whitespace collapsed.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH[0xA0] = 0x20
_WIDTH[0x2002] = 0x20
_WIDTH[0x2003] = 0x20
_WIDTH[0xFEFF] = None  # type: ignore[assignment]
_WIDTH[0x200B] = None  # type: ignore[assignment]
# what halfwidth replaces, one character at a time (str.translate with a table looks every character up: eight times
# slower on a statute's text, where a few kinds of full-width punctuation recur)
_HALF = {chr(code): "" if plain is None else chr(plain) for code, plain in _WIDTH.items()}
_WIDE = re.compile("[" + "".join(re.escape(wide) for wide in _HALF) + "]")

_CJK = r"\u3400-\u9fff\uf900-\ufaff\u3001-\u303f\uff00-\uffef"
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\f\v]+")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    """Return `text` converted from Traditional to Simplified Chinese."""
    return str(_converter().convert(text))


def halfwidth(text: str) -> str:
    """Return `text` with full-width ASCII forms and odd spaces replaced by their plain forms."""
    if text.isascii():
        return text
    for wide in set(_WIDE.findall(text)):
        text = text.replace(wide, _HALF[wide])
    return text


def _spaced(text: str) -> bool:
    """Whether `text` holds whitespace the squeezing patterns act on. Most lines of a statute hold none, and looking
    for the five characters costs far less than a search with the patterns."""
    return " " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text


def _squeezed(text: str) -> str:
    """Whitespace between Chinese characters dropped, runs of it collapsed to one space."""
    return _SPACES.sub(" ", _SPACE_IN_CJK.sub("", text)) if _spaced(text) else text


def squeeze(text: str) -> str:
    """Drop whitespace between Chinese characters and collapse the rest."""
    return _squeezed(text).strip()


def normalize(text: str) -> str:
    """Return the matching form of `text`: simplified, half-width, whitespace squeezed."""
    return squeeze(halfwidth(to_simplified(text)))


_PUNCT = re.compile(r"[\s,.;:!?()\[\]<>\"'`、，。；：！？（）【】《》〈〉“”‘’·…—\-]+")


def compact(text: str) -> str:
    """Return `normalize(text)` without punctuation or spaces: the key for similarity and titles."""
    return unpunct(normalize(text))


def unpunct(text: str) -> str:
    """Return `text` (already normalised) without punctuation or spaces."""
    return _PUNCT.sub("", text)


def normalize_many(texts: list[str]) -> list[str]:
    """Return `normalize` of each text, converting them in one pass (texts must not contain newlines)."""
    if not texts:
        return []
    joined = squeeze_lines(halfwidth(to_simplified("\n".join(texts))))
    out = joined.split("\n")
    if len(out) != len(texts):  # a text held a newline after all: fall back to one at a time
        return [normalize(text) for text in texts]
    return out


def squeeze_lines(text: str) -> str:
    """`squeeze` applied to every line of `text` (lines split at "\n" only), whitespace stripped at each line's ends
    as `squeeze` strips it (then `normalize_many` gives what `normalize` gives each text)."""
    return "\n".join(_squeezed(line).strip() for line in text.split("\n"))
