"""Policy documents (工作方案, 通知, 意见, 规范性文件): what a document states about itself — title, issuer,
文号, date — and the other documents it names by 文号 or by title.

Everything here works on lines already normalised (Simplified script, half-width); nothing reads files or
the store. The rules are written for documents as they are published and copied around: labelled metadata
blocks (文号 湘政办发〔2023〕51号, 发文日期 2023-03-14), a 文号 on its own line under the title, a closing
signature (issuer, then the date), or none of these at all.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from lawgraph.domain.normalize import halfwidth, to_simplified, unpunct

# 湘政办发〔2023〕51号, 国办发[2018]118号, 吉县政办（2023）6号: an agency prefix, a bracketed year and a number
_OPEN, _CLOSE = "〔\\[［【(（", "〕\\]］】)）"
WENHAO = re.compile(rf"([\u4e00-\u9fff]{{1,14}})\s*[{_OPEN}]\s*((?:19|20)\d{{2}})\s*[{_CLOSE}]\s*(\d{{1,5}})\s*号")
_LEAD = re.compile(r"^(?:.*?(?:根据|依据|按照|依照|参照|对照|落实|印发|转发|详见|见|及|和|与|或|文号|字号|发文字号|"
                   r"以下简称|简称|名称|标题|的通知|的意见|号))+")
_DOC_KINDS = ("实施方案", "工作方案", "方案", "通知", "意见", "指导意见", "计划", "纲要", "要点", "规划", "通报",
              "批复", "函", "报告", "公告", "通告", "决定", "办法", "规定", "细则", "规则", "制度", "标准", "指引",
              "指南", "措施", "清单", "目录", "模板", "条例")
# titles of another document named in the text: these kinds, not laws (a law's 《…》 is a citation)
REF_KINDS = ("实施方案", "工作方案", "方案", "通知", "意见", "计划", "纲要", "要点", "规划", "通报", "批复")
_JUNK = ("当前位置", "格式:", "大小:", "页数:", "发布时间", "浏览次数", "来源:", "索引号", "分享至", "网站支持",
         "文本预览", "相关文档", "字号:", "作者:", "日期:", "基本介绍", "相关词条", "热门词条", "联络我们")
_LABELS = {
    "title": ("名称", "标题", "中文名", "文件名称"),
    "number": ("文号", "发文字号", "发文文号"),
    "issuer": ("发布机构", "发文机关", "印发机关", "发文单位", "发布机关", "制发机关"),
    "date": ("发文日期", "成文日期", "印发日期", "发布日期", "签发日期"),
}
_LABEL = re.compile(r"(?:^|(?<=\s))[•·\-]?\s*(" + "|".join(sorted((w for ws in _LABELS.values() for w in ws), key=len,
                                                                reverse=True)) + r")\s*[:：\s]\s*")
_CN_DIGIT = {"〇": 0, "零": 0, "O": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
_DATE = re.compile(r"((?:19|20)\d{2}|[〇零○O一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})"
                   r"\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})")
_ORG = re.compile(r"(人民政府|政府|办公室|办公厅|局|委员会|委|厅|部|院|署|中心|司法所|支队|大队|队|管委会|人大常委会)$")


@dataclass(frozen=True, slots=True)
class DocRef:
    """Another document named in the text: by 文号, or by a title in 《》."""

    text: str
    paragraph: int  # ordinal of the paragraph it stands in (1-based)
    number: str | None = None  # the 文号 in canonical form
    keys: tuple[str, ...] = ()  # the title keys it may match (title_keys)


@dataclass
class DocumentMeta:
    """What a document states about itself; None where it does not."""

    title: str | None = None
    issuer: str | None = None
    number: str | None = None
    date: date | None = None
    keys: list[str] = field(default_factory=list)  # title keys another document may name it by


def wenhao(match: re.Match[str]) -> str | None:
    """The canonical form of a 文号 match (湘政办发〔2023〕51号), or None when the prefix is not an agency's."""
    prefix = _LEAD.sub("", match.group(1))
    if not 1 <= len(prefix) <= 10:
        return None
    return f"{prefix}〔{match.group(2)}〕{int(match.group(3))}号"


