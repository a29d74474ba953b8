"""Plain text as published: a title line (or none), a header, maybe a 目录, then the body.

Headings such as `第一章　总　　则` stand on their own lines; indentation is full-width.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.sources.document import Line, SourceDoc, decode, read_bytes
from ingest.statutes.normalize import halfwidth

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
    """Split numbered raw lines into title, header and body (dropping a 目录)."""
    lines = [(n, halfwidth(t).strip()) for n, t in rows]
    lines = [(n, t) for n, t in lines if t]
    doc = SourceDoc(path=str(path), fmt=fmt, title=None)
    if lines and _is_title(lines[0][1]):
        doc.title = re.sub(r"\s+", "", lines[0][1])
        lines = lines[1:]
    first_article = next((i for i, (_, t) in enumerate(lines) if _ARTICLE.match(t)), None)
    if first_article is None:
        doc.body = [Line(n, t) for n, t in lines]
        return doc
    body_start = first_article
    while body_start > 0 and _HEADING.match(lines[body_start - 1][1]):
        body_start -= 1
    toc = next((i for i, (_, t) in enumerate(lines[:body_start]) if _TOC.match(t)), None)
    header_end = toc if toc is not None else body_start
    pre = lines[:header_end]
    # without a 目录, text between the header and the first heading is a preamble, kept in the body
    header: list[tuple[int, str]] = []
    rest: list[tuple[int, str]] = []
    for n, t in pre:
        if not rest and (t.startswith(("(", "（")) or re.search(r"\d{4}年\d{1,2}月\d{1,2}日", t)):
            header.append((n, t))
        else:
            rest.append((n, t))
    doc.header = [Line(n, t) for n, t in header]
    if toc is not None:
        rest = []
    doc.body = [Line(n, t) for n, t in rest + lines[body_start:]]
    return doc


def read_text(path: Path) -> SourceDoc:
    """Read a plain-text statute; raises InputError when it cannot be decoded."""
    text = decode(path, read_bytes(path))
    return lines_to_doc(path, list(enumerate(text.splitlines(), start=1)), "text")
