"""Full-text search over public items' titles, 文号 and bodies, for Chinese text without word boundaries.

SQLite: one FTS5 table (portal_search_index, migration 0004) whose rowid is the document's sort key, newest first. It
indexes every pair of adjacent characters within a run of letters and digits, in order, with a separator token
between runs (column `pairs`), and every character (column `chars`). A term of two or more characters is the phrase
of its pairs (节能降耗 -> "节能 能降 降耗"), which occurs exactly where the term occurs as a substring; a
one-character term is a `chars` token. Every term must occur (AND). Because the rowid orders the documents newest
first, FTS5 reads the newest matches straight off its index and stops at the page's end, so a term found in a
quarter of a million documents costs what a rare one does. A term with punctuation in it is looked up by its runs
and then checked with LIKE on the few rows read.

PostgreSQL: the same newest-first order from the sort key's btree index, walked while each document is checked for
every term, as long as matches come often enough; when they do not, a GIN index over the text's bigram array
(migration 0003), asked for the terms' rarest pairs, finds the few matching documents, which are then sorted
(_postgres_search).
Either way a term means LIKE '%term%' (letters compared without case).

The count is exact when the search saw every match; otherwise it stopped once it had the page and enough matches to
estimate how many there are in all (Results)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.common.db import aware, prepared_cursor
from gongkai.publishing.models import Status, Validity

MAX_TERMS = 5
MAX_QUERY_CHARS = 60
SNIPPET_CHARS = 120
# Between the pairs of two runs, so that no phrase spans punctuation or whitespace; three letters, so never a pair.
RUN_BREAK = "qqq"
# Sort keys: microseconds since 2000 (negative before), then the id's low bits so that keys stay unique when several
# items share a publication time. Fits 64 bits until the year 2140.
_KEY_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_TIE_BITS = 11


def sort_key(published_at: datetime, pk: int) -> int:
    """The document's place in newest-first order, as one integer (the index's rowid on SQLite)."""
    delta = published_at - _KEY_EPOCH
    micro = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return (micro << _TIE_BITS) | (pk & ((1 << _TIE_BITS) - 1))


def terms_of(query: str) -> list[str]:
    return [t for t in query[:MAX_QUERY_CHARS].split() if t][:MAX_TERMS]


def _like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_WORD_RUNS = re.compile(r"[^\W_]+")


def _pairs(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


_DIGIT_RUNS = re.compile(r"[0-9]{4,}")


def _digit_fours(text: str) -> list[str]:
    """Every four ASCII digits in a row, in order ("测发〔2026〕12345号": 2026, 1234, 2345)."""
    return [run[i : i + 4] for run in _DIGIT_RUNS.findall(text) for i in range(len(run) - 3)]


def bigrams(text: str) -> str:
    """Every pair of adjacent letters or digits, lower-cased, separated by spaces ("节能降耗。" gives "节能 能降 降耗").
    Migration 0003 (the earlier index) calls it as gongkai_bigrams; kept so that it still runs on a new database."""
    return " ".join(pair for run in _WORD_RUNS.findall(text.lower()) for pair in _pairs(run))


def index_pairs(text: str) -> str:
    """The `pairs` column: each run's pairs in order, runs separated by RUN_BREAK, then every four digits in a row
    once. Each pair is one token for FTS5's unicode61 tokenizer, so a phrase of pairs matches exactly the substrings
    within a run; a four is a token too, never part of such a phrase, and in far fewer documents than a digit pair
    (migration portal.0008). Triggers call it (as gongkai_search_pairs): changing it means rebuilding
    portal_search_index."""
    runs = [" ".join(_pairs(run)) for run in _WORD_RUNS.findall(text.lower())]
    fours = dict.fromkeys(_digit_fours(text))
    return f" {RUN_BREAK} ".join([*runs, " ".join(fours)] if fours else runs)


def index_chars(text: str) -> str:
    """The `chars` column: each letter or digit once (gongkai_search_chars in the triggers)."""
    return " ".join(sorted(set("".join(_WORD_RUNS.findall(text.lower())))))


def _fts_query(terms: list[str]) -> tuple[str, list[str]]:
    """The FTS5 expression for the terms (AND), and the terms it cannot answer exactly (they have punctuation in
    them), which the caller checks with LIKE. Tokens are letters and digits only, so the visitor's text never
    becomes FTS5 syntax."""
    parts, recheck = [], []
    for term in terms:
        runs = _WORD_RUNS.findall(term.lower())
        if _WORD_RUNS.fullmatch(term) is None:
            # 测发〔2026〕7号: the longest run narrows the search down, LIKE checks the whole term on what it finds
            # (the other runs, 测发 and 2026 here, are in most documents and would only slow the index down).
            recheck.append(term)
            runs = sorted(runs, key=len, reverse=True)[:1]
        for run in runs:
            fours = dict.fromkeys(_digit_fours(run))
            if fours:
                # A number: its fours, each in few documents, instead of the phrase of its digit pairs, each in a
                # tenth of them (FTS5 reads a phrase's whole doclists); LIKE checks the term on what they find.
                parts += [f'pairs : "{four}"' for four in fours]
                if term not in recheck:
                    recheck.append(term)
            else:
                parts.append(f'pairs : "{" ".join(_pairs(run))}"' if len(run) > 1 else f'chars : "{run}"')
    return " AND ".join(parts), recheck


@dataclass(frozen=True)
class Hit:
    """What a search result shows of an item (gongkai/jinja2/portal/search.html)."""

    pk: int
    title: str
    text: str
    published_at: datetime
    validity: str
    agency_name: str
    category_name: str

    @property
    def validity_label(self) -> str:
        return Validity(self.validity).label


@dataclass
class Results:
    """One page of hits, and how many there are: `count` exactly when the search saw every match (`exact`), else an
    estimate from the share of matches among the newest documents it read (shown as 约 N). `more`: a hit follows
    this page."""

    items: list[Hit]
    count: int
    exact: bool
    more: bool


def search(*, query: str, agency_id=None, category_id=None, year=None, validity=None, offset=0, limit=20) -> Results:
    terms = terms_of(query)
    if not terms:
        return Results([], 0, True, False)
    filters = {"agency_id": agency_id, "category_id": category_id, "validity": validity}
    wanted = offset + limit + 1  # the page and one more: whether a next page exists
    documents = _documents(year)
    # Among few documents every match is counted; among many, enough for the page and an estimate.
    enough = None if documents <= EXACT_DOCUMENTS else max(wanted, ESTIMATE_MATCHES)
    if connection.vendor == "sqlite":
        found = _sqlite_search(terms, filters, year, wanted, enough)
    else:
        found = _postgres_search(terms, filters, year, wanted, enough, documents)
    if found.read is None:
        count, exact = len(found.ids), True
    else:
        count, exact = _estimate(len(found.ids), found.read, documents), False
    return Results(_hits(found.ids[offset : offset + limit]), count, exact, len(found.ids) > offset + limit)


@dataclass
class _Found:
    """Matching item ids, newest first: every match (`read` None), or the first ones among the `read` newest
    documents of the year (or of all), which were every document the search looked at."""

    ids: list[int]
    read: int | None


# With no more documents than this (in the year searched, or in all), every match is counted and the count is exact.
EXACT_DOCUMENTS = 5_000
# A page's matches found among the newest documents: the search goes on to this many before it estimates the total,
# so the estimate rests on enough of them (within about a tenth of the true share).
ESTIMATE_MATCHES = 100
# From this many documents on, PostgreSQL's row count of the table stands for a count of them.
STATISTICS_ROWS = 500_000
# How long the number of documents (of a year, or of all) stands for the estimate.
DOCUMENTS_SECONDS = 600


def _documents(year) -> int:
    """The number of search documents (public items) published in `year` (in local time), or in all: counted
    once every DOCUMENTS_SECONDS per process, since it only scales an estimate and tells few documents from many.
    On PostgreSQL, all of them are the table's row count as VACUUM and ANALYZE last found it once that is in the
    hundreds of thousands (a count of ten million rows takes a second)."""

    def count() -> int:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not year:
                cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = 'portal_searchdocument'::regclass")
                rows = cursor.fetchone()[0]
                if rows is not None and rows >= STATISTICS_ROWS:
                    return rows
            where, params = _key_range("sort_key", year)
            cursor.execute(f"SELECT count(*) FROM portal_searchdocument{' WHERE ' + where if where else ''}", params)
            return cursor.fetchone()[0]

    return cache.get_or_set(f"gongkai:search:documents:{connection.alias}:{year or 'all'}", count, DOCUMENTS_SECONDS)


def _estimate(matches: int, read: int, documents: int) -> int:
    """The matches in all `documents` at the share found among the `read` newest, never fewer than were found, to
    the digits the matches found can tell: two from a hundred matches on, else one (twenty matches tell a share
    within about a fifth)."""
    share = matches * max(documents, read) / read
    digits = max(len(str(int(share))) - (2 if matches >= 100 else 1), 0)
    return max(matches, int(round(share, -digits)))


def _key_range(column: str, year) -> tuple[str, list]:
    """The local year as a range of sort keys (a walk or the FTS index reads only that stretch); empty for none."""
    if not year:
        return "", []
    zone = timezone.get_current_timezone()
    start, end = (datetime(y, 1, 1, tzinfo=zone) for y in (year, year + 1))
    return f"{column} >= %s AND {column} < %s", [sort_key(start, 0), sort_key(end, 0)]


def _hits(ids: list[int]) -> list[Hit]:
    """The results of one page, in the order of `ids`, in one query without the ORM: building model instances
    (with their related agency, category and text) cost 5 ms a page here, the query itself 0.2 ms."""
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    with prepared_cursor() as cursor:
        cursor.execute(
            "SELECT i.id, i.title, d.text, i.published_at, i.validity, a.name, c.name FROM publishing_item i"
            " JOIN portal_searchdocument d ON d.item_id = i.id JOIN agencies_agency a ON a.id = i.agency_id"
            f" JOIN publishing_category c ON c.id = i.category_id WHERE i.id IN ({marks})",
            ids,
        )
        found = {row[0]: Hit(row[0], row[1], row[2], aware(row[3]), *row[4:]) for row in cursor.fetchall()}
    return [found[pk] for pk in ids if pk in found]


def _sqlite_search(terms: list[str], filters: dict, year, wanted: int, enough: int | None) -> _Found:
    """Matches read off the FTS5 index in rowid (newest first) order, stopped at `enough` (None: never): all of
    them if there are fewer, else the documents read are those from the last match found to the newest."""
    match, recheck = _fts_query(terms)
    where, params = ["i.status = 'published'"], []
    if match:
        source = (
            "portal_search_index s JOIN portal_searchdocument d ON d.sort_key = s.rowid"
            " JOIN publishing_item i ON i.id = d.item_id"
        )
        where.append("portal_search_index MATCH %s")
        params.append(match)
        key = "s.rowid"
    else:  # only punctuation: no index can help, walk the documents newest first
        source = "portal_searchdocument d JOIN publishing_item i ON i.id = d.item_id"
        key = "d.sort_key"
    for term in recheck:
        where.append("(d.title LIKE %s ESCAPE '\\' OR d.text LIKE %s ESCAPE '\\')")
        params += [_like_pattern(term)] * 2
    for column, value in filters.items():
        if value:
            where.append(f"i.{column} = %s")
            params.append(value)
    in_year, year_params = _key_range(key, year)
    if in_year:
        where.append(in_year)
        params += year_params
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.item_id, {key} FROM {source} WHERE {' AND '.join(where)} ORDER BY {key} DESC LIMIT %s",
            [*params, -1 if enough is None else enough],
        )
        rows = cursor.fetchall()
        if enough is None or len(rows) < enough:
            return _Found([row[0] for row in rows], None)
        # Off the sort key's index alone: the documents from the last match found to the newest.
        in_year, year_params = _key_range("sort_key", year)
        cursor.execute(
            f"SELECT count(*) FROM portal_searchdocument WHERE sort_key >= %s{' AND ' + in_year if in_year else ''}",
            [rows[-1][1], *year_params],
        )
        return _Found([row[0] for row in rows], cursor.fetchone()[0])


# PostgreSQL (see _postgres_search): the newest documents a first walk reads, and the most any walk reads.
WALK_SAMPLE = 1_000
WALK_BUDGET = 50_000
# The bigram index is asked for the rarest pair (or four digits) of each term, and for more of the rarest until it
# has this many: enough that few documents hold them all but not the term (each is then read and checked), few
# enough that the index does not read the posting lists of common pairs (docs/portal.md, "Search").
INDEX_PAIRS = 3
# How long a process keeps the bigram index's element statistics (what ANALYZE last found).
STATISTICS_SECONDS = 600


def _pair_frequencies() -> dict[str, float] | None:
    """The share of documents holding each common pair, from the statistics ANALYZE (or autovacuum) keeps on the
    bigram index (a pair it does not list is rarer than every listed one); None before the first ANALYZE."""

    def read() -> dict[str, float]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE schemaname = current_schema() AND tablename = 'portal_search_text_bigrams'"
            )
            row = cursor.fetchone()
        return dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}

    return cache.get_or_set(f"gongkai:search:pairs:{connection.alias}", read, STATISTICS_SECONDS) or None


def _index_grams(term: str) -> list[str]:
    """What the bigram index is asked for a term: every four digits in a row ("123456号": 1234, 2345, 3456; the index
    holds them as well as pairs, migration portal.0007), and every pair of adjacent characters but those inside such
    a run, which its fours cover (a digit pair is in many documents, a four in few)."""
    lowered = term.lower()
    # Positions of the pairs within a run of four digits or more (the same lower-cased, and so are the positions).
    inside = {i for run in _DIGIT_RUNS.finditer(lowered) for i in range(run.start(), run.end() - 1)}
    pairs = [lowered[i : i + 2] for i in range(len(lowered) - 1) if i not in inside]
    return _digit_fours(lowered) + [p for p in pairs if all(c.isprintable() and not c.isspace() for c in p)]


def _postgres_index_condition(terms: list[str]) -> tuple[str, list] | None:
    """The bigram index's condition for the terms: the text holds these pairs of adjacent characters of the terms
    (节能降耗 has 节能, 能降 and 降耗) and fours of digits (`_index_grams`), which every matching text does; None when
    no term has a pair (terms of one character). The rarest are enough (INDEX_PAIRS, by the index's statistics; all
    of them before the first ANALYZE): the rarest of each term, then the next rarest, but only ones the statistics
    do not list (rarer than every listed one) once one of those is chosen, and a four before a pair they cannot tell
    apart. GIN's cost is the posting lists it reads, and the exact condition checks what it finds. The array is
    exact (no recheck), so portal_bigrams(text) is never computed at query time."""
    by_term = [_index_grams(t) for t in terms]
    pairs = sorted({p for each in by_term for p in each})
    if not pairs:
        return None
    frequencies = _pair_frequencies()
    if frequencies is not None:
        rarity = {p: (frequencies.get(p, 0.0), -len(p)) for p in pairs}
        chosen = {min(each, key=rarity.__getitem__) for each in by_term if each}
        for pair in sorted(pairs, key=rarity.__getitem__):
            if len(chosen) >= INDEX_PAIRS or (pair in frequencies and not chosen.issubset(frequencies)):
                break
            chosen.add(pair)
        pairs = sorted(chosen)
    # The expression of the GIN index portal_search_text_bigrams (migrations 0003, 0005 and 0007).
    return "portal_bigrams(d.text) @> %s::text[]", [pairs]


def _postgres_exact_condition(terms: list[str]) -> tuple[str, list]:
    """Every term as a substring of the text, letters without case (what ILIKE '%term%' means), written so that no
    index can serve it: the planner checks it on the rows it reads. A term without letters that have case (Chinese,
    digits, punctuation) is looked for in the text as it is, without lower-casing every row (3 µs a row)."""
    where, params = [], []
    for term in terms:
        cased = term.lower() != term.upper()
        where.append("strpos(lower(d.text), lower(%s)) > 0" if cased else "strpos(d.text, %s) > 0")
        params.append(term)
    return " AND ".join(where), params


class _PostgresSearch:
    """One search on PostgreSQL: the terms' conditions, the filters, and the ways of answering it."""

    def __init__(self, terms: list[str], filters: dict, year, cursor, documents: int):
        self.cursor = cursor
        self.documents = documents
        self.terms = terms
        self.exact, self.exact_params = _postgres_exact_condition(terms)
        self.items, self.item_params = ["i.status = %s"], [Status.PUBLISHED]
        for column, value in filters.items():
            if value:
                self.items.append(f"i.{column} = %s")
                self.item_params.append(value)
        in_year, self.key_params = _key_range("d.sort_key", year)
        self.key_range = [in_year] if in_year else []

    def walk(self, budget: int, enough: int, after: tuple[int, int] = (0, 0)) -> tuple[list[tuple], int | None]:
        """Matches among the `budget` newest documents (read off the sort-key index, each checked for every term
        and filter), newest first, stopped at `enough`, as (item id, position among the newest, sort key); and how
        many documents were read: up to the last match if `enough` were found, else the budget's, or None if no
        documents are left. `after` (position, sort key) goes on from an earlier walk's last match, whose documents
        are not read again.

        Whether documents are left is counted off the sort-key index, unless the number of documents (counted at
        most DOCUMENTS_SECONDS ago) is twice the budget."""
        skipped, below = after
        key_range, key_params = [*self.key_range], [*self.key_params]
        if skipped:
            key_range.append("d.sort_key < %s")
            key_params.append(below)
        in_range = f" WHERE {' AND '.join(key_range)}" if key_range else ""
        newest = (
            "SELECT item_id, text, sort_key, %s + row_number() OVER (ORDER BY sort_key DESC) AS n"
            f" FROM portal_searchdocument d{in_range} ORDER BY sort_key DESC LIMIT %s"
        )
        with prepared_cursor() as cursor:  # planned once per connection: planning cost as much as the walk
            cursor.execute(
                f"SELECT d.item_id, d.n, d.sort_key FROM ({newest}) d JOIN publishing_item i ON i.id = d.item_id"
                f" WHERE {' AND '.join([self.exact, *self.items])} ORDER BY d.sort_key DESC LIMIT %s",
                [skipped, *key_params, budget - skipped, *self.exact_params, *self.item_params, enough],
            )
            rows = cursor.fetchall()
        if len(rows) == enough:
            return rows, rows[-1][1]
        if self.documents >= 2 * budget:
            return rows, budget
        self.cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM portal_searchdocument d{in_range} ORDER BY sort_key DESC LIMIT %s) n",
            [*key_params, budget - skipped],
        )  # off the sort-key index alone
        return rows, None if self.cursor.fetchone()[0] < budget - skipped else budget

    def every_match(self) -> list[int]:
        """Every match, newest first: through the bigram index when a term has a pair (a bitmap scan of its posting
        lists, the only plan allowed, whatever the planner guesses of the terms' frequency), then sorted."""
        conditions, params = [self.exact, *self.key_range], [*self.exact_params, *self.key_params]
        index = _postgres_index_condition(self.terms)
        if index is None:  # one-character terms only: every document is read
            return self._in_order(conditions, params)
        self.cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off; SET enable_indexonlyscan = off")
        try:
            return self._in_order([index[0], *conditions], [*index[1], *params])
        finally:
            self.cursor.execute("RESET enable_seqscan; RESET enable_indexscan; RESET enable_indexonlyscan")

    def _in_order(self, where: list[str], params: list) -> list[int]:
        """The items of the documents meeting `where` that pass the filters, newest first."""
        self.cursor.execute(
            "SELECT d.item_id FROM portal_searchdocument d JOIN publishing_item i ON i.id = d.item_id"
            f" WHERE {' AND '.join([*where, *self.items])} ORDER BY d.sort_key DESC",
            [*params, *self.item_params],
        )
        return [row[0] for row in self.cursor.fetchall()]


