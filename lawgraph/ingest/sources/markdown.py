"""LawRefBook markdown: optional front matter, `# title`, history lines, `<!-- INFO END -->`, body.

The body's `##`/`###` headings mark 编/章/节; articles are lines `第X条 …`.
"""

from __future__ import annotations

import re
from pathlib import Path

from lawgraph.ingest.sources.document import Line, SourceDoc, decode, read_bytes

_COMMENT = re.compile(r"<!--.*?-->")
_FRONT_KEY = re.compile(r'^([A-Za-z_]+):\s*"?(.*?)"?\s*$')
INFO_END = "<!-- INFO END -->"


def parse_markdown(path: Path, text: str) -> SourceDoc:
    """Return the SourceDoc of markdown `text` read from `path`."""
    raw = text.splitlines()
    start = 0
    meta: dict[str, str] = {}
    if raw and raw[0].strip() == "---":
        for index in range(1, len(raw)):
            if raw[index].strip() == "---":
                for line in raw[1:index]:
                    match = _FRONT_KEY.match(line.strip())
                    if match:
                        meta[match.group(1)] = match.group(2)
                start = index + 1
                break
    has_info_end = any(INFO_END in line for line in raw[start:])
    doc = SourceDoc(path=str(path), fmt="markdown", title=None, meta=meta)
    in_header = True
    for offset, original in enumerate(raw[start:], start=start + 1):
        if in_header and INFO_END in original:
            in_header = False
            continue
        line = _COMMENT.sub("", original).strip()
        if not line:
            continue
        level = len(line) - len(line.lstrip("#"))
        if level and line[level:level + 1] in (" ", "\u3000"):
            content = line[level:].strip()
        else:
            level, content = 0, line
        if content.startswith(">"):
            content = content.lstrip(">").strip()
            if not content:
                continue
        if in_header and level == 1:
            if doc.title is None:
                doc.title = content
            elif doc.subtitle is None:
                doc.subtitle = content
            continue
        if in_header and not has_info_end and (level >= 2 or _looks_like_body(content)):
            in_header = False
        if in_header:
            doc.header.append(Line(offset, content))
        else:
            doc.body.append(Line(offset, content, level))
    return doc


_BODY_START = re.compile(r"^第[零〇一二三四五六七八九十百千两\d]+(条|章|编|节)")


def _looks_like_body(content: str) -> bool:
    return bool(_BODY_START.match(content))


def read_markdown(path: Path) -> SourceDoc:
    """Read a LawRefBook markdown file; raises InputError when it cannot be decoded."""
    return parse_markdown(path, decode(path, read_bytes(path)))
