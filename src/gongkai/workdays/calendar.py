"""The working-day calendar: Monday to Friday, minus statutory holidays, plus the weekend days declared working days.

The State Council publishes each year's schedule (放假调休安排) in November. The `chinesecalendar` package carries the
schedules it has seen (2004-2026 in 1.11.0); anything newer arrives as an override, which the platform keeps in its
database so an administrator can enter next year's schedule the day it is published. A year with neither is refused
with `UnknownYearError` by default: treating it as plain Monday-Friday would put due dates inside the Spring Festival.

The platform must still record an application whose period runs into such a year (第31条), so its calendar is built
with `provisional=True`: an unknown year then gets a provisional schedule on the safe side (`provisional_schedule`),
every date computed with it is marked 暂定, and entering the year's schedule recomputes them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType

import chinese_calendar

from .errors import InvalidScheduleError, UnknownYearError

# chinesecalendar names holidays in English; these are the names the State Council's notices use.
# Keys as `_name_key` spells them, so chinesecalendar's and the holidays package's English names both match.
_HOLIDAY_NAMES_ZH = {
    "new year's day": "元旦",
    "spring festival": "春节",
    "chinese new year's eve": "春节",
    "chinese new year (spring festival)": "春节",
    "tomb-sweeping day": "清明节",
    "labor day": "劳动节",
    "dragon boat festival": "端午节",
    "national day": "国庆节",
    "mid-autumn festival": "中秋节",
    "anti-fascist 70th day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _name_key(english: str) -> str:
    return english.casefold().replace("labour", "labor")


def holiday_name_zh(english: str) -> str | None:
    """The name the State Council's notices use for a festival named in English by either package, or None."""
    return _HOLIDAY_NAMES_ZH.get(_name_key(english))


SOURCE_PACKAGE = "国务院办公厅公布的放假安排"
SOURCE_OVERRIDE = "管理员录入的放假安排"


