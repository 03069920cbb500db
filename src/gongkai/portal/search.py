"""Full-text search over public items' titles, 文号 and bodies, for Chinese text without word boundaries.

SQLite: the FTS5 trigram table (portal_search_fts) answers terms of three characters or more; two-character terms
(二字词 such as 节能) are single tokens of a second FTS5 table over the text's character bigrams (portal_search_bigram);
one-character terms fall back to LIKE. PostgreSQL: ILIKE on portal_searchdocument.text, which the pg_trgm GIN index
serves for terms of three characters or more; two-character terms use a GIN index over the text's bigram array.
Either way every term must occur (AND), with the meaning of LIKE '%term%' (see migration 0003)."""

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


def bigrams(text: str) -> str:
    """The text as the bigram index sees it: every pair of adjacent letters or digits, lower-cased, separated by
    spaces ("节能降耗。" gives "节能 能降 降耗"). Pairs never span whitespace or punctuation, so each is one token for
    FTS5's unicode61 tokenizer, and a two-character term occurs in the text exactly when its pair is a token.
    Triggers call it (as gongkai_bigrams) on every write: changing it means rebuilding portal_search_bigram."""
    pairs = []
    for run in _WORD_RUNS.findall(text.lower()):
        pairs.extend(run[i : i + 2] for i in range(len(run) - 1))
    return " ".join(pairs)


_WORD_RUNS = re.compile(r"[^\W_]{2,}")


def _is_pair(term: str) -> bool:
    return len(term) == 2 and _WORD_RUNS.fullmatch(term) is not None


def _fts_strings(terms: list[str]) -> str:
    # Each term a quoted FTS5 string (double quotes doubled): the visitor's text is never FTS5 syntax.
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _matching_ids_sql(terms: list[str]) -> tuple[str, list]:
    """SQL selecting the ids of items whose search text contains every term."""
    if connection.vendor == "sqlite":
        long_terms = [t for t in terms if len(t) >= 3]
        pairs = [t.lower() for t in terms if _is_pair(t)]
        short_terms = [t for t in terms if len(t) < 3 and not _is_pair(t)]
        selects, params = [], []
        if long_terms or short_terms:
            where, table = [], "portal_search_fts" if long_terms else "portal_searchdocument"
            if long_terms:
                where.append("portal_search_fts MATCH %s")
                params.append(_fts_strings(long_terms))
            for term in short_terms:
                where.append("(title LIKE %s ESCAPE '\\' OR text LIKE %s ESCAPE '\\')")
                params += [_like_pattern(term)] * 2
            selects.append(f"SELECT {'rowid' if long_terms else 'item_id'} FROM {table} WHERE {' AND '.join(where)}")
        if pairs:
            selects.append("SELECT rowid FROM portal_search_bigram WHERE portal_search_bigram MATCH %s")
            params.append(_fts_strings(pairs))
        return " INTERSECT ".join(selects), params
    # Bigram and trigram conditions in separate selects: in one WHERE, PostgreSQL's recheck of the ILIKE would
    # recompute every candidate row's bigrams (slow); apart, each index answers its own terms.
    selects, params = [], []
    likes = [t for t in terms if not _is_pair(t)]
    pairs = [t for t in terms if _is_pair(t)]
    if likes:
        where = " AND ".join(["text ILIKE %s"] * len(likes))
        selects.append(f"SELECT item_id FROM portal_searchdocument WHERE {where}")
        params += [_like_pattern(t) for t in likes]
    if pairs:
        # The expression of the GIN index portal_search_text_bigrams (migration 0003).
        selects.append("SELECT item_id FROM portal_searchdocument WHERE portal_bigrams(text) @> %s::text[]")
        params.append([t.lower() for t in pairs])
    return " INTERSECT ".join(selects), params


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
