"""`gongkai manage jobs_worker`: run queued tasks (django-tasks-db's worker) and enqueue the daily jobs when due.
Run one or more on any node (systemd unit in docs/deploy.md); they share the queue in the database."""

from __future__ import annotations

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from gongkai.jobs.schedule import enqueue_due


class Command(BaseCommand):
    help = "运行后台任务（PDF转换、提醒、重建索引、导入年报），并按时安排每日任务。可在任一节点运行多个。"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=2.0, help="队列空闲时两次查询的间隔秒数（默认2）")
        parser.add_argument("--batch", action="store_true", help="只运行已到期的任务，然后退出")

    def handle(self, *args, interval: float, batch: bool, verbosity: int, **options):
        while True:
            close_old_connections()
            for name in enqueue_due():
                self.stdout.write(f"已安排每日任务 {name}")
            # Run everything ready now, then come back to the schedule.
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=verbosity)
            if batch:
                return
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                return
