"""Recompute every application's state from its events and report any difference from the stored cache (exit 1)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from gongkai.agencies.calendar import platform_calendar
from gongkai.applications.clock import case_of
from gongkai.applications.models import Application
from gongkai.applications.services import CACHED_FIELDS, cached_state
from gongkai.workdays import WorkdaysError


class Command(BaseCommand):
    help = "按办理记录重新推算每件申请的状态、期限和办理结果，与已保存的值比对；有差异时列出并以1退出。"

    def handle(self, *args, **options) -> None:
        calendar = platform_calendar()
        checked = differences = 0
        applications = Application.objects.prefetch_related("events").order_by("pk")
        for application in applications.iterator(chunk_size=500):
            checked += 1
            try:
                rows = list(application.events.all())
                derived = cached_state(case_of(application, rows=rows, calendar=calendar), rows)
            except WorkdaysError as exc:
                differences += 1
                self.stdout.write(f"{application.number}：办理记录无法推算（{exc}）")
                continue
            for name in CACHED_FIELDS:
                stored = getattr(application, name)
                if stored != derived[name]:
                    differences += 1
                    label = Application._meta.get_field(name).verbose_name
                    self.stdout.write(f"{application.number}：{label} 保存为 {stored!r}，按记录应为 {derived[name]!r}")
        self.stdout.write(f"核对{checked}件申请，差异{differences}处")
        if differences:
            sys.exit(1)
