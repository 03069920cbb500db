"""Working days on the Chinese calendar and the statutory clock of an application (plain Python, no Django).

from gongkai.workdays import WorkdayCalendar, YearSchedule, Received, compute_clock

calendar = WorkdayCalendar(overrides=schedules_from_the_database)
result = compute_clock([Received(on=date(2026, 9, 24))], calendar, today=date(2026, 10, 20))
result.due_date, result.working_days_left, result.explanation()
"""

from .calendar import (
    SOURCE_OVERRIDE,
    SOURCE_PACKAGE,
    NotableSpan,
    WorkdayCalendar,
    YearSchedule,
    default_calendar,
    package_schedule,
    package_years,
)
from .case import CaseState, CaseStatus, derive_case
from .clock import (
    DEFAULT_SETTINGS,
    Case,
    ClockResult,
    ClockSettings,
    ClockState,
    Consultation,
    Dates,
    Step,
    compute_clock,
    compute_dates,
    due_after,
    read_events,
    sort_events,
)
from .errors import ClockInputError, InvalidDateError, InvalidScheduleError, UnknownYearError, WorkdaysError
from .events import (
    Answered,
    Channel,
    Closed,
    ConsultationAnswered,
    ConsultationStarted,
    ConsultedParty,
    CorrectionLapsed,
    CorrectionReceived,
    CorrectionRequested,
    Delivered,
    Event,
    ExtensionApproved,
    FeeLapsed,
    FeeNoticeSent,
    FeePaid,
    PeriodSet,
    ReasonsRequested,
    Received,
)
from .text import format_date, parse_date

__all__ = [
    "DEFAULT_SETTINGS",
    "SOURCE_OVERRIDE",
    "SOURCE_PACKAGE",
    "Answered",
    "Case",
    "CaseState",
    "CaseStatus",
    "Channel",
    "ClockInputError",
    "ClockResult",
    "ClockSettings",
    "ClockState",
    "Closed",
    "Consultation",
    "ConsultationAnswered",
    "ConsultationStarted",
    "ConsultedParty",
    "CorrectionLapsed",
    "CorrectionReceived",
    "CorrectionRequested",
    "Dates",
    "Delivered",
    "Event",
    "ExtensionApproved",
    "FeeLapsed",
    "FeeNoticeSent",
    "FeePaid",
    "InvalidDateError",
    "InvalidScheduleError",
    "NotableSpan",
    "PeriodSet",
    "ReasonsRequested",
    "Received",
    "Step",
    "UnknownYearError",
    "WorkdayCalendar",
    "WorkdaysError",
    "YearSchedule",
    "compute_clock",
    "compute_dates",
    "default_calendar",
    "derive_case",
    "due_after",
    "format_date",
    "package_schedule",
    "package_years",
    "parse_date",
    "read_events",
    "sort_events",
]
