"""The item page, read with two SQL statements and rendered by Jinja2: the page a search-engine crawler asks for a
million times, each a page nobody asked for since its last change (docs/portal.md, "The crawler case").

`load()` and `render()` make the page for every path that shows it: the view (signed-in visitors, a query string,
page files turned off) and `serve_uncached()`, which the fast path calls when nginx found no page file. That one
answers before sessions, auth, CSRF and URL resolution, reads the item and its page's token in one statement (prepared
on PostgreSQL: gongkai.common.db) and renders. From the page's second visit (gongkai.portal.page_files.wanted) it
also writes the page file, under the item's page lock and without any write to the database; no page cache entry
either way, since the file is the page's cache. `serve_file()` sends an existing page file for a request that
reached Django anyway (no nginx in front, as in `make demo`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date

from gongkai.common.db import prepared_cursor
from gongkai.portal import http, jinja, page_files
from gongkai.publishing.models import Status, Validity

TEMPLATE = "portal/item.html"  # in gongkai/jinja2/
logger = logging.getLogger(__name__)

# The item, its page's token and its neighbours in the category (上一篇/下一篇) in one statement, so one snapshot;
# the item_category_public index (category, status, published_at, id) answers each neighbour with one seek.
_NEIGHBOUR = """(SELECT n.id FROM publishing_item n
  WHERE n.category_id = i.category_id AND n.status = i.status AND (n.published_at, n.id) {} (i.published_at, i.id)
  ORDER BY n.published_at {}, n.id {} LIMIT 1)"""
_ITEM = f"""
SELECT i.id, i.title, i.body, i.index_number, i.issuing_body, i.document_number, i.written_on, i.published_at,
       i.validity, i.valid_from, i.invalid_from, i.is_demo, i.agency_id, i.category_id, i.catalog_entry_id,
       a.name, c.name, e.name, p.name, v.token, v.changed_at, newer.id, newer.title, older.id, older.title,
       EXISTS (SELECT 1 FROM publishing_attachment t WHERE t.item_id = i.id)
FROM publishing_item i
JOIN agencies_agency a ON a.id = i.agency_id
JOIN publishing_category c ON c.id = i.category_id
LEFT JOIN publishing_catalogentry e ON e.id = i.catalog_entry_id
LEFT JOIN publishing_catalogentry p ON p.id = e.parent_id
LEFT JOIN portal_pageversion v ON v.scope = %s
LEFT JOIN publishing_item newer ON newer.id = {_NEIGHBOUR.format(">", "ASC", "ASC")}
LEFT JOIN publishing_item older ON older.id = {_NEIGHBOUR.format("<", "DESC", "DESC")}
WHERE i.id = %s AND i.status = %s
"""
_ATTACHMENTS = "SELECT id, name, kind, size FROM publishing_attachment WHERE item_id = %s ORDER BY id"


@dataclass(frozen=True)
class Link:
    pk: int
    title: str


@dataclass(frozen=True)
class Attachment:
    pk: int
    name: str
    kind: str
    size: int


@dataclass(frozen=True)
class Item:
    """What the item page shows of a public item."""

    pk: int
    title: str
    body: str
    index_number: str
    issuing_body: str
    document_number: str
    written_on: date | None
    published_at: datetime
    validity_label: str
    valid_from: date | None
    invalid_from: date | None
    is_demo: bool
    agency_id: int
    agency_name: str
    category_id: int
    category_name: str
    catalog_entry_id: int | None
    catalog_entry_label: str  # CatalogEntry.__str__: "一级 / 二级" or the level-1 name


@dataclass(frozen=True)
class Page:
    item: Item
    attachments: list[Attachment]
    newer: Link | None
    older: Link | None
    token: str | None  # the item scope's version token read with the item; None if it has none yet
    changed_at: datetime | None


def _datetime(value) -> datetime | None:
    """A datetime as the database returned it: PostgreSQL gives an aware one, SQLite a naive one (or its text) in
    the connection's zone."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, connection.timezone)
    return value


def _date(value) -> date | None:
    return parse_date(value) if isinstance(value, str) else value


