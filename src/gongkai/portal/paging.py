"""Keyset (seek) paging over public items newest first: a page is found by the (published_at, id) of its edge, so
the last page of a million items costs the same index range scan as the first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection

PAGE_SIZE = 20
# Row values compare (published_at, id) in one index range scan on SQLite and PostgreSQL alike.
NEWER_THAN = "(publishing_item.published_at, publishing_item.id) > (%s, %s)"
OLDER_THAN = "(publishing_item.published_at, publishing_item.id) < (%s, %s)"


def seek_params(published_at: datetime, pk: int) -> list:
    """Parameters for NEWER_THAN/OLDER_THAN, in the form the database stores (SQLite compares text)."""
    return [connection.ops.adapt_datetimefield_value(published_at), pk]


def encode(item) -> str:
    return f"{int(item.published_at.timestamp() * 1_000_000)}-{item.pk}"


def decode(raw: str) -> tuple[datetime, int] | None:
    stamp, _, pk = raw.partition("-")
    if not (stamp.isascii() and pk.isascii() and stamp.isdigit() and pk.isdigit()) or len(stamp) > 20 or len(pk) > 19:
        return None
    seconds, micros = divmod(int(stamp), 1_000_000)
    try:
        return datetime.fromtimestamp(seconds, UTC).replace(microsecond=micros), int(pk)
    except (OverflowError, OSError, ValueError):
        return None


@dataclass
class Page:
    items: list
    newer: str | None  # cursor for ?before=
    older: str | None  # cursor for ?after=
    is_first: bool
    is_last: bool


def page(queryset, params) -> Page:
    """`queryset` of public items; params: `after=<key>` (older than), `before=<key>` (newer than), `last=1`."""
    after, before = decode(params.get("after", "")), decode(params.get("before", ""))
    if params.get("last") == "1":
        rows = list(queryset.order_by("published_at", "id")[: PAGE_SIZE + 1])
        more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
        rows.reverse()
        return Page(rows, encode(rows[0]) if more else None, None, not more, True)
    if before:
        qs = queryset.extra(where=[NEWER_THAN], params=seek_params(*before))
        rows = list(qs.order_by("published_at", "id")[: PAGE_SIZE + 1])
        more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
        rows.reverse()
        return Page(
            rows, encode(rows[0]) if more and rows else None, encode(rows[-1]) if rows else None, not more, False
        )
    if after:
        queryset = queryset.extra(where=[OLDER_THAN], params=seek_params(*after))
    rows = list(queryset.order_by("-published_at", "-id")[: PAGE_SIZE + 1])
    more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    newer = encode(rows[0]) if after and rows else None
    return Page(rows, newer, encode(rows[-1]) if more else None, not after, not more)
