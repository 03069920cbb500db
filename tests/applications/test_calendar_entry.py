"""Each agency admin (not only the system admin) sees next year's working-day calendar and enters the State Council's
notice: pasted text is read into dates shown for confirmation, nothing is saved before the confirmation, and saving
recomputes the open applications that ran into the year provisionally, as the Django admin does."""

from __future__ import annotations

from datetime import date

from gongkai.agencies.models import AuditEntry, CalendarDay, CalendarYear
from gongkai.workdays.notice import read_notice

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
经国务院批准，现将2027年元旦、春节、国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（农历除夕、周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。
三、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


def test_it_reads_the_notice_text():
    found = read_notice(NOTICE_2027, 2027)
    assert not found.problems
    assert len(found.holidays) == 19 and found.holidays[date(2027, 2, 10)] == "春节"
    assert sorted(found.makeup_workdays) == [date(2027, 2, 20), date(2027, 9, 26), date(2027, 10, 9)]
    assert all(day.weekday() >= 5 for day in found.makeup_workdays)
    assert read_notice("随便一段文字", 2027).problems


def test_an_agency_admin_enters_next_year_from_the_pasted_notice(client, erin, alice, submit, time_machine):
    from gongkai.applications import services

    time_machine.move_to("2026-12-10 10:00 +08:00", tick=False)
    application, _ = submit(received_on=date(2026, 11, 20), channel="post")
    services.application_extend(
        application=application, actor=alice, on=date(2026, 12, 10), workdays=20, approved_by="王主任", reason="检索"
    )
    application.refresh_from_db()
    assert application.provisional is True

    client.force_login(erin)
    warning = client.get("/staff/", follow=True).content.decode()
    assert 'href="/staff/calendar/2027/"' in warning  # the reminder links the entry page
    overview = client.get("/staff/calendar/").content.decode()
    assert "2027年" in overview and "尚未录入" in overview

    source = "国务院办公厅关于2027年部分节假日安排的通知"
    read = client.post("/staff/calendar/2027/", {"source": source, "notice": NOTICE_2027, "read": "1"})
    page = read.content.decode()
    assert read.status_code == 200
    assert "放假19天，调休上班3天" in page and "2027-02-20" in page
    assert not CalendarYear.objects.filter(year=2027).exists()  # shown, not saved

    form = read.context["form"]
    confirmed = client.post(
        "/staff/calendar/2027/",
        {
            "source": source,
            "holidays": form.data["holidays"],
            "makeup_workdays": form.data["makeup_workdays"],
            "confirm": "1",
        },
    )
    assert confirmed.status_code == 302
    entered = CalendarYear.objects.get(year=2027)
    assert entered.source == source
    assert entered.days.filter(kind=CalendarDay.Kind.HOLIDAY).count() == 19
    assert entered.days.filter(kind=CalendarDay.Kind.MAKEUP_WORKDAY).count() == 3
    application.refresh_from_db()
    assert application.provisional is False  # recomputed on saving
    assert AuditEntry.objects.filter(action="录入放假安排", actor=erin).exists()
    assert "calendar-warning" not in client.get("/staff/", follow=True).content.decode()


def test_days_entered_by_hand_are_checked_before_saving(client, erin, time_machine):
    time_machine.move_to("2026-11-02 10:00 +08:00", tick=False)
    client.force_login(erin)
    response = client.post(
        "/staff/calendar/2027/",
        {"source": "手工录入", "holidays": "2027-01-01 元旦", "makeup_workdays": "2027-01-04", "confirm": "1"},
    )
    assert response.status_code == 200
    assert "调休上班日应为周六或周日" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()
    response = client.post(
        "/staff/calendar/2027/", {"source": "手工录入", "holidays": "2027-01-01 元旦\n1月2日 元旦", "confirm": "1"}
    )
    assert response.status_code == 302
    assert sorted(CalendarYear.objects.get(year=2027).days.values_list("day", flat=True)) == [
        date(2027, 1, 1),
        date(2027, 1, 2),
    ]


def test_only_admins_reach_the_calendar(client, alice, erin, time_machine):
    time_machine.move_to("2026-11-02 10:00 +08:00", tick=False)
    client.force_login(alice)
    assert client.get("/staff/calendar/").status_code == 403
    assert (
        client.post("/staff/calendar/2027/", {"source": "x", "holidays": "2027-01-01", "confirm": "1"}).status_code
        == 403
    )
    assert not CalendarYear.objects.exists()
    client.force_login(erin)
    assert client.get("/staff/calendar/2030/").status_code == 404  # this year and next only