def _postgres_search(terms: list[str], filters: dict, year, wanted: int, enough: int | None, documents: int) -> _Found:
    """Matches newest first: at least `wanted` of them and `enough` for an estimate, or all of them.

    With `enough` None (few documents), every match from the index (2.), sorted.

    1. A walk: the newest WALK_SAMPLE documents are read off the sort-key index and checked for every term and
       filter, until `enough` matches are found. A term in one document in a hundred is settled there, and nothing
       is sorted. If what the sample found says a walk of WALK_BUDGET documents would fill the page, it goes on from
       there. A walk that reaches the last document has found all.
    2. Otherwise the terms are rarer than a walk can afford, and the bigram GIN index gives every matching document
       (a bitmap of the rarest pairs' posting lists, forced), which one query filters and sorts: exact, and as
       costly as the terms are common, which the walk has just found them not to be."""
    with connection.cursor() as cursor:
        plan = _PostgresSearch(terms, filters, year, cursor, documents)
        if enough is None:
            return _Found(plan.every_match(), None)
        rows, read = plan.walk(WALK_SAMPLE, enough)
        if read is not None and len(rows) < wanted and len(rows) * WALK_BUDGET >= wanted * WALK_SAMPLE:
            more, read = plan.walk(WALK_BUDGET, wanted - len(rows), after=rows[-1][1:])
            rows += more
        if read is None or len(rows) >= wanted:
            return _Found([row[0] for row in rows], read)
        return _Found(plan.every_match(), None)


def highlight(text: str, terms: list[str], *, window: int = SNIPPET_CHARS) -> SafeString:
    """Escape `text` (trimmed to a window around the first match) and wrap each term in <mark>. Escaped by
    `html.escape`, which is what django.utils.html.escape does, without its lazy-string wrapper: a results page
    highlights forty texts."""
    if not terms:
        return mark_safe(html.escape(text[:window]))
    pattern = _terms_pattern(tuple(terms))
    first = pattern.search(text)
    start = max(0, first.start() - window // 3) if first else 0
    piece = text[start : start + window]
    out, last = [], 0
    for match in pattern.finditer(piece):
        out.append(html.escape(piece[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    out.append(html.escape(piece[last:]))
    prefix = "…" if start else ""
    suffix = "…" if start + window < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # every piece of visitor or item text escaped above


@lru_cache(maxsize=64)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
