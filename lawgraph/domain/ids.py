"""Deterministic ids: the same text always gets the same id, so re-ingest changes nothing.

law      农产品质量安全法                      (normalised title, without 中华人民共和国)
version  农产品质量安全法@2018-10-26           (or @undated)
division 农产品质量安全法@2018-10-26/d:c2.s1   (path of 编/分编/章/节 ordinals)
article  农产品质量安全法@2018-10-26/12        (12, 10-1 for 第十条之一)
paragraph …/12.2, item …/12.2.3, sub-item …/12.2.3.1
"""

from __future__ import annotations

import functools
import re
from datetime import date

from lawgraph.domain.normalize import compact

__all__ = ["PRC", "article_id", "article_number", "compact", "division_id", "law_key", "version_id"]

PRC = "中华人民共和国"
_VERSION_NOTE = re.compile(r"[(（][^()（）]*(修正|修订|草案|试行)[^()（）]*[)）]$")


def law_key(title: str) -> str:
    """Return the law id for a title: 《中华人民共和国食品安全法》 and 食品安全法 give 食品安全法."""
    key = compact(_VERSION_NOTE.sub("", title.strip().strip("《》")))
    return key.removeprefix(PRC) or key


def version_id(law_id: str, when: date | None) -> str:
    """Return the id of the version of `law_id` dated `when`."""
    return f"{law_id}@{when.isoformat() if when else 'undated'}"


def division_id(version: str, key: str) -> str:
    """Return the id of a division from its path key (c2.s1)."""
    return f"{version}/d:{key}"


def article_id(version: str, number: str) -> str:
    """Return the id of article `number` ('12', '10-1') of `version`."""
    return f"{version}/{number}"


_ARTICLE_INPUT = re.compile(
    r"^第?\s*([0-9零〇一二三四五六七八九十百千两]+)\s*条?\s*(?:(?:之|-)\s*([0-9一二三四五六七八九十]+))?$"
)


def within(region: str | None, place: str | None) -> bool:
    """True when `place` is the region `region` or lies below it (every place is within None, the whole graph).
    Region ids are their paths: 江北省/临川市/青禾县."""
    return region is None or (place is not None and (place == region or place.startswith(f"{region}/")))


def ancestors(region: str | None) -> list[str]:
    """The regions above `region`, nearest first: 江北省/临川市/青禾县 → 江北省/临川市, 江北省."""
    parts = region.split("/") if region else []
    return ["/".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)]


def article_of_unit(unit_id: str) -> str:
    """The id of the article a unit is or lies in: `law@date/115.1.1` → `law@date/115`."""
    head, _, tail = unit_id.rpartition("/")
    return f"{head}/{tail.split('.', 1)[0]}"


def article_number(text: str) -> str | None:
    """Return the stored article number for user input: '12', '第十二条', '10-1', '第十条之一' → '12', '10-1'."""
    from lawgraph.domain.normalize import halfwidth
    from lawgraph.domain.numerals import to_int

    match = _ARTICLE_INPUT.match(halfwidth(text).strip())
    if not match:
        return None
    base = to_int(match.group(1))
    suffix = to_int(match.group(2)) if match.group(2) else 0
    if base is None or suffix is None or base <= 0:
        return None
    return f"{base}-{suffix}" if suffix else str(base)


def unit_label(unit_id: str) -> str:
    """ver/12.2.3 → 第十二条第二款第（三）项 (the item by its ordinal)."""
    return _tail_label(unit_id.rpartition("/")[2])


@functools.lru_cache(maxsize=8192)
def _tail_label(tail: str) -> str:
    """12.2.3 → 第十二条第二款第（三）项; cached: a law has a few hundred units and cn2an is slow."""
    import cn2an

    parts = tail.split(".")
    base, _, suffix = parts[0].partition("-")
    out = f"第{cn2an.an2cn(int(base))}条" + (f"之{cn2an.an2cn(int(suffix))}" if suffix else "")
    if len(parts) > 1:
        out += f"第{cn2an.an2cn(int(parts[1]))}款"
    if len(parts) > 2:
        out += f"第（{cn2an.an2cn(int(parts[2]))}）项"
    return out
