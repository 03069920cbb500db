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
(migration 0003) finds the few matching documents, which are then sorted (_postgres_search).
Either way a term means LIKE '%term%' (letters compared without case)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.db import connection
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.publishing.models import Status, Validity

MAX_TERMS = 5
MAX_QUERY_CHARS = 60
COUNT_CAP = 1000
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


def bigrams(text: str) -> str:
    """Every pair of adjacent letters or digits, lower-cased, separated by spaces ("节能降耗。" gives "节能 能降 降耗").
    Migration 0003 (the earlier index) calls it as gongkai_bigrams; kept so that it still runs on a new database."""
    return " ".join(pair for run in _WORD_RUNS.findall(text.lower()) for pair in _pairs(run))


def index_pairs(text: str) -> str:
    """The `pairs` column: each run's pairs in order, runs separated by RUN_BREAK. Each pair is one token for
    FTS5's unicode61 tokenizer, so a phrase of pairs matches exactly the substrings within a run.
    Triggers call it (as gongkai_search_pairs): changing it means rebuilding portal_search_index."""
    return f" {RUN_BREAK} ".join(" ".join(_pairs(run)) for run in _WORD_RUNS.findall(text.lower()))


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
    items: list[Hit]
    count: int
    capped: bool


def search(*, query: str, agency_id=None, category_id=None, year=None, validity=None, offset=0, limit=20) -> Results:
    terms = terms_of(query)
    if not terms:
        return Results([], 0, False)
    filters = {"agency_id": agency_id, "category_id": category_id, "validity": validity}
    if connection.vendor == "sqlite":
        ids, count = _sqlite_search(terms, filters, year, offset, limit)
    else:
        ids, count = _postgres_search(terms, filters, year, offset, limit)
    return Results(_hits(ids), min(count, COUNT_CAP), count > COUNT_CAP)


def _hits(ids: list[int]) -> list[Hit]:
    """The results of one page, in the order of `ids`, in one query without the ORM: building model instances
    (with their related agency, category and text) cost 5 ms a page here, the query itself 0.2 ms."""
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.id, i.title, d.text, i.published_at, i.validity, a.name, c.name FROM publishing_item i"
            " JOIN portal_searchdocument d ON d.item_id = i.id JOIN agencies_agency a ON a.id = i.agency_id"
            f" JOIN publishing_category c ON c.id = i.category_id WHERE i.id IN ({marks})",
            ids,
        )
        found = {row[0]: Hit(row[0], row[1], row[2], _aware(row[3]), *row[4:]) for row in cursor.fetchall()}
    return [found[pk] for pk in ids if pk in found]


