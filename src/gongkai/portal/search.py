"""Full-text search over public items' titles, 文号 and bodies, for Chinese text without word boundaries.

SQLite: the FTS5 trigram table (portal_search_fts) answers terms of three characters or more; shorter terms (二字词
such as 节能) fall back to LIKE on the same table. PostgreSQL: ILIKE on portal_searchdocument.text, which the pg_trgm
GIN index serves for terms of three characters or more. Either way every term must occur (AND)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.publishing.models import Item

MAX_TERMS = 5
MAX_QUERY_CHARS = 60
COUNT_CAP = 1000
SNIPPET_CHARS = 120


def terms_of(query: str) -> list[str]:
    return [t for t in query[:MAX_QUERY_CHARS].split() if t][:MAX_TERMS]


def _like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _matching_ids_sql(terms: list[str]) -> tuple[str, list]:
    """SQL selecting the ids of items whose search text contains every term."""
    if connection.vendor == "sqlite":
        long_terms = [t for t in terms if len(t) >= 3]
        short_terms = [t for t in terms if len(t) < 3]
        where, params = [], []
        if long_terms:
            # Each term a quoted FTS5 string (double quotes doubled): the visitor's text is never FTS5 syntax.
            where.append("portal_search_fts MATCH %s")
            params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
        for term in short_terms:
            where.append("(title LIKE %s ESCAPE '\\' OR text LIKE %s ESCAPE '\\')")
            params += [_like_pattern(term)] * 2
        return f"SELECT rowid FROM portal_search_fts WHERE {' AND '.join(where)}", params
    where = " AND ".join(["text ILIKE %s"] * len(terms))
    return f"SELECT item_id FROM portal_searchdocument WHERE {where}", [_like_pattern(t) for t in terms]


@dataclass
class Results:
    items: list
    count: int
    capped: bool


def search(*, query: str, agency_id=None, category_id=None, year=None, validity=None, offset=0, limit=20) -> Results:
    terms = terms_of(query)
    if not terms:
        return Results([], 0, False)
    sql, params = _matching_ids_sql(terms)
    items = Item.objects.public().extra(where=[f"publishing_item.id IN ({sql})"], params=params)
    if agency_id:
        items = items.filter(agency_id=agency_id)
    if category_id:
        items = items.filter(category_id=category_id)
    if year:
        items = items.filter(published_at__year=year)
    if validity:
        items = items.filter(validity=validity)
    # Counting every match of a common term would cost more than the page: say "1000+" past the cap.
    count = items.order_by().values("pk")[: COUNT_CAP + 1].count()
    rows = list(
        items.select_related("agency", "category", "search_document").order_by("-published_at", "-id")[
            offset : offset + limit
        ]
    )
    return Results(rows, min(count, COUNT_CAP), count > COUNT_CAP)


def highlight(text: str, terms: list[str], *, window: int = SNIPPET_CHARS) -> SafeString:
    """Escape `text` (trimmed to a window around the first match) and wrap each term in <mark>."""
    if not terms:
        return escape(text[:window])
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - window // 3) if first else 0
    piece = text[start : start + window]
    out, last = [], 0
    for match in pattern.finditer(piece):
        out.append(escape(piece[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(piece[last:]))
    prefix = "…" if start else ""
    suffix = "…" if start + window < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # every piece of visitor or item text escaped above
