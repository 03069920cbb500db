"""Errors raised by the working-day calendar and the statutory clock.

Every error is a ValueError, so a caller that only wants "bad input" can catch that; every message is Chinese and
complete, because the platform shows it to agency staff as it is.
"""

from __future__ import annotations


class WorkdaysError(ValueError):
    """Base class: the input to the calendar or the clock cannot be used."""


class UnknownYearError(WorkdaysError):
    """The calendar has no holiday schedule (放假调休安排) for a year it was asked about."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"日历中没有{year}年的节假日安排，请管理员先录入该年度的放假调休安排")


class InvalidScheduleError(WorkdaysError):
    """A year's schedule contradicts itself (a day both off and worked, a date outside the year, ...)."""


class InvalidDateError(WorkdaysError):
    """A value that should be a date is not one."""


class ClockInputError(WorkdaysError):
    """The events of an application cannot be put on the statutory clock as given."""
