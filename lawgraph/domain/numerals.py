"""Chinese and Arabic numerals in statute numbering (第一百二十二条, 第12条, 第１２条)."""

from __future__ import annotations

from functools import lru_cache

import cn2an

from lawgraph.domain.normalize import halfwidth

CN_DIGITS = "零〇一二三四五六七八九十百千万两"
NUMERAL_CHARS = CN_DIGITS + "0123456789０１２３４５６７８９"


@lru_cache(maxsize=65536)
def to_int(text: str) -> int | None:
    """Return the integer a numeral like 一百二十二, 十, 12 or １２ denotes, or None if it is not one."""
    value = halfwidth(text).strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    if any(ch not in CN_DIGITS for ch in value):
        return None
    try:
        number = cn2an.cn2an(value.replace("〇", "零"), "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return int(number) if float(number).is_integer() and number >= 0 else None


@lru_cache(maxsize=4096)
def to_chinese(number: int) -> str:
    """Return the Chinese numeral for `number` as statutes write it (122 → 一百二十二)."""
    return str(cn2an.an2cn(number, "low"))