def numbers_in(text: str) -> list[tuple[str, int, int]]:
    """Every 文号 in `text`: (canonical form, start, end)."""
    out = []
    for match in WENHAO.finditer(text):
        number = wenhao(match)
        if number is not None:
            out.append((number, match.end(1) - len(_LEAD.sub("", match.group(1))), match.end()))
    return out


def title_key(title: str) -> str:
    """The key a title is matched on: no punctuation or spaces, bracketed years (2023—2025年) dropped."""
    plain = re.sub(r"[(（]\s*\d{4}\s*[-—–~至]*\s*(\d{4})?\s*年?\s*[)）]", "", title)
    return unpunct(plain)


def title_keys(title: str) -> list[str]:
    """Every key a document may be named by: its title, and for 关于印发《X》的通知 also X."""
    keys = [title_key(title)]
    for inner in re.findall(r"[《〈<]([^《》〈〉<>]{2,80})[》〉>]", title):
        keys.append(title_key(inner))
    printed = re.search(r"关于印发(.{2,80}?)的通知", title)
    if printed:
        keys.append(title_key(printed.group(1)))
    return sorted({k for k in keys if k})


def parse_date(text: str) -> date | None:
    """A date written as 2023年3月14日, 二〇二三年三月十四日 or 2023-03-14 in `text`, or None."""
    found = _DATE.search(text)
    if found:
        year, month, day = (_cn_number(g) for g in found.groups())
    else:
        iso = _ISO_DATE.search(text)
        if not iso:
            return None
        year, month, day = (int(g) for g in iso.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    """A date part as a number; 0 (an impossible date) for a malformed one such as 十十."""
    try:
        return _cn_number_of(text)
    except (KeyError, IndexError):
        return 0


def _cn_number_of(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in _CN_DIGIT for c in text):  # 二〇二三
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGIT[text[1]]
    if text.endswith("十"):
        return _CN_DIGIT[text[0]] * 10
    if "十" in text:
        return _CN_DIGIT[text[0]] * 10 + _CN_DIGIT[text[2]]
    return _CN_DIGIT.get(text, 0)


def _is_junk(line: str) -> bool:
    return any(word in line for word in _JUNK)


def _is_title(line: str) -> bool:
    plain = line.strip()
    return (4 <= len(plain) <= 90 and not plain.endswith(("。", ";", ":", "；", "：", ",", "，"))
            and not plain.startswith(("(", "（", "•", "-")) and not _is_junk(plain)
            and not re.match(r"^[一二三四五六七八九十]+、|^\d+[.、]", plain)
            and plain.rstrip("》”\"").endswith((*_DOC_KINDS, "(最新)", "年)")) and "《" not in plain[:1])


def _is_date_line(line: str) -> bool:
    return bool(re.fullmatch(r"\s*" + _DATE.pattern + r"\s*", line)) or bool(
        re.fullmatch(r"\s*" + _ISO_DATE.pattern + r"\s*", line))


def _is_org(line: str) -> bool:
    plain = line.strip()
    return 3 <= len(plain) <= 30 and bool(_ORG.search(plain)) and not re.search(r"[，,。:：;；《》]", plain)


def read_meta(raw_lines: list[str]) -> DocumentMeta:
    """What the document states about itself, from its lines as written (spaces kept: they separate labels from
    values in copied metadata blocks)."""
    lines = [halfwidth(to_simplified(line)).strip() for line in raw_lines if line.strip()]
    meta = DocumentMeta()
    labelled: dict[str, str] = {}
    for line in lines[:60]:
        # 发布机构 吉木萨尔县人民政府 发文日期 2023-03-14: several labels on one line, each value up to the next
        found = list(_LABEL.finditer(line))
        for i, label in enumerate(found):
            key = next(k for k, words in _LABELS.items() if label.group(1) in words)
            value = line[label.end():found[i + 1].start() if i + 1 < len(found) else len(line)].strip()
            if value and key not in labelled:
                labelled[key] = value
    title = labelled.get("title")
    if title:
        own = numbers_in(title)
        if own and own[0][1] == 0:  # 吉县政办〔2023〕6号关于印发《…》的通知
            labelled.setdefault("number", own[0][0])
            title = title[own[0][2]:].strip()
    if not title:
        title = next((line.strip().lstrip("#").strip() for line in lines[:20] if line.lstrip().startswith("#")),
                     None) or next((line.strip() for line in lines[:20] if _is_title(line)), None)
    if title:
        meta.title = re.sub(r"\s+", "", title).removesuffix("(最新)")
    number = labelled.get("number")
    found_numbers = numbers_in(number) if number else []
    if found_numbers:  # 发文字号：无 / — is no number
        meta.number = found_numbers[0][0]
    else:  # a 文号 standing on its own line near the top, or opening the title line
        for line in lines[:25]:
            found_numbers = numbers_in(line)
            if found_numbers and ((found_numbers[0][2] >= len(line.rstrip()) - 1 and found_numbers[0][1] <= 2)
                                  or (meta.title and line.strip().startswith(found_numbers[0][0]))):
                meta.number = found_numbers[0][0]
                break
    if "date" in labelled:
        meta.date = parse_date(labelled["date"])
    dated = [i for i, line in enumerate(lines) if _is_date_line(line)]
    if meta.date is None and dated:
        meta.date = parse_date(lines[dated[0]])
    meta.issuer = labelled.get("issuer")
    if not meta.issuer:  # the signature: the line just above a date line
        meta.issuer = next((lines[i - 1].strip() for i in dated if i > 0 and _is_org(lines[i - 1])), None)
    if not meta.issuer:  # or an organisation standing alone near the top (夷陵区司法局)
        meta.issuer = next((line.strip() for line in lines[:15] if _is_org(line)), None)
    if meta.title:
        meta.keys = title_keys(meta.title)
    return meta


def references(paragraphs: list[str], meta: DocumentMeta, law_titles: set[str]) -> list[DocRef]:
    """Other documents named in the paragraphs: every 文号 but the document's own, and every 《title》 of a
    document kind (方案, 通知, 意见 …) that is not one of `law_titles` (cited laws), nor the document itself."""
    own_keys = set(meta.keys)
    # 以下简称《行动计划》: a short name for a document named just before, not another document
    own_keys |= {title_key(a) for text in paragraphs for a in re.findall(r"简称[“\"]?《([^《》]{1,40})》", text)}
    out: list[DocRef] = []
    seen: set[tuple[int, str]] = set()
    for ordinal, text in enumerate(paragraphs, start=1):
        for number, start, end in numbers_in(text):
            if number != meta.number and (ordinal, number) not in seen:
                seen.add((ordinal, number))
                out.append(DocRef(text[start:end], ordinal, number=number))
        for found in re.finditer(r"《([^《》]{2,120})》", text):
            name = found.group(1)
            inner = re.sub(r"[〈<]([^〈〉<>]+)[〉>]", r"\1", name)
            key = title_key(inner)
            if (name in law_titles or not inner.rstrip(")）").rstrip("年0123456789—-–()（ ").endswith(REF_KINDS)
                    or key in own_keys or (ordinal, key) in seen):
                continue
            seen.add((ordinal, key))
            out.append(DocRef(found.group(0), ordinal, keys=tuple(title_keys(inner))))
    return out


def document_id(meta: DocumentMeta, fallback_title: str, content: str) -> str:
    """A stable id: the 文号 where stated, else the title with the date, else the title alone (a corrected copy of
    an undated document replaces the one before); a digest of the text when even the title is missing."""
    if meta.number:
        return f"doc:{meta.number}"
    title = unpunct(meta.title or fallback_title)
    if not title:
        return f"doc:#{hashlib.sha1(content.encode()).hexdigest()[:12]}"
    return f"doc:{title}@{meta.date.isoformat()}" if meta.date else f"doc:{title}"
