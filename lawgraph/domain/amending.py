"""Amending acts: what the legislature said moved. A 修正案 (刑法修正案（十一）) or a 关于修改《…》的决定 is read into
operations — 将第X条修改为“…”, 将第X条第Y款修改为, 在第X条后增加一条作为第X条之一, 在第X条中增加一款作为第Y款,
删去第X条 / 第X款 / 第X项, 将第X条中的“A”修改为“B”, 将第X条和第Y条合并修改为, “第八条”调整为“第七条” — and
applied to the text before, article by article. A decision that amends several laws at once is split per law.

Pure text work: no files, no store. Article numbers are lawgraph's (12, 133-1 for 第一百三十三条之一).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawgraph.domain.normalize import halfwidth, to_simplified, unpunct
from lawgraph.domain.numerals import to_int

_N = "零〇一二三四五六七八九十百千两0-9"
_ART = rf"第([{_N}]+)条(?:之([{_N}]+))?"
_PARA = rf"第([{_N}]+)款"
_ITEM = rf"第[（(]?([{_N}]+)[)）]?项"
_HEAD_NUMBER = re.compile(rf"^\s*(?:[{_N}]+、|\d+[.．、]|[（(][{_N}]+[)）])\s*")
_LAW_PART = re.compile(r"^(?:修改|对)《([^》]+)》")
_REORDER = re.compile(r"(?:顺序|序号)(?:作|做)?相应(?:调整|顺延)|相应调整(?:条文|条款)?(?:顺序|序号)")
_VERBS = ("修改为", "增加", "删去", "改为", "调整为", "合并")


class ActError(ValueError):
    """An act that cannot be read or applied: where (line) and what is wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class Operation:
    """One thing an act does to one law."""

    kind: str  # replace | insert | delete | substitute | renumber | merge | prepend | lead | append
    level: str  # article | paragraph | item
    article: str  # the article it names (in the text before; for an insert, the article it follows)
    line: int
    head: str  # the sentence as written, up to its quoted text
    paragraph: int | None = None
    item: int | None = None
    new_numbers: list[str] = field(default_factory=list)  # insert: the new articles; renumber: the new number
    new_paragraphs: list[int] = field(default_factory=list)  # insert of paragraphs: their numbers
    text: list[str] = field(default_factory=list)  # the quoted lines (paragraphs and items), quotes removed
    old_words: str | None = None  # substitute: the words replaced ("" when words are added)
    new_words: str | None = None
    others: list[str] = field(default_factory=list)  # merge: the articles merged into `article`; delete: more


@dataclass
class Act:
    """An amending act, as read: per law it amends, the operations in order, and what could not be read."""

    title: str
    laws: dict[str, list[Operation]] = field(default_factory=dict)  # law as named → operations
    reorder: bool = False  # 条文顺序作相应调整: the articles are numbered anew in order after the act
    unread: list[tuple[int, str]] = field(default_factory=list)  # (line, sentence) of operations not understood


def _num(text: str) -> int:
    """A numeral (一百二十二, 12) as an int; 0 for none (the patterns only match numerals)."""
    return to_int(text) or 0


def article_number(number: str, suffix: str | None) -> str:
    """第一百三十三条之一 parts → 133-1."""
    main = _num(number)
    return f"{main}-{_num(suffix)}" if suffix else str(main)


def _quoted_lines(lines: list[str]) -> list[str]:
    """The quoted text of an operation: one entry per line, the opening “ and closing ” removed."""
    out = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        text = text.removeprefix("“").removeprefix('"')
        text = re.sub(r"[”\"][。；;]?$", "", text)
        out.append(text)
    return out


