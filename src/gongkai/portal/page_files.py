"""Item pages as files that nginx sends without running Python, and that a withdrawal removes before it commits.

With GONGKAI_PAGE_FILES_DIR set, the first anonymous request for `/gk/item/<id>/` that reaches Django writes the page
it serves to `<dir>/gk/item/<id>/index.html`; the nginx configuration from `gongkai manage portal_nginx` sends that
file to every later visitor, and asks Django only when the file is missing (or the visitor is signed in).

What keeps a withdrawn item from ever being sent: the file of `item:<id>` is written and deleted under the same lock,
the database's lock on the scope's version row.

- `store()` writes only inside a transaction whose first statement is `UPDATE … SET token = token WHERE scope = …
  AND token = <the token the page was rendered from>`. That update takes the row's lock (SQLite: the database's
  write lock; PostgreSQL: the row lock, re-checking the condition on the newest row once a holder commits). If the
  token has changed, it matches nothing and nothing is written.
- `versions.bump()` (every publish, edit and withdrawal) replaces the tokens and then calls `discard()` in the same
  transaction, so the files are gone while it still holds the lock. A render that began before the withdrawal
  waits for the lock, finds the new token and writes nothing; a write that got the lock first is deleted by the
  withdrawal that follows it. Either way no file outlives the commit that retired its token.
- A file is replaced with a rename, so nginx never sends half a page; a withdrawal that rolls back has only deleted
  files, which the next request writes again.

nginx must not cache open files (`open_file_cache`): a cached descriptor would outlive the unlink."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

FILE_PAGE = re.compile(r"^/gk/item/([0-9]+)/$")
INDEX = "index.html"


def root() -> Path | None:
    configured = settings.GONGKAI_PAGE_FILES_DIR
    return Path(configured) if configured else None


def is_missing(full_path: str) -> bool:
    """An item page whose file gongkai should write: nginx found none and passed the request on."""
    match = FILE_PAGE.match(full_path)
    return root() is not None and match is not None and not path_of(int(match.group(1))).exists()


def path_of(item_pk: int) -> Path:
    folder = root()
    if folder is None:
        raise RuntimeError("GONGKAI_PAGE_FILES_DIR is not set")
    return folder / "gk" / "item" / str(item_pk) / INDEX


def store(full_path: str, tokens: dict[str, str], content: bytes, changed_at: datetime) -> bool:
    """Write the page rendered from these scope tokens for this item URL, unless a change has retired the item's
    token since.

    True if the file was written. Safe to call from any number of processes at once."""
    match = FILE_PAGE.match(full_path)
    if root() is None or match is None:
        return False
    scope = f"item:{match.group(1)}"
    target = path_of(int(match.group(1)))
    if scope not in tokens or target.exists():
        return False
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE portal_pageversion SET token = token WHERE scope = %s AND token = %s",
                [scope, tokens[scope]],
            )
            if cursor.rowcount != 1:
                return False
        _write(target, content, changed_at.timestamp())
    return True


def _write(target: Path, content: bytes, modified: float) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)  # nginx runs as another user
        os.utime(temporary, (modified, modified))  # nginx's Last-Modified is the page's, as Django sends it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
    for page in (folder / "gk" / "item").glob(f"*/{INDEX}"):
        page.unlink(missing_ok=True)
