"""`gongkai remind`: e-mail the staff whose applications fall due within N working days (safe to run twice)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("remind", help="提醒即将到期的政府信息公开申请（可重复运行）")
    parser.add_argument("--days", type=int, default=3, help="提前的工作日数（默认3）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
    import django

    django.setup()
    from django.utils import timezone

    from gongkai.applications.reminders import send_reminders

    sent = send_reminders(today=timezone.localdate(), workdays=args.days)
    print(f"已发送 {len(sent)} 条提醒")
    return 0
