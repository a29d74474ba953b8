"""GraphQL types and queries for amendment impact and article history."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from lawgraph.api.context import Context
from lawgraph.domain import ids
from lawgraph.errors import NotFoundError
from lawgraph.graph.repos import alignment
from lawgraph.graph.repos import enforcement as enforcement_repo
from lawgraph.graph.repos import laws as law_repo


@strawberry.type
class KindCount:
    """A count per kind."""

    kind: str
    count: int


@strawberry.type
class Ref:
    """A node an impact break points at."""

    id: str | None
    name: str | None


@strawberry.type
class ImpactBreak:
    """One thing to fix after an amendment."""

    kind: str = strawberry.field(description="basis_repealed | basis_renumbered | basis_changed | range_exceeded | "
                                             "range_changed | penalty_type_removed | case_precedent | citing_statute | "
                                             "citing_document")
    department: Ref = strawberry.field(description="The department that must act.")
    department_region: str | None
    owner_kind: str | None = strawberry.field(description="power | benchmark | list_entry (null for a statute)")
    owner: Ref | None
    owner_code: str | None
    power: Ref | None
    tier: Ref | None
    case: Ref | None
    citing_version: str | None = strawberry.field(description="For citing_statute: the citing version.")
    citing_document: str | None = strawberry.field(description="For citing_document: the citing document's id.")
    unit_old: str
    unit_new: list[str]
    citation: str | None
    suggested: str | None = strawberry.field(description="The corrected citation, where the alignment is sure.")
    old_text: str
    new_text: str
    evidence: str
    fix: str
    needs_review: bool = strawberry.field(default=False, description="待核对: the alignment row this break rests "
                                                                     "on is not certain; check it first.")


@strawberry.type
class UnitText:
    """The text of one unit (条/款/项/目) of the old or the new version."""

    unit: str
    text: str


@strawberry.type
class AmendmentImpact:
    """What breaks when a law moves from one version to another."""

    law: str
    from_version: str
    to_version: str
    region: str | None
    affected_units: int
    alignment: list[KindCount]
    summary: list[KindCount]
    breaks: list[ImpactBreak]
    texts: list[UnitText] = strawberry.field(
        description="The text of every unit the breaks name (their `unitOld` and `unitNew`), each once. A break's "
                    "`oldText` is its `unitOld`'s text and its `newText` the texts of its `unitNew`, joined by "
                    "newlines: thousands of breaks share a few dozen units, so select these rather than each "
                    "break's texts to keep a large answer small.")


@strawberry.type
class AlignedTo:
    """An ALIGNED edge to the next version."""

    id: str
    number: str
    kind: str
    similarity: float


@strawberry.type
class ArticleExpression:
    """One version's text of a work-level article."""

    version_id: str
    date: str | None
    number: str
    text: str
    next: list[AlignedTo]


def _ref(data: dict[str, Any] | None, name_key: str = "name") -> Ref | None:
    if not data:
        return None
    return Ref(id=data.get("id"), name=data.get(name_key))


def _break(b: dict[str, Any]) -> ImpactBreak:
    owner = b.get("owner") or None
    return ImpactBreak(
        kind=b["kind"], department=Ref(id=b["department"]["id"], name=b["department"]["name"]),
        department_region=b["department"].get("region"), owner_kind=owner["kind"] if owner else None,
        owner=_ref(owner), owner_code=owner.get("code") if owner else None, power=_ref(b.get("power")),
        tier=_ref(b.get("tier")), case=_ref(b.get("case"), "title"),
        citing_version=(b.get("citing") or {}).get("version"),
        citing_document=(b.get("citing") or {}).get("document"), unit_old=b["unit_old"], unit_new=list(b["unit_new"]),
        citation=b.get("citation"), suggested=b.get("suggested"), old_text=b.get("old_text") or "",
        new_text=b.get("new_text") or "", evidence=b["evidence"], fix=b["fix"],
        needs_review=bool(b.get("needs_review")))


def _law_id(info: Info[Context, None], law: str) -> str:
    found = law_repo.law_named(info.context.store, law)
    if found is None:
        raise NotFoundError(f"no law titled {law!r} in the graph")
    return str(found["id"])