def _blocks(lines: list[tuple[int, str]]) -> list[tuple[int, str, list[str]]]:
    """(line, head sentence, quoted lines) per operation; a head is a line outside quotes naming an action."""
    blocks: list[tuple[int, str, list[str]]] = []
    open_quote = False
    for number, raw in lines:
        written = raw.strip()  # the quoted text is kept as written; the head is read in its matching form
        text = halfwidth(to_simplified(written))
        if not text:
            continue
        starts_quoted = text.startswith(("“", '"'))
        continuing = _HEAD_NUMBER.sub("", text).startswith(("原第", "增加一款", "增加二款", "增加两款", "增加一项"))
        heading = bool(re.match(r"^(?:对|修改)《[^》]+》", _HEAD_NUMBER.sub("", text)))  # 对《电力法》作出修改
        acts = continuing or heading or any(v in text for v in (*_VERBS, "修改《"))
        # a numbered line naming an action opens the next operation even after a quote left open by mistake
        numbered = bool(re.match(r"^\s*(?:[零〇一二三四五六七八九十百]+、|\d+[.．])", text))
        if acts and not starts_quoted and (not open_quote or numbered):
            head = _HEAD_NUMBER.sub("", text)
            quote_at = head.find("“")
            rest: list[str] = []
            body = head
            # the head's own quoted text: 修改为：“…” on the same line (not the “A” of 中的“A”修改为“B”)
            if quote_at >= 0 and re.search(r"(?:修改为(?:第[^“]*)?|作为(?:《[^》]*》)?第[^“]*|规定)[:：]?\s*$",
                                           head[:quote_at]):
                body, rest = head[:quote_at], [written[written.find("“", len(written) - len(head) + quote_at - 2):]]
            blocks.append((number, body, rest))
            tail = rest[-1] if rest else ""
            open_quote = bool(rest) and not re.search(r"[”\"][。；;]?$", tail)
            continue
        if blocks and (starts_quoted or open_quote):
            blocks[-1][2].append(written)
            open_quote = not re.search(r"[”\"][。；;]?$", text)
        # other lines (本修正案自…施行, a preamble) say nothing to apply
    return blocks


def parse_act(title: str, lines: list[tuple[int, str]], default_law: str | None = None) -> Act:
    """Read an act's body (numbered lines after its header). `default_law` names the law a 修正案 amends when
    its sentences say 刑法第X条 or only 第X条; a decision's 修改《…》 headings name the law of what follows."""
    act = Act(title, reorder=any(_REORDER.search(t) for _, t in lines))
    law = default_law
    last: str | None = None  # the article the previous operation named: 原第二款作为第三款 continues it
    for number, head, quoted in _blocks(lines):
        named = _LAW_PART.match(head)
        if named and "修改为" not in head and "删去" not in head:
            law = named.group(1)  # 〈…〉 inside: law_key matches it to the title with 《…》
            continue
        if law is None:
            act.unread.append((number, head))
            continue
        # 为了惩治……，将刑法第三百四十二条修改为: the purpose clause says nothing to apply
        head = re.sub(r"^为[^，,]*[，,](?:[^，,]*[，,])*?(?=(?:将|在|删去|对)(?:刑法)?第)", "", head)
        continued = _continuation(head, last)
        if continued == "":
            continue  # 原第二款作为第三款。: the insertion before already moved it
        ops = _operations(number, continued or head, _quoted_lines(quoted), law)
        if ops is None:
            act.unread.append((number, head))
            continue
        last = ops[-1].article
        act.laws.setdefault(law, []).extend(ops)
    return act


def _continuation(head: str, last: str | None) -> str | None:
    """A clause continuing the previous operation's article, rewritten to name it; "" for a clause that only
    confirms the numbering an insertion gave; None when `head` names its own article."""
    plain = head.replace(" ", "").rstrip(":：。")
    if last is None or not plain.startswith(("原第", "增加一款", "增加两款", "增加二款", "增加一项")) or re.match(
            rf"原第[{_N}]+条", plain):
        return None
    base, _, suffix = last.partition("-")
    where = f"第{base}条" + (f"之{suffix}" if suffix else "")
    moved = re.fullmatch(rf"原第[{_N}]+款作为(第[{_N}]+款)(,?修改为)?", plain)
    if moved:
        return f"将{where}{moved[1]}修改为" if moved[2] else ""
    if plain.startswith("增加"):
        return f"在{where}中{plain}"
    return None


