"""Statutory ranges a tier must fit: touching brackets join, disjoint alternatives stay apart."""

from __future__ import annotations

from lawgraph.analysis.impact import _tiers
from lawgraph.domain.ranges import allowed_ranges, outside, show_ranges

# 农产品质量安全法 (2022) 第七十一条: alternatives for different cases, with a gap between them
ALTERNATIVES = ("违法生产经营的农产品货值金额不足一万元的，并处五万元以上十万元以下罚款，货值金额一万元以上的，"
                "并处货值金额十倍以上二十倍以下罚款；对农户，并处五百元以上五千元以下罚款")
# brackets by 情节 that touch: one continuous range a benchmark may divide as it likes
BRACKETS = "处一万元以上五万元以下罚款；情节严重的，处五万元以上十万元以下罚款"


def test_a_tier_must_lie_inside_one_alternative() -> None:
    allowed = allowed_ranges(ALTERNATIVES)
    assert allowed["fine"] == {None: [(500.0, 5000.0), (50000.0, 100000.0)]}
    assert outside((1000.0, 5000.0, None), "fine", allowed["fine"]) is None  # 对农户
    assert outside((60000.0, 80000.0, None), "fine", allowed["fine"]) is None
    between = outside((5600.0, 9200.0, None), "fine", allowed["fine"])
    assert between is not None and "不在条文的任一幅度内" in between and "500–5000元、50000–100000元" in between
    assert outside((200.0, 1000.0, None), "fine", allowed["fine"]) == "罚款 200 低于新的下限 500"
    assert outside((80000.0, 150000.0, None), "fine", allowed["fine"]) == "罚款 150000 高于新的上限 100000"
    assert outside((12.0, 20.0, "货值金额"), "multiple", allowed["multiple"]) is None
    assert show_ranges(allowed) == "500–5000元、50000–100000元；货值金额 10–20倍"


def test_touching_brackets_are_one_range() -> None:
    allowed = allowed_ranges(BRACKETS)
    assert allowed["fine"] == {None: [(10000.0, 100000.0)]}
    assert outside((30000.0, 80000.0, None), "fine", allowed["fine"]) is None


def test_impact_puts_each_benchmarks_tiers_in_order_and_keeps_each_once() -> None:
    def row(benchmark: str, ordinal: int) -> dict[str, object]:  # as impact/tiers sends it: no benchmark column
        return {"id": f"{benchmark}#{ordinal}", "name": f"档{ordinal}"}

    b1, b2 = "某县农业农村局#NY01@2021-06-01", "某县农业农村局#NY02@-"  # a benchmark's id has a '#' of its own
    sent = [row(b1, 3), row(b2, 2), row(b1, 1), row(b1, 10), row(b1, 2), row(b2, 1), row(b1, 1)]
    tiers, cases, with_cases = _tiers(sent, [])
    assert {b: [t["id"] for t in found] for b, found in tiers.items()} == {
        b1: [f"{b1}#1", f"{b1}#2", f"{b1}#3", f"{b1}#10"], b2: [f"{b2}#1", f"{b2}#2"]}
    assert cases == {} and with_cases == {}
    # cases (as impact/tier_cases sends them: one can come twice) by tier, each once; the tiers that have cases by
    # benchmark, in the benchmark's order, named — even where impact/tiers sent none (a deleted unit's benchmark)
    b3 = "某县农业农村局#NY03@-"

    def case(tier: str, case_id: str) -> dict[str, object]:
        return {"tier": tier, "tier_name": "档" + tier.rpartition("#")[2], "id": case_id, "title": case_id,
                "date": "2023-01-01", "fine": 100.0}

    _, cases, with_cases = _tiers([row(b1, 2)], [case(f"{b1}#10", "c2"), case(f"{b1}#2", "c1"), case(f"{b1}#10", "c1"),
                                         case(f"{b3}#1", "c3"), case(f"{b1}#10", "c2")])
    assert {t: [c["id"] for c in found] for t, found in cases.items()} == {
        f"{b1}#2": ["c1"], f"{b1}#10": ["c1", "c2"], f"{b3}#1": ["c3"]}
    assert with_cases == {b1: [{"id": f"{b1}#2", "name": "档2"}, {"id": f"{b1}#10", "name": "档10"}],
                          b3: [{"id": f"{b3}#1", "name": "档1"}]}
