"""`gongkai manage db_backup FILE`: a consistent copy of the SQLite database while the site runs (SQLite's online
backup API: readers and writers carry on; the copy is one committed state). On PostgreSQL it refuses and names
pg_dump, which is the right tool there (docs/deploy.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "在线备份 SQLite 数据库到指定文件（PostgreSQL 请用 pg_dump，见 docs/deploy.md）"

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="备份文件路径（不得已存在）")

    def handle(self, *args, target: Path, **options):
        if connection.vendor != "sqlite":
            raise CommandError("数据库不是 SQLite：请用 pg_dump -Fc 备份（见 docs/deploy.md）")
        if target.exists():
            raise CommandError(f"{target} 已存在，不覆盖")
        target.parent.mkdir(parents=True, exist_ok=True)
        connection.ensure_connection()
        partial = target.with_name(target.name + ".partial")
        destination = sqlite3.connect(partial)
        try:
            connection.connection.backup(destination, pages=1024)
            check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            destination.close()
        if check != "ok":
            partial.unlink(missing_ok=True)
            raise CommandError(f"备份文件校验失败：{check}")
        partial.replace(target)
        self.stdout.write(f"已备份到 {target}")
