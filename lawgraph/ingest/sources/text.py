"""Plain text as published: a title line (or none), a header, maybe a 目录, then the body.

Headings such as `第一章　总　　则` stand on their own lines; indentation is full-width.
"""

from __future__ import annotations

import re
from pathlib import Path

from lawgraph.domain.normalize import halfwidth
from lawgraph.ingest.sources.document import Line, SourceDoc, decode, read_bytes

_TITLE_WORDS = ("法", "条例", "办法", "规定", "决定", "细则", "规则", "解释", "章程", "纲要", "意见", "通知")
_NUM = "零〇一二三四五六七八九十百千两0-9"
_ARTICLE = re.compile(rf"^第[{_NUM}]+条(之[{_NUM}]+)?(\s|$)")
_HEADING = re.compile(rf"^第[{_NUM}]+(编|分编|章|节)")
_TOC = re.compile(r"^目\s*录$")


def _is_title(text: str) -> bool:
    plain = text.strip()
    return (
        len(plain) <= 60
        and not plain.startswith(("第", "(", "（", "目"))
        and not plain.endswith(("。", "；", "：", ";", ":"))
        and any(word in plain for word in _TITLE_WORDS)
    )


def lines_to_doc(path: Path, rows: list[tuple[int, str]], fmt: str) -> SourceDoc:
    """Split numbered raw lines into title, header and body (dropping a 目录); original text is kept."""
    lines = [(n, t.strip(" \t\u3000\ufeff")) for n, t in rows]
    lines = [(n, t) for n, t in lines if t]
    plain = [halfwidth(t).strip() for _, t in lines]
    doc = SourceDoc(path=str(path), fmt=fmt, title=None)
    if lines and _is_title(plain[0]):
        doc.title = re.sub(r"\s+", "", plain[0])
        lines, plain = lines[1:], plain[1:]
    first_article = next((i for i, t in enumerate(plain) if _ARTICLE.match(t)), None)
    if first_article is None:
        doc.body = [Line(n, t) for n, t in lines]
        return doc
    body_start = first_article
    while body_start > 0 and _HEADING.match(plain[body_start - 1]):
        body_start -= 1
    toc = next((i for i, t in enumerate(plain[:body_start]) if _TOC.match(t)), None)
    header_end = toc if toc is not None else body_start
    header: list[Line] = []
    rest: list[Line] = []
    for (n, t), p in zip(lines[:header_end], plain[:header_end], strict=True):
        # dated or parenthesised lines before any other text are history; the rest is a preamble
        if not rest and (p.startswith(("(", "（")) or re.search(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", p)):
            header.append(Line(n, t))
        else:
            rest.append(Line(n, t))
    doc.header = header
    doc.body = ([] if toc is not None else rest) + [Line(n, t) for n, t in lines[body_start:]]
    return doc


def read_text(path: Path) -> SourceDoc:
    """Read a plain-text statute; raises InputError when it cannot be decoded."""
    text = decode(path, read_bytes(path))
    return lines_to_doc(path, list(enumerate(text.splitlines(), start=1)), "text")
