"""`gongkai manage send_outbox`: send the mails waiting in the outbox (safe to run twice, or from a scheduler)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.applications.mail import send_outbox


class Command(BaseCommand):
    help = "发送待发邮件（受理通知、文书送达通知、查询码）；发送失败的稍后重试"

    def handle(self, *args, **options):
        result = send_outbox()
        self.stdout.write(f"已发送 {result.sent} 封，发送失败 {result.failed} 封（其中停止重试 {result.given_up} 封）")
        return None