def load(pk: int) -> Page | None:
    """The page of a public item, or None if there is no such public item.

    The token is read in the same statement as the item and its neighbours, so it is the token of the data read (one
    snapshot on both databases), and whether it has attachments; they are read after it, so they are at least as new,
    and a change in between has replaced the token, which `page_files` checks before writing."""
    with prepared_cursor() as cursor:
        cursor.execute(_ITEM, [f"item:{pk}", pk, Status.PUBLISHED])
        row = cursor.fetchone()
        if row is None:
            return None
        (pk, title, body, index_number, issuing_body, document_number, written_on, published_at, validity,
         valid_from, invalid_from, is_demo, agency_id, category_id, catalog_entry_id, agency_name, category_name,
         entry_name, parent_name, token, changed_at, newer_pk, newer_title, older_pk, older_title,
         has_attachments) = row  # fmt: skip
        attachments = []
        if has_attachments:  # most items have none: no second statement for them
            cursor.execute(_ATTACHMENTS, [pk])
            attachments = [Attachment(*each) for each in cursor.fetchall()]
    item = Item(
        pk=pk,
        title=title,
        body=body,
        index_number=index_number,
        issuing_body=issuing_body,
        document_number=document_number,
        written_on=_date(written_on),
        published_at=_datetime(published_at),
        validity_label=Validity(validity).label,
        valid_from=_date(valid_from),
        invalid_from=_date(invalid_from),
        is_demo=bool(is_demo),
        agency_id=agency_id,
        agency_name=agency_name,
        category_id=category_id,
        category_name=category_name,
        catalog_entry_id=catalog_entry_id,
        catalog_entry_label=f"{parent_name} / {entry_name}" if parent_name else (entry_name or ""),
    )
    return Page(
        item=item,
        attachments=attachments,
        newer=Link(newer_pk, newer_title) if newer_pk else None,
        older=Link(older_pk, older_title) if older_pk else None,
        token=token,
        changed_at=_datetime(changed_at),
    )


def render(page: Page, request) -> str:
    context = {"item": page.item, "attachments": page.attachments, "newer": page.newer, "older": page.older}
    return jinja.render_page(TEMPLATE, context, request)


def serve_uncached(request, host: str, pk: int):
    """The page of a public item with no page file yet, rendered, and written as its file if `page_files.wanted` it;
    None when the normal path must answer (no such public item, or a change retired the token while the page was
    being rendered for its file)."""
    page = load(pk)
    if page is None:
        return None
    content = render(page, request).encode()
    if not page_files.wanted(pk):  # a page seen once: served as read, with no file, lock or second statement
        return _response(request, host, pk, page.token, content, (page.changed_at or timezone.now()).timestamp())
    try:
        stored = page_files.store_item(pk, page.token, content, page.changed_at)
    except (OSError, DatabaseError):  # a read-only folder or a locked database: answer, and nginx keeps asking
        logger.warning("page file not writable; served by the application")
        return _response(request, host, pk, page.token, content, (page.changed_at or timezone.now()).timestamp())
    if stored is None:
        return None
    token, changed_at = stored
    return _response(request, host, pk, token, content, changed_at.timestamp())


def serve_file(request, host: str, pk: int):
    """The page file of an item for a request that reached Django although the file exists (no nginx in front):
    its current token (one query) and the file; None if the file went meanwhile."""
    scope = f"item:{pk}"
    with prepared_cursor() as cursor:
        cursor.execute("SELECT token FROM portal_pageversion WHERE scope = %s", [scope])
        row = cursor.fetchone()
    path = page_files.path_of(pk)
    try:
        content = path.read_bytes()
        modified = path.stat().st_mtime
    except FileNotFoundError:
        return None
    return _response(request, host, pk, row[0] if row else None, content, modified)


def _response(request, host: str, pk: int, token: str | None, content: bytes, modified: float):
    """The page with the ETag the view gives it (its URL and token; a scope with no token row yet counts as the
    empty token) and its Last-Modified, or a 304."""
    tag = http.page_tag(host, request.get_full_path(), [f"item:{pk}"], [token or ""])
    entry = (200, "text/html; charset=utf-8", content, http_date(modified))
    return http.cached_response(entry, tag, request.META.get("HTTP_IF_NONE_MATCH", ""))
