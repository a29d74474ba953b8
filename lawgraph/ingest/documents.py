"""`lawgraph ingest documents`: policy documents (工作方案, 通知, 意见, 规范性文件) as Document nodes with their
paragraphs, the laws they cite (CITES from a paragraph, as for statutes; open Citation nodes with a reason
otherwise) and the other documents they name (REFERS_TO when that document is in the graph, an open DocRef
otherwise, linked when it arrives).

Re-ingesting a document replaces what was stored for it (same id: its 文号, else its title and date), so a
second run changes nothing. A file that cannot be read is reported with its name (and line where known);
the other files are still loaded.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

from lawgraph.domain import documents as docs
from lawgraph.domain.citations import Reference, extract
from lawgraph.domain.normalize import normalize_many, to_simplified
from lawgraph.domain.resolve import Resolution, Resolver
from lawgraph.errors import InputError
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.cite import Follower
from lawgraph.ingest.sources.document import decode, read_bytes, title_from_filename

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx", ".html": "html",
            ".htm": "html"}
# CITES from a document paragraph, by the kind of unit cited (a law cited as a whole cites its version)
CITES = {"version": "documents/cites_version", "article": "documents/cites_article",
         "paragraph": "documents/cites_paragraph", "item": "documents/cites_item",
         "subitem": "documents/cites_subitem"}
MAX_PARAGRAPHS = 20000


@dataclass
class ParsedDocument:
    """One document as read: what it states about itself, its paragraphs (line number, matching text, text as
    written) and the other documents it names."""

    id: str
    path: str
    fmt: str
    meta: docs.DocumentMeta
    paragraphs: list[tuple[int, str, str]]
    script: str  # simplified | traditional
    digest: str
    warnings: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.meta.title or title_from_filename(Path(self.path))


@dataclass
class DocumentsReport:
    """What one `ingest documents` run did; `ok` is False when any file failed."""

    files: int = 0
    documents: int = 0
    unchanged: int = 0
    paragraphs: int = 0
    citations: dict[str, int] = field(default_factory=dict)
    references: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, Any]:
        """The counts, JSON-ready."""
        return {"files": self.files, "documents": self.documents, "unchanged": self.unchanged,
                "paragraphs": self.paragraphs, "citations": dict(sorted(self.citations.items())),
                "references": dict(sorted(self.references.items())), "documents_written": self.ids,
                "warnings": len(self.warnings), "errors": len(self.errors)}


class _HtmlText(HTMLParser):
    """The text of an HTML page, one line per block element; scripts, styles and navigation dropped."""

    BLOCKS: ClassVar[set[str]] = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "title",
                                  "section", "article", "table", "td", "th", "dd", "dt", "blockquote", "pre"}
    SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "nav", "footer", "header", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.lines[-1] += data.replace("\n", " ")


def read_lines(path: Path) -> tuple[str, list[tuple[int, str]]]:
    """The format and the (line number, text) lines of a document file; raises InputError naming the file."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}: give .txt, .md, .docx or "
                                    ".html")
    if fmt == "docx":
        return fmt, _docx_lines(path)
    text = decode(path, read_bytes(path))
    if fmt == "html":
        parser = _HtmlText()
        try:
            parser.feed(text)
            parser.close()
        except (AssertionError, ValueError) as exc:  # malformed markup the parser gives up on
            raise InputError(str(path), f"unreadable HTML ({exc})") from None
        return fmt, [(i, line) for i, line in enumerate(parser.lines, start=1)]
    rows = list(enumerate(text.splitlines(), start=1))
    if fmt == "markdown":
        rows = [(i, re.sub(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)", "", line).replace("**", "")) for i, line in rows]
    return fmt, rows


def _docx_lines(path: Path) -> list[tuple[int, str]]:
    from lawgraph.ingest.sources.docx import open_docx

    document = open_docx(path)
    rows = [p.text for p in document.paragraphs]
    for table in document.tables:  # a 文号 or date is often set in a layout table
        for row in table.rows:
            rows.append(" ".join(cell.text for cell in row.cells))
    return list(enumerate(rows, start=1))


def parse_document(path: Path) -> ParsedDocument:
    """Read one document file; raises InputError naming the file (and line) when it cannot be used."""
    fmt, rows = read_lines(path)
    rows = [(n, t.strip(" \t\u3000\ufeff\xa0")) for n, t in rows]
    rows = [(n, t) for n, t in rows if t]
    if not rows:
        raise InputError(str(path), "the document has no text")
    if len(rows) > MAX_PARAGRAPHS:
        raise InputError(str(path), f"{len(rows)} paragraphs; documents over {MAX_PARAGRAPHS} are refused — split it")
    originals = [t for _, t in rows]
    content = "\n".join(originals)
    simplified = to_simplified(content)
    changed = sum(1 for a, b in zip(content, simplified, strict=False) if a != b)
    script = "traditional" if changed > max(3, len(content) // 200) else "simplified"
    meta = docs.read_meta(originals)
    texts = normalize_many([t.replace("\n", " ") for t in originals])
    warnings = []
    if meta.title is None:
        warnings.append(f"{path}: no title found in the text; the file name is used")
    if meta.date is None:
        warnings.append(f"{path}: no date stated; its citations are resolved against the texts in force today")
    digest = hashlib.sha1(content.encode()).hexdigest()
    doc_id = docs.document_id(meta, title_from_filename(path), content)
    return ParsedDocument(doc_id, str(path), fmt, meta, [(n, t, o) for (n, o), t in zip(rows, texts, strict=True)],
                          script, digest, warnings)


def discover(paths: list[Path]) -> list[Path]:
    """The document files under `paths` (folders searched recursively for the known suffixes)."""
    out: list[Path] = []
    for root in paths:
        if not root.exists():
            raise InputError(str(root), "no such file or folder")
        if root.is_file():
            out.append(root)
        else:
            out.extend(sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
    return out


def _kind(target: str) -> str:
    if "/" not in target:
        return "version"
    return ("article", "paragraph", "item", "subitem")[min(target.rpartition("/")[2].count("."), 3)]


def _citation_id(paragraph: str, ref: Reference) -> str:
    digest = hashlib.sha1(f"{paragraph}|{ref.start}|{ref.end}|{ref.law}|{ref.article}|{ref.paragraph}|{ref.item}"
                          .encode()).hexdigest()[:6]
    return f"{paragraph}#c{ref.start}-{digest}"


def _looks_like_document(name: str) -> bool:
    return name.rstrip(")）").rstrip("年0123456789—-–()（ ").endswith(docs.REF_KINDS)


def link_document(resolver: Resolver, parsed: ParsedDocument, known: frozenset[str], words: Follower | None = None
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[docs.DocRef], dict[str, int]]:
    """The CITES rows, open Citation rows, named documents and counts by status of one document. With `words`,
    a citation whose surrounding words clearly describe the same number in another version is stale (pointing
    at that version's unit), as `lawgraph cite` says."""
    at = parsed.meta.date or date.today()
    cites: list[dict[str, Any]] = []
    opened: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    law_titles: set[str] = set()
    for number, (_, text, _) in enumerate(parsed.paragraphs, start=1):
        if "《" not in text and "第" not in text and "法" not in text:
            continue
        pid = f"{parsed.id}/p{number}"
        for ref in extract(text, known=known):
            if ref.law is None or ref.relative:  # 本法, 前款: no citing law in a policy document
                continue
            res = resolver.resolve(ref, at=at)
            if words is not None and res.status == "resolved" and ref.article is not None:
                res = words.check_words(res, text, ref.start, ref.end, at)
            if res.status != "resolved" and ref.article is None and _looks_like_document(ref.law):
                continue  # 《…实施方案》, 《…的意见》: another document, not a law (see references)
            law_titles.add(ref.law)
            counts[res.status] = counts.get(res.status, 0) + 1
            if res.resolved and res.status in ("resolved", "stale"):
                cites.append({"paragraph": pid, "source": pid, "target": res.resolved, "text": ref.text,
                              "start": ref.start, "end": ref.end, "status": res.status})
            if res.status != "resolved":
                opened.append(_open_row(pid, ref, res, at))
    named = docs.references([t for _, t, _ in parsed.paragraphs], parsed.meta, law_titles)
    return cites, opened, named, counts


def _open_row(paragraph: str, ref: Reference, res: Resolution, at: date) -> dict[str, Any]:
    from lawgraph.domain import ids

    return {"paragraph": paragraph, "id": _citation_id(paragraph, ref), "props": {
        "source": paragraph, "text": ref.text, "start": ref.start, "end": ref.end, "law": res.law or ref.law,
        "law_id": res.law_id, "law_key": ids.law_key(ref.law) if ref.law else None, "article": ref.article,
        "paragraph": ref.paragraph, "item": ref.item, "sub_item": ref.sub_item, "version_note": ref.version_note,
        "relative": False, "status": res.status, "reason": res.reason, "resolved": res.resolved,
        "suggested": res.suggested, "at": at.isoformat()}}


def write_cites(store: GraphStore, rows: list[dict[str, Any]]) -> None:
    """CITES edges from document paragraphs, one query per kind of cited unit."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_kind.setdefault(_kind(row["target"]), []).append(row)
    for kind, chunk in by_kind.items():
        store.write(CITES[kind], chunk)


def ingest_documents(store: GraphStore, paths: list[Path]) -> DocumentsReport:
    """Load policy documents; every file is read before anything is written, and a file that fails is reported
    and left out (the rest load). Runs documents/*."""
    report = DocumentsReport()
    files = discover(paths)
    report.files = len(files)
    parsed: dict[str, ParsedDocument] = {}
    for path in files:
        try:
            doc = parse_document(path)
        except InputError as exc:
            report.errors.append(str(exc))
            continue
        if doc.id in parsed:
            report.errors.append(f"{path}: the same document as {parsed[doc.id].path} (id {doc.id}); give one of "
                                 "them only")
            continue
        parsed[doc.id] = doc
        report.warnings.extend(doc.warnings)
    if not parsed:
        return report
    stored = {row["id"]: row for row in store.run("documents/digests", ids=sorted(parsed))}
    resolver = citation_repo.resolver(store)
    known = resolver.known_names()
    words = Follower(store, resolver, date.today())
    for doc in parsed.values():
        before = stored.get(doc.id)
        if before is not None and before["digest"] == doc.digest:
            report.unchanged += 1
            continue
        if before is not None and before["path"] != doc.path:
            report.warnings.append(f"{doc.path}: replaces the document {doc.id} loaded from {before['path']}")
        cites, opened, named, counts = link_document(resolver, doc, known, words)
        for status, n in counts.items():
            report.citations[status] = report.citations.get(status, 0) + n
        _write(store, doc, cites, opened, named)
        report.documents += 1
        report.paragraphs += len(doc.paragraphs)
        report.ids.append(doc.id)
    linked = store.execute("documents/link_refs")
    report.references = {"linked": int(linked[0]["linked"]) if linked else 0,
                         "open": int((store.run("documents/open_refs") or [{"open": 0}])[0]["open"])}
    return report


def _write(store: GraphStore, doc: ParsedDocument, cites: list[dict[str, Any]], opened: list[dict[str, Any]],
           named: list[docs.DocRef]) -> None:
    meta = doc.meta
    store.execute("documents/delete_content", id=doc.id)
    store.write("documents/upsert", [{"id": doc.id, "props": {
        "title": doc.title, "issuer": meta.issuer, "number": meta.number,
        "date": meta.date.isoformat() if meta.date else None, "keys": meta.keys or docs.title_keys(doc.title),
        "path": doc.path, "format": doc.fmt, "script": doc.script, "digest": None,
        "paragraph_count": len(doc.paragraphs)}}])
    store.write("documents/write_paragraphs", [
        {"document": doc.id, "title": doc.title, "id": f"{doc.id}/p{n}", "number": n, "line": line, "text": text,
         "original": original}
        for n, (line, text, original) in enumerate(doc.paragraphs, start=1)])
    write_cites(store, cites)
    if opened:
        store.write("documents/write_open", opened)
    if named:
        store.write("documents/write_refs", [
            {"document": doc.id, "id": f"{doc.id}/p{ref.paragraph}#r{i}", "paragraph": f"{doc.id}/p{ref.paragraph}",
             "text": ref.text, "number": ref.number, "keys": list(ref.keys)} for i, ref in enumerate(named, start=1)])
    # last: a write cut off before this point leaves no digest, so the next run writes the document again
    store.execute("documents/set_digest", id=doc.id, digest=doc.digest)


def reresolve(store: GraphStore, resolver: Resolver, law_ids: list[str]) -> int:
    """Try again the open citations in documents that name one of `law_ids` (laws just written); return how
    many now resolve."""
    rows = store.run("documents/open_for_laws", keys=law_ids)
    cites: list[dict[str, Any]] = []
    done: list[str] = []
    for row in rows:
        ref = Reference(row["start"], row["end"], row["text"], row["law"], False, row["article"], row["paragraph"],
                        row["item"], row["sub_item"], row["version_note"])
        at = date.fromisoformat(row["at"]) if row["at"] else date.today()
        res = resolver.resolve(ref, at=at)
        if res.status == "resolved" and res.resolved:
            cites.append({"paragraph": row["citing_paragraph"], "source": row["citing_paragraph"],
                          "target": res.resolved, "text": ref.text, "start": ref.start, "end": ref.end,
                          "status": "resolved"})
            done.append(row["id"])
    write_cites(store, cites)
    if done:
        store.execute("citations/delete_open", ids=done)
    return len(done)
