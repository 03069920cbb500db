"""SQLite takes one writer at a time. Within a process, writers that would otherwise meet "database is locked" queue on
one lock here (between processes, SQLite's busy timeout queues them); PostgreSQL needs no queue: each write locks its
own rows. Every write path that can come in bursts (submissions, sign-ins) takes the same lock."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext

from django.db import transaction

_SQLITE_WRITERS = threading.RLock()  # re-entrant: a queued write may call another


def sqlite_writers() -> AbstractContextManager:
    """The lock a process's SQLite writers queue on; nothing on other databases."""
    return _SQLITE_WRITERS if transaction.get_connection().vendor == "sqlite" else nullcontext()