@strawberry.type
class AlignmentRow:
    """One row of an article alignment: article numbers as strings ("12", "10-1") or null."""

    old: str | None
    new: str | None
    kind: str = strawberry.field(description="unchanged, modified, renumbered, renumbered_modified, split (one row "
                                             "per new article), merged (one row per old article), deleted, added.")
    similarity: float
    source: str = strawberry.field(default="automatic", description="automatic, or review: a row legal staff "
                                                                    "set (mutation reviewAlignment).")
    confidence: float = strawberry.field(default=1.0, description="How often rows like this were right on the "
                                                                  "hand-built gold (0–1); a reviewed row is 1.")
    needs_review: bool = strawberry.field(default=False, description="True unless the row is of a kind that was "
                                                                     "always right on the gold: check it.")


@strawberry.input
class AlignmentRowInput:
    """A reviewed row: article numbers as `alignment` gives them, or null."""

    old: str | None
    new: str | None
    kind: str


def alignment_rows(pairs: list[Any]) -> list[AlignmentRow]:
    return [AlignmentRow(old=p.old, new=p.new, kind=p.kind, similarity=round(float(p.similarity), 3),
                         source=p.source, confidence=p.confidence, needs_review=p.needs_review) for p in pairs]


def versions_of(info: Info[Context, None], law: str, from_: str, to: str) -> tuple[str, str, str]:
    """The law's id and the ids of its two versions named by date or year."""
    store = info.context.store
    law_id = _law_id(info, law)
    return (law_id, alignment.pick_version(store, law_id, from_)["id"],
            alignment.pick_version(store, law_id, to)["id"])


@strawberry.type
class ImpactQuery:
    """Entry points for amendments."""

    @strawberry.field(description="The article alignment between two versions of `law` (dates or years), with the "
                                  "rows legal staff reviewed (mutation `reviewAlignment`) in place of the automatic "
                                  "ones.")
    async def alignment(self, info: Info[Context, None], law: str,
                        from_: Annotated[str, strawberry.argument(name="from")], to: str) -> list[AlignmentRow]:
        _, v1, v2 = versions_of(info, law, from_, to)
        pairs, _, _ = await asyncio.to_thread(alignment.align_stored, info.context.store, v1, v2)
        return alignment_rows(pairs)

    @strawberry.field(description="What breaks when `law` moves from version `from` to `to` (a date or year each): "
                                  "powers, benchmark tiers, 三张清单 entries, cases and citing statutes, for "
                                  "departments in `region` (or below) when given.")
    async def amendment_impact(self, info: Info[Context, None], law: str,
                               from_: Annotated[str, strawberry.argument(name="from")], to: str,
                               region: str | None = None) -> AmendmentImpact:
        from lawgraph.analysis.impact import impact

        context = info.context
        store = context.store
        context.generation()  # (read before anything this impact is computed from: see Context.impact)
        law_id = _law_id(info, law)
        v1 = alignment.pick_version(store, law_id, from_)
        v2 = alignment.pick_version(store, law_id, to)
        where = enforcement_repo.find_region(store, region) if region else None
        confidential = context.caller.can("editor")

        def compute() -> AmendmentImpact:
            result = impact(store, law_id, v1["id"], v2["id"], region=where, confidential=confidential)
            return AmendmentImpact(
                law=result["law"], from_version=result["from"], to_version=result["to"], region=result["region"],
                affected_units=result["affected_units"],
                alignment=[KindCount(kind=k, count=v) for k, v in sorted(result["alignment"].items())],
                summary=[KindCount(kind=k, count=v) for k, v in result["summary"].items()],
                breaks=[_break(b) for b in result["breaks"]],
                texts=[UnitText(unit=unit, text=text) for unit, text in result["texts"].items()])

        # kept while the graph is not written (the answer's objects are only read by the execution that follows)
        return await asyncio.to_thread(context.impact, ("impact", law_id, v1["id"], v2["id"], where, confidential),
                                       compute)

    @strawberry.field(description="One article across the versions of its law (its work-level identity), oldest "
                                  "first; `article` as numbered in `version` (a date or year), else in the latest "
                                  "version that has it.")
    def article_history(self, info: Info[Context, None], law: str, article: str,
                        version: str | None = None) -> list[ArticleExpression]:
        store = info.context.store
        law_id = _law_id(info, law)
        number = ids.article_number(article)
        if number is None:
            raise ValueError(f"{article!r} is not an article number: use 12, 第十二条, 10-1 or 第十条之一")
        version_id = alignment.pick_version(store, law_id, version)["id"] if version else None
        return [ArticleExpression(version_id=r["version_id"], date=r["date"], number=r["number"], text=r["text"],
                                  next=[AlignedTo(id=n["id"], number=n["number"], kind=n["kind"],
                                                  similarity=float(n["similarity"])) for n in r["next"]])
                for r in alignment.history(store, law_id, number, version_id)]