@dataclass(frozen=True)
class YearSchedule:
    """One year's statutory schedule: the days off (节假日, weekends inside a holiday included) and the weekend days
    declared working days (调休上班日). Every other day is a working day if it is Monday to Friday.

    `names` labels holidays and make-up days ("国庆节") for the explanation; it may be left empty.
    """

    year: int
    holidays: frozenset[date]
    makeup_workdays: frozenset[date] = frozenset()
    names: Mapping[date, str] = field(default_factory=dict, hash=False)
    source: str = SOURCE_OVERRIDE
    provisional: bool = False  # a stand-in on the safe side until the real schedule is entered

    def __post_init__(self) -> None:
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise InvalidScheduleError(f"放假安排的年份必须是整数：{self.year!r}")
        # Accept any iterable of dates from the caller (a list from a query), store immutable sets.
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "makeup_workdays", frozenset(self.makeup_workdays))
        object.__setattr__(self, "names", MappingProxyType(dict(self.names)))
        for day in self.holidays | self.makeup_workdays:
            if not isinstance(day, date):
                raise InvalidScheduleError(f"{self.year}年放假安排中有不是日期的值：{day!r}")
            if day.year != self.year:
                raise InvalidScheduleError(f"{self.year}年放假安排中出现了其他年份的日期：{day.isoformat()}")
        both = sorted(self.holidays & self.makeup_workdays)
        if both:
            raise InvalidScheduleError(f"{both[0].isoformat()}不能既是放假日又是调休上班日")
        weekday_makeups = sorted(day for day in self.makeup_workdays if day.weekday() < 5)
        if weekday_makeups:
            # A make-up workday on a Monday-Friday changes nothing; it is almost certainly a typo for another date.
            raise InvalidScheduleError(f"调休上班日应为周六或周日：{weekday_makeups[0].isoformat()}是工作日")

    def is_workday(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def workday_ordinals(self) -> list[int]:
        first = date(self.year, 1, 1).toordinal()
        last = date(self.year, 12, 31).toordinal()
        return [n for n in range(first, last + 1) if self.is_workday(date.fromordinal(n))]


@dataclass(frozen=True)
class NotableSpan:
    """A run of consecutive holidays, or a single make-up workday, inside a period: what the explanation mentions."""

    first: date
    last: date
    names: tuple[str, ...]
    is_makeup_workday: bool


def package_years() -> range:
    """The years chinesecalendar has schedules for."""
    years = {day.year for day in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


@cache
def package_schedule(year: int) -> YearSchedule:
    """The schedule chinesecalendar carries for `year` (also handy to seed the database an admin then edits)."""
    if year not in package_years():
        raise UnknownYearError(year)
    holidays = {day: name for day, name in chinese_calendar.holidays.items() if day.year == year}
    makeups = {day: name for day, name in chinese_calendar.workdays.items() if day.year == year}
    names = {day: holiday_name_zh(name) or name for day, name in (holidays | makeups).items()}
    return YearSchedule(
        year=year,
        holidays=frozenset(holidays),
        makeup_workdays=frozenset(makeups),
        names=names,
        source=SOURCE_PACKAGE,
    )


# Make-up workdays (调休上班) are weekend days near a festival: in the schedules of 2004-2026 none lies more than 12
# days from the festival it serves. A provisional year treats every weekend day within this distance as possibly worked.
MAKEUP_REACH_DAYS = 14
PROVISIONAL_ASSUMPTION = (
    "{year}年放假安排尚未公布或录入，暂定：周一至周五均按工作日计算，法定节日前后{reach}日内的周末均按调休上班计算；"
    "据此算出的期限不会晚于实际期限，录入放假安排后自动重新计算"
)


def festival_days(year: int) -> dict[date, str]:
    """The festival days fixed by 全国年节及纪念日放假办法 (lunar dates converted), without any 调休 guess."""
    import holidays  # only needed for years no schedule covers

    found = holidays.China(years=year, language="en_US")
    # Only the festivals themselves: the package's guessed "observed" and "day off" days are left out.
    return {day: zh for day, name in found.items() if (zh := holiday_name_zh(name))}


@cache
def provisional_schedule(year: int) -> YearSchedule:
    """A stand-in for a year whose schedule is unknown, on the safe side: it assumes no day off but weekends and
    counts as working every weekend day that could become a make-up workday. It may count more working days than the
    real schedule, never fewer, so a due date computed with it is never later than the real one."""
    anchors = festival_days(year)
    reach = timedelta(days=MAKEUP_REACH_DAYS)
    makeups = {
        day
        for anchor in anchors
        for day in _days(anchor - reach, anchor + reach)
        if day.year == year and day.weekday() >= 5
    }
    return YearSchedule(
        year=year,
        holidays=frozenset(),
        makeup_workdays=frozenset(makeups),
        names={},
        source=PROVISIONAL_ASSUMPTION.format(year=year, reach=MAKEUP_REACH_DAYS),
        provisional=True,
    )


class WorkdayCalendar:
    """Working days on the Chinese calendar, built from chinesecalendar plus caller-supplied year schedules.

    An override replaces the package's schedule for its whole year (the State Council publishes whole years, and a
    half-merged year would be impossible to check). The calendar is immutable: to apply a newly entered schedule,
    build a new calendar and recompute; every date follows.
    """

    def __init__(
        self, overrides: Iterable[YearSchedule] = (), *, use_package: bool = True, provisional: bool = False
    ) -> None:
        self._schedules: dict[int, YearSchedule] = {}
        for schedule in overrides:
            if not isinstance(schedule, YearSchedule):
                raise InvalidScheduleError(f"放假安排必须是YearSchedule：{schedule!r}")
            if schedule.year in self._schedules:
                raise InvalidScheduleError(f"{schedule.year}年的放假安排重复提供了两次")
            self._schedules[schedule.year] = schedule
        self._package_years = package_years() if use_package else range(0)
        self.provisional = provisional
        # Per year, the sorted ordinals of its working days: counting becomes a bisect instead of a walk.
        self._workdays: dict[int, list[int]] = {}

    def __repr__(self) -> str:
        return f"<WorkdayCalendar years={self.years[0]}-{self.years[-1]}>" if self.years else "<WorkdayCalendar empty>"

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(set(self._schedules) | set(self._package_years)))

    def has_year(self, year: int) -> bool:
        return year in self._schedules or year in self._package_years

    def schedule(self, year: int) -> YearSchedule:
        if year in self._schedules:
            return self._schedules[year]
        if year in self._package_years:
            return package_schedule(year)
        if self.provisional and 1901 <= year <= 2099:
            return provisional_schedule(year)
        raise UnknownYearError(year)

    def provisional_years(self, first: date, last: date) -> list[int]:
        """The years between two dates (inclusive) whose schedule is only provisional."""
        return [year for year in range(first.year, last.year + 1) if self.schedule(year).provisional]

    def _ordinals(self, year: int) -> list[int]:
        ordinals = self._workdays.get(year)
        if ordinals is None:
            ordinals = self._workdays[year] = self.schedule(year).workday_ordinals()
        return ordinals

    def is_workday(self, day: date) -> bool:
        return self.schedule(day.year).is_workday(day)

    def add_workdays(self, start: date, count: int) -> date:
        """The `count`-th working day after `start`; `start` itself is never counted (期间开始之日不计算在期间内).

        `count` 0 returns `start` unchanged.
        """
        if count < 0:
            raise ValueError(f"工作日数不能为负数：{count}")
        if count == 0:
            return start
        year = start.year
        ordinals = self._ordinals(year)
        index = bisect_right(ordinals, start.toordinal()) + count - 1
        while index >= len(ordinals):
            index -= len(ordinals)
            year += 1
            ordinals = self._ordinals(year)
        return date.fromordinal(ordinals[index])

    def count_workdays(self, after: date, through: date) -> int:
        """Working days in (after, through]: the days a period started on `after` has used by the end of `through`."""
        if through <= after:
            return 0
        total = 0
        for year in range(after.year, through.year + 1):
            ordinals = self._ordinals(year)
            low = bisect_right(ordinals, after.toordinal()) if year == after.year else 0
            high = bisect_right(ordinals, through.toordinal()) if year == through.year else len(ordinals)
            total += high - low
        return total

    def next_workday(self, day: date) -> date:
        """The first working day on or after `day`."""
        ordinals = self._ordinals(day.year)
        index = bisect_left(ordinals, day.toordinal())
        if index < len(ordinals):
            return date.fromordinal(ordinals[index])
        return self.next_workday(date(day.year + 1, 1, 1))

    def notable_spans(self, after: date, through: date) -> list[NotableSpan]:
        """Holidays and make-up workdays in (after, through], grouped into runs, for the explanation.

        Weekends are left out (everyone knows them); a holiday run keeps its weekend days so "10月1日至10月7日" reads
        as the notice does.
        """
        spans: list[NotableSpan] = []
        for day in _days(after + timedelta(days=1), through):
            schedule = self.schedule(day.year)
            name = schedule.names.get(day)
            if day in schedule.makeup_workdays:
                spans.append(NotableSpan(day, day, (name or "调休",), is_makeup_workday=True))
            elif day in schedule.holidays:
                label = name or "法定节假日"
                previous = spans[-1] if spans else None
                if previous and not previous.is_makeup_workday and previous.last == day - timedelta(days=1):
                    names = previous.names if label in previous.names else (*previous.names, label)
                    spans[-1] = NotableSpan(previous.first, day, names, is_makeup_workday=False)
                else:
                    spans.append(NotableSpan(day, day, (label,), is_makeup_workday=False))
        return spans


def _days(first: date, last: date) -> Iterator[date]:
    for n in range(first.toordinal(), last.toordinal() + 1):
        yield date.fromordinal(n)


@cache
def default_calendar() -> WorkdayCalendar:
    """The calendar from chinesecalendar alone, for the command line and for tests; the platform adds its overrides."""
    return WorkdayCalendar()
