"""The State Council's holiday schedules for 2024-2026, typed in from the notices (国办发明电〔2023〕7号,
〔2024〕12号, 〔2025〕7号), so the tests check the package's data instead of trusting it."""

from __future__ import annotations

from datetime import date, timedelta


def days(first: str, last: str) -> list[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


# name, days off, make-up workdays (调休上班)
HOLIDAYS = [
    ("2024 元旦", days("2024-01-01", "2024-01-01"), []),
    ("2024 春节", days("2024-02-10", "2024-02-17"), ["2024-02-04", "2024-02-18"]),
    ("2024 清明节", days("2024-04-04", "2024-04-06"), ["2024-04-07"]),
    ("2024 劳动节", days("2024-05-01", "2024-05-05"), ["2024-04-28", "2024-05-11"]),
    ("2024 端午节", days("2024-06-08", "2024-06-10"), []),
    ("2024 中秋节", days("2024-09-15", "2024-09-17"), ["2024-09-14"]),
    ("2024 国庆节", days("2024-10-01", "2024-10-07"), ["2024-09-29", "2024-10-12"]),
    ("2025 元旦", days("2025-01-01", "2025-01-01"), []),
    ("2025 春节", days("2025-01-28", "2025-02-04"), ["2025-01-26", "2025-02-08"]),
    ("2025 清明节", days("2025-04-04", "2025-04-06"), []),
    ("2025 劳动节", days("2025-05-01", "2025-05-05"), ["2025-04-27"]),
    ("2025 端午节", days("2025-05-31", "2025-06-02"), []),
    ("2025 国庆节中秋节", days("2025-10-01", "2025-10-08"), ["2025-09-28", "2025-10-11"]),
    ("2026 元旦", days("2026-01-01", "2026-01-03"), ["2026-01-04"]),
    ("2026 春节", days("2026-02-15", "2026-02-23"), ["2026-02-14", "2026-02-28"]),
    ("2026 清明节", days("2026-04-04", "2026-04-06"), []),
    ("2026 劳动节", days("2026-05-01", "2026-05-05"), ["2026-05-09"]),
    ("2026 端午节", days("2026-06-19", "2026-06-21"), []),
    ("2026 中秋节", days("2026-09-25", "2026-09-27"), ["2026-09-20"]),
    ("2026 国庆节", days("2026-10-01", "2026-10-07"), ["2026-10-10"]),
]

OFF = {day for _, off, _ in HOLIDAYS for day in off}
MAKEUP = {date.fromisoformat(day) for _, _, makeups in HOLIDAYS for day in makeups}


def is_workday(day: date) -> bool:
    """The rule written out plainly, for 2024-2026 (and the last days of 2023, which hold no holiday)."""
    assert date(2023, 12, 25) <= day <= date(2026, 12, 31), day
    return day in MAKEUP or (day.weekday() < 5 and day not in OFF)


def step_workdays(start: date, count: int) -> date:
    """The slow, obviously right way: walk day by day."""
    day = start
    while count:
        day += timedelta(days=1)
        if is_workday(day):
            count -= 1
    return day
