"""`lawgraph ingest amendment`: an amending act (修正案, 关于修改《…》的决定) as what the legislature said moved.

Per law the act amends: its operations are applied to the text before (the version in force before the act).
Where the consolidated text after the act is in the graph, the two are compared and every difference is reported
(a consolidation check); where it is not, the result is stored as the new version (marked as derived from the
act). Either way the act's alignment rows (article before → article after) are stored as `official` rows: they
replace the automatic alignment for the articles they name. An operation naming an article the text before
lacks, or an act naming no law in the graph, is an error with the line; nothing is applied then.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from lawgraph.domain import amending
from lawgraph.domain.documents import parse_date
from lawgraph.domain.normalize import compact
from lawgraph.errors import InputError
from lawgraph.graph.repos import alignment
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.documents import read_lines


@dataclass
class LawResult:
    """What the act did to one law."""

    law: str
    law_id: str
    before: str
    after: str
    derived: bool
    operations: dict[str, int]
    rows: list[dict[str, Any]]
    differences: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[str(row["kind"])] = counts.get(str(row["kind"]), 0) + 1
        return {"law": self.law, "law_id": self.law_id, "before": self.before, "after": self.after,
                "derived": self.derived, "operations": self.operations, "rows": counts,
                "consolidation_differences": self.differences}


@dataclass
class AmendmentReport:
    """What one `ingest amendment` run did."""

    act: str
    date: str | None
    effective: str | None
    laws: list[LawResult] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # laws the act amends that the graph does not hold
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"act": self.act, "date": self.date, "effective": self.effective,
                "laws": [r.as_dict() for r in self.laws], "skipped": self.skipped, "unread": self.unread,
                "warnings": self.warnings}


@dataclass
class ReadAct:
    """An act file as read: title, dates, and the parsed act."""

    title: str
    passed: date | None
    effective: date | None
    act: amending.Act


def read_act(path: Path, law: str | None = None) -> ReadAct:
    """Read an amending act file (.md LawRefBook, .txt, .docx); raises InputError naming the file."""
    _, rows = read_lines(path)
    rows = [(n, t) for n, t in rows if t.strip()]
    if not rows:
        raise InputError(str(path), "the file has no text")
    end = next((i for i, (_, t) in enumerate(rows) if "INFO END" in t), None)
    header = rows[:end] if end is not None else rows[:1]
    body = rows[end + 1:] if end is not None else rows[1:]
    title = re.sub(r"^#\s*", "", header[0][1]).strip() if header else path.stem
    if end is None:  # a plain text or Word copy: the dates stand in the first lines (（2030年1月1日…通过）)
        header_text = "\n".join(t for _, t in rows[1:8] if re.search(r"通过|公布|发布|施行|决定", t))
    else:
        header_text = "\n".join(t for _, t in header[1:])
    passed = parse_date(header_text)
    effective = None
    stated = re.search(r"(\d{4}年\d{1,2}月\d{1,2}日)\s*施行", header_text) or re.search(
        r"自(\d{4}年\d{1,2}月\d{1,2}日)起施行", "\n".join(t for _, t in body))
    if stated:
        effective = parse_date(stated.group(1))
    default = law
    if default is None:
        amended = re.search(r"^(?:中华人民共和国)?(.+?)修正案", title)
        single = re.fullmatch(r".*?关于修改《([^》]+)》的决定", title)
        default = amended.group(1) if amended else single.group(1) if single else None
    act = amending.parse_act(title, body, default_law=default)
    if not act.laws:
        hint = " Pass --law TITLE when it does not name the law." if default is None else ""
        raise InputError(str(path), "no amending operation found (将第X条修改为…, 增加一条作为…, 删去第X条 …): is "
                                    f"this an amending act?{hint}")
    return ReadAct(title, passed, effective, act)


def article_lines(store: GraphStore, version_id: str) -> dict[str, list[str]]:
    """number → lines (each paragraph's own text, then its items) of a stored version."""
    out: dict[str, list[str]] = {}
    for article in alignment.version_units(store, version_id):
        lines: list[str] = []
        for paragraph in article.children:
            items = "".join(item.text for item in paragraph.children)  # a paragraph unit's text ends with them
            lead = paragraph.text[:-len(items)] if items and paragraph.text.endswith(items) else paragraph.text
            lines.append(lead)
            lines.extend(item.text for item in paragraph.children)
        out[article.number] = lines or [article.text]
    return out


def _markdown(title: str, act: ReadAct, articles: dict[str, list[str]]) -> str:
    from lawgraph.domain.ids import unit_label

    when = act.passed or date.today()
    lines = [f"# {title}", "",
             f"{when.year}年{when.month}月{when.day}日 根据《{act.title}》修正（lawgraph 据该修改决定生成）", ""]
    if act.effective:
        lines += [f"{act.effective.year}年{act.effective.month}月{act.effective.day}日 施行", ""]
    lines += ["<!-- INFO END -->", ""]
    for number, body in articles.items():
        first, *rest = body or [""]
        lines += [f"{unit_label('x/' + number)} {first}", ""]
        for line in rest:
            lines += [line, ""]
    return "\n".join(lines)


def ingest_amendment(store: GraphStore, path: Path, *, law: str | None = None, by: str = "cli") -> AmendmentReport:
    """Read an amending act and apply it to every law it amends (see the module docstring)."""
    from lawgraph.ingest.load import ingest_statutes

    read = read_act(path, law)
    report = AmendmentReport(read.title, read.passed.isoformat() if read.passed else None,
                             read.effective.isoformat() if read.effective else None,
                             unread=[f"{path}:{n}: not understood: {t[:80]}" for n, t in read.act.unread])
    if read.passed is None:
        raise InputError(str(path), "the act states no date (YYYY年M月D日 … 通过): cannot tell which text it amends")
    resolver = citation_repo.resolver(store)
    planned: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any] | None, list[amending.Operation],
                        dict[str, list[str]], list[dict[str, object]]]] = []
    for name, operations in read.act.laws.items():
        found, candidates = resolver.find_law(name)
        if found is None:
            more = f" (could be: {', '.join(candidates[:5])})" if candidates else ""
            report.skipped.append(f"《{name}》 is not in the graph{more}")
            continue
        row = law_repo.find_law(store, law_id=found.id, title=found.title)
        assert row is not None
        versions = sorted(law_repo.law_versions(store, law_id=found.id), key=lambda v: v["date"] or "")
        day = read.passed.isoformat()
        before = next((v for v in reversed(versions) if (v["date"] or "") < day), None)
        if before is None:
            raise InputError(str(path), f"no text of 《{found.title}》 dated before {day} is in the graph: ingest the "
                                        "text the act amends first")
        later = [v for v in versions if (v["date"] or "") >= day]
        horizon = ((read.effective or read.passed) + timedelta(days=366)).isoformat()
        after = next((v for v in later if (v["date"] or "") <= horizon), None)
        articles = article_lines(store, before["id"])
        try:
            applied, rows = amending.apply(articles, operations, reorder=read.act.reorder)
        except amending.ActError as exc:
            raise InputError(f"{path}:{exc.line}", f"{exc.message}; nothing was applied") from None
        planned.append((name, row, before, after, operations, applied, rows))
    if not planned:
        raise InputError(str(path), f"the act amends no law in the graph ({'; '.join(report.skipped[:5])}): ingest "
                                    "the text it amends first (lawgraph ingest statutes)")
    for name, row, before, after, operations, applied, rows in planned:  # every law checked: now write
        counts: dict[str, int] = {}
        for op in operations:
            counts[f"{op.kind}_{op.level}"] = counts.get(f"{op.kind}_{op.level}", 0) + 1
        differences: list[dict[str, Any]] = []
        derived = after is None
        if after is None:
            folder = Path(tempfile.mkdtemp(prefix="lg-act-"))
            when = read.passed
            short = str(row["id"])
            target = folder / f"{short}({when.isoformat()}).md"
            target.write_text(_markdown(str(row["title"]), read, applied), encoding="utf-8")
            result = ingest_statutes(store, [target], workers=1, level=row.get("level"))
            if result.errors:
                raise InputError(str(path), f"the text after the act could not be stored: {'; '.join(result.errors)}")
            after_id = f"{short}@{when.isoformat()}"
            store.execute("laws/mark_derived", id=after_id, act=read.title, path=str(path))
            target.unlink()
            folder.rmdir()
        else:
            after_id = str(after["id"])
            stored = article_lines(store, after_id)
            for number in sorted(set(applied) | set(stored), key=amending.sort_key):
                want, have = applied.get(number), stored.get(number)
                if want is None or have is None or compact("".join(want)) != compact("".join(have)):
                    differences.append({"article": number, "applied": "\n".join(want) if want else None,
                                        "stored": "\n".join(have) if have else None})
        present = set(article_lines(store, after_id)) if not derived else set(applied)
        rows = [r for r in rows if r["new"] is None or r["new"] in present]  # a difference is reported above
        earlier = store.run("align/review_get", id=alignment.review_id(str(before["id"]), after_id))
        if earlier and (earlier[0]["source"] or "review") == "review":
            report.warnings.append(
                f"the act's rows replace the alignment review {earlier[0]['by']} stored for {before['id']} → "
                f"{after_id} on {earlier[0]['at']}; its rows were: {earlier[0]['rows']}")
        alignment.save_review(store, str(row["id"]), str(before["id"]), after_id, rows, by,
                              where=f"{path} (the act's rows)", source="official", document=read.title)
        report.laws.append(LawResult(name, str(row["id"]), str(before["id"]), after_id, derived, counts,
                                     [dict(r) for r in rows], differences))
    return report
