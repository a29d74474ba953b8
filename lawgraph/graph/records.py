"""Records passed from ingest to the store: plain rows with deterministic ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


@dataclass
class VersionRows:
    """Every row needed to write one law version, grouped by the query that writes them."""

    version_id: str
    law_id: str
    content_hash: str
    law: Row
    version: Row
    divisions_top: list[Row] = field(default_factory=list)
    divisions_nested: list[Row] = field(default_factory=list)
    articles: list[Row] = field(default_factory=list)  # each with its paragraphs, items, sub-items nested
    units: int = 0  # articles + paragraphs + items + sub-items

    def unit_ids(self) -> list[str]:
        """The ids of every article, paragraph, item and sub-item written."""
        out = []
        for article in self.articles:
            out.append(article["id"])
            for paragraph in article.get("paragraphs", []):
                out.append(paragraph["id"])
                for item in paragraph.get("items", []):
                    out.append(item["id"])
                    out += [sub["id"] for sub in item.get("subitems", [])]
        return out
