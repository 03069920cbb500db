"""Chinese wording shared by the clock's explanation and the commands."""

from __future__ import annotations

from datetime import date, datetime

from .errors import InvalidDateError

_WEEKDAYS = "一二三四五六日"


def format_date(day: date) -> str:
    """2026年9月24日 — the form official letters use (no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_weekday(day: date) -> str:
    return f"星期{_WEEKDAYS[day.weekday()]}"


def format_range(first: date, last: date) -> str:
    if first == last:
        return format_date(first)
    if first.year == last.year:
        return f"{format_date(first)}至{last.month}月{last.day}日"
    return f"{format_date(first)}至{format_date(last)}"


def parse_date(value: object) -> date:
    """Accept a `date` or an ISO string (2026-09-24); anything else is a clear error.

    A `datetime` is refused rather than truncated: which day it falls on depends on its time zone, and the clock must
    not guess that.
    """
    if isinstance(value, datetime):
        raise InvalidDateError(f"需要日期而不是日期时间：{value!r}，请先按北京时间换算成日期")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
        raise InvalidDateError(f"日期格式不正确：“{value}”，应为YYYY-MM-DD，例如2026-09-24")
    raise InvalidDateError(f"日期格式不正确：{value!r}，应为日期（YYYY-MM-DD）")
