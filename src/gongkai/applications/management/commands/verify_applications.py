"""Recompute every application's state from its events and report any difference from the stored cache (exit 1)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from gongkai.agencies.calendar import platform_calendar
from gongkai.applications.clock import case_of
from gongkai.applications.models import Application
from gongkai.applications.services import CACHED_FIELDS, FEE_CACHED_FIELDS, cached_state, fee_cached_state
from gongkai.workdays import WorkdaysError


class Command(BaseCommand):
    help = "按办理记录重新推算每件申请的状态、期限和办理结果，与已保存的值比对；有差异时列出并以1退出。"

    def handle(self, *args, **options) -> None:
        calendar = platform_calendar()
        checked = differences = 0
        applications = Application.objects.select_related("fee").prefetch_related("events").order_by("pk")
        for application in applications.iterator(chunk_size=500):
            checked += 1
            try:
                rows = list(application.events.all())
                state = case_of(application, rows=rows, calendar=calendar)
            except WorkdaysError as exc:
                differences += 1
                self.stdout.write(f"{application.number}：办理记录无法推算（{exc}）")
                continue
            compared = [(application, CACHED_FIELDS, cached_state(state, rows))]
            fee = getattr(application, "fee", None)
            if fee is not None:
                compared.append((fee, FEE_CACHED_FIELDS, fee_cached_state(state, rows)))
            for record, fields, derived in compared:
                differences += self._compare(application.number, record, fields, derived)
        self.stdout.write(f"核对{checked}件申请，差异{differences}处")
        if differences:
            sys.exit(1)

    def _compare(self, number: str, record, fields, derived: dict) -> int:
        differences = 0
        for name in fields:
            stored = getattr(record, name)
            if stored != derived[name]:
                differences += 1
                label = record._meta.get_field(name).verbose_name
                self.stdout.write(f"{number}：{label} 保存为 {stored!r}，按记录应为 {derived[name]!r}")
        return differences
