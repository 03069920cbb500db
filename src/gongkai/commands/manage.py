"""`gongkai manage ...`: Django's command line (migrate, createsuperuser, check --deploy, load_demo, …)."""

from __future__ import annotations

import argparse
import os


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "manage",
        help="Django 管理命令，例如 gongkai manage migrate",
        add_help=False,
        description="运行 Django 管理命令（与 manage.py 相同）",
    )
    parser.add_argument("django_args", nargs=argparse.REMAINDER)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
    from django.core.management import execute_from_command_line

    from gongkai.site.env import env_path

    env_path("GONGKAI_DATA_DIR", "data").mkdir(parents=True, exist_ok=True)
    execute_from_command_line(["gongkai manage", *args.django_args])
    return 0
