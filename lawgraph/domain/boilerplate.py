"""Boilerplate clauses of Chinese legislation: clauses (text between ，。；：) found in many articles of
many statutes — 构成犯罪的 / 依法追究刑事责任 / 责令限期改正 / 逾期不改正的 / 处一万元以上十万元以下罚款.
They say nothing about which provision an article continues, so alignment leaves them out when it
looks for a provision of one version in another.

The list (`lawgraph/domain/data/boilerplate_clauses.txt`) is counted over the articles of the statutes in
the shared corpus; regenerate it with

    .venv/bin/python -m lawgraph.ingest.boilerplate ../shared/corpus/lawrefbook [--min-articles 30]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from lawgraph import resources
from lawgraph.domain.normalize import normalize, unpunct

LIST = resources.path("domain", "data", "boilerplate_clauses.txt")
MIN_ARTICLES = 30  # a clause in at least this many articles of the corpus (~147,000) is boilerplate
CLAUSE = re.compile(r"[，,。；;：:\n]")


def clauses(text: str) -> list[str]:
    """The compact clauses of a text, in order (empty ones left out)."""
    return [c for c in (unpunct(part) for part in CLAUSE.split(normalize(text))) if c]


@cache
def boilerplate() -> frozenset[str]:
    """The shipped list of boilerplate clauses (compact form)."""
    return frozenset(line for line in LIST.read_text(encoding="utf-8").splitlines() if line)


MODAL = ("应当", "不得", "可以", "必须", "须", "禁止", "有权")
_MODAL_AT = re.compile("|".join(MODAL))


def provision(clause: str) -> str:
    """A clause without its addressee: from its first 应当 / 不得 / 可以 … on (the whole clause if none)."""
    modal = _MODAL_AT.search(clause)
    return clause[modal.start():] if modal else clause


def count(texts: Iterable[str], min_articles: int = MIN_ARTICLES) -> list[tuple[str, int]]:
    """Clauses (and clauses without their addressee) found in at least `min_articles` of `texts` (one
    text per article), most frequent first."""
    seen: Counter[str] = Counter()
    for text in texts:
        found = clauses(text)
        seen.update({c for c in found + [provision(c) for c in found] if len(c) >= 2})
    return [(c, n) for c, n in seen.most_common() if n >= min_articles]