def _operations(line: int, head: str, text: list[str], law: str = "刑法") -> list[Operation] | None:
    """The operations one head sentence states, or None when it is not understood."""
    short = re.escape(re.sub(r"^中华人民共和国", "", law))
    plain = re.sub(rf"(?:中华人民共和国)?(?:刑法|{short})|《[^》]*》|本解释|本规定", "", head).replace(" ", "")
    plain = re.sub(r"(?:(?<=[将在去])|^)原(?=第)", "", plain).rstrip(":：。")  # 将《解释》原第六条修改为
    ops: list[Operation] = []
    # “第八条”调整为“第七条”，“第九条”调整为“第八条” … (对条文顺序作相应调整)
    moves = re.findall(rf"[“\"]?{_ART}[”\"]?调整为[“\"]?{_ART}[”\"]?", plain)
    if moves:
        return [Operation("renumber", "article", article_number(a, b), line, head,
                          new_numbers=[article_number(c, d)]) for a, b, c, d in moves]
    m = re.fullmatch(rf"将{_ART}修改为{_ART}", plain)  # 将第二条修改为第六条：“…” — rewritten and moved
    if m:
        article = article_number(m[1], m[2])
        return [Operation("replace", "article", article, line, head, text=text),
                Operation("renumber", "article", article, line, head, new_numbers=[article_number(m[3], m[4])])]
    m = re.fullmatch(rf"(?:将)?{_ART}(?:改为|作为)(?:修改后)?{_ART}", plain)  # 原第四条作为第五条
    if m:
        return [Operation("renumber", "article", article_number(m[1], m[2]), line, head,
                          new_numbers=[article_number(m[3], m[4])])]
    # 将第六条和第七条合并修改为
    m = re.fullmatch(rf"将{_ART}(?:和|、){_ART}合并修改为", plain)
    if m:
        return [Operation("merge", "article", article_number(m[1], m[2]), line, head, text=text,
                          others=[article_number(m[3], m[4])])]
    # 将第X条第Y款中的“A”修改为“B” / 删去第X条中的“A”
    # 第一条第二款开始部分增加规定：“…” / 第五条条首部分修改为：“…”
    m = re.fullmatch(rf"(?:在)?{_ART}(?:{_PARA})?(开始部分增加规定|条首部分修改为|末尾增加规定)", plain)
    if m and text:
        kind = {"开始部分增加规定": "prepend", "条首部分修改为": "lead", "末尾增加规定": "append"}[m[4]]
        return [Operation(kind, "paragraph", article_number(m[1], m[2]), line, head,
                          paragraph=_num(m[3]) if m[3] else 1, text=text)]
    m = re.match(rf"^(将|删去){_ART}(?:{_PARA})?(?:{_ITEM})?(?:中|末尾|开头|规定)的", plain)
    if m:
        at = re.search(r"(?:中|末尾|开头|规定)的", head)
        pairs = re.findall(r"[“\"]([^”\"]*)[”\"](?:修改为[“\"]([^”\"]*)[”\"])?", head[at.start() if at else 0:])
        if not pairs:
            return None
        for old, new in pairs:
            ops.append(Operation("substitute", "paragraph" if m[4] else "article", article_number(m[2], m[3]), line,
                                 head, paragraph=_num(m[4]) if m[4] else None, old_words=old,
                                 new_words=new if m[1] == "将" else ""))
        return ops
    # 将第X条修改为 / 将第X条第Y款修改为 / 将第X条第Y款、第Z款修改为 / 将第X条第Y项修改为
    m = re.fullmatch(rf"将{_ART}((?:(?:、|和)?第[{_N}]+款)*)(?:{_ITEM})?修改为", plain)
    if m:
        article = article_number(m[1], m[2])
        paragraphs = [_num(p) for p in re.findall(rf"第([{_N}]+)款", m[3] or "")]
        if m[4]:
            return [Operation("replace", "item", article, line, head, paragraph=paragraphs[0] if paragraphs else 1,
                              item=_num(m[4]), text=text)]
        if not paragraphs:
            return [Operation("replace", "article", article, line, head, text=text)]
        if len(paragraphs) != len(text) and len(paragraphs) > 1:
            return None
        if len(paragraphs) == 1:
            return [Operation("replace", "paragraph", article, line, head, paragraph=paragraphs[0], text=text)]
        return [Operation("replace", "paragraph", article, line, head, paragraph=p, text=[t])
                for p, t in zip(paragraphs, text, strict=True)]
    # (在)第X条(之N)后增加一条/N条，作为第X条之M(、…)
    m = re.fullmatch(rf"(?:在)?{_ART}后增加[{_N}]+条,?作为((?:(?:、)?{_ART})+)", plain)
    if m:
        numbers = [article_number(a, b) for a, b in re.findall(_ART, m[3])]
        parts = _split_articles(numbers, text)
        if parts is None:
            return None
        return [Operation("insert", "article", article_number(m[1], m[2]), line, head, new_numbers=[n],
                          text=part) for n, part in zip(numbers, parts, strict=True)]
    # 增加一条，作为第X条 (a new article whose number the text gives, numbering after it shifts)
    m = re.fullmatch(rf"增加一条,?作为{_ART}", plain)
    if m:
        new = article_number(m[1], m[2])
        return [Operation("insert", "article", new, line, head, new_numbers=[new], text=text)]
    # 在第X条中增加一款(两款)作为第Y款(、第Z款)(，将该条修改为)
    m = re.fullmatch(rf"(?:在)?{_ART}中增加[{_N}]+款,?作为((?:(?:、)?第[{_N}]+款)+)(,将该条修改为)?", plain)
    if m:
        article = article_number(m[1], m[2])
        if m[4]:
            return [Operation("replace", "article", article, line, head, text=text)]
        positions = [_num(p) for p in re.findall(rf"第([{_N}]+)款", m[3])]
        if len(positions) != len(text):
            return None
        return [Operation("insert", "paragraph", article, line, head, new_paragraphs=[n], text=[t])
                for n, t in zip(positions, text, strict=True)]
    # 第X条(第Y款)增加一项，作为第Z项
    m = re.fullmatch(rf"(?:在)?{_ART}(?:{_PARA})?(?:中)?增加一项,?作为{_ITEM}", plain)
    if m:
        return [Operation("insert", "item", article_number(m[1], m[2]), line, head,
                          paragraph=_num(m[3]) if m[3] else 1, item=_num(m[4]), text=text)]
    # 删去第X条 / 删去第X条和第Y条 / 删去第X条第Y款 / 删去第X条第Y项
    m = re.fullmatch(rf"删去{_ART}(?:{_PARA})?(?:{_ITEM})?((?:(?:和|、){_ART})*)", plain)
    if m:
        article = article_number(m[1], m[2])
        level = "item" if m[4] else "paragraph" if m[3] else "article"
        more = [article_number(a, b) for a, b in re.findall(_ART, m[5] or "")]
        return [Operation("delete", level, article, line, head, paragraph=_num(m[3]) if m[3] else None,
                          item=_num(m[4]) if m[4] else None, others=more)]
    return None


