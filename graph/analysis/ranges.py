"""Statutory ranges and tier ranges: the numeric side shared by the impact analysis and the findings."""

from __future__ import annotations

import functools
from typing import Any

from ingest.align import Unit
from ingest.penalties import Amount, Outcome, parse_outcome

KINDS = ("fine", "multiple", "percent")
AMOUNT_LABELS = {"fine": "罚款", "multiple": "倍数", "percent": "比例"}
Envelope = dict[str | None, tuple[float, float | None]]


def level_of(unit_id: str) -> int:
    """0 article, 1 paragraph, 2 item, 3 sub-item (from the unit id)."""
    return min(unit_id.rpartition("/")[2].count("."), 3)


def index_units(units: list[Unit]) -> dict[str, Unit]:
    """Articles, paragraphs and items of a version by id."""
    out: dict[str, Unit] = {}
    for article in units:
        out[article.id] = article
        for paragraph in article.children:
            out[paragraph.id] = paragraph
            for item in paragraph.children:
                out[item.id] = item
    return out


def envelope(amounts: list[Amount], kind: str) -> dict[str | None, tuple[float, float | None]]:
    """Per base, the widest [min, max] the text allows for one kind of amount."""
    out: dict[str | None, tuple[float, float | None]] = {}
    for amount in amounts:
        if amount.kind != kind:
            continue
        base = amount.base if kind != "fine" else None
        lo = amount.min if amount.min is not None else 0.0
        hi = amount.max
        if base in out:
            old_lo, old_hi = out[base]
            hi = None if hi is None or old_hi is None else max(hi, old_hi)
            lo = min(lo, old_lo)
        out[base] = (lo, hi)
    return out


def text_for_range(index: dict[str, Unit], unit_id: str) -> str:
    """The text whose amounts bound a unit: an item's paragraph lead-in and the item; else the unit."""
    unit = index.get(unit_id)
    if unit is None:
        return ""
    if level_of(unit_id) == 2:
        parent = index.get(unit_id.rsplit(".", 1)[0])
        if parent is not None:
            return parent.text
    return unit.text


def tier_amounts(tier: dict[str, Any]) -> dict[str, tuple[float | None, float | None, str | None]]:
    out = {}
    for kind in ("fine", "multiple", "percent"):
        lo, hi = tier.get(f"{kind}_min"), tier.get(f"{kind}_max")
        if lo is not None or hi is not None:
            out[kind] = (lo, hi, tier.get(f"{kind}_base"))
    return out


def outside(value: tuple[float | None, float | None, str | None], kind: str,
             allowed: dict[str | None, tuple[float, float | None]]) -> str | None:
    lo, hi, base = value
    bound = allowed.get(base if kind != "fine" else None) or (allowed.get(None) if kind != "fine" else None)
    if bound is None:
        if not allowed:
            return f"新条文没有规定{AMOUNT_LABELS[kind]}幅度"
        bound = next(iter(allowed.values()))
    low, high = bound
    if lo is not None and lo < low:
        return f"{AMOUNT_LABELS[kind]} {lo:g} 低于新的下限 {low:g}"
    if hi is None and high is not None:
        return f"{AMOUNT_LABELS[kind]}未设上限，新的上限为 {high:g}"
    if hi is not None and high is not None and hi > high:
        return f"{AMOUNT_LABELS[kind]} {hi:g} 高于新的上限 {high:g}"
    return None


@functools.lru_cache(maxsize=4096)
def outcome_of(text: str) -> Outcome:
    """parse_outcome, once per text (many benchmarks rest on the same few articles)."""
    return parse_outcome(text)


def show_ranges(envelope: dict[str, dict[str | None, tuple[float, float | None]]]) -> str:
    parts = []
    for kind, by_base in envelope.items():
        for base, (lo, hi) in by_base.items():
            unit = {"fine": "元", "multiple": "倍", "percent": "%"}[kind]
            parts.append(f"{base + ' ' if base else ''}{lo:g}–{'∞' if hi is None else f'{hi:g}'}{unit}")
    return "；".join(parts) or "无"


def allowed_ranges(text: str) -> dict[str, Envelope]:
    """The widest range per kind and base that a statute text allows."""
    parsed = outcome_of(text)
    return {kind: envelope(parsed.amounts, kind) for kind in KINDS}
