"""`gongkai export applications --agency ID --year YYYY --csv`: one row per application counted in the year."""

from __future__ import annotations

import argparse
import csv
import sys

from gongkai.cli import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="导出记录，例如 gongkai export applications --agency 1 --year 2025 --csv"
    )
    parser.add_argument("what", choices=["applications"])
    parser.add_argument("--agency", type=int, required=True, help="机关编号")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--csv", action="store_true", required=True, help="CSV（UTF-8）")
    parser.add_argument("-o", "--output", help="写入文件（默认标准输出）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
    import django

    django.setup()
    from gongkai.agencies.models import Agency
    from gongkai.applications.selectors import EXPORT_COLUMNS, export_rows

    agency = Agency.objects.filter(pk=args.agency).first()
    if agency is None:
        raise UsageError(f"没有编号为 {args.agency} 的机关")
    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(export_rows(agency=agency, year=args.year))
    finally:
        if args.output:
            out.close()
    return 0
