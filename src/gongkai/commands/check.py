"""`gongkai check`: read published annual reports (text, DOCX, HTML, PDF), recover their tables, find what is wrong."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gongkai.check.batch import ProgressBar, check_paths, collect_files, exit_code
from gongkai.check.output import summary, to_html, to_json, to_xlsx, write
from gongkai.check.read import Limits


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="检查已公布的年度报告（文本、DOCX、HTML、PDF）",
        description="读取已公布的政府信息公开工作年度报告，还原三张表格，逐条检查规则。"
        "退出码：0 无错误，1 有错误或有文件未能读取，2 用法错误。",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹（文件夹中读取 txt/html/docx/pdf）")
    parser.add_argument(
        "--previous",
        action="append",
        default=[],
        metavar="PATH",
        help="上年度报告（文件、文件夹或 gongkai 报告 JSON），用于跨年规则 Y1、Y2、D2；可重复",
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出到标准输出（使用 FORMAT.md 的机器名）")
    parser.add_argument("--json-file", metavar="FILE", help="把 JSON 写入文件（终端仍显示摘要）")
    parser.add_argument("--xlsx", metavar="FILE", help="把结果写入 XLSX 工作簿（每份报告一行，另有问题表）")
    parser.add_argument("--html", metavar="FILE", help="把结果写成供督查人员阅读的 HTML 页面（标出出错的单元格）")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="并行使用的进程数（默认 1）")
    parser.add_argument("-q", "--quiet", action="store_true", help="终端只显示每份报告一行")
    parser.add_argument(
        "--timeout", type=float, default=60.0, metavar="SECONDS", help="每个文件的读取时限（默认 60 秒）"
    )
    parser.add_argument("--max-pages", type=int, default=60, metavar="N", help="PDF 最多读取的页数（默认 60）")
    parser.add_argument(
        "--ocr", action="store_true", help="用文字识别读取图片型 PDF（需安装 gongkai[ocr]；每页数秒，宜加大 --timeout）"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gongkai.cli import UsageError

    if args.jobs < 1:
        raise UsageError("-j 必须是正整数")
    if args.timeout <= 0 or args.max_pages < 1:
        raise UsageError("--timeout 和 --max-pages 必须为正数")
    files, missing = collect_files(args.paths)
    if missing:
        raise UsageError("找不到：" + "、".join(missing))
    if not files:
        raise UsageError("给出的文件夹中没有可检查的文件（txt、html、docx、pdf）")
    _, missing_previous = collect_files(args.previous)
    if missing_previous:
        raise UsageError("找不到上年度报告：" + "、".join(missing_previous))
    for option in ("xlsx", "html", "json_file"):
        target = getattr(args, option)
        if target and not Path(target).parent.exists():
            raise UsageError(f"--{option.replace('_', '-')} 的目录不存在：{Path(target).parent}")

    limits = Limits(seconds=args.timeout, max_pdf_pages=args.max_pages, ocr=args.ocr)
    outcomes = check_paths(args.paths, previous=args.previous, jobs=args.jobs, limits=limits, progress=ProgressBar())
    if args.json:
        sys.stdout.write(to_json(outcomes))
    else:
        sys.stdout.write(summary(outcomes, verbose=not args.quiet))
    if args.json_file:
        write(args.json_file, to_json(outcomes).encode("utf-8"))
    if args.xlsx:
        write(args.xlsx, to_xlsx(outcomes))
    if args.html:
        write(args.html, to_html(outcomes))
    return exit_code(outcomes)