def _split_articles(numbers: list[str], text: list[str]) -> list[list[str]] | None:
    """The quoted lines of `增加N条` cut into the N new articles (each opens with its 第X条之Y)."""
    if len(numbers) == 1:
        return [[re.sub(rf"^{_ART}\s*", "", text[0]), *text[1:]]] if text else None
    parts: list[list[str]] = []
    for line in text:
        opening = re.match(rf"^{_ART}\s*", line)
        if opening:
            parts.append([line[opening.end():]])
        elif parts:
            parts[-1].append(line)
        else:
            return None
    return parts if len(parts) == len(numbers) else None


# ---- applying ---------------------------------------------------------------------------------------------

_ITEM_LINE = re.compile(r"^[（(][零〇一二三四五六七八九十]+[)）]")


def paragraphs_of(lines: list[str]) -> list[list[str]]:
    """An article's lines grouped into paragraphs: a paragraph line, then its item lines （一）…."""
    out: list[list[str]] = []
    for line in lines:
        if _ITEM_LINE.match(line) and out:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def sort_key(number: str) -> tuple[int, int]:
    """Article numbers in text order: 133 < 133-1 < 134."""
    main, _, suffix = number.partition("-")
    return int(main), int(suffix or 0)


def apply(articles: dict[str, list[str]], operations: list[Operation], *, reorder: bool = False
          ) -> tuple[dict[str, list[str]], list[dict[str, object]]]:
    """Apply `operations` in order to `articles` (number → lines) and return (the articles after, in order; the
    official alignment rows {old, new, kind} between the numbers before and after). With `reorder` (the act says
    条文顺序作相应调整) the articles are numbered anew in order, each added one at the place its number gives;
    without it a deleted article leaves its number empty (as the 刑法 does). Raises ActError naming the
    operation's line when it names an article, paragraph or item the text does not have — nothing is applied
    then (the caller's dict is never changed)."""
    after = {n: list(lines) for n, lines in articles.items()}
    touched: dict[str, str] = {}  # old number → kind
    added: dict[str, list[str]] = {}  # new number → lines
    deleted: list[str] = []
    merged: dict[str, str] = {}
    renumber: dict[str, str] = {}

    def need(op: Operation, number: str) -> list[str]:
        if number not in after:
            raise ActError(op.line, f"第{number}条 is not in the text before (the act: {op.head[:60]})")
        return after[number]

    for op in operations:
        if op.kind == "renumber":
            need(op, op.article)
            renumber[op.article] = op.new_numbers[0]
            continue
        if op.kind == "insert" and op.level == "article":
            for new in op.new_numbers:  # numbered as in the text after: kept apart until the numbering is done
                if new in added:
                    raise ActError(op.line, f"the act adds 第{new}条 twice")
                added[new] = list(op.text)
            continue
        lines = need(op, op.article)
        if op.kind == "delete":
            if op.level == "article":
                for number in (op.article, *op.others):
                    need(op, number)
                    del after[number]
                    deleted.append(number)
                continue
            paragraphs = paragraphs_of(lines)
            index = (op.paragraph or 1) - 1
            if index >= len(paragraphs):
                raise ActError(op.line, f"第{op.article}条 has no 第{op.paragraph}款")
            if op.level == "paragraph":
                del paragraphs[index]
            else:
                item = (op.item or 0)
                if item > len(paragraphs[index]) - 1 or item < 1:
                    raise ActError(op.line, f"第{op.article}条 has no 第{item}项")
                del paragraphs[index][item]
            after[op.article] = [line for p in paragraphs for line in p]
        elif op.kind == "replace":
            if op.level == "article":
                after[op.article] = list(op.text)
            else:
                paragraphs = paragraphs_of(lines)
                index = (op.paragraph or 1) - 1
                if index >= len(paragraphs):
                    raise ActError(op.line, f"第{op.article}条 has no 第{op.paragraph}款")
                if op.level == "paragraph":
                    paragraphs[index] = list(op.text)
                else:
                    item = op.item or 0
                    if item > len(paragraphs[index]) - 1 or item < 1:
                        raise ActError(op.line, f"第{op.article}条 has no 第{item}项")
                    paragraphs[index][item] = op.text[0] if op.text else ""
                after[op.article] = [line for p in paragraphs for line in p]
        elif op.kind == "insert":  # a paragraph or an item
            paragraphs = paragraphs_of(lines)
            if op.level == "paragraph":
                for position, text in zip(op.new_paragraphs, op.text, strict=False):
                    if position - 1 > len(paragraphs):
                        raise ActError(op.line, f"第{op.article}条 has {len(paragraphs)} 款: no place for "
                                                f"第{position}款")
                    paragraphs.insert(position - 1, [text])
            else:
                index = (op.paragraph or 1) - 1
                if index >= len(paragraphs):
                    raise ActError(op.line, f"第{op.article}条 has no 第{op.paragraph}款")
                paragraphs[index].insert(op.item or len(paragraphs[index]), op.text[0] if op.text else "")
            after[op.article] = [line for p in paragraphs for line in p]
        elif op.kind in ("prepend", "lead", "append"):
            paragraphs = paragraphs_of(lines)
            index = (op.paragraph or 1) - 1
            if index >= len(paragraphs):
                raise ActError(op.line, f"第{op.article}条 has no 第{op.paragraph}款")
            words = "".join(op.text)
            first = paragraphs[index][0]
            paragraphs[index][0] = (words + first if op.kind == "prepend" else first + words if op.kind == "append"
                                    else words)
            after[op.article] = [line for p in paragraphs for line in p]
        elif op.kind == "substitute":
            joined = "\n".join(lines)
            old = op.old_words or ""
            if old not in joined:
                if unpunct(old) and unpunct(old) in unpunct(joined):
                    raise ActError(op.line, f"“{old[:30]}” is in 第{op.article}条 only with other punctuation; "
                                            "check the text before")
                raise ActError(op.line, f"第{op.article}条 has no “{old[:30]}”")
            after[op.article] = joined.replace(old, op.new_words or "").split("\n")  # 中的“A”: every A in it
        elif op.kind == "merge":
            for other in op.others:
                need(op, other)
                del after[other]
                merged[other] = op.article
            after[op.article] = list(op.text)
        touched.setdefault(op.article, "modified")
    # the numbers after: the act's own renumbering (“第八条”调整为“第七条”), the rest keep theirs — unless that
    # makes two articles one number (增加一条，作为第四条 with 条文顺序作相应调整): then the articles are numbered
    # anew in order, each added one at the place its number gives
    target = {n: renumber.get(n, n) for n in after}
    taken = list(target.values()) + list(added)
    if (reorder and not renumber) or len(set(taken)) != len(taken):
        if any("-" in n for n in [*after, *added]):
            raise ActError(operations[-1].line if operations else 0,
                           "the numbering after the act gives two articles one number, and 之一 articles cannot be "
                           "renumbered")
        sequence: list[tuple[str, str]] = [("old", n) for n in sorted(after, key=sort_key)]
        for number in sorted(added, key=sort_key):
            sequence.insert(min(int(number) - 1, len(sequence)), ("new", number))
        target = {}  # old number → its position
        renamed: dict[str, str] = {}  # added number → its position
        for position, (side, number) in enumerate(sequence, start=1):
            (target if side == "old" else renamed)[number] = str(position)
        added = {renamed[n]: lines for n, lines in added.items()}
    final: dict[str, list[str]] = {target[n]: after[n] for n in after}
    final.update(added)
    rows: list[dict[str, object]] = []
    for number in sorted(articles, key=sort_key):
        if number in deleted:
            rows.append({"old": number, "new": None, "kind": "deleted"})
            continue
        survivor = merged.get(number, number)
        new = target[survivor]
        if number in merged or number in merged.values():
            kind = "merged"
        elif articles[number] == after.get(number):
            kind = "unchanged" if new == number else "renumbered"
        else:
            kind = "modified" if new == number else "renumbered_modified"
        rows.append({"old": number, "new": new, "kind": kind})
    for number in added:
        rows.append({"old": None, "new": number, "kind": "added"})
    return dict(sorted(final.items(), key=lambda kv: sort_key(kv[0]))), rows
