"""Cite a text on demand: extract with the spaCy pipeline, resolve against the graph (CLI and GraphQL)."""

from __future__ import annotations

from datetime import date
from typing import Any

from lawgraph.domain import describes, ids
from lawgraph.domain.align import Fate
from lawgraph.domain.resolve import Resolution, Resolver
from lawgraph.errors import InputError, NotFoundError
from lawgraph.graph.repos import alignment
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.nlp.pipeline import make_pipeline

MAX_TEXT = 20 * 1024 * 1024


def cite_text(store: GraphStore, text: str, *, law: str | None = None, article: str | None = None,
              paragraph: int | None = None, at: date | None = None, now: date | None = None,
              resolver: Resolver | None = None) -> list[dict[str, Any]]:
    """Return one object per cited unit in `text`: {text, start, end, law, article, paragraph, item,
    sub_item, resolved, status, reason, suggested, fate, current}. `law`/`article`/`paragraph` give the context
    of relative forms; `at` is the date of the citing text (the version in force then is the one cited), `now`
    the date the reader stands on (default today): `current` lists the units that carry the cited provision in
    the version in force on `now`, `fate` says what became of it (the alignment's kinds). A provision moved,
    split, merged or deleted in between is `stale`, and `suggested` is then the first of `current` — never
    merely the same number in the newer text.

    A context law not in the graph is no error: every reference is still returned, the relative ones (本法,
    第X条, 本条) with `law` as given, `resolved: None`, `status: "unresolved"`, `reason: "law not in the graph"`.
    Raises InputError for an unreadable article number or a text too long.
    """
    if len(text) > MAX_TEXT:
        raise InputError("text", f"{len(text)} characters; at most {MAX_TEXT} can be cited at once")
    text = text.replace("\x00", " ")
    resolver = resolver or citation_repo.resolver(store)
    context_law = None
    unknown_context: str | None = None  # the context law as written, when the graph does not have it
    if law and law.strip().strip("《》 "):
        found, _ = resolver.find_law(law)
        if found is None:
            unknown_context = law.strip().strip("《》 ")
        else:
            context_law = found.id
    context_article = None
    if article:
        context_article = ids.article_number(article)
        if context_article is None:
            raise InputError("--article", f"{article!r} is not an article number: use 12, 第十二条 or 10-1")
    nlp = make_pipeline(resolver.known_names())
    doc = nlp.make_doc(text)
    doc.user_data["context_article"] = context_article
    doc.user_data["context_paragraph"] = paragraph
    for _, component in nlp.pipeline:
        doc = component(doc)
    out: list[dict[str, Any]] = []
    followed = Follower(store, resolver, now or date.today())
    for ref in doc._.citations:
        res = resolver.resolve(ref, context_law=context_law, at=at)
        if unknown_context is not None and (ref.law is None or ref.relative):
            res = Resolution(unknown_context, None, None, None, "unresolved", "law not in the graph")
        elif res.status == "resolved" and ref.law is not None and not ref.relative:  # a statute cites its own text
            res = followed.check_words(res, text, ref.start, ref.end, at or date.today())
        row = {
            "text": ref.text, "start": ref.start, "end": ref.end, "law": res.law or ref.law,
            "article": ref.article, "paragraph": ref.paragraph, "item": ref.item, "sub_item": ref.sub_item,
            "resolved": res.resolved, "status": res.status, "reason": res.reason, "suggested": res.suggested,
            "fate": None, "current": None,
        }
        out.append(followed.follow(row, res))
    return out


def follow_stale(store: GraphStore, rows: list[dict[str, Any]], now: date | None = None) -> list[dict[str, Any]]:
    """Give each stale row of `citations report` (its `resolved` is the unit in the older text) `fate` and
    `current` on `now` (default today), and as `suggested` the unit that carries the provision now — not the same
    number in the newer text. Rows whose older text is not in the graph keep `suggested: None`."""
    resolver = citation_repo.resolver(store)
    followed = Follower(store, resolver, now or date.today())
    out = []
    for row in rows:
        unit = row.get("resolved")
        row = {**row, "fate": None, "current": None}
        if row.get("status") == "stale" and isinstance(unit, str) and "@" in unit and "/" in unit:
            version_id = unit.partition("/")[0]
            law_id = version_id.partition("@")[0]
            res = Resolution(row.get("law"), law_id, version_id, unit, "stale", row.get("reason"), None)
            row["suggested"] = None
            row = followed.follow(row, res)
        out.append(row)
    return out


