"""效力层级 (level) of a statute, inferred from front matter, folder, issuer and title."""

from __future__ import annotations

import re

LEVELS = (
    "宪法", "法律", "行政法规", "地方性法规", "自治条例/单行条例", "部门规章", "地方政府规章", "司法解释", "规范性文件",
)
LEVEL_RANK = {name: rank for rank, name in enumerate(LEVELS)}

_LAW_FOLDERS = ("刑法", "民法典", "民法商法", "行政法", "经济法", "社会法", "诉讼与非诉讼程序法", "宪法相关法")
_FOLDER_LEVEL = {"宪法": "宪法", "行政法规": "行政法规", "部门规章": "部门规章", "司法解释": "司法解释",
                 "地方性法规": "地方性法规", "地方政府规章": "地方政府规章"}
_META_LEVEL = {"法律": "法律", "宪法": "宪法", "行政法规": "行政法规", "地方性法规": "地方性法规",
               "司法解释": "司法解释", "部门规章": "部门规章", "地方政府规章": "地方政府规章",
               "自治条例": "自治条例/单行条例", "单行条例": "自治条例/单行条例"}
_PLACE = re.compile(r"^(.{2,8}?(省|市|自治区|自治州|县|特别行政区))")


def infer_level(*, title: str, folders: tuple[str, ...] = (), issuer: str = "", meta_type: str = "") -> str:
    """Return the level of a statute; front matter beats folder beats issuer beats title."""
    if meta_type in _META_LEVEL:
        return _META_LEVEL[meta_type]
    if "自治条例" in title or "单行条例" in title:
        return "自治条例/单行条例"
    for folder in reversed(folders):
        if folder in _FOLDER_LEVEL:
            if folder == "宪法" and "宪法" not in title:
                return "法律"
            return _FOLDER_LEVEL[folder]
        if folder in _LAW_FOLDERS:
            return "法律"
    if title.startswith(("最高人民法院", "最高人民检察院")):
        return "司法解释"
    if "人民代表大会" in issuer and "全国" not in issuer:
        return "地方性法规"
    if "人民政府" in issuer and "国务院" not in issuer:
        return "地方政府规章"
    if "国务院" in issuer and ("令" in issuer or "常务会议" in issuer):
        return "行政法规"
    if re.search(r"(部|局|委员会|总署)(第\S*号)?令|部务会议|局务会议", issuer):
        return "部门规章"
    return level_from_title(title)


def level_from_title(title: str) -> str:
    """Return the level a title alone suggests."""
    bare = title.removeprefix("中华人民共和国")
    if ("宪法" in bare and "修正案" in bare) or bare == "宪法":
        return "宪法"
    if bare.endswith("法") and not bare.endswith("办法"):
        return "法律"
    if title.startswith("全国人民代表大会"):
        return "法律"
    local = _PLACE.match(bare)
    if bare.endswith("条例"):
        return "地方性法规" if local else "行政法规"
    if bare.endswith(("办法", "规定", "细则", "规则")):
        return "地方政府规章" if local else "部门规章"
    return "规范性文件"
