"""Amending acts as operations (domain.amending): the forms of 修正案 and 关于修改…的决定, and applying them."""

from __future__ import annotations

import pytest

from lawgraph.domain.amending import ActError, apply, parse_act


def test_a_decision_amending_several_laws_is_split_per_law() -> None:
    act = parse_act("关于修改部分法律的决定", list(enumerate([
        "一、对《中华人民共和国邮政法》作出修改", "删去第三条。",
        "二、对《中华人民共和国电力法》作出修改", "将第十八条修改为：“新的第十八条。”",
        "将第二十条中的“有关部门”修改为“电力管理部门”。",
        "本决定自公布之日起施行。上述法律根据本决定作相应修改，并对条文顺序作相应调整，重新公布。"], start=1)))
    assert {law: [(o.kind, o.article) for o in ops] for law, ops in act.laws.items()} == {
        "中华人民共和国邮政法": [("delete", "3")],
        "中华人民共和国电力法": [("replace", "18"), ("substitute", "20")]}
    assert act.unread == [] and act.reorder


def test_numbering_after_an_act() -> None:
    before = {str(n): [f"第{n}条的文字。"] for n in range(1, 6)}
    act = parse_act("某法修正案", [(1, "一、删去第三条。"), (2, "二、增加一条，作为第五条：“新增的一条。”")],
                    default_law="某法")
    ops = act.laws["某法"]
    # 条文顺序作相应调整: numbered anew in order, the added article where its number puts it
    after, rows = apply(before, ops, reorder=True)
    assert list(after) == ["1", "2", "3", "4", "5"] and after["5"] == ["新增的一条。"]
    assert {(r["old"], r["new"], r["kind"]) for r in rows} >= {("3", None, "deleted"), ("4", "3", "renumbered"),
                                                              ("5", "4", "renumbered"), (None, "5", "added")}
    # without it (the 刑法 keeps its numbers) a deleted number stays empty …
    kept, _ = apply(before, ops[:1])
    assert list(kept) == ["1", "2", "4", "5"]
    # … unless an added article takes a number still in use: then the articles are numbered anew all the same
    collided, _ = apply(before, ops)
    assert list(collided) == ["1", "2", "3", "4", "5"] and collided["5"] == ["新增的一条。"]


def test_words_are_replaced_everywhere_in_the_article_and_bad_operations_name_their_line() -> None:
    before = {"1": ["甲乙甲乙。"], "2": ["其他。"]}
    act = parse_act("某法修正案", [(7, "一、将第一条中的“甲”修改为“丙”。")], default_law="某法")
    assert apply(before, act.laws["某法"])[0]["1"] == ["丙乙丙乙。"]
    bad = parse_act("某法修正案", [(9, "一、将第九条修改为：“无此条。”")], default_law="某法")
    with pytest.raises(ActError, match="line 9: 第9条 is not in the text before"):
        apply(before, bad.laws["某法"])
    assert before == {"1": ["甲乙甲乙。"], "2": ["其他。"]}  # nothing changed
