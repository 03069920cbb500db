"""`gongkai manage jobs_enqueue NAME`: hand a job to the task workers (any node) and return at once."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "把一项工作交给后台任务进程（任一节点）运行，立即返回："
        "portal_reindex（重建检索和页面缓存）、remind（到期提醒）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("name", choices=["portal_reindex", "remind"])

    def handle(self, *args, name: str, **options):
        from gongkai.jobs import tasks

        job = {"portal_reindex": tasks.portal_reindex, "remind": tasks.send_reminders}[name]
        result = job.enqueue()
        self.stdout.write(f"已加入后台任务队列：{result.id}")
