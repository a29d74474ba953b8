"""The parsed form of one statute text, before it becomes graph rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DIVISION_KINDS = ("part", "subpart", "chapter", "section", "heading")  # 编 分编 章 节, unnumbered heading
DIVISION_RANK = {"part": 1, "subpart": 2, "chapter": 3, "heading": 3, "section": 4}
DIVISION_CN = {"编": "part", "分编": "subpart", "章": "chapter", "节": "section"}
EVENT_KINDS = ("通过", "修正", "修订", "公布", "发布", "施行", "废止")


@dataclass(slots=True)
class SubItem:
    """目: `1.` lines inside an item."""

    number: int
    text: str
    norm: str
    line: int


@dataclass(slots=True)
class Item:
    """项: `（一）` lines inside a paragraph."""

    number: int
    text: str
    norm: str
    line: int
    subitems: list[SubItem] = field(default_factory=list)


@dataclass(slots=True)
class Paragraph:
    """款: each line of an article that is not an item; never numbered in the text."""

    number: int
    text: str
    norm: str
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """条: 第X条, or 第X条之N (number 'X-N')."""

    base: int
    suffix: int  # 0, or N for 之N
    ordinal: int  # position in the version, 1-based
    line: int
    division: str | None  # key of the innermost division, or None
    paragraphs: list[Paragraph] = field(default_factory=list)
    duplicate: int = 0  # >0 when the number repeats inside one text (kept, flagged)

    @property
    def number(self) -> str:
        """'12', '10-1', or '12~2' for the second text of a repeated 第十二条."""
        label = f"{self.base}-{self.suffix}" if self.suffix else str(self.base)
        return f"{label}~{self.duplicate + 1}" if self.duplicate else label

    @property
    def text(self) -> str:
        """The article's text, lines joined by newlines (items and sub-items included)."""
        out: list[str] = []
        for paragraph in self.paragraphs:
            out.append(paragraph.text)
            for item in paragraph.items:
                out.append(item.text)
                out.extend(sub.text for sub in item.subitems)
        return "\n".join(out)

    @property
    def norm(self) -> str:
        """The normalised text, lines joined by newlines."""
        out: list[str] = []
        for paragraph in self.paragraphs:
            out.append(paragraph.norm)
            for item in paragraph.items:
                out.append(item.norm)
                out.extend(sub.norm for sub in item.subitems)
        return "\n".join(out)


@dataclass(slots=True)
class Division:
    """编 / 分编 / 章 / 节, or an unnumbered heading."""

    key: str  # path like 'p1.c2.s3', unique in the version
    kind: str
    number: int | None
    title: str
    heading: str  # the line as written
    ordinal: int
    line: int
    parent: str | None


@dataclass(slots=True)
class Event:
    """A history line: 通过 / 修正 / 修订 / 公布 / 施行 …, with its date."""

    date: dt.date
    kind: str
    text: str


@dataclass
class ParsedStatute:
    """One text of one law, as parsed; `warnings` name the file and line."""

    path: str
    fmt: str
    title: str
    subtitle: str | None
    level: str
    date: dt.date | None
    date_precision: str  # day | effective (the text's 施行 date; year from the file name) | year | none
    effective: dt.date | None
    events: list[Event]
    preamble: str
    divisions: list[Division]
    articles: list[Article]
    warnings: list[str] = field(default_factory=list)
    content_hash: str = ""
