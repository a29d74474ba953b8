"""Resolve extracted references to unit ids of the version in force at a date.

Names resolve through the normalised title (with or without 中华人民共和国, with 《》 or not); an
unknown name is `unresolved`, a name that only fits the end of several titles `ambiguous` — never a
guess. A reference whose number exists only in an older version of the cited law, or that names an
older version (（2016年修订）), is `stale`, with the same-numbered unit of the current version as a
suggestion where one exists (the amendment alignment refines that).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from lawgraph.domain import ids
from lawgraph.domain.citations import Reference

# National laws cited without 《》 in judicial interpretations and regulations, several since repealed
# (物权法, 合同法 … by the 民法典): recognised so that a bare 第X条 after them is not taken as a self-citation.
BARE_LAW_NAMES = frozenset({
    "刑法", "宪法", "民法典", "物权法", "合同法", "担保法", "民法通则", "民法总则", "婚姻法", "继承法", "侵权责任法",
    "收养法", "经济合同法", "涉外经济合同法", "技术合同法", "刑事诉讼法", "民事诉讼法", "行政诉讼法", "公司法",
    "行政处罚法", "行政许可法", "行政强制法", "行政复议法", "国家赔偿法", "治安管理处罚法", "道路交通安全法",
    "劳动法", "劳动合同法", "票据法", "证券法", "保险法", "海商法", "专利法", "商标法", "著作权法", "反不正当竞争法",
})


@dataclass
class VersionInfo:
    """One version: id, date and the date it starts to apply."""

    id: str
    date: str | None
    starts: str | None


@dataclass
class LawInfo:
    """A law in the catalogue: canonical title and versions ordered by start."""

    id: str
    title: str
    versions: list[VersionInfo] = field(default_factory=list)


@dataclass
class VersionUnits:
    """Numbers of the units of one version: article → paragraph → item number → item ordinal."""

    articles: dict[str, dict[int, dict[int, int]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Resolution:
    """What one reference resolved to."""

    law: str | None  # canonical full title where known, else as written
    law_id: str | None
    version_id: str | None
    resolved: str | None  # unit id
    status: str  # resolved | unresolved | ambiguous | stale
    reason: str | None = None
    suggested: str | None = None  # for stale: the likely unit of the current version


def unit_id(version_id: str, article: str, paragraph: int | None, item_ordinal: int | None,
            sub_item: int | None = None) -> str:
    """Return the id of an article, paragraph, item or sub-item."""
    out = ids.article_id(version_id, article)
    if paragraph is not None:
        out += f".{paragraph}"
        if item_ordinal is not None:
            out += f".{item_ordinal}"
            if sub_item is not None:
                out += f".{sub_item}"
    return out


class Resolver:
    """Resolves references against a law catalogue and lazily loaded unit numbers."""

    def __init__(self, laws: Iterable[LawInfo], load_units: Callable[[list[str]], dict[str, VersionUnits]]) -> None:
        self.laws = {law.id: law for law in laws}
        for law in self.laws.values():
            law.versions.sort(key=lambda v: (v.starts or v.date or "", v.id))
        self._load_units = load_units
        self._units: dict[str, VersionUnits] = {}
        self._candidates: dict[str, list[str]] = {}

    def known_names(self) -> frozenset[str]:
        """Law names that may be cited without 《》 (依照刑法第X条): the graph's laws ending in 法 or 法典,
        and national laws often cited that way whether or not they are in the graph."""
        return bare_names(self.laws)

    def add_units(self, version_id: str, units: VersionUnits) -> None:
        """Give the units of a version directly (during ingest, from the parsed text)."""
        self._units[version_id] = units

    def units(self, version_id: str) -> VersionUnits:
        """Return (loading once) the unit numbers of a version."""
        if version_id not in self._units:
            self._units.update(self._load_units([version_id]))
            self._units.setdefault(version_id, VersionUnits())
        return self._units[version_id]

    def prefetch(self, version_ids: Iterable[str]) -> None:
        """Load the unit numbers of many versions at once."""
        missing = sorted({v for v in version_ids if v not in self._units})
        for start in range(0, len(missing), 200):
            chunk = missing[start:start + 200]
            self._units.update(self._load_units(chunk))
            for version_id in chunk:
                self._units.setdefault(version_id, VersionUnits())

    def find_law(self, name: str) -> tuple[LawInfo | None, list[str]]:
        """Return the law a name denotes; else None with the titles it could be the end of."""
        key = ids.law_key(name)
        if key in self.laws:
            return self.laws[key], []
        if key not in self._candidates:
            # a national title (中华人民共和国…) is never a short form of a local one
            national = ids.compact(name).startswith(ids.PRC)
            self._candidates[key] = (sorted(i for i in self.laws if i.endswith(key))
                                     if len(key) >= 4 and not national else [])
        return None, self._candidates[key]

    @staticmethod
    def version_at(law: LawInfo, at: date) -> VersionInfo | None:
        """Return the version of `law` that applies on `at`."""
        day = at.isoformat()
        current = None
        for version in law.versions:
            if (version.starts or version.date or "") <= day:
                current = version
        return current

    def resolve(self, ref: Reference, *, context_law: str | None = None, context_version: str | None = None,
                at: date | None = None) -> Resolution:
        """Resolve one reference; `context_*` name the citing statute for relative forms."""
        when = at or date.today()
        if ref.law is None or ref.relative:
            if context_law is None or context_law not in self.laws:
                return Resolution(None, None, None, None, "unresolved",
                                  "a relative citation (本法, 第X条, 本条, 前款) needs the citing law: pass --law")
            law = self.laws[context_law]
            version = next((v for v in law.versions if v.id == context_version), None) or self.version_at(law, when)
            if version is None:
                return Resolution(law.title, law.id, None, None, "unresolved", f"no version of {law.title} on {when}")
            return self._in_version(ref, law, version, stale_from=None)
        law_found, candidates = self.find_law(ref.law)
        if law_found is None:
            if candidates:
                return Resolution(ref.law, None, None, None, "ambiguous",
                                  f"{ref.law!r} could be: {', '.join(candidates[:8])}")
            return Resolution(ref.law, None, None, None, "unresolved", "law not in the graph")
        version = self.version_at(law_found, when)
        if version is None:  # passed but not yet in force on `when`: a text written for it cites that text
            version = next((v for v in reversed(law_found.versions) if v.date and v.date <= when.isoformat()), None)
        if version is None:
            return Resolution(law_found.title, law_found.id, None, None, "unresolved",
                              f"no version of {law_found.title} was in force on {when}")
        year = re.match(r"\d{4}", ref.version_note or "")
        if year and version.date and year.group(0) < version.date[:4]:
            # 《…》（2016年修订）第六十八条 while a later text is in force: stale, whether or not the
            # older text is in the graph; the same number in the current text is the suggestion
            noted = [v for v in law_found.versions if (v.date or "").startswith(year.group(0))]
            old = self._in_version(ref, law_found, noted[-1], stale_from=None) if noted else None
            current = self._in_version(ref, law_found, version, stale_from=None)
            if not noted:  # the same number in the newer text is another provision as often as not
                return Resolution(law_found.title, law_found.id, None, None, "stale",
                                  f"cites the {ref.version_note} text; the {version.date} text is in force; the "
                                  f"{year.group(0)} text is not in the graph, so where {_label(ref)} stands now is "
                                  "unknown: load that text (lawgraph ingest statutes) to follow it")
            return Resolution(law_found.title, law_found.id, noted[-1].id, old.resolved if old else None, "stale",
                              f"cites the {ref.version_note} text; the {version.date} text is in force",
                              current.resolved)
        return self._in_version(ref, law_found, version, stale_from=law_found)

    def _in_version(self, ref: Reference, law: LawInfo, version: VersionInfo, *, stale_from: LawInfo | None
                    ) -> Resolution:
        if ref.article is None:
            return Resolution(law.title, law.id, version.id, None if ref.relative else version.id, "resolved")
        units = self.units(version.id)
        found = _find(units, version.id, ref)
        if found is not None:
            return Resolution(law.title, law.id, version.id, found, "resolved")
        if stale_from is not None:
            for older in reversed(stale_from.versions):
                if older.id == version.id or (older.starts or "") > (version.starts or ""):
                    continue
                old = _find(self.units(older.id), older.id, ref)
                if old is not None:
                    return Resolution(law.title, law.id, older.id, old, "stale",
                                      f"{_label(ref)} exists only in the {older.date} text; {version.date} is in force")
        return Resolution(law.title, law.id, version.id, None, "unresolved",
                          f"{_label(ref)} is not in {law.title} ({version.date})")


def _label(ref: Reference) -> str:
    out = f"第{ref.article}条"
    if ref.paragraph:
        out += f"第{ref.paragraph}款"
    if ref.item:
        out += f"第{ref.item}项"
    return out


def _find(units: VersionUnits, version_id: str, ref: Reference) -> str | None:
    article = units.articles.get(ref.article or "")
    if article is None:
        return None
    paragraph = ref.paragraph
    if paragraph is None and ref.item is not None:
        # 第X条第（N）项 with no 款: the items of the first paragraph that has them
        paragraph = next((p for p in sorted(article) if article[p]), None)
        if paragraph is None:
            return None
    if paragraph is None:
        return unit_id(version_id, ref.article or "", None, None)
    items = article.get(paragraph)
    if items is None:
        return None
    if ref.item is None:
        return unit_id(version_id, ref.article or "", paragraph, None)
    ordinal = items.get(ref.item)
    if ordinal is None:
        return None
    return unit_id(version_id, ref.article or "", paragraph, ordinal, ref.sub_item)


def bare_names(law_ids: Iterable[str]) -> frozenset[str]:
    """Law names that may be cited without 《》, for a graph holding the laws `law_ids` (Resolver.known_names)."""
    return frozenset({law_id for law_id in law_ids if law_id.endswith(("法", "法典"))} | BARE_LAW_NAMES)
