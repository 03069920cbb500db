"""`gongkai manage jobs_worker`: run queued tasks (django-tasks-db's worker) and enqueue the daily jobs when due.
Run one or more on any node (systemd unit in docs/deploy.md); they share the queue in the database.

SIGTERM or Ctrl+C while a task runs lets it finish, then stops; while waiting, stops at once."""

from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from gongkai.jobs.schedule import enqueue_due

# The e-mail outbox (applications.mail) is drained by every worker this often; sending is safe on several workers at
# once (each mail is claimed first) and a failed mail waits for its own retry time.
MAIL_EVERY_SECONDS = 30
logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "运行后台任务（PDF转换、提醒、重建索引、导入年报），并按时安排每日任务。可在任一节点运行多个。"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=2.0, help="队列空闲时两次查询的间隔秒数（默认2）")
        parser.add_argument("--batch", action="store_true", help="只运行已到期的任务，然后退出")

    def handle(self, *args, interval: float, batch: bool, **options):
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,  # run what is ready, then come back here for the schedule
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        next_mail = 0.0
        try:
            while worker.running:
                close_old_connections()
                for name in enqueue_due():
                    self.stdout.write(f"已安排每日任务 {name}")
                if time.monotonic() >= next_mail:
                    self._send_mail()
                    next_mail = time.monotonic() + MAIL_EVERY_SECONDS
                worker.run()
                if batch or not worker.running:
                    return
                time.sleep(interval)
        finally:
            worker.reset_signals()

    def _send_mail(self) -> None:
        from gongkai.applications.mail import send_outbox

        try:
            send_outbox()
        except Exception:  # a broken mail server must not stop PDFs and reminders; the outbox keeps the mails
            logger.exception("发送邮件队列失败，稍后重试")
