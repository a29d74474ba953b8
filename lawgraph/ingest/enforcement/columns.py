"""Header mapping for the tables departments publish: the many names one column goes by.

A table's header row is the first of its first 15 rows in which the name column and at least one
other known column are found; every later row is a record. Headers are compared after removing
spaces, line breaks, `*` markers and parenthesised notes (职权类型（许可/处罚） → 职权类型).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgraph.domain.normalize import to_simplified
from lawgraph.ingest.sources.sheets import Sheet

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "power": {
        "name": ("职权名称", "事项名称", "权力名称", "权力事项名称", "权责事项名称", "执法事项名称", "职权事项",
                 "权力事项", "事项", "名称"),
        "code": ("职权编码", "事项编码", "权力编码", "权力事项编码", "执法事项编码", "基本编码", "职权代码", "编码"),
        "category": ("职权类型", "事项类型", "权力类别", "权力类型", "职权类别", "事项类别", "类别", "类型"),
        "sub_items": ("子项", "子项名称", "子项目", "子项内容"),
        "basis": ("依据", "法律依据", "设定和实施依据", "法定依据", "行使依据"),
        "basis_set": ("设定依据",),
        "basis_impl": ("实施依据",),
        "basis_penalty": ("罚则依据", "处罚依据"),
        "department": ("实施主体", "执法主体", "责任主体", "实施机关", "实施部门", "行使主体", "职权部门", "部门名称",
                       "部门"),
        "department_code": ("部门编码", "授权部门", "实施主体编码", "部门代码"),
        "region": ("行政区划", "所属区域", "区域", "地区"),
        "discretionary": ("是否有裁量", "有无裁量", "是否涉及自由裁量", "自由裁量", "是否有裁量权", "裁量权"),
        "delegation": ("下放方式", "委托或赋权", "是否下放"),
        "delegated_to": ("承接乡镇", "承接主体", "下放至", "委托对象"),
        "delegation_act": ("下放文件", "委托文件", "赋权文件", "下放依据"),
        "delegation_date": ("下放日期", "委托日期", "赋权日期"),
        "flow": ("办理流程", "流程", "流程步骤", "办理环节"),
        "time_limit": ("法定时限", "承诺时限", "办理时限"),
        "confidential": ("是否涉密", "涉密", "涉密不公开"),
        "public": ("是否公开", "公开"),
        "level": ("实施层级", "行使层级", "层级"),
        "at": ("依据日期", "更新日期", "发布日期"),
        "note": ("备注",),
    },
    "benchmark": {
        "conduct": ("违法行为", "违法行为名称", "违法情形", "裁量事项", "事项名称", "职权名称"),
        "seq": ("序号", "编号"),
        "code": ("职权编码", "事项编码", "权力编码"),
        "basis": ("法律依据", "处罚依据", "依据", "违法依据", "违反条款", "设定依据"),
        "tier": ("裁量阶次", "裁量等级", "裁量级别", "裁量档次", "阶次", "等级", "类别", "档次"),
        "grade": ("分档", "子档次"),
        "conditions": ("裁量情节", "情形", "适用情形", "适用条件", "违法情节", "裁量情形", "情节"),
        "outcome": ("裁量标准", "处罚标准", "处罚幅度", "裁量基准", "处罚结果", "处罚种类和幅度"),
        "adopts": ("采用上级基准", "适用上级基准"),
        "note": ("备注", "说明"),
        "region": ("行政区划", "所属区域"),
        "department": ("制定部门", "制定机关", "实施主体", "执法主体", "执法部门"),
        "effective": ("施行日期", "生效日期", "实施日期"),
        "expires": ("失效日期", "废止日期", "有效期至"),
        "title": ("基准名称", "文件名称"),
    },
    "case": {
        "title": ("标题", "案例名称", "案件名称", "案由", "title"),
        "id": ("案例编号", "编号", "案号", "id"),
        "date": ("日期", "决定日期", "处罚日期", "作出日期", "date"),
        "region": ("行政区划", "地区", "区域", "region"),
        "department": ("部门", "执法部门", "处罚机关", "作出机关", "department"),
        "facts": ("案情", "基本案情", "事实", "违法事实", "facts"),
        "power": ("职权编码", "职权名称", "职权", "事项名称", "power"),
        "tier": ("裁量档次", "适用档次", "裁量阶次", "档次", "tier"),
        "outcome": ("处罚结果", "处理结果", "处罚决定", "outcome"),
        "fine": ("罚款金额", "罚款", "罚款数额", "fine"),
        "source": ("来源", "出处", "发布来源", "source"),
    },
    "list": {
        "conduct": ("违法行为", "事项名称", "违法情形"),
        "list": ("清单类型", "清单", "类型"),
        "code": ("职权编码", "事项编码"),
        "basis": ("法律依据", "违反条款", "依据", "处罚依据"),
        "conditions": ("适用条件", "情形", "裁量情节", "不予处罚的情节", "条件"),
        "first_offence": ("首违不罚", "是否首违"),
        "high_risk": ("高风险", "是否高风险"),
        "note": ("备注",),
        "region": ("行政区划", "所属区域"),
        "department": ("制定部门", "实施主体", "执法主体", "执法部门"),
        "effective": ("施行日期", "生效日期", "实施日期"),
    },
}
REQUIRED = {"power": "name", "benchmark": "conduct", "case": "title", "list": "conduct"}


def clean_header(text: str) -> str:
    """职权类型（许可/处罚）* → 职权类型."""
    out = to_simplified(text)
    out = re.sub(r"[（(][^）)]*[）)]", "", out)
    return re.sub(r"[\s*＊:：]", "", out)


@dataclass
class Header:
    """Where each known field sits in a sheet: field → column index; the header's row number."""

    row: int
    columns: dict[str, int]
    names: list[str]

    def get(self, cells: list[str], name: str) -> str:
        """Return the cell of field `name` in `cells` ('' when absent)."""
        index = self.columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    def label(self, name: str) -> str:
        """The column's header as written, for error messages."""
        index = self.columns.get(name)
        return self.names[index] if index is not None and index < len(self.names) else name


def find_header(sheet: Sheet, kind: str) -> Header | None:
    """Return the header of a sheet of `kind` (power | benchmark | case | list), or None."""
    aliases = ALIASES[kind]
    lookup: dict[str, str] = {}
    for name, variants in aliases.items():
        for variant in variants:
            lookup.setdefault(variant, name)
    for number, cells in sheet.rows[:15]:
        columns: dict[str, int] = {}
        for index, cell in enumerate(cells):
            field = lookup.get(clean_header(cell))
            if field and field not in columns:
                columns[field] = index
        if REQUIRED[kind] in columns and len(columns) >= 2:
            return Header(number, columns, cells)
    return None
