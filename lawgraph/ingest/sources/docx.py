"""Word documents (.docx): paragraphs become lines; then read like plain text."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lawgraph.errors import InputError
from lawgraph.ingest.sources.document import MAX_FILE_BYTES, SourceDoc
from lawgraph.ingest.sources.text import lines_to_doc


def open_docx(path: Path) -> Any:
    """The python-docx Document of `path`; raises InputError for a zip bomb or a file Word cannot read."""
    import docx  # python-docx

    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(info.file_size for info in archive.infolist())
        if declared > MAX_FILE_BYTES * 4:
            raise InputError(str(path), f"the archive declares {declared} bytes uncompressed; refused as a zip bomb")
        return docx.Document(str(path))
    except InputError:
        raise
    except Exception as exc:  # a damaged Word file fails in many ways (zip, XML, package): all are the file's fault
        raise InputError(str(path), f"not a readable .docx file ({type(exc).__name__}: {exc})") from None


def read_docx(path: Path) -> SourceDoc:
    """Read a .docx statute; raises InputError when it is not a readable Word file."""
    document = open_docx(path)
    rows = [(i, p.text) for i, p in enumerate(document.paragraphs, start=1)]
    return lines_to_doc(path, rows, "docx")
