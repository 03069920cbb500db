"""`gongkai fee`: the information-processing fee (信息处理费) under 109号, with the worked breakdown."""

from __future__ import annotations

import argparse
import json

from gongkai.cli import UsageError
from gongkai.fees import FeeInputError, compute_fee


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fee",
        help="计算信息处理费（109号）",
        description="按国办函〔2020〕109号计算信息处理费（超额累进）。同一申请只能按件或按量一种方式计收。",
    )
    parser.add_argument("--count", metavar="N", help="按件计收：同一申请人一个自然月内的申请件数")
    parser.add_argument("--pages", metavar="N", help="按量计收：本件申请提供信息的页数")
    parser.add_argument("--json", action="store_true", help="以JSON输出")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = compute_fee(count=_number(args.count, "--count"), pages=_number(args.pages, "--pages"))
    except FeeInputError as exc:
        raise UsageError(str(exc)) from exc
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"信息处理费：{result.amount_yuan}元")
    print(result.summary)
    for band in result.breakdown:
        print(f"  {band.text}")
    return 0


def _number(text: str | None, option: str) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"{option} 应为整数，收到“{text}”") from None
