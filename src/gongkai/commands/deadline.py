"""`gongkai deadline`: the statutory reply deadline of one application, with the account of how it was reached."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from gongkai.cli import UsageError
from gongkai.workdays import (
    Channel,
    ConsultationAnswered,
    ConsultationStarted,
    ConsultedParty,
    CorrectionReceived,
    Event,
    ExtensionApproved,
    Received,
    WorkdaysError,
    compute_clock,
    default_calendar,
    format_date,
    parse_date,
)
from gongkai.workdays.text import format_weekday

BEIJING = ZoneInfo("Asia/Shanghai")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "deadline",
        help="计算依申请公开的法定答复期限",
        description="按工作日（含法定节假日和调休）计算政府信息公开申请的答复期限，并说明每一步的依据。"
        "收到申请当日不计入，自次日起计算。",
    )
    parser.add_argument("--received", required=True, metavar="DATE", help="收到申请之日（第31条），格式YYYY-MM-DD")
    parser.add_argument(
        "--channel",
        choices=[channel.value for channel in Channel],
        default=Channel.IN_PERSON.value,
        help="申请方式：online 网上申请，post 邮寄，in_person 当面提交（默认），fax 传真",
    )
    parser.add_argument(
        "--pause",
        action="append",
        default=[],
        metavar="START:END",
        help="征求第三方或其他机关意见的起止日期（第33条第3款），START次日至END的工作日不计入；可重复",
    )
    parser.add_argument(
        "--correction-received", metavar="DATE", help="收到补正后的申请之日，答复期限自该日重新计算（第30条）"
    )
    parser.add_argument("--extend", metavar="N", help="延长答复期限的工作日数，最多20（第33条第2款）")
    parser.add_argument("--today", metavar="DATE", help="计算剩余工作日所用的今天日期，默认为北京时间今天")
    parser.add_argument("--json", action="store_true", help="以JSON输出")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        events = _events(args)
        today = _today(args.today, events)
        result = compute_clock(events, default_calendar(), today=today)
    except WorkdaysError as exc:
        raise UsageError(str(exc)) from exc

    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if result.due_date is not None:
        print(f"法定答复期限：{format_date(result.due_date)}（{format_weekday(result.due_date)}）")
    else:
        print("法定答复期限：暂不能确定")
    if result.working_days_left is not None:
        if result.working_days_left >= 0 and not result.overdue:
            print(f"剩余工作日：{result.working_days_left}")
        else:
            print(f"已逾期：{-result.working_days_left}个工作日")
    print(f"状态：{result.state.label}" + (f"（{result.pause_reason}）" if result.pause_reason else ""))
    print("计算过程：")
    for number, step in enumerate(result.steps, start=1):
        print(f"  {number}. {step.text}")
    for warning in result.warnings:
        print(f"注意：{warning}")
    return 0


def _events(args: argparse.Namespace) -> list[Event]:
    events: list[Event] = [Received(on=parse_date(args.received), channel=Channel(args.channel))]
    for number, text in enumerate(args.pause, start=1):
        start, sep, end = text.partition(":")
        if not sep:
            raise UsageError(f"--pause 应为 START:END，例如2026-10-12:2026-10-20，收到“{text}”")
        start_day, end_day = parse_date(start), parse_date(end)
        if end_day < start_day:
            raise UsageError(f"暂停的结束日期{format_date(end_day)}早于开始日期{format_date(start_day)}")
        ref = f"pause-{number}"  # each --pause is its own consultation, so overlapping ones pair up correctly
        events.append(ConsultationStarted(on=start_day, party=ConsultedParty.UNSPECIFIED, ref=ref))
        events.append(ConsultationAnswered(on=end_day, ref=ref))
    if args.correction_received:
        events.append(CorrectionReceived(on=parse_date(args.correction_received)))
    if args.extend is not None:
        try:
            workdays = int(args.extend)
        except ValueError:
            raise UsageError(f"--extend 应为整数个工作日，收到“{args.extend}”") from None
        events.append(ExtensionApproved(workdays=workdays))
    return events


def _today(text: str | None, events: list[Event]) -> date | None:
    if text is not None:
        return parse_date(text)
    # Without --today, "today" is today in Beijing; a question about dates still to come (a hypothetical receipt
    # date) gets its deadline without a count of days left rather than an error.
    today = datetime.now(BEIJING).date()
    latest = max(event.on for event in events if event.on is not None)
    return today if today >= latest else None
