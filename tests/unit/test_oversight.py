"""The pieces of the oversight analyses that need no store: pair verdicts, blocking, tier seams and widths."""

from __future__ import annotations

from typing import Any

from lawgraph.analysis.findings import _detention, _seams, _wider
from lawgraph.analysis.overlaps import Holder, Similarity, analyse, candidates, conduct, judge

COUNTY = "省/市/县"


def holder(pid: str, department: str, name: str, units: list[str], category: str = "行政处罚",
           region: str = COUNTY, delegations: list[dict[str, Any]] | None = None) -> Holder:
    return Holder(id=f"{region}/{department}#{pid}", code=pid, name=name, category=category,
                  department=f"{region}/{department}", department_name=department, region=region,
                  bases={u: u for u in units}, delegations=delegations or [])


def test_conduct_strips_the_frame_of_a_power_name() -> None:
    assert conduct("对施工工地未采取有效防尘降尘措施的行政处罚") == "施工工地未采取有效防尘降尘措施"
    assert conduct("食品经营许可") == "食品经营许可"


def test_stage_split_is_legitimate_and_other_kinds_are_not_overlap() -> None:
    permit = holder("A1", "行政审批局", "食品经营许可", ["食品安全法@1/35.1"], category="行政许可")
    punish = holder("B1", "市场监督管理局", "对未取得食品经营许可从事食品经营的行政处罚", ["食品安全法@1/35.1"])
    inspect = holder("B2", "卫生健康局", "对未取得食品经营许可从事食品经营的检查", ["食品安全法@1/35.1"],
                     category="行政检查")
    sim = Similarity([permit, punish, inspect])
    verdict = judge(permit, punish, sim.dice(permit, punish), set())
    assert verdict is not None and verdict["legitimate"].startswith("按环节分工")
    assert judge(punish, inspect, sim.dice(punish, inspect), set()) is None


def test_general_clauses_and_different_items_are_not_overlaps() -> None:
    names = ["擅自占用城市道路", "未取得采矿许可证擅自采矿", "销售假冒伪劣种子", "非法捕捞水产品",
             "超限运输车辆擅自行驶公路", "未经批准擅自设立文物商店"]
    general = [holder(f"G{n}", f"局{n}", f"对{name}的行政处罚", ["行政处罚法@1/28", f"某法@1/{n}"])
               for n, name in enumerate(names)]  # six departments cite the same general clause
    items = [holder("I1", "甲局", "对未依法取得排污许可证排放水污染物的行政处罚", ["水法@1/83.1.1"]),
             holder("I2", "乙局", "对超过水污染物排放标准排放水污染物的行政处罚", ["水法@1/83.1.2"])]
    result = analyse([*general, *items])
    assert result["groups"] == [] and result["general_units"] == [f"{COUNTY} 行政处罚法@1/28"]
    pairs, general_keys = candidates([*general, *items])
    assert (COUNTY, "行政处罚法@1/28") in general_keys
    assert len(pairs) < 15  # the six never all pair up through the general clause


def test_same_conduct_on_different_bases_is_found_by_text() -> None:
    a = holder("A", "住房和城乡建设局", "对施工单位未对裸露地面采取覆盖措施造成扬尘污染的行政处罚", ["条例@1/20"])
    b = holder("B", "城市管理局", "对施工单位未对裸露地面采取覆盖措施造成扬尘污染的处罚", ["办法@1/7"])
    c = holder("C", "水务局", "对擅自取水的行政处罚", ["水法@1/69"])
    result = analyse([a, b, c])
    assert [sorted(m["code"] for m in g["members"]) for g in result["groups"]] == [["A", "B"]]
    assert result["groups"][0]["pairs"][0]["shared_units"] == []


def test_delegation_makes_a_township_copy_legitimate() -> None:
    town = f"{COUNTY}/镇"
    county = holder("Z1", "综合执法局", "对随意倾倒生活垃圾的行政处罚", ["固废法@1/111.1.1"],
                    delegations=[{"region": town, "kind": "委托", "act": "县文〔2024〕1号", "date": "2024-01-01"}])
    copy = holder("Z1", "镇人民政府", "对随意倾倒生活垃圾的行政处罚", ["固废法@1/111.1.1"], region=town)
    result = analyse([county, copy])
    assert result["groups"] == [] and result["legitimate"][0]["legitimate"].startswith("委托：综合执法局以县文〔2024〕1号")


def tier(name: str, ordinal: int, lo: float | None, hi: float | None, **more: Any) -> dict[str, Any]:
    return {"name": name, "ordinal": ordinal, "fine_min": lo, "fine_max": hi, **more}


def test_tier_overlaps_and_gaps() -> None:
    assert _seams([tier("轻微", 1, 0, 2000), tier("一般", 2, 2000, 5000), tier("严重", 3, 5000, 10000)]) == []
    found = _seams([tier("轻微", 1, 0, 3000), tier("一般", 2, 2000, 5000), tier("严重", 3, 6000, 10000)])
    assert len(found) == 2 and "重叠" in found[0] and "空档" in found[1]


def test_lower_level_wider_than_upper() -> None:
    upper = {"department_name": "省厅", "tiers": [tier("一般", 1, 1000, 5000)]}
    lower = {"tiers": [tier("一般", 1, 500, 5000), tier("严重", 2, 5000, 9000)]}
    assert _wider(lower, upper) == [("一般", "本级500元–5000元，上级（省厅）1000元–5000元")]


def test_detention_needs_a_law() -> None:
    tiers = [tier("一般", 1, 200, 500), tier("严重", 2, None, None, types=["行政拘留"], outcome="处五日以上十日以下拘留")]
    assert [name for name, _ in _detention(tiers, ["行政法规"])] == ["严重"]
    assert "行政法规" in _detention(tiers, ["行政法规"])[0][1]
    assert _detention(tiers, ["行政法规", "法律"]) == []
