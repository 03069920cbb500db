"""Version tokens per scope: what decides whether a cached public page, or a visitor's copy of it, is still true.

A scope is a string: "site", "agency:<id>", "category:<id>", "catalog:<id>", "item:<id>". A change replaces the
tokens of every scope that shows the changed thing, in the same transaction as the change, so the first request after
the commit sees new tokens and never a page rendered before it."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.common.db import aware, prepared_cursor
from gongkai.portal import page_files
from gongkai.portal.models import PageVersion


def bump(scopes: Iterable[str]) -> None:
    """Give these scopes a new token and delete their page files. Call inside the transaction that makes the change:
    the files go while its lock on the token rows is held (gongkai.portal.page_files)."""
    scopes = sorted(set(scopes))
    now = timezone.now()
    token = secrets.token_hex(8)
    with transaction.atomic():
        PageVersion.objects.filter(scope__in=scopes).update(token=token, changed_at=now)
        PageVersion.objects.bulk_create(
            [PageVersion(scope=s, token=token, changed_at=now) for s in scopes], ignore_conflicts=True
        )
        page_files.discard(scopes)


def bump_all() -> None:
    """Give every scope a new token and delete every page file, in one transaction (after bulk writes)."""
    with transaction.atomic():
        PageVersion.objects.update(token=secrets.token_hex(8), changed_at=timezone.now())
        page_files.discard_all()


def read(scopes: list[str]) -> list[tuple[str, datetime]]:
    """The (token, changed_at) of each scope, in order. A scope never seen before gets a token now: a fixed default
    would let two databases (or a reset one) share cache keys. Read without the ORM (every public page that misses
    the fast path runs it; the ORM's query cost more than the database's answer)."""
    found = _rows(scopes)
    missing = [s for s in scopes if s not in found]
    if missing:
        now = timezone.now()
        PageVersion.objects.bulk_create(
            [PageVersion(scope=s, token=secrets.token_hex(8), changed_at=now) for s in missing], ignore_conflicts=True
        )
        found.update(_rows(missing))
    return [found[s] for s in scopes]


def _rows(scopes: list[str]) -> dict[str, tuple[str, datetime]]:
    marks = ", ".join(["%s"] * len(scopes))
    with prepared_cursor() as cursor:
        cursor.execute(f"SELECT scope, token, changed_at FROM portal_pageversion WHERE scope IN ({marks})", scopes)
        rows = cursor.fetchall()
    return {scope: (token, aware(at)) for scope, token, at in rows}


def tokens(scopes: tuple[str, ...]) -> list[str] | None:
    """The current token of each scope, in order, in one primary-key query and without the ORM (the fast path runs
    it for every cached page it serves); None if a scope has no token yet."""
    marks = ", ".join(["%s"] * len(scopes))
    with prepared_cursor() as cursor:
        cursor.execute(f"SELECT scope, token FROM portal_pageversion WHERE scope IN ({marks})", list(scopes))
        found = dict(cursor.fetchall())
    if len(found) != len(scopes):
        return None
    return [found[s] for s in scopes]
