"""Closed vocabularies: the 13 power categories, their numeric codes, tier names, region levels, yes/no."""

from __future__ import annotations

import re

from lawgraph.domain.normalize import to_simplified

# seed 002: the 13 categories of a 权责清单
CATEGORIES = ("行政许可", "行政处罚", "行政征收", "行政确认", "行政给付", "行政裁决", "行政强制", "行政监督检查",
              "非行政许可审批", "行政事业性收费", "重大事项决策", "内部管理", "其他")
# numeric type codes of the national 权责清单 coding (辽宁's list uses them): 08 行政奖励 is not one of the 13
TYPE_CODES = {"01": "行政许可", "02": "行政处罚", "03": "行政强制", "04": "行政征收", "05": "行政给付",
              "06": "行政监督检查", "07": "行政确认", "08": "其他", "09": "行政裁决", "10": "其他"}
_SHORT = {"许可": "行政许可", "处罚": "行政处罚", "征收": "行政征收", "确认": "行政确认", "给付": "行政给付",
          "裁决": "行政裁决", "强制": "行政强制", "检查": "行政监督检查", "监督检查": "行政监督检查",
          "行政检查": "行政监督检查",
          "行政奖励": "其他", "奖励": "其他", "其他行政权力": "其他", "其他职权": "其他", "其他权力": "其他",
          "行政收费": "行政事业性收费", "收费": "行政事业性收费", "公共服务": "其他", "行政强制措施": "行政强制",
          "行政强制执行": "行政强制", "非许可审批": "非行政许可审批", "决策": "重大事项决策"}

TIER_FORMS = {
    3: ("轻微", "一般", "严重"),
    4: ("轻微", "一般", "严重", "特别严重"),
    5: ("轻微", "一般", "较重", "严重", "特别严重"),
}
PERMIT_TIERS = ("简易", "一般", "重大疑难")
LIST_KINDS = {"不予处罚": "不予处罚", "不予行政处罚": "不予处罚", "免予处罚": "不予处罚", "首违不罚": "不予处罚",
              "减轻处罚": "减轻处罚", "减轻": "减轻处罚", "减轻行政处罚": "减轻处罚", "从轻处罚": "从轻处罚",
              "从轻": "从轻处罚", "从轻行政处罚": "从轻处罚"}
REGION_LEVELS = ("省", "市", "县", "乡镇街道")


def category(value: str) -> str | None:
    """Return one of CATEGORIES for a cell (name, short name or code 01–10), or None if unknown."""
    text = re.sub(r"\s", "", to_simplified(value))
    if re.fullmatch(r"\d{1,2}", text):
        return TYPE_CODES.get(text.zfill(2))
    if text in CATEGORIES:
        return text
    return _SHORT.get(text) or _SHORT.get(text.removeprefix("行政"))


def yes_no(value: str) -> bool | None:
    """是/有/Y/1/true → True; 否/无/N/0/false → False; '' → None; anything else → None."""
    text = value.strip().lower()
    if text in ("是", "有", "y", "yes", "1", "true", "√", "涉密"):
        return True
    if text in ("否", "无", "n", "no", "0", "false", "×", "不涉密", ""):
        return False if text else None
    return None