def _aware(value) -> datetime:
    """A datetime column as the ORM gives it: SQLite stores UTC without a zone (and may hand back text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _sqlite_search(terms: list[str], filters: dict, year, offset: int, limit: int) -> tuple[list[int], int]:
    """Item ids of one page, newest first, and the number of matches up to COUNT_CAP + 1, each read off the index
    in rowid order and stopped as soon as it has enough."""
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
    if year:
        # The year in local time as a range of sort keys: the index reads only that stretch.
        zone = timezone.get_current_timezone()
        start, end = (datetime(y, 1, 1, tzinfo=zone) for y in (year, year + 1))
        where.append(f"{key} >= %s AND {key} < %s")
        params += [sort_key(start, 0), sort_key(end, 0)]
    sql = f"SELECT d.item_id FROM {source} WHERE {' AND '.join(where)} ORDER BY {key} DESC"
    if match and len(where) == 2:
        # Nothing to check beyond the index, which holds public items only: count there, without the joins.
        counting, count_params = "SELECT rowid FROM portal_search_index WHERE portal_search_index MATCH %s", [match]
    else:
        counting, count_params = sql, params
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset])
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT count(*) FROM ({counting} LIMIT %s)", [*count_params, COUNT_CAP + 1])
        count = cursor.fetchone()[0]
    return ids, count


# PostgreSQL (see _postgres_search): the newest documents a first walk reads, and the most any walk reads.
WALK_SAMPLE = 5_000
WALK_BUDGET = 50_000


def _postgres_index_condition(terms: list[str]) -> tuple[str, list] | None:
    """The bigram index's condition for the terms: the text holds every pair of adjacent characters of every term
    (节能降耗 needs 节能, 能降 and 降耗), which every matching text does; None when no term has a pair (terms of one
    character). GIN reads the rarest pair's postings and skips through the others', so a query costs about what its
    rarest pair does. The array is exact (no recheck), so portal_bigrams(text) is never computed at query time."""
    pairs = sorted({p for t in terms for p in _pairs(t.lower()) if all(c.isprintable() and not c.isspace() for c in p)})
    # The expression of the GIN index portal_search_text_bigrams (migration 0003).
    return ("portal_bigrams(d.text) @> %s::text[]", [pairs]) if pairs else None


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
    """One search on PostgreSQL: the terms' conditions, the filters, and the three ways of answering it."""

    def __init__(self, terms: list[str], filters: dict, year, cursor):
        self.cursor = cursor
        self.index = _postgres_index_condition(terms)
        self.exact, self.exact_params = _postgres_exact_condition(terms)
        self.items, self.item_params = ["i.status = %s"], [Status.PUBLISHED]
        for column, value in filters.items():
            if value:
                self.items.append(f"i.{column} = %s")
                self.item_params.append(value)
        self.filtered = len(self.items) > 1
        self.key_range, self.key_params = [], []
        if year:
            # The local year as a range of sort keys: a walk reads only that stretch of the index.
            zone = timezone.get_current_timezone()
            start, end = (datetime(y, 1, 1, tzinfo=zone) for y in (year, year + 1))
            self.key_range, self.key_params = (
                ["d.sort_key >= %s", "d.sort_key < %s"],
                [sort_key(start, 0), sort_key(end, 0)],
            )

    def _fetch(self, sql: str, params: list) -> list[int]:
        self.cursor.execute(sql, params)
        return [row[0] for row in self.cursor.fetchall()]

    def walk(self, budget: int, limit: int) -> tuple[list[int], bool]:
        """The first `limit` matches among the `budget` newest documents (read off the sort-key index, each checked
        for every term and filter), and whether they are all there is: `limit` found, or no document left."""
        in_range = f" WHERE {' AND '.join(self.key_range)}" if self.key_range else ""
        newest = (
            f"SELECT item_id, text, sort_key FROM portal_searchdocument d{in_range} ORDER BY sort_key DESC LIMIT %s"
        )
        ids = self._fetch(
            f"SELECT d.item_id FROM ({newest}) d JOIN publishing_item i ON i.id = d.item_id"
            f" WHERE {' AND '.join([self.exact, *self.items])} ORDER BY d.sort_key DESC LIMIT %s",
            [*self.key_params, budget, *self.exact_params, *self.item_params, limit],
        )
        if len(ids) == limit:
            return ids, True
        self.cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM portal_searchdocument d{in_range} ORDER BY sort_key DESC LIMIT %s) n",
            [*self.key_params, budget],
        )  # off the sort-key index alone
        return ids, self.cursor.fetchone()[0] < budget

    def matches(self, limit: int | None) -> list[int]:
        """Documents matching every term (at most `limit`, in no order), through the bigram index: a bitmap scan of
        its posting lists, the only plan allowed, whatever the planner guesses of the terms' frequency."""
        where, params = self.index
        cap = "" if limit is None else f" LIMIT {int(limit)}"
        self.cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off; SET enable_indexonlyscan = off")
        try:
            conditions = " AND ".join([where, self.exact, *self.key_range])
            return self._fetch(
                f"SELECT d.item_id FROM portal_searchdocument d WHERE {conditions}{cap}",
                [*params, *self.exact_params, *self.key_params],
            )
        finally:
            self.cursor.execute("RESET enable_seqscan; RESET enable_indexscan; RESET enable_indexonlyscan")

    def in_order(self, ids: list[int] | None) -> list[int]:
        """Those documents' items that pass the filters, newest first (every matching document when None)."""
        where, params = (["d.item_id = ANY(%s)"], [ids]) if ids is not None else ([self.exact, *self.key_range], [
            *self.exact_params, *self.key_params])  # fmt: skip
        return self._fetch(
            "SELECT d.item_id FROM portal_searchdocument d JOIN publishing_item i ON i.id = d.item_id"
            f" WHERE {' AND '.join([*where, *self.items])} ORDER BY d.sort_key DESC",
            [*params, *self.item_params],
        )


def _postgres_search(terms: list[str], filters: dict, year, offset: int, limit: int) -> tuple[list[int], int]:
    """Item ids of one page, newest first, and the number of matches up to COUNT_CAP + 1.

    1. A walk: the newest WALK_SAMPLE documents are read off the sort-key index and checked for every term and
       filter, until COUNT_CAP + 1 matches (or the page, if deeper) are found. A term in a quarter of the documents
       is settled there, after some 4,000 rows, and nothing is sorted. If what the sample found says the walk would
       get there within WALK_BUDGET documents, it goes on. A walk that reaches the last document has found all.
    2. Otherwise the term is rarer than a walk can afford, and the bigram GIN index gives up to COUNT_CAP + 1
       matching documents: a count taken from the index (a bitmap of its posting lists, forced), not from the
       planner's guess. Fewer: they are all the matches, and one query filters and sorts them.
    3. As many, with no filter: the count is COUNT_CAP + 1, and the page is walked for (a share of at least
       COUNT_CAP in N documents). With a filter, or a page the walk cannot fill within WALK_BUDGET documents, every
       match is taken from the index and sorted: exact, and as costly as the term is common."""
    wanted = max(offset + limit, COUNT_CAP + 1)
    pages = -(-wanted // (COUNT_CAP + 1))
    with connection.cursor() as cursor:
        plan = _PostgresSearch(terms, filters, year, cursor)
        ids, complete = plan.walk(WALK_SAMPLE * pages, wanted)
        if not complete and len(ids) * WALK_BUDGET >= wanted * WALK_SAMPLE:
            ids, complete = plan.walk(WALK_BUDGET * pages, wanted)
        if complete:
            return ids[offset : offset + limit], len(ids)
        if plan.index is None:  # one-character terms only: every document is read
            ids = plan.in_order(None)
            return ids[offset : offset + limit], len(ids)
        found = plan.matches(COUNT_CAP + 1)
        if len(found) <= COUNT_CAP:
            ids = plan.in_order(found)
            return ids[offset : offset + limit], len(ids)
        if not plan.filtered:
            ids, complete = plan.walk(WALK_BUDGET * pages, offset + limit)
            if complete:
                return ids[offset : offset + limit], COUNT_CAP + 1
        ids = plan.in_order(plan.matches(None))
        return ids[offset : offset + limit], len(ids)


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
