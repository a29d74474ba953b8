"""Recognise the structure of a statute: 编/分编/章/节 → 条 → 款 → 项 → 目, and its history.

Input is a SourceDoc from any reader; output a ParsedStatute whose warnings name file and line.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from datetime import date
from pathlib import Path

from lawgraph.domain.normalize import halfwidth, normalize_many
from lawgraph.domain.numerals import to_chinese, to_int
from lawgraph.domain.statute import (
    DIVISION_CN,
    DIVISION_RANK,
    Article,
    Division,
    Event,
    Item,
    Paragraph,
    ParsedStatute,
    SubItem,
)
from lawgraph.errors import InputError
from lawgraph.ingest.sources.document import Line, SourceDoc, title_from_filename
from lawgraph.ingest.statutes.levels import infer_level

_NUM = "零〇一二三四五六七八九十百千两0-9０-９"
# Patterns accept full- and half-width forms, so lines need no conversion before matching.
ARTICLE_RE = re.compile(rf"^第([{_NUM}]+)条(?:之([{_NUM}]+))?(?:[\s\u3000]+|$)(.*)$")
DIVISION_RE = re.compile(rf"^第([{_NUM}]+)(分编|编|章|节)(?:[\s\u3000]*(.*))?$")
ITEM_RE = re.compile(r"^[(（]([零〇一二三四五六七八九十]+)[)）]")
SUBITEM_RE = re.compile(r"^([0-9０-９]{1,2})[.．、](?![0-9０-９])")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
EFFECTIVE_RE = re.compile(r"自(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日起(?:施行|实施|生效)")
_FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FILE_YEAR = re.compile(r"_(\d{4})$")
_EVENT_WORDS = ("废止", "修订", "修正", "施行", "通过", "公布", "发布", "批准", "实施")
_HEADING_MAX = 40
LOOSE_ARTICLE_RE = re.compile(rf"^第[\s\u3000]*([{_NUM}]+)[\s\u3000]*条(?:之([{_NUM}]+))?[\s\u3000]*(.*)$")
INLINE_ARTICLE_RE = re.compile(rf"(?<=[。；])[\s\u3000]+第([{_NUM}]+)条[\s\u3000]+")
_ORIGINAL_NUMBER = re.compile(r"^[\s\u3000]*第[^条]{1,12}条(?:之[^\s\u3000]{1,4})?[\s\u3000]*")


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def parse_events(lines: list[str]) -> list[Event]:
    """Return the dated events (通过/修正/修订/公布/施行 …) found in history lines, in order."""
    events: list[Event] = []
    for raw in lines:
        text = re.sub(r"\s+", "", halfwidth(raw)).strip("()（）")
        matches = list(DATE_RE.finditer(text))
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            segment = text[match.start():end].strip(" ,，;；")
            when = _date(*match.groups())
            if when is None:
                continue
            tail = text[match.end():end]
            positions = [(tail.rfind(w), w) for w in _EVENT_WORDS if w in tail]
            kind = max(positions)[1] if positions else "其他"
            kind = {"实施": "施行", "批准": "通过"}.get(kind, kind)
            if kind == "通过" and "修正" in tail and "第" in tail[tail.rfind("修正") - 4:tail.rfind("修正")]:
                kind = "修正"
            events.append(Event(when, kind, segment))
    return events


def _version_date(doc: SourceDoc, events: list[Event]) -> tuple[date | None, str]:
    """Return the version's date and how precise it is: day, year (file name only) or none (parse_statute
    turns year into effective when the text states its 施行 date in that year)."""
    name = Path(doc.path).stem
    match = _FILE_DATE.search(name)
    if match and (found := _date(*match.groups())):
        return found, "day"
    match = _FILE_DATE.search(doc.meta.get("publish", ""))
    if match and (found := _date(*match.groups())):
        return found, "day"
    made = [e for e in events if e.kind in ("通过", "修正", "修订", "公布", "发布")]
    year = _FILE_YEAR.search(name)
    if year:
        same_year = [e.date for e in made if e.date.year == int(year.group(1))]
        if same_year:
            return max(same_year), "day"
        return date(int(year.group(1)), 1, 1), "year"
    if made:
        return max(e.date for e in made), "day"
    if events:
        return max(e.date for e in events), "day"
    return None, "none"


def _effective(doc: SourceDoc, events: list[Event], articles: list[Article], when: date | None) -> date | None:
    eff = doc.meta.get("effective_date", "")
    match = _FILE_DATE.search(eff)
    if match and (found := _date(*match.groups())):
        return found
    stated = [e.date for e in events if e.kind == "施行" and (when is None or e.date >= when)]
    if stated:
        return min(stated)
    # 本法自…起施行 in the text: right for an original or a 修订 text; a 修正 keeps the original
    # date, which is then before the version's own date and is ignored.
    for article in reversed(articles[-5:]):
        match = EFFECTIVE_RE.search(article.norm)
        found = _date(*match.groups()) if match else None
        if found and (when is None or found >= when):
            return found
    return None


def _label(base: int, suffix: int) -> str:
    text = f"第{to_chinese(base)}条"
    return text + (f"之{to_chinese(suffix)}" if suffix else "")


def parse_statute(doc: SourceDoc, *, level: str | None = None, folders: tuple[str, ...] = ()) -> ParsedStatute:
    """Return the structure of `doc`. Raises InputError when no article is found.

    Warnings (numbering that jumps or repeats, text before the first article) name file and line.
    """
    path = Path(doc.path)
    title = (doc.title or title_from_filename(path)).strip()
    title = re.sub(r"[(（]\d{4}年(修正|修订)本?[)）]$", "", re.sub(r"\s+", "", title))
    warnings: list[str] = []
    events = parse_events([line.text for line in doc.header])
    divisions: list[Division] = []
    articles: list[Article] = []
    stack: list[Division] = []
    counters: dict[str | None, int] = {}
    preamble: list[str] = []
    current: Article | None = None
    seen: dict[tuple[int, int], int] = {}
    last_key: tuple[int, int] | None = None

    def open_division(kind: str, number: int | None, name: str, heading: str, line: int) -> None:
        rank = DIVISION_RANK[kind]
        while stack and DIVISION_RANK[stack[-1].kind] >= rank:
            stack.pop()
        parent = stack[-1].key if stack else None
        counters[parent] = counters.get(parent, 0) + 1
        ordinal = counters[parent]
        key = (f"{parent}." if parent else "") + f"{kind[0]}{ordinal}"
        division = Division(key, kind, number, name, heading, ordinal, line, parent)
        divisions.append(division)
        stack.append(division)

    if doc.subtitle:
        open_division("part", None, doc.subtitle, doc.subtitle, 1)

    queue = deque(doc.body)
    while queue:
        line = queue.popleft()
        text = line.text.strip(" \t\u3000")
        article_match = ARTICLE_RE.match(text)
        if line.heading == 0 and (article_match is not None or last_key is not None):
            # Texts where a line break was lost: 第一百二十四 条采用…, or “…起飞。 第五十一条 机场…”.
            # Accepted only for the very next number, so ordinary references stay text.
            own = to_int(article_match.group(1)) if article_match else None
            next_number = (own if own is not None else last_key[0] if last_key else 0) + 1
            loose = LOOSE_ARTICLE_RE.match(text) if article_match is None else None
            if loose and to_int(loose.group(1)) == next_number and not loose.group(2):
                article_match = loose
                next_number += 1
            for inline in INLINE_ARTICLE_RE.finditer(text):
                if to_int(inline.group(1)) == next_number:
                    queue.appendleft(Line(line.number, text[inline.start(1) - 1:].lstrip(), 0))
                    text = text[:inline.start()].rstrip()
                    line = Line(line.number, text, 0)
                    article_match = ARTICLE_RE.match(text) or (LOOSE_ARTICLE_RE.match(text) if loose else None)
                    break
        if article_match and line.heading == 0:
            base = to_int(article_match.group(1))
            suffix = to_int(article_match.group(2)) if article_match.group(2) else 0
            if base is None or suffix is None:
                warnings.append(f"{doc.path}:{line.number}: unreadable article number in {text[:20]!r}")
                base, suffix = (last_key[0] if last_key else 0) + 1, 0
            key = (base, suffix)
            duplicate = seen.get(key, 0)
            seen[key] = duplicate + 1
            if duplicate:
                warnings.append(
                    f"{doc.path}:{line.number}: {_label(base, suffix)} repeats (also at line "
                    f"{next(a.line for a in articles if (a.base, a.suffix) == key)}); kept as a second text"
                )
            elif last_key is not None:
                expected = {(last_key[0] + 1, 0), (last_key[0], last_key[1] + 1)}
                if key not in expected:
                    if key < last_key:
                        warnings.append(f"{doc.path}:{line.number}: {_label(base, suffix)} comes after "
                                        f"{_label(*last_key)}: numbering goes backwards")
                    else:
                        warnings.append(f"{doc.path}:{line.number}: numbering jumps from {_label(*last_key)} "
                                        f"to {_label(base, suffix)}")
            elif key != (1, 0) and not doc.subtitle:
                warnings.append(f"{doc.path}:{line.number}: the first article is {_label(base, suffix)}, not 第一条")
            last_key = key if not duplicate else last_key
            current = Article(base, suffix, len(articles) + 1, line.number,
                              stack[-1].key if stack else None, duplicate=duplicate)
            articles.append(current)
            rest = article_match.group(3).strip()
            if rest:
                _add_line(current, rest, _ORIGINAL_NUMBER.sub("", line.text, count=1), line.number)
            continue
        division_match = DIVISION_RE.match(text)
        if division_match and (line.heading or len(text) <= _HEADING_MAX) and not text.endswith(("。", "；", "：")):
            number = to_int(division_match.group(1))
            kind = DIVISION_CN[division_match.group(2)]
            name = re.sub(r"[\s\u3000]+", "", division_match.group(3) or "")
            open_division(kind, number, name, line.text, line.number)
            current = None
            continue
        if line.heading:
            if articles or line.heading >= 2:
                open_division("heading", None, re.sub(r"[\s\u3000]+", "", text), line.text, line.number)
                current = None
            continue
        if current is None:
            if articles:
                # text after a heading but before the next article: keep it with the last article
                _add_line(articles[-1], text, line.text, line.number)
            else:
                preamble.append(line.text)
            continue
        _add_line(current, text, line.text, line.number)

    if not articles:
        if not (doc.title or events):
            raise InputError(doc.path, "no articles (第X条), no title and no history: not a statute")
        warnings.append(f"{doc.path}:1: no articles (第X条) found; the text is kept as the version's preamble")
    used: set[str] = set()
    for division_key in {a.division for a in articles}:
        while division_key:
            used.add(division_key)
            division_key = division_key.rsplit(".", 1)[0] if "." in division_key else None
    divisions = [d for d in divisions if d.key in used]
    _join_item_continuations(articles)
    _fill_norms(articles)
    when, precision = _version_date(doc, events)
    effective = _effective(doc, events, articles, when)
    if precision == "year" and when and effective and effective.year == when.year:
        # only the year from the file name, but the text states its date (本法自2015年10月1日起施行): the
        # stated date rather than 1 January (an exact date of another text of that year still wins at load)
        when, precision = effective, "effective"
    issuer = " ".join(e.text for e in events)
    folder_parts = folders or tuple(path.parts[:-1])
    statute = ParsedStatute(
        path=doc.path,
        fmt=doc.fmt,
        title=title,
        subtitle=doc.subtitle,
        level=level or infer_level(title=title, folders=folder_parts, issuer=issuer,
                                   meta_type=doc.meta.get("type", "")),
        date=when,
        date_precision=precision,
        effective=effective,
        events=events,
        preamble="\n".join(preamble),
        divisions=divisions,
        articles=articles,
        warnings=warnings,
    )
    digest = hashlib.sha256()
    digest.update(title.encode())
    digest.update((doc.subtitle or "").encode())
    for article in articles:
        digest.update(f"\x00{article.number}\x01{article.division}\x01{article.text}".encode())
    for division in divisions:
        digest.update(f"\x02{division.key}\x01{division.heading}".encode())
    digest.update(statute.preamble.encode())
    statute.content_hash = digest.hexdigest()[:32]
    return statute


def _join_item_continuations(articles: list[Article]) -> None:
    """A line between （一） and （二） continues item （一）; it is not a new 款.

    Without this, 第三条 with “（一）… / 受送达人不在大陆居住… / （二）…” would number the later items under a
    second paragraph, and 第三条第一款第（七）项 would not resolve.
    """
    for article in articles:
        merged: list[Paragraph] = []
        for paragraph in article.paragraphs:
            previous = merged[-1] if merged else None
            if (previous is not None and previous.items and paragraph.items
                    and paragraph.items[0].number == previous.items[-1].number + 1):
                previous.items[-1].text += "\n" + paragraph.text
                previous.items.extend(paragraph.items)
                continue
            merged.append(paragraph)
        if len(merged) != len(article.paragraphs):
            for number, paragraph in enumerate(merged, start=1):
                paragraph.number = number
            article.paragraphs = merged


def _fill_norms(articles: list[Article]) -> None:
    units: list[Paragraph | Item | SubItem] = []
    for article in articles:
        for paragraph in article.paragraphs:
            units.append(paragraph)
            for item in paragraph.items:
                units.append(item)
                units.extend(item.subitems)
    for unit, norm in zip(units, normalize_many([u.text for u in units]), strict=True):
        unit.norm = norm


def _add_line(article: Article, text: str, original: str, number: int) -> None:
    """Attach one line to `article`: a new paragraph, an item of the last paragraph, or a sub-item."""
    original = original.strip()
    item_match = ITEM_RE.match(text)
    if item_match and article.paragraphs:
        paragraph = article.paragraphs[-1]
        ordinal = to_int(item_match.group(1)) or len(paragraph.items) + 1
        paragraph.items.append(Item(ordinal, original, "", number))
        return
    sub_match = SUBITEM_RE.match(text)
    if sub_match and article.paragraphs and article.paragraphs[-1].items:
        item = article.paragraphs[-1].items[-1]
        item.subitems.append(SubItem(int(halfwidth(sub_match.group(1))), original, "", number))
        return
    article.paragraphs.append(Paragraph(len(article.paragraphs) + 1, original, "", number))
