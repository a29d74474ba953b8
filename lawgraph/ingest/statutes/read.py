"""Pick the reader for a file and find statute files under folders."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lawgraph.errors import InputError
from lawgraph.ingest.sources.document import SourceDoc
from lawgraph.ingest.sources.docx import read_docx
from lawgraph.ingest.sources.markdown import read_markdown
from lawgraph.ingest.sources.text import read_text

SUFFIXES = {".md": read_markdown, ".markdown": read_markdown, ".txt": read_text, ".docx": read_docx}
# Not statutes, skipped knowingly: folder indexes, the LawRefBook template, case collections.
SKIP_NAMES = {"_index.md", "法律法规模版.md", "README.md"}
SKIP_FOLDERS = {"案例"}


def read_source(path: Path) -> SourceDoc:
    """Read one statute file with the reader for its suffix; raises InputError for other suffixes."""
    reader = SUFFIXES.get(path.suffix.lower())
    if reader is None:
        raise InputError(str(path), f"unsupported file type {path.suffix!r}: give .md, .txt or .docx")
    return reader(path)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Return the statute files under `paths` (recursive, sorted) and notes on what was skipped."""
    files: list[Path] = []
    skipped: list[str] = []
    for root in paths:
        if not root.exists():
            raise InputError(str(root), "no such file or folder")
        candidates = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in candidates:
            if path.name in SKIP_NAMES or any(part in SKIP_FOLDERS for part in path.parts):
                skipped.append(f"{path}: skipped (folder index, template or case collection: not a statute)")
                continue
            if root.is_dir() and path.suffix.lower() not in SUFFIXES:
                continue
            files.append(path)
    return files, skipped
