"""Item pages as files that nginx sends without running Python, and that a withdrawal removes before it commits.

With GONGKAI_PAGE_FILES_DIR set, an anonymous request for `/gk/item/<id>/` that reaches Django writes the page it
serves to `<dir>/gk/item/<id>.html` from the page's second visit the process counts (`wanted()`; the fast path,
gongkai.portal.item_page, is the only writer); the nginx configuration from `gongkai manage portal_nginx` sends that
file to every later visitor, and asks Django only when the file is missing (or the visitor is signed in).

What keeps a withdrawn item from ever being sent: the file of `item:<id>` is put in place and deleted under one lock,
which every change holds from before it deletes the file until it commits.

- `store_item()` puts a file in place only while it holds that lock and has found the token the page was rendered
  from still current (no row at all counts as the token None: an item loaded in bulk and never changed since).
  - On SQLite the lock is the database's write lock: the transaction's BEGIN IMMEDIATE takes it, and the token is
    simply read, so nothing is written (no WAL frame, no checkpoint).
  - On PostgreSQL it is an advisory lock on the item (`_LOCKS`), which the writer holds shared and a change
    exclusively: kept in the server's memory, nothing written, no transaction and no commit to flush. The token is
    read once the lock is granted, with a snapshot of its own, so it sees every change committed before (one
    statement: the function `portal_page_lock`, migration portal.0006).
- `versions.bump()` (every publish, edit and withdrawal) replaces the tokens and then calls `discard()` in the same
  transaction, which takes the lock (on PostgreSQL; on SQLite the change's transaction already holds it) and deletes
  the files. A render that began before the withdrawal waits for the lock until the change commits, finds the new
  token and writes nothing; a write that got the lock first is deleted by the withdrawal that follows it. Either way
  no file outlives the commit that retired its token. `discard_all()` does the same for every page at once.
- A file is replaced with a rename, so nginx never sends half a page; a withdrawal that rolls back has only deleted
  files, which the next request writes again.

nginx must not cache open files (`open_file_cache`): a cached descriptor would outlive the unlink."""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from gongkai.common.db import prepared_cursor

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


class _Visits:
    """How many times this process has served each item page without a file, for the pages it served lately: two
    generations of at most GENERATION ids each, the older dropped when the newer fills (bounded memory, no lock:
    each step is one dict operation under the GIL, and a count lost in a race only delays a file by a visit)."""

    GENERATION = 50_000

    def __init__(self) -> None:
        self.recent: dict[int, int] = {}
        self.older: dict[int, int] = {}

    def count(self, item_pk: int) -> int:
        """Count one more visit of this page and return how many this process remembers, this one included."""
        seen = self.recent.get(item_pk) or self.older.get(item_pk) or 0
        self.recent[item_pk] = seen + 1
        if len(self.recent) >= self.GENERATION:
            self.older, self.recent = self.recent, {}
        return seen + 1

    def clear(self) -> None:
        self.recent, self.older = {}, {}


visits = _Visits()


def wanted(item_pk: int) -> bool:
    """Whether the page of this item, served now without a file, should be written as its file: from its
    GONGKAI_PAGE_FILE_VISITS-th visit that this process counts (2 by default). A crawler asks for each page once, and
    the file of a page asked once is never sent: writing it (a file created, the page lock taken, the disk's
    writeback) was half the CPU of a crawler's page. Any page asked again gets its file, so every later visit is
    nginx's (nginx's own `proxy_cache_min_uses` is the same rule)."""
    return visits.count(item_pk) >= settings.GONGKAI_PAGE_FILE_VISITS


def store_item(item_pk: int, token: str | None, content: bytes, changed_at: datetime | None):
    """Write the page of this item rendered while its scope's token was `token` (None: while the scope had no
    token row, as after a bulk load), unless a change has replaced it since.

    Returns the (token, changed_at) the file stands for, or None if nothing was written. The file is written to a
    temporary name first; only the check and the rename happen under the lock, so the lock is held for a few
    syscalls."""
    target = path_of(item_pk)  # if another process has just written it, this writes the same page again
    changed_at = changed_at or timezone.now()  # a page no change has dated is new now
    temporary = _write_temporary(target, content, changed_at.timestamp())
    placed = False
    try:
        with _page_lock(item_pk) as current:
            if current == token:
                os.replace(temporary, target)
                placed = True
    finally:
        if not placed:
            temporary.unlink(missing_ok=True)
    return (token, changed_at) if placed else None


# PostgreSQL's advisory locks of page files: this number in the high 32 bits, the item's id in the low ones (0: every
# page at once, which a writer holds too and `discard_all` takes alone).
_LOCKS = 0x676B << 32


@contextmanager
def _page_lock(item_pk: int) -> Iterator[str | None]:
    """Hold the lock a change takes before it deletes this item's file (see the module's text), and give the item's
    page token read under it (None: no token row)."""
    if connection.vendor == "sqlite":
        if connection.settings_dict["OPTIONS"].get("transaction_mode") != "IMMEDIATE":
            raise ImproperlyConfigured("page files need SQLite's BEGIN IMMEDIATE (gongkai.site.settings)")
        with _queue(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT token FROM portal_pageversion WHERE scope = %s", [f"item:{item_pk}"])
            row = cursor.fetchone()
            yield row[0] if row else None
        return
    with prepared_cursor() as cursor:
        # Both shared locks, then the token, with a snapshot taken once they are granted (migration portal.0006).
        cursor.execute("SELECT portal_page_lock(%s, %s)", [item_pk, _LOCKS])
        try:
            yield cursor.fetchone()[0]
        finally:
            cursor.execute(
                "SELECT pg_advisory_unlock_shared(%s), pg_advisory_unlock_shared(%s)", [_LOCKS, _LOCKS | item_pk]
            )


_queues = threading.local()


@contextmanager
def _queue():
    """On SQLite, the page writers of every process and thread queue for the database's write lock on a file lock
    first. SQLite's own wait is a sleep of 1, 2, 5, 10 … 100 ms between tries, so writers that each need the lock for
    a read and a rename would mostly sleep, and a crawler's pages came out seconds late; a file lock wakes the next
    writer when it is released. Changes still take the database's lock directly (they are few)."""
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


def _lock_for_change(keys: list[int]) -> None:
    """On PostgreSQL, take the page locks of `keys` until the change's transaction ends (in order, so that two
    changes never wait for each other); on SQLite the change's own transaction holds the database's lock."""
    if connection.vendor == "postgresql" and keys:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest(%s::bigint[]) k ORDER BY k) s", [keys]
            )


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
    """Delete the files of these scopes' item pages, under their lock. Call after their tokens were replaced, in the
    same transaction (versions.bump does), so that the lock is held until the change commits."""
    if root() is None:
        return
    items = [int(pk) for kind, _, pk in (scope.partition(":") for scope in scopes) if kind == "item" and pk.isdigit()]
    _lock_for_change([_LOCKS | pk for pk in items])
    for pk in items:
        path_of(pk).unlink(missing_ok=True)


def discard_all() -> None:
    """Delete every page file (after all tokens were replaced, as `portal_reindex` does)."""
    folder = root()
    if folder is None or not (folder / "gk").exists():
        return
    _lock_for_change([_LOCKS])
    for page in (folder / "gk" / "item").glob(f"*{SUFFIX}"):
        page.unlink(missing_ok=True)
