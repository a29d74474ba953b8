"""Cursor pagination shared by every connection: opaque cursors over offsets, a page-size cap."""

from __future__ import annotations

import base64

import strawberry

MAX_PAGE = 100


@strawberry.type
class PageInfo:
    """Relay-style page information."""

    has_next_page: bool
    end_cursor: str | None


def cursor(position: int) -> str:
    """The cursor of the row at `position`."""
    return base64.urlsafe_b64encode(f"o:{position}".encode()).decode()


def offset(after: str | None) -> int:
    """The offset of the first row after cursor `after`; raises ValueError for a cursor we did not issue."""
    if not after:
        return 0
    try:
        text = base64.urlsafe_b64decode(after.encode()).decode()
        if not text.startswith("o:"):
            raise ValueError(text)
        return int(text[2:]) + 1
    except (ValueError, UnicodeDecodeError):
        raise ValueError(f"invalid cursor {after!r}: pass an endCursor from a previous page") from None


def start(first: int, after: str | None) -> int:
    """Check `first` against the cap and return the offset of the page's first row."""
    if first < 0 or first > MAX_PAGE:
        raise ValueError(f"first must be between 0 and {MAX_PAGE}")
    return offset(after)


def window(ids: list[str], first: int, after: str | None) -> tuple[list[str], int]:
    """The page of a list held whole (ids): the ids of the page and the offset of its first one."""
    skip = start(first, after)
    return ids[skip:skip + first], skip


def page_info(skip: int, fetched: int, total: int, last_cursor: str | None) -> PageInfo:
    """The PageInfo of a page of `fetched` rows starting at `skip`, out of `total`."""
    return PageInfo(has_next_page=skip + fetched < total, end_cursor=last_cursor)
