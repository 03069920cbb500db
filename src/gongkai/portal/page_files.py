"""Item pages as files that nginx sends without running Python, and that a withdrawal removes before it commits.

With GONGKAI_PAGE_FILES_DIR set, the first anonymous request for `/gk/item/<id>/` that reaches Django writes the page
it serves to `<dir>/gk/item/<id>.html` (the fast path, gongkai.portal.item_page, is the only writer); the nginx
configuration from `gongkai manage portal_nginx` sends that file to every later visitor, and asks Django only when
the file is missing (or the visitor is signed in).

What keeps a withdrawn item from ever being sent: the file of `item:<id>` is written and deleted under the same lock,
the database's lock on the scope's version row.

- `store_item()` puts a file in place only inside a transaction that holds that lock
  and has found the token the page was rendered from still current. On SQLite the transaction's BEGIN IMMEDIATE
  takes the database's write lock and the token is simply read, so nothing is written to the database; on
  PostgreSQL `UPDATE … SET token = token WHERE scope = … AND token = <the token>` takes the row's lock and re-checks
  the condition on the newest row once a holder commits (for a scope without a row, an INSERT of a new token). If
  the token has changed, nothing is written.
- `versions.bump()` (every publish, edit and withdrawal) replaces the tokens and then calls `discard()` in the same
  transaction, so the files are gone while it still holds the lock. A render that began before the withdrawal
  waits for the lock, finds the new token and writes nothing; a write that got the lock first is deleted by the
  withdrawal that follows it. Either way no file outlives the commit that retired its token.
- A file is replaced with a rename, so nginx never sends half a page; a withdrawal that rolls back has only deleted
  files, which the next request writes again.

nginx must not cache open files (`open_file_cache`): a cached descriptor would outlive the unlink."""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import tempfile
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

FILE_PAGE = re.compile(r"^/gk/item/([0-9]+)/$")
# One folder for all the files, `<id>.html`: a folder per page cost more to make than the page to write.
SUFFIX = ".html"


def root() -> Path | None:
    configured = settings.GONGKAI_PAGE_FILES_DIR
    return Path(configured) if configured else None


def path_of(item_pk: int) -> Path:
    folder = root()
    if folder is None:
        raise RuntimeError("GONGKAI_PAGE_FILES_DIR is not set")
    return folder / "gk" / "item" / f"{item_pk}{SUFFIX}"


def store_item(item_pk: int, token: str | None, content: bytes, changed_at: datetime | None):
    """Write the page of this item rendered while its scope's token was `token` (None: while the scope had no
    token row, as after a bulk load), unless a change has replaced it since.

    Returns the (token, changed_at) the file stands for (token None: still no row), or None if nothing was written.
    The file is written to a temporary name first; only the check and the rename happen under the lock, so the lock
    is held for a few syscalls."""
    target = path_of(item_pk)  # if another process has just written it, this writes the same page again
    scope = f"item:{item_pk}"
    changed_at = changed_at or timezone.now()  # a page no change has dated is new now
    temporary = _write_temporary(target, content, changed_at.timestamp())
    placed = False
    try:
        with _queue(), transaction.atomic():
            with connection.cursor() as cursor:
                current, token = _lock_if_current(cursor, scope, token, changed_at)
            if current:
                os.replace(temporary, target)
                placed = True
    finally:
        if not placed:
            temporary.unlink(missing_ok=True)
    return (token, changed_at) if placed else None


_queues = threading.local()


@contextmanager
def _queue():
    """On SQLite, the page writers of every process and thread queue for the database's write lock on a file lock
    first. SQLite's own wait is a sleep of 1, 2, 5, 10 … 100 ms between tries, so writers that each need the lock for
    a read and a rename would mostly sleep, and a crawler's pages came out seconds late; a file lock wakes the next
    writer when it is released. Changes still take the database's lock directly (they are few), and on PostgreSQL
    row locks queue by themselves."""
    if connection.vendor != "sqlite":
        yield
        return
    path = root() / ".store.lock"
    handles = _queues.__dict__.setdefault("handles", {})
    if path not in handles:  # one descriptor per thread: flock excludes other descriptors, not the same one
        for other in handles.values():  # a folder no longer configured (tests change it)
            os.close(other)
        handles.clear()
        handles[path] = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(handles[path], fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handles[path], fcntl.LOCK_UN)


def _lock_if_current(cursor, scope: str, token: str | None, changed_at: datetime) -> tuple[bool, str | None]:
    """Take the lock every change holds while it replaces this scope's token and deletes its file, and say whether
    `token` is still the scope's token (with the token the file will stand for)."""
    if connection.vendor == "sqlite" and connection.settings_dict["OPTIONS"].get("transaction_mode") == "IMMEDIATE":
        # The transaction's BEGIN IMMEDIATE took the database's write lock, which every change holds from its own
        # BEGIN to its commit: reading the token is enough, and nothing is written (no WAL frame, no checkpoint).
        cursor.execute("SELECT token FROM portal_pageversion WHERE scope = %s", [scope])
        row = cursor.fetchone()
        return (row[0] if row else None) == token, token
    if token is None:
        # No token row to lock (an item loaded in bulk and never changed since): the page's token is born here. A
        # change that gave the scope a token first wins: the insert then matches nothing.
        token = secrets.token_hex(8)
        cursor.execute(
            "INSERT INTO portal_pageversion (scope, token, changed_at) VALUES (%s, %s, %s)"
            " ON CONFLICT (scope) DO NOTHING",
            [scope, token, connection.ops.adapt_datetimefield_value(changed_at)],
        )
    else:
        # PostgreSQL (or SQLite without BEGIN IMMEDIATE): the row's lock; once a holder commits, the condition is
        # checked again on the newest row.
        cursor.execute("UPDATE portal_pageversion SET token = token WHERE scope = %s AND token = %s", [scope, token])
    return cursor.rowcount == 1, token


def _write_temporary(target: Path, content: bytes, modified: float) -> Path:
    """The page under a temporary name beside its place, readable by nginx (which runs as another user), dated as
    Django dates the page (nginx's Last-Modified is the file's)."""
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    except FileNotFoundError:  # the first page of all
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            os.fchmod(out.fileno(), 0o644)
        os.utime(name, (modified, modified))
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def discard(scopes: Iterable[str]) -> None:
    """Delete the files of these scopes' item pages. Call after their tokens were replaced, in the same
    transaction (versions.bump does), so that the lock `store()` waits for is held."""
    if root() is None:
        return
    for scope in scopes:
        kind, _, pk = scope.partition(":")
        if kind == "item" and pk.isdigit():
            path_of(int(pk)).unlink(missing_ok=True)


def discard_all() -> None:
    """Delete every page file (after all tokens were replaced, as `portal_reindex` does)."""
    folder = root()
    if folder is None or not (folder / "gk").exists():
        return
    for page in (folder / "gk" / "item").glob(f"*{SUFFIX}"):
        page.unlink(missing_ok=True)
