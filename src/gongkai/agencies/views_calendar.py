"""The working-day calendar for admins: see next year's (and this year's) schedule, enter the State Council's notice
by pasting its text (the dates read from it are shown for confirmation before saving) or by hand. Saving recomputes
the open applications whose dates run into that year, as the Django admin does."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from gongkai.agencies.calendar import calendar_year_enter, may_enter_calendar, platform_calendar
from gongkai.agencies.forms import NoticeForm
from gongkai.agencies.models import CalendarDay, CalendarYear
from gongkai.workdays import package_years
from gongkai.workdays.notice import day_lines, parse_day_lines, read_notice


def _allowed_year(year: int, today: date) -> int:
    if not today.year <= year <= today.year + 1:
        raise Http404
    return year


@login_required
def calendar_overview(request):
    if not may_enter_calendar(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    calendar = platform_calendar()
    years = []
    for year in (today.year + 1, today.year):
        entered = CalendarYear.objects.filter(year=year).first()
        if entered:
            standing = f"已录入（依据：{entered.source or '未注明'}）"
        elif year in package_years():
            standing = "使用系统内置的国务院放假安排"
        else:
            standing = "尚未录入：跨入该年的答复期限暂按从严的暂定日历计算（标注“暂定”），录入后自动重算"
        schedule = calendar.schedule(year)
        years.append(
            {
                "year": year,
                "standing": standing,
                "days": _schedule_days(schedule),
                "workdays": len(schedule.workday_ordinals()),
                "missing": not entered and year not in package_years(),
            }
        )
    return render(request, "agencies/calendar.html", {"years": years, "today": today})


def _schedule_days(schedule) -> list:
    rows = [
        CalendarDay(day=d, kind=CalendarDay.Kind.HOLIDAY, name=schedule.names.get(d, "")) for d in schedule.holidays
    ]
    rows += [
        CalendarDay(day=d, kind=CalendarDay.Kind.MAKEUP_WORKDAY, name=schedule.names.get(d, ""))
        for d in schedule.makeup_workdays
    ]
    return sorted(rows, key=lambda row: row.day)


@login_required
def calendar_enter(request, year: int):
    if not may_enter_calendar(request.user):
        raise PermissionDenied
    _allowed_year(year, timezone.localdate())
    form = NoticeForm(request.POST or None, initial={"source": f"国务院办公厅关于{year}年部分节假日安排的通知"})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form.pressed("read") and data["notice"].strip():
            found = read_notice(data["notice"], year)
            for problem in found.problems:
                form.add_error("notice", problem)
            data = form.data.copy()
            data["holidays"], data["makeup_workdays"] = day_lines(found.holidays), day_lines(found.makeup_workdays)
            form = NoticeForm(data)
            form.is_valid()
            messages.info(request, "已从通知中读出以下日期，请逐一核对，无误后点“确认保存”")
        holidays, problems = parse_day_lines(form.cleaned_data.get("holidays", ""), year)
        makeups, more = parse_day_lines(form.cleaned_data.get("makeup_workdays", ""), year)
        for problem in problems:
            form.add_error("holidays", problem)
        for problem in more:
            form.add_error("makeup_workdays", problem)
        preview = {"holidays": sorted(holidays.items()), "makeup_workdays": sorted(makeups.items())}
        if form.pressed("confirm") and not form.errors:
            try:
                moved = calendar_year_enter(
                    year=year,
                    source=form.cleaned_data["source"],
                    holidays=holidays,
                    makeup_workdays=makeups,
                    actor=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, f"已保存{year}年放假安排" + (f"，并重新计算了{moved}件申请的答复期限" if moved else "")
                )
                return redirect("calendar")
    return render(request, "agencies/calendar_enter.html", {"year": year, "form": form, "preview": preview})


urlpatterns = [
    path("staff/calendar/", calendar_overview, name="calendar"),
    path("staff/calendar/<int:year>/", calendar_enter, name="calendar-enter"),
]
