"""What every reader returns: the lines of one document, with their line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lawgraph.errors import InputError

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: its 1-based number in the file, its text, and a heading level from markup."""

    number: int
    text: str
    heading: int = 0  # markdown '#' count; 0 = not marked as a heading


@dataclass
class SourceDoc:
    """A document as read, before any structure is recognised."""

    path: str
    fmt: str  # markdown | text | docx
    title: str | None
    subtitle: str | None = None
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


def decode(path: Path, data: bytes) -> str:
    """Return the text of `data`; raises InputError for empty, binary or undecodable content."""
    if not data.strip():
        raise InputError(str(path), "the file is empty")
    if b"\x00" in data[:65536]:
        raise InputError(str(path), "this is a binary file, not text (NUL bytes found); give a .md, .txt or .docx")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}", f"undecodable bytes {data[exc.start:exc.start + 4]!r} (neither UTF-8 nor GB18030)"
        ) from None
    raise InputError(str(path), "undecodable text")


def read_bytes(path: Path) -> bytes:
    """Read a file, refusing anything larger than MAX_FILE_BYTES."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(str(path), f"the file is {size} bytes; statutes over {MAX_FILE_BYTES} bytes are refused")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc.strerror}") from None


def title_from_filename(path: Path) -> str:
    """Return a title taken from a file name: 动物防疫法_2021.txt → 动物防疫法; 某法(2018-10-26).md → 某法."""
    stem = path.stem
    for sep in ("(", "（", "_"):
        if sep in stem:
            head = stem.split(sep, 1)[0]
            if head:
                stem = head
    return stem.strip()
