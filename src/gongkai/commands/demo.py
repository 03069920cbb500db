"""`gongkai demo`: show the product on the seed agency's data.

Until the web platform exists, the demo validates the seed agency's 2022 report and renders it as DOCX, HTML and
XLSX into `./out/`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from gongkai.commands.report import render_to, summary_lines
from gongkai.demo import seed_report_path
from gongkai.report.model import load_report
from gongkai.report.rules import check_report


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="演示：校验并生成示例机关的2022年度报告")
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("out"), metavar="DIR", help="输出文件夹（默认 ./out）"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report = load_report(seed_report_path())
    findings = check_report(report)
    print("\n".join(summary_lines(report, findings)))
    print()
    stem = f"{report.year}-annual-report"
    for to in ("docx", "html", "xlsx", "json"):
        path = render_to(report, to, args.output / f"{stem}.{to}")
        print(f"已生成 {to.upper():<5} {path.resolve()}")
    return 0
