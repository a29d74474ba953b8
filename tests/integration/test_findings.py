"""The first oversight rules on the sample: exactly the planted problems of data/sample/PLANTED.md."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lawgraph.analysis.findings import check
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE, sample_with_secret_powers

# (rule, kind, code, tier) for every finding; F02 lists the items still on the 2018 text of 农产品质量安全法 (P1)
EXPECTED = {
    ("F01", "power", "SC01003", ""),  # P4: a permit resting only on a 部门规章
    ("F03", "power", "NY05001", ""),  # P6: a basis that does not resolve
    ("F04", "benchmark", "HJ02002", "严重"),  # P2: a tier above its article's range
    ("F07", "power", "NY02008", ""),  # P5: discretionary, no benchmark
    ("F08", "list_entry", "HJ02005", ""),  # P6: 减轻处罚 for high-risk conduct
    ("F09", "case", None, ""),  # P6: QH-2024-022's fine outside its tier
    ("F12", "power", "YJ02004", ""),  # P7: no case since 2020 in a department whose records look complete
    ("F12", "power", "YJ03001", ""),  # P7: never a case
    ("F13", "benchmark", "NY02007", "严重"),  # P7: the county's 严重 tier wider than the province's
    ("F14", "case", None, ""),  # P7: QH-2023-033 and QH-2025-034, same tier, 3000 vs 20000 元
    *{("F02", "list_entry", code, "") for code in ("NY02001", "NY02002")},
    *{("F02", "power", code, "") for code in ("NY02001", "NY02002", "NY02003", "NY02004", "NY02005", "NY06001",
                                               "SC02011")},
    *{("F02", "benchmark", code, "") for code in ("NY02001", "NY02002", "NY02003", "NY02004", "NY02005", "SC02011")},
}


def test_findings_on_the_sample_are_exactly_the_planted_ones(store: GraphStore) -> None:
    assert load_sample(store, SAMPLE).ok
    result = check(store, at=date(2026, 1, 1))
    found = {(f["rule"], f["kind"], f["code"], f.get("tier", "")) for f in result["findings"]}
    assert found == EXPECTED
    case = next(f for f in result["findings"] if f["rule"] == "F09")
    assert case["id"] == "case:QH-2024-022" and "150000" in case["evidence"]
    similar = next(f for f in result["findings"] if f["rule"] == "F14")
    assert similar["id"] == "case:QH-2025-034" and "QH-2023-033" in similar["evidence"]
    dormant = {f["code"]: f["evidence"] for f in result["findings"] if f["rule"] == "F12"}
    assert "2020-05-18" in dormant["YJ02004"]
    wider = next(f for f in result["findings"] if f["rule"] == "F13")
    assert "20000" in wider["evidence"] and "18000" in wider["evidence"] and "4.5倍" in wider["evidence"]
    assert result["coverage"]["青禾县农业农村局"] == {"discretionary": 14, "covered": 13, "rate": 0.929,
                                                  "frequent": 0, "frequent_covered": 0}
    assert result["coverage"]["青禾县应急管理局"]["frequent"] == result["coverage"]["青禾县应急管理局"][
        "frequent_covered"] == 3  # YJ02001, YJ02002, YJ02005: two cases or more since 2023-01-01
    assert all(c["rate"] == 1.0 for d, c in result["coverage"].items() if d != "青禾县农业农村局")
    # departments whose case records are a compilation of typical cases are not judged for F12, and say so
    assert any(n.startswith("青禾县农业农村局") for n in result["notes"])
    # before the 2025 case, QH-2023-033 has no far-apart sibling yet
    earlier = check(store, rule="F14", at=date(2024, 12, 31))
    assert earlier["findings"] == []
    only = check(store, rule="F04", region="江北省/临川市/青禾县", at=date(2024, 12, 31))
    assert [(f["rule"], f["code"]) for f in only["findings"]] == [("F04", "HJ02002")]


def test_readers_see_nothing_of_confidential_powers(store: GraphStore, tmp_path: Path) -> None:
    # HJ02002 (benchmark with a tier out of range, F04), HJ02003 (a case fined outside its tier, F09) and HJ02005
    # (a 减轻处罚 entry for high-risk conduct, F08) made 涉密: editors see those findings, readers none of them —
    # not only the powers but their benchmarks, list entries and cases
    tree = sample_with_secret_powers(tmp_path, "HJ02002", "HJ02003", "HJ02005")
    assert load_sample(store, tree).ok
    hidden = {("F04", "HJ02002"), ("F08", "HJ02005"), ("F09", None)}
    editor = {(f["rule"], f["code"]) for f in check(store, at=date(2026, 1, 1))["findings"]}
    reader = check(store, at=date(2026, 1, 1), confidential=False)
    assert hidden <= editor
    assert not hidden & {(f["rule"], f["code"]) for f in reader["findings"]}
    assert not any("HJ0200" in f["evidence"] or f["id"] == "case:QH-2024-022" for f in reader["findings"])
    assert editor - hidden == {(f["rule"], f["code"]) for f in reader["findings"]}


def test_f02_names_the_aligned_successor_in_force(store: GraphStore) -> None:
    """A basis on the 2018 text of 农产品质量安全法 names where its provision is in the 2022 text — through the
    alignment (2018 第四十七条 is 2022 第六十九条), never the same number."""
    assert load_sample(store, SAMPLE).ok
    found = {(f["kind"], f["code"]): f["evidence"] for f in check(store, rule="F02", at=date(2026, 1, 1))["findings"]}
    assert found[("power", "NY02001")].endswith("现行文本（农产品质量安全法@2022-09-02）中为 第六十九条（renumbered_modified）")
    assert "中为 第七十一条第一款" in found[("power", "NY02003")] and "中为 第六十五条第一款" in found[("power", "NY02005")]
    assert found[("power", "NY02002")].endswith("该条款在现行文本（农产品质量安全法@2022-09-02）中已删除")
    assert all("中为 第四十七条" not in e for e in found.values())
