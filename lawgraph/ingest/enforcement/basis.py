"""The citations a basis cell (依据) makes, leaving out what it quotes.

Lists quote the cited article after its number (第六十五条　未经专利权人许可…依照《行政诉讼法》…); the
references inside the quotation are the article's, not the power's. A law named on a heading line
(【法律】《专利法》（…第四次修正）) gives the law — and, through the latest year in its note, the
version — to the bare 第X条 that follows on the next line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lawgraph.domain.citations import Reference, extract

# after a cited number, the quotation starts with a colon, a quote mark, a wide space or a word
_QUOTE_START = re.compile(r"[ \t]*(?:[：:“\"「　]|(?![《〈第、，,；;和及与至到或（(\s\d）)】\]])\S)")
# a new basis starts on a line opening with 【, 《, 第X条, a list marker or a separator
_NEXT_BASIS = re.compile(r"\n[\s　]*(?:[;；]?\s*(?:\d{1,2}[、.．]|[（(]?[一二三四五六七八九十]{1,3}[)）、])?\s*)"
                         r"(?=【|《|第[一二三四五六七八九十百零〇千0-9]+条)")
_NOTE = re.compile(r"[ \t　]*[（(]([^（()）\n]{2,160})[)）]")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def _quote_end(text: str, at: int) -> int:
    """Where the quotation that starts at `at` ends: the next line that opens a new basis, else the end."""
    match = _NEXT_BASIS.search(text, at)
    return match.start() + 1 if match else len(text)


def _note_after(text: str, at: int) -> tuple[str | None, int]:
    """The version note right after a law title, reduced to its latest year: (`2020年`, end) or (None, at)."""
    match = _NOTE.match(text, at)
    if not match:
        return None, at
    years = _YEAR.findall(match.group(1))
    return (f"{max(years)}年" if years else None), match.end()


def basis_references(text: str, known: frozenset[str] = frozenset()) -> list[Reference]:
    """Return the references a basis cell makes, each with its law (relative 第X条 completed from the law
    named before it); a law named with no article after it is returned as a law-level reference."""
    out: list[Reference] = []
    law: str | None = None
    note: str | None = None
    pending: Reference | None = None  # a law heading still waiting for its article
    skip_until = -1
    for ref in extract(text, known=known):
        if ref.start < skip_until:
            continue
        if ref.law is not None and not ref.relative and ref.article is None:
            if pending is not None:
                out.append(pending)
            law = ref.law
            note, skip_until = _note_after(text, ref.end)
            pending = replace(ref, version_note=ref.version_note or note)
            continue
        if ref.law is None or ref.relative:
            if ref.text.startswith(("本", "前")) or law is None:
                # 本法/前款 with no law named before it: kept, reported as unresolved
                out.append(ref)
                continue
            ref = replace(ref, law=law, relative=False, version_note=ref.version_note or note)
        else:
            law, note = ref.law, ref.version_note
            if note is None:
                note, _ = _note_after(text, ref.end)
                ref = replace(ref, version_note=note)
        pending = None
        out.append(ref)
        if _QUOTE_START.match(text, ref.end):
            skip_until = _quote_end(text, ref.end)
    if pending is not None:
        out.append(pending)
    return out