STALE_FATES = {"renumbered": "renumbered", "renumbered_modified": "renumbered and changed", "split": "split",
               "merged": "merged", "deleted": "deleted"}


class Follower:
    """Where a cited provision stands on the reader's date: the fate of its unit between the version cited and
    the version in force on `now`, through the stored alignment (one alignment per pair of versions)."""

    def __init__(self, store: GraphStore, resolver: Resolver, now: date) -> None:
        self.store, self.resolver, self.now = store, resolver, now
        self.maps: dict[tuple[str, str], dict[str, Fate]] = {}
        self.unit_texts: dict[str, dict[str, str]] = {}

    def texts(self, version_id: str) -> dict[str, str]:
        """Unit id → text of every article, paragraph and item of a stored version (cached)."""
        if version_id not in self.unit_texts:
            flat: dict[str, str] = {}
            stack = list(alignment.version_units(self.store, version_id))
            while stack:
                unit = stack.pop()
                flat[unit.id] = unit.text
                stack.extend(unit.children)
            self.unit_texts[version_id] = flat
        return self.unit_texts[version_id]

    def check_words(self, res: Resolution, text: str, start: int, end: int, at: date) -> Resolution:
        """Does the sentence describe the cited unit? When the words around the citation clearly match the
        same-numbered unit of another version of the law and not the unit resolved (in force on `at`), the
        citation was written against that version: stale, resolved to that unit (followed to `now` by
        `follow`). Otherwise `res` unchanged."""
        if res.resolved is None or res.version_id is None or res.law_id not in self.resolver.laws:
            return res
        law = self.resolver.laws[res.law_id]
        if len(law.versions) < 2 or "/" not in res.resolved:
            return res
        description = describes.around(text, start, end)
        if len(description.grams) < describes.MIN_WORDS:
            return res
        tail = res.resolved.partition("/")[2]
        cited = self.texts(res.version_id).get(res.resolved, "")
        cited_version = next((v for v in law.versions if v.id == res.version_id), None)
        began = (cited_version.starts or cited_version.date or "") if cited_version else ""
        # only texts before the one in force: a citing text cannot have been written against a later one
        others = {v.id: found for v in law.versions if v.id != res.version_id and (v.starts or v.date or "") < began
                  for found in [self.texts(v.id).get(f"{v.id}/{tail}")] if found}
        match = describes.better_match(description, cited, others)
        if match is None:
            return res
        version_id, there, here = match
        unit = f"{version_id}/{tail}"
        return Resolution(res.law, res.law_id, version_id, unit, "stale",
                          f"the words around it ({description.words}) match {unit} ({there:.0%} of them) and not "
                          f"{res.resolved} in force on {at} ({here:.0%}): written against the {version_id} text")

    def follow(self, row: dict[str, Any], res: Resolution) -> dict[str, Any]:
        if res.resolved is None or res.version_id is None or res.law_id not in self.resolver.laws:
            return row
        current_version = self.resolver.version_at(self.resolver.laws[res.law_id], self.now)
        if current_version is None:  # `now` before the law's first version: nothing to follow
            return row
        key = (res.version_id, current_version.id)
        if key not in self.maps:
            try:
                self.maps[key] = alignment.successors(self.store, *key)
            except NotFoundError:
                self.maps[key] = {}
        fates = self.maps[key]
        unit = res.resolved
        fate = fates.get(unit) or (fates.get(unit.rsplit(".", 1)[0]) if unit.count(".") >= 3 else None)
        if fate is None:
            return row
        row["fate"], row["current"] = fate.kind, list(fate.new)
        moved = STALE_FATES.get(fate.kind)
        if moved is None and res.status != "stale":
            return row
        row["status"] = "stale"
        row["suggested"] = fate.new[0] if fate.new else None
        where = (f"now {', '.join(fate.new)} in the version in force on {self.now} ({current_version.id})"
                 if fate.new else f"no successor in the version in force on {self.now} ({current_version.id})")
        said = f"{res.reason}; " if res.status == "stale" and res.reason else ""
        row["reason"] = f"{said}{moved or fate.kind} since {res.version_id}: {where}"
        return row
