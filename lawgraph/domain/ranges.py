"""Statutory ranges and tier ranges: the numeric side shared by the impact analysis and the findings."""

from __future__ import annotations

import functools
from typing import Any

from lawgraph.domain.align import Unit
from lawgraph.domain.penalties import Amount, Outcome, parse_outcome

KINDS = ("fine", "multiple", "percent")
AMOUNT_LABELS = {"fine": "罚款", "multiple": "倍数", "percent": "比例"}
UNITS = {"fine": "元", "multiple": "倍", "percent": "%"}
Envelope = dict[str | None, list[tuple[float, float | None]]]  # per base: the allowed ranges, lowest first


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


def envelope(amounts: list[Amount], kind: str) -> Envelope:
    """Per base, the ranges the text allows for one kind of amount, lowest first. Ranges that overlap or touch
    are one (一万元以上五万元以下；情节严重的，五万元以上十万元以下 → 10,000–100,000: a benchmark may divide it
    as it likes); ranges with a gap between them are alternatives for different cases (货值金额不足一万元的，
    五万元以上十万元以下 … 对农户，五百元以上五千元以下), and a tier must lie inside one of them."""
    spans: dict[str | None, list[tuple[float, float | None]]] = {}
    for amount in amounts:
        if amount.kind != kind:
            continue
        base = amount.base if kind != "fine" else None
        spans.setdefault(base, []).append((amount.min if amount.min is not None else 0.0, amount.max))
    out: Envelope = {}
    for base, found in spans.items():
        merged: list[tuple[float, float | None]] = []
        for lo, hi in sorted(found, key=lambda span: span[0]):
            if merged and (merged[-1][1] is None or lo <= merged[-1][1]):
                last_lo, last_hi = merged[-1]
                merged[-1] = (last_lo, None if last_hi is None or hi is None else max(last_hi, hi))
            else:
                merged.append((lo, hi))
        out[base] = merged
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


def _show(spans: list[tuple[float, float | None]], unit: str) -> str:
    return "、".join(f"{lo:g}–{'∞' if hi is None else f'{hi:g}'}{unit}" for lo, hi in spans)


def outside(value: tuple[float | None, float | None, str | None], kind: str, allowed: Envelope,
            against: str = "新的") -> str | None:
    """Why a tier's range (min, max, base) lies inside none of the ranges `allowed` for its kind (None if it fits).
    `against` names the text the ranges come from: 新的 (an amendment's new text, for impact) or 条文规定的 (the
    basis in force, for legality findings)."""
    lo, hi, base = value
    spans = allowed.get(base if kind != "fine" else None) or (allowed.get(None) if kind != "fine" else None)
    if spans is None:
        if not allowed:
            return f"{'新条文' if against == '新的' else '条文'}没有规定{AMOUNT_LABELS[kind]}幅度"
        spans = next(iter(allowed.values()))
    label = AMOUNT_LABELS[kind]
    for low, high in spans:
        if (lo is None or lo >= low) and (high is None or (hi is not None and hi <= high)):
            return None
    lowest, highest = spans[0][0], spans[-1][1]
    if lo is not None and lo < lowest:
        return f"{label} {lo:g} 低于{against}下限 {lowest:g}"
    if hi is None and highest is not None:
        return f"{label}未设上限，{against}上限为 {highest:g}"
    if hi is not None and highest is not None and hi > highest:
        return f"{label} {hi:g} 高于{against}上限 {highest:g}"
    span = f"{lo or 0:g}–{'∞' if hi is None else f'{hi:g}'}"
    return f"{label} {span} 不在条文的任一幅度内（{_show(spans, UNITS[kind])}，分别适用于不同情形）"


@functools.lru_cache(maxsize=4096)
def outcome_of(text: str) -> Outcome:
    """parse_outcome, once per text (many benchmarks rest on the same few articles)."""
    return parse_outcome(text)


def show_ranges(allowed: dict[str, Envelope]) -> str:
    parts = []
    for kind, by_base in allowed.items():
        for base, spans in by_base.items():
            parts.append(f"{base + ' ' if base else ''}{_show(spans, UNITS[kind])}")
    return "；".join(parts) or "无"


def allowed_ranges(text: str) -> dict[str, Envelope]:
    """The ranges per kind and base that a statute text allows (see `envelope`)."""
    parsed = outcome_of(text)
    return {kind: envelope(parsed.amounts, kind) for kind in KINDS}
