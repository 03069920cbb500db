"""Two things the databases need of the code that writes and reads in bulk.

SQLite takes one writer at a time. Within a process, writers that would otherwise meet "database is locked" queue on
one lock here (between processes, SQLite's busy timeout queues them); PostgreSQL needs no queue: each write locks its
own rows. Every write path that can come in bursts (submissions, sign-ins) takes the same lock.

PostgreSQL plans every statement it is sent. Django binds parameters on the client (the default, which the ORM's
queries rely on), so a statement is planned anew each time: for the item page's statement that was 0.7 ms, more than
running it. `prepared_cursor()` is a cursor that binds on the server instead, so that psycopg prepares a statement
from its fifth run on a connection and PostgreSQL plans it once; used by the hot raw-SQL paths of the portal."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime

from django.db import connection, transaction

_SQLITE_WRITERS = threading.RLock()  # re-entrant: a queued write may call another


def sqlite_writers() -> AbstractContextManager:
    """The lock a process's SQLite writers queue on; nothing on other databases."""
    return _SQLITE_WRITERS if transaction.get_connection().vendor == "sqlite" else nullcontext()


@contextmanager
def prepared_cursor() -> Iterator:
    """A cursor of the default connection whose statements PostgreSQL prepares once per connection (psycopg's
    server-side binding, prepared from a statement's fifth run): for raw SQL whose parameters are plain values
    (`%s` becomes `$1`), run often. Queries are logged and wrapped as Django's own (tests count them). On SQLite, the
    ordinary cursor."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID, ServerBindingCursor
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = ServerBindingCursor(connection.connection)
        # Timestamps in the connection's zone, as Django's create_cursor() sets them up.
        loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
        if connection.timezone != loader.timezone:
            register_tzloader(connection.timezone, raw)
        wrapped = connection._prepare_cursor(raw)
    with wrapped as cursor:
        yield cursor


def aware(value) -> datetime:
    """A datetime column read by raw SQL, as the ORM gives it: SQLite returns text or a naive datetime in UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
