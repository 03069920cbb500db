"""`gongkai manage db_backup` copies the live SQLite database (online backup) into a file that opens on its own and
holds the committed rows; it never overwrites, and names pg_dump on PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gongkai.agencies.models import Region


@pytest.mark.django_db(transaction=True)
def test_it_copies_the_live_database(tmp_path):
    if connection.vendor != "sqlite":
        with pytest.raises(CommandError, match="pg_dump"):
            call_command("db_backup", str(tmp_path / "copy.sqlite3"))
        return
    Region.objects.create(name="备份测试区", code="370398")
    target = tmp_path / "backups" / "copy.sqlite3"
    call_command("db_backup", str(target))
    with sqlite3.connect(target) as copy:
        names = [row[0] for row in copy.execute("SELECT name FROM agencies_region")]
        assert "备份测试区" in names
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not target.with_name("copy.sqlite3.partial").exists()
    with pytest.raises(CommandError, match="已存在"):
        call_command("db_backup", str(target))
