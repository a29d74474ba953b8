"""Penalty outcomes in Chinese text: penalty types and numeric ranges (issue 4, first part).

    parse_outcome("处一万元以上三万元以下罚款")          → fine 10000–30000 yuan
    parse_outcome("没收违法所得，并处违法所得一倍以上三倍以下罚款") → multiple 1–3 of 违法所得
    parse_outcome("处建设项目总投资额百分之一以上百分之三以下的罚款") → percent 1–3 of 建设项目总投资额
    parse_outcome("不予处罚")                          → no penalty

Amounts accept Chinese and Arabic numerals with 万/千/百 (一万五千元, 1.5万元, 5000元), ranges written
以上…以下 or 至/到, and open ranges (五千元以下 → 0–5000; 十万元以上 → 100000–∞).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an

from lawgraph.domain.normalize import halfwidth

PENALTY_TYPES = ("警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
                 "吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留")
_TYPE_PATTERNS = [
    ("警告", r"警告"), ("通报批评", r"通报批评"), ("罚款", r"罚款"),
    ("没收违法所得", r"没收[^，。；,;]{0,12}?违法所得"),
    ("没收非法财物", r"没收(?:[^，。；,;]{0,20}?)(?:非法财物|工具|设备|原料|物品|产品|农产品|食品|药品"
               r"|违法生产|渔获物|渔具|烟草专卖品|赌具|毒品)"),
    ("暂扣许可证件", r"暂扣[^，。；,;]{0,12}?(?:许可证|执照|证件|证书)"),
    ("降低资质等级", r"降低资质等级"),
    ("吊销许可证件", r"吊销[^，。；,;]{0,12}?(?:许可证|执照|证件|证书)"),
    ("限制开展生产经营活动", r"限制(?:开展)?生产经营活动"), ("责令停产停业", r"责令停产停业|责令停业|责令停产"),
    ("责令关闭", r"责令关闭"), ("限制从业", r"限制从业|禁止[^，。；,;]{0,10}?从事"), ("行政拘留", r"行政拘留|拘留"),
]
BASES = ("违法所得", "货值金额", "销售额", "违法经营额", "违法收入", "建设项目总投资额", "总投资额", "合同价款",
         "工程合同价款", "合同金额", "应缴税款", "欠缴税款", "不缴或者少缴的税款", "营业额", "违法销售额", "所收费用",
         "代为处置费用", "处置费用", "治理费用", "直接损失", "直接经济损失", "排污费", "评估费用", "工程造价", "交易额",
         "年收入", "销售金额", "违法收购金额", "货物价值")
_NUM = r"[0-9.零〇一二三四五六七八九十百千万亿两]+"
_BASE = "|".join(sorted(map(re.escape, BASES), key=len, reverse=True))
_FINE_RANGE = re.compile(rf"({_NUM})\s*(万)?元?\s*(?:以上|至|到|-|~|—)[、，,]?\s*({_NUM})\s*(万)?元\s*(?:以下)?")
# an amount followed by 的 is a condition (货值金额一万元以上的), not a fine
_FINE_MAX = re.compile(rf"({_NUM})\s*(万)?元\s*以下(?!的(?!罚款|罚金))")
_FINE_MIN = re.compile(rf"({_NUM})\s*(万)?元\s*以上(?!\s*{_NUM})(?!的(?!罚款|罚金))")
# a fixed amount: 处二十万元罚款, 处以一万元的罚款, 最高不超过一百万元
_FINE_FIXED = re.compile(rf"({_NUM})\s*(万)?元\s*(?:的)?\s*(?:罚款|罚金)")
_FINE_CAP = re.compile(rf"(?:最高|最多)?不(?:超过|得超过|高于)\s*({_NUM})\s*(万)?元")
_MULT_RANGE = re.compile(rf"(?:({_BASE})[^，。；,;]{{0,6}}?)?({_NUM})\s*(?:倍\s*(?:以上|至|到)|至|到)\s*({_NUM})\s*倍"
                         rf"(?:以下)?")
_MULT_MAX = re.compile(rf"(?:({_BASE})[^，。；,;]{{0,6}}?)?({_NUM})\s*倍\s*以下")
_MULT_MIN = re.compile(rf"(?:({_BASE})[^，。；,;]{{0,6}}?)?({_NUM})\s*倍\s*以上(?!\s*{_NUM})")
_PCT = rf"(?:百分之\s*({_NUM})|({_NUM})\s*%)"
# the first bound may lack its % sign (35以上50%以下)
_PCT_RANGE = re.compile(rf"(?:({_BASE})[^，。；,;]{{0,6}}?)?(?:百分之\s*({_NUM})|({_NUM})\s*%?)\s*"
                        rf"(?:以上|至|到)\s*{_PCT}(?:以下)?")
_PCT_MAX = re.compile(rf"(?:({_BASE})[^，。；,;]{{0,6}}?)?{_PCT}\s*以下")
_PCT_FIXED = re.compile(rf"(?:({_BASE})[^，。；,;]{{0,6}}?)?{_PCT}\s*(?:的)?\s*(?:计算)?\s*罚款")
_MULT_FIXED = re.compile(rf"(?:({_BASE})[^，。；,;]{{0,6}}?)?({_NUM})\s*倍\s*(?:的)?\s*罚款")
_NO_PENALTY = re.compile(r"不予(?:行政)?处罚|免予(?:行政)?处罚|不予罚款")


@dataclass(frozen=True)
class Amount:
    """A numeric range: a fine in yuan, a multiple of a base, or a percentage of a base."""

    kind: str  # fine | multiple | percent
    min: float | None
    max: float | None
    base: str | None = None
    text: str = ""


@dataclass
class Outcome:
    """What a tier (or an article) imposes: penalty types and amounts; `no_penalty` for 不予处罚."""

    types: list[str] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    no_penalty: bool = False
    problems: list[str] = field(default_factory=list)


def number(text: str, wan: bool = False) -> float | None:
    """Return the value of 一万五千 / 1.5万 / 5000 / 两千 (times 10,000 when `wan`), or None."""
    value = halfwidth(text).strip().replace("两", "二")
    if not value:
        return None
    try:
        if re.fullmatch(r"[0-9.]+", value):
            out = float(value)
        elif re.fullmatch(r"[0-9.]+万", value):
            out = float(value[:-1]) * 10_000
        else:
            out = float(cn2an.cn2an(value, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return out * 10_000 if wan else out


def _pct(a: str | None, b: str | None) -> float | None:
    return number(a or b or "")


def parse_outcome(text: str) -> Outcome:
    """Return the penalty types and ranges written in `text`; unparsable numbers go to `problems`."""
    plain = halfwidth(text)
    # 等值以上三倍以下 = one to three times; an OCR'd l for 1 before 倍 (违法所得l倍)
    plain = plain.replace("等值以上", "一倍以上").replace("等值以下", "一倍以下")
    plain = re.sub(r"(?<=[^\x00-\x7f])[lI](?=倍)", "1", plain)
    out = Outcome(no_penalty=bool(_NO_PENALTY.search(plain)))
    for name, pattern in _TYPE_PATTERNS:
        if re.search(pattern, plain) and name not in out.types:
            out.types.append(name)
    if "罚款" not in out.types and re.search(r"罚金|处以?\S{0,12}元", plain) and "元" in plain:
        out.types.append("罚款")
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return all(match.end() <= a or match.start() >= b for a, b in taken)

    def add(amount: Amount, match: re.Match[str]) -> None:
        if amount.min is not None and amount.max is not None and amount.min > amount.max:
            out.problems.append(f"{match.group(0)!r}: the lower bound is above the upper bound")
        out.amounts.append(amount)
        taken.append((match.start(), match.end()))

    for match in _PCT_RANGE.finditer(plain):
        lo, hi = _pct(match.group(2), match.group(3)), _pct(match.group(4), match.group(5))
        add(Amount("percent", lo, hi, _base(plain, match), match.group(0)), match)
    for match in _PCT_MAX.finditer(plain):
        if free(match):
            add(Amount("percent", 0.0, _pct(match.group(2), match.group(3)), _base(plain, match), match.group(0)),
                match)
    for match in _PCT_FIXED.finditer(plain):
        if free(match):
            value = _pct(match.group(2), match.group(3))
            add(Amount("percent", value, value, _base(plain, match), match.group(0)),
                match)
    for match in _MULT_RANGE.finditer(plain):
        if free(match):
            add(Amount("multiple", number(match.group(2)), number(match.group(3)), _base(plain, match),
                       match.group(0)), match)
    for match in _MULT_MAX.finditer(plain):
        if free(match):
            add(Amount("multiple", 0.0, number(match.group(2)), _base(plain, match),
                       match.group(0)), match)
    for match in _MULT_MIN.finditer(plain):
        if free(match):
            add(Amount("multiple", number(match.group(2)), None, _base(plain, match),
                       match.group(0)), match)
    for match in _MULT_FIXED.finditer(plain):
        if free(match):
            value = number(match.group(2))
            add(Amount("multiple", value, value, _base(plain, match),
                       match.group(0)), match)
    for match in _FINE_RANGE.finditer(plain):
        if free(match):
            hi_wan = bool(match.group(4))
            upper_in_wan = hi_wan or match.group(3).endswith("万")
            lo_wan = bool(match.group(2)) or (upper_in_wan and not re.search("[万千百]", match.group(1))
                                              and _small(match.group(1)))
            add(Amount("fine", number(match.group(1), lo_wan), number(match.group(3), hi_wan), None,
                       match.group(0)), match)
    for match in _FINE_MAX.finditer(plain):
        if free(match):
            add(Amount("fine", 0.0, number(match.group(1), bool(match.group(2))), None, match.group(0)), match)
    for match in _FINE_MIN.finditer(plain):
        if free(match):
            add(Amount("fine", number(match.group(1), bool(match.group(2))), None, None, match.group(0)), match)
    for match in _FINE_FIXED.finditer(plain):
        if free(match):
            value = number(match.group(1), bool(match.group(2)))
            add(Amount("fine", value, value, None, match.group(0)), match)
    for match in _FINE_CAP.finditer(plain):
        if free(match):
            add(Amount("fine", 0.0, number(match.group(1), bool(match.group(2))), None, match.group(0)), match)
    for amount in out.amounts:
        if (amount.min is None and amount.kind == "fine" and "以上" in amount.text) or (
                amount.max is None and "以下" in amount.text):
            out.problems.append(f"{amount.text!r}: a number could not be read")
    out.amounts.sort(key=lambda a: plain.find(a.text))
    return out


def _small(text: str) -> bool:
    """一至三万元: the 一 borrows 万 from the upper bound when it is a bare small number."""
    value = number(text)
    return value is not None and value < 10


_TRIGGER = re.compile(r"处以|并处|处|罚款|按照|按|计|[，,；;：:]")
_KNOWN = sorted(BASES, key=len, reverse=True)


def _base(text: str, match: re.Match[str]) -> str | None:
    """The base of a multiple or percentage: a known base named in the match, else the words between the
    last 处/并处/按 and the number (所骗款额, 年收入 …), reduced to a known base when it contains one."""
    if match.group(1):
        return match.group(1)
    at = next((match.start(g) for g in range(2, (match.lastindex or 1) + 1) if match.group(g)), match.start())
    window = text[max(0, at - 40):at]
    cuts = list(_TRIGGER.finditer(window))
    phrase = window[cuts[-1].end():] if cuts else window
    phrase = re.sub(r"^(?:以|对其|其|该|违法行为人)", "", phrase.strip())
    phrase = re.sub(r"(?:的|百分之|按)+$", "", phrase).strip()
    for base in _KNOWN:
        if base in phrase:
            return base
    if 2 <= len(phrase) <= 25 and not re.search(r"[0-9元]", phrase):
        return phrase
    return _base_before(text, match.start())


def _base_before(text: str, at: int) -> str | None:
    window = text[max(0, at - 20):at]
    found = [(window.rfind(base), base) for base in BASES if base in window]
    return max(found)[1] if found else None
