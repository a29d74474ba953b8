"""Penalty types and ranges parsed from 225 labelled real phrases (corpus 法律责任 articles, the 江门 table)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawgraph.domain.penalties import parse_outcome

PHRASES = [json.loads(line) for line in
           (Path(__file__).resolve().parent.parent / "data" / "penalty_phrases.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("case", PHRASES, ids=[c["text"][:24] for c in PHRASES])
def test_phrase(case: dict[str, object]) -> None:
    out = parse_outcome(str(case["text"]))
    assert sorted(out.types) == sorted(case["types"])  # type: ignore[arg-type]
    assert [[a.kind, a.min, a.max, a.base] for a in out.amounts] == case["amounts"]
    assert out.no_penalty == case.get("no_penalty", False)
    assert out.problems == []


def test_inverted_range_is_a_problem() -> None:
    out = parse_outcome("处五万元以上三万元以下罚款")
    assert out.problems == ["'五万元以上三万元以下': the lower bound is above the upper bound"]
