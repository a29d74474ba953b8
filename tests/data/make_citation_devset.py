"""Builds tests/data/citations_dev.jsonl: labelled citation examples, correct by construction.

Real law titles and sentence frames from the shared corpus and the seeds, combined with every citation
form the extractor must handle and with look-alikes that are not citations. Run from the repository
root: `.venv/bin/python tests/data/make_citation_devset.py` (deterministic: seeded).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from lawgraph.domain.numerals import to_chinese

random.seed(20261121)
OUT = Path(__file__).with_name("citations_dev.jsonl")

LAWS = ["食品安全法", "行政处罚法", "行政许可法", "行政强制法", "农产品质量安全法", "安全生产法", "动物防疫法",
        "大气污染防治法", "水污染防治法", "环境保护法", "环境影响评价法", "固体废物污染环境防治法", "产品质量法",
        "消费者权益保护法", "广告法", "城乡规划法", "药品管理法", "文物保护法", "反垄断法", "公司法"]
REGS = ["生猪屠宰管理条例", "农药管理条例", "食品安全法实施条例", "建设工程质量管理条例", "娱乐场所管理条例"]
FRAMES = ["依照{c}的规定处罚。", "违反{c}规定的，由县级以上人民政府农业农村主管部门责令改正。", "根据{c}，制定本办法。",
          "有{c}所列行为之一的，处五千元以上五万元以下罚款。", "{c}规定的情形除外。", "对违反{c}的行为，依法予以处理。",
          "除{c}另有规定外，适用本规定。", "当事人有{c}规定情形的，不予行政处罚。"]
NON = ["第一次", "第三人", "第二天", "第十三届", "第12号", "第三方", "第一季度", "第二次会议", "第一百次", "第五批",
       "第二十一号令", "第三季度", "第一时间", "第二类", "第一责任人"]
CERTS = ["《食品经营许可证》", "《营业执照》", "《动物防疫条件合格证》", "《行政处罚决定书》", "《排污许可证》"]

examples: list[dict[str, object]] = []


def add(text: str, expected: list[list[object]], context: dict[str, object] | None = None, form: str = "") -> None:
    examples.append({"text": text, "context": context or {}, "expected": expected, "form": form})


def cn(n: int) -> str:
    return to_chinese(n)


def frame(c: str) -> str:
    return random.choice(FRAMES).format(c=c)


for i in range(30):  # full title, 条款项
    law, a, p, it = random.choice(LAWS), random.randint(1, 150), random.randint(1, 3), random.randint(1, 8)
    add(frame(f"《中华人民共和国{law}》第{cn(a)}条第{cn(p)}款第（{cn(it)}）项"), [[law, str(a), p, it, None]], form="full")
for i in range(20):  # short title, 条 or 条款
    law, a, p = random.choice(LAWS + REGS), random.randint(1, 120), random.randint(1, 4)
    if i % 2:
        add(frame(f"《{law}》第{cn(a)}条"), [[law, str(a), None, None, None]], form="short")
    else:
        add(frame(f"《{law}》第{cn(a)}条第{cn(p)}款"), [[law, str(a), p, None, None]], form="short")
for i in range(12):  # bare known names
    law, a = random.choice(["刑法", "国家赔偿法", "行政处罚法", "民法典", "刑事诉讼法", "公司法"]), random.randint(1, 400)
    add(f"依照{law}第{cn(a)}条的规定，以相关罪名定罪处罚。", [[law, str(a), None, None, None]], form="bare_name")
for i in range(8):  # nested titles
    inner, a = random.choice(["民事诉讼法", "行政诉讼法", "刑事诉讼法", "公司法"]), random.randint(1, 300)
    title = f"最高人民法院关于适用〈中华人民共和国{inner}〉的解释"
    add(frame(f"《{title}》第{cn(a)}条"), [[title, str(a), None, None, None]], form="nested")
for i in range(10):  # version notes
    law, a, y = random.choice(LAWS), random.randint(1, 120), random.choice([2004, 2013, 2015, 2016, 2018])
    add(frame(f"《{law}》（{y}年修订）第{cn(a)}条"), [[law, str(a), None, None, None]], form="version_note")
for i in range(16):  # lists of articles
    law = random.choice(LAWS)
    a, b, c = sorted(random.sample(range(1, 100), 3))
    add(frame(f"《{law}》第{cn(a)}条、第{cn(b)}条和第{cn(c)}条"),
        [[law, str(a), None, None, None], [law, str(b), None, None, None], [law, str(c), None, None, None]], form="list")
for i in range(14):  # ranges of articles
    law, a = random.choice(LAWS), random.randint(1, 90)
    b = a + random.randint(1, 4)
    add(frame(f"《{law}》第{cn(a)}条至第{cn(b)}条"), [[law, str(n), None, None, None] for n in range(a, b + 1)],
        form="range")
for i in range(12):  # 条第一款、第二款
    law, a = random.choice(LAWS), random.randint(1, 130)
    add(frame(f"《{law}》第{cn(a)}条第一款、第二款"), [[law, str(a), 1, None, None], [law, str(a), 2, None, None]],
        form="paragraph_list")
for i in range(12):  # item ranges
    law, a, lo = random.choice(LAWS), random.randint(1, 130), random.randint(1, 4)
    hi = lo + random.randint(1, 5)
    add(frame(f"《{law}》第{cn(a)}条第{cn(lo)}项至第{cn(hi)}项"),
        [[law, str(a), None, n, None] for n in range(lo, hi + 1)], form="item_range")
for i in range(12):  # item lists in parentheses
    law, a = random.choice(LAWS), random.randint(1, 130)
    items = sorted(random.sample(range(1, 9), random.randint(2, 4)))
    listed = "、".join(f"（{cn(n)}）" for n in items)
    add(frame(f"《{law}》第{cn(a)}条第{listed}项"), [[law, str(a), None, n, None] for n in items], form="item_list")
for i in range(10):  # 条第一款（二）项
    law, a, p, it = random.choice(LAWS), random.randint(1, 130), random.randint(1, 3), random.randint(1, 6)
    add(frame(f"《{law}》第{cn(a)}条第{cn(p)}款（{cn(it)}）项"), [[law, str(a), p, it, None]], form="paren_item")
for i in range(32):  # relative forms inside a statute
    a, n = random.randint(1, 80), random.randint(1, 80)
    ctx = {"article": str(a), "paragraph": 3}
    kind = i % 8
    if kind == 0:
        add(f"违反本法第{cn(n)}条规定的，责令改正。", [[None, str(n), None, None, None]], ctx, "relative")
    elif kind == 1:
        add(f"依照本条例第{cn(n)}条的规定执行。", [[None, str(n), None, None, None]], ctx, "relative")
    elif kind == 2:
        add(f"有第{cn(n)}条规定情形的，依法处理。", [[None, str(n), None, None, None]], ctx, "relative")
    elif kind == 3:
        add("本条第二款规定的期限届满的，应当公告。", [[None, str(a), 2, None, None]], ctx, "relative")
    elif kind == 4:
        add("有前款规定情形的，可以从轻处罚。", [[None, str(a), 2, None, None]], ctx, "relative")
    elif kind == 5:
        add("违反前两款规定的，依法追究责任。", [[None, str(a), 1, None, None], [None, str(a), 2, None, None]], ctx,
            "relative")
    elif kind == 6:
        add("有第一款第（三）项所列情形的，不予处罚。", [[None, str(a), 1, 3, None]], ctx, "relative")
    else:
        add(f"依照本规定第{cn(n)}条第{cn(2)}款执行。", [[None, str(n), 2, None, None]], ctx, "relative")
for i in range(10):  # 之一 insertions
    law, a, s = random.choice(LAWS), random.randint(1, 150), random.randint(1, 3)
    add(frame(f"《{law}》第{cn(a)}条之{cn(s)}"), [[law, f"{a}-{s}", None, None, None]], form="insertion")
for i in range(12):  # Arabic and full-width numerals
    law, a, p = random.choice(LAWS), random.randint(1, 150), random.randint(1, 3)
    if i % 2:
        add(frame(f"《{law}》第{a}条第{p}款"), [[law, str(a), p, None, None]], form="arabic")
    else:
        wide = str(a).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        add(frame(f"《{law}》第{wide}条"), [[law, str(a), None, None, None]], form="fullwidth")
TRAD = {"食品安全法": "食品安全法", "行政處罰法": "行政处罚法", "動物防疫法": "动物防疫法", "農產品質量安全法": "农产品质量安全法",
        "環境保護法": "环境保护法", "產品質量法": "产品质量法"}
for i in range(10):  # Traditional script
    written, law = random.choice(list(TRAD.items()))
    a = random.randint(1, 120)
    add(f"依照《中華人民共和國{written}》第{cn(a)}條的規定處罰。", [[law, str(a), None, None, None]], form="traditional")
for i in range(10):  # whole laws
    law = random.choice(LAWS)
    add(f"根据《中华人民共和国{law}》等法律，制定本办法。", [[law, None, None, None, None]], form="whole_law")
for text in NON:  # look-alikes that are not citations
    add(f"在{text}会议上，有关单位和{text}应当到场。", [], form="non_citation")
    add(f"{text}出现时，应当及时报告。", [], form="non_citation")
for cert in CERTS:
    add(f"未取得{cert}从事经营活动的，责令改正。", [], form="non_citation")
for i in range(24):  # two citations of different laws in one sentence
    l1, l2 = random.sample(LAWS, 2)
    a, b = random.randint(1, 100), random.randint(1, 100)
    add(f"违反《{l1}》第{cn(a)}条规定，依照《{l2}》第{cn(b)}条处罚。",
        [[l1, str(a), None, None, None], [l2, str(b), None, None, None]], form="two_laws")
for i in range(12):  # list carried through 款 and 项
    law, a, b = random.choice(LAWS), random.randint(1, 60), random.randint(61, 120)
    add(frame(f"《{law}》第{cn(a)}条第二款、第{cn(b)}条第一款第（一）项"),
        [[law, str(a), 2, None, None], [law, str(b), 1, 1, None]], form="mixed_list")

# Real sentences, as published (corpus and seeds), labelled by hand.
add("违反本法第二十九条规定，农产品生产企业、农民专业合作经济组织未建立或者未按照规定保存农产品生产记录的，"
    "或者伪造农产品生产记录的，责令限期改正。", [[None, "29", None, None, None]], {"article": "47"}, "real")
add("依照《中华人民共和国行政处罚法》第三十三条第一款规定，违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
    [["行政处罚法", "33", 1, None, None]], form="real")
add("违反《固体废物污染环境防治法》（2016年修订）第六十八条第一款第（一）项规定的",
    [["固体废物污染环境防治法", "68", 1, 1, None]], form="real")
add("有本法第一百二十三条、第一百二十四条规定情形之一的，处五万元以上十万元以下罚款。",
    [[None, "123", None, None, None], [None, "124", None, None, None]], {"article": "125"}, "real")
add("依照刑法第三百三十八条的规定，以污染环境罪定罪处罚。", [["刑法", "338", None, None, None]], form="real")
add("第六十二条第一款第（一）项至第（三）项规定的行为", [[None, "62", 1, n, None] for n in (1, 2, 3)],
    {"article": "70"}, "real")

OUT.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in examples), encoding="utf-8")
print(f"{len(examples)} examples written to {OUT}")
