"""What the law requires holds by construction: an extension or a fee notice after the deadline is refused (409 in
the API), a late answer stays late, a silent third party cannot hold the clock, a year without a schedule never
blocks a receipt and entering it recomputes the open applications."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import CalendarDay, CalendarYear
from gongkai.applications import services
from gongkai.applications.models import Application, EventKind


def test_it_refuses_an_extension_after_the_deadline(submit, alice, time_machine):
    application, _ = submit(received_on=date(2026, 1, 5), channel="post")
    assert application.due_date == date(2026, 2, 2)
    with pytest.raises(services.StepRefused, match="第33条第2款"):
        services.application_extend(
            application=application, actor=alice, on=date(2026, 2, 3), workdays=10, approved_by="王主任", reason="晚了"
        )
    application.refresh_from_db()
    assert application.due_date == date(2026, 2, 2) and application.extension_workdays == 0


def test_a_fee_notice_after_the_deadline_cannot_hide_it(submit, alice):
    application, _ = submit(received_on=date(2026, 1, 5), channel="post")
    with pytest.raises(services.StepRefused, match="109号：收费通知应在答复期限内发出"):
        services.application_send_fee_notice(application=application, actor=alice, on=date(2026, 2, 4), pages=90)
    assert Application.objects.overdue(on=date(2026, 3, 2)).filter(pk=application.pk).exists()


def test_a_late_answer_stays_late(submit, alice):
    application, _ = submit(received_on=date(2026, 1, 5), channel="post")
    services.application_decide(application=application, actor=alice, on=date(2026, 2, 9), outcome="granted")
    application.refresh_from_db()
    assert application.answered_late is True
    assert Application.objects.overdue(on=date(2026, 3, 2)).filter(pk=application.pk).exists()


def test_a_silent_third_party_does_not_hold_the_clock(submit, alice):
    application, _ = submit(received_on=date(2026, 1, 5), channel="post")
    services.application_start_consultation(
        application=application, actor=alice, on=date(2026, 1, 6), party="third_party", consulted="某公司"
    )
    application.refresh_from_db()
    # 15 working days from 6 January: the pause ends on 27 January whatever the third party does.
    assert application.pause_ends_on == date(2026, 1, 27)
    assert application.status == "consulting"
    assert not Application.objects.paused(on=date(2026, 3, 2)).filter(pk=application.pk).exists()
    assert Application.objects.overdue(on=date(2026, 3, 2)).filter(pk=application.pk).exists()


def test_a_december_receipt_is_recorded_provisionally_and_recomputed(submit, alice, time_machine):
    time_machine.move_to("2026-12-10 10:00 +08:00", tick=False)
    application, _ = submit(received_on=date(2026, 12, 10), channel="post")
    assert application.provisional is True
    provisional_due = application.due_date
    year = CalendarYear.objects.create(year=2027, source="管理员录入的放假安排")
    for day in (date(2027, 1, 1),):
        CalendarDay.objects.create(calendar_year=year, day=day, kind=CalendarDay.Kind.HOLIDAY, name="元旦")
    assert services.applications_recompute_for_schedule(year=2027, actor=alice) == 1
    application.refresh_from_db()
    assert application.provisional is False
    assert application.due_date >= provisional_due  # the provisional date was on the safe side
    assert application.events.filter(kind=EventKind.SCHEDULE_CHANGED).count() == 1


def test_the_api_answers_409_with_the_reason_and_returns_the_state(client, submit, alice):
    application, _ = submit(received_on=date(2026, 1, 5), channel="post")
    _, key = services.api_token_create(user=alice, name="测试")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    url = f"/api/v1/staff/applications/{application.number}/extend"
    body = json.dumps({"on": "2026-02-03", "workdays": 10, "approved_by": "王主任", "reason": "晚了"})
    response = client.post(url, body, content_type="application/json", **auth)
    assert response.status_code == 409
    assert "第33条第2款" in response.json()["error"]
    data = client.get(f"/api/v1/staff/applications/{application.number}", **auth).json()
    assert data["number"] == application.number and data["status"] == "received"
    assert data["due_date"] == "2026-02-02" and data["overdue"] is True
    assert data["provisional"] is False and data["paused"] is False and data["outcome"] is None
    assert [event["kind"] for event in data["events"]] == ["received"]


def test_the_api_registers_a_letter_and_charges_by_count_from_the_records(client, submit, alice):
    _, key = services.api_token_create(user=alice, name="测试")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    for day in range(1, 11):  # ten applications earlier in February by the same person
        submit(received_on=date(2026, 2, day if day < 10 else 10), channel="post")
    person = {
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
        "address": "测试路2号",
        "description": "2025年度本机关公务用车购置经费的预算和决算",
        "form": "paper",
        "delivery": "post",
    }
    body = json.dumps({**person, "channel": "post", "received_on": "2026-02-11"})
    response = client.post(
        f"/api/v1/staff/agencies/{alice.memberships.first().agency_id}/applications",
        body,
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    fee = client.post(
        f"/api/v1/staff/applications/{number}/send_fee_notice",
        json.dumps({"on": "2026-02-12", "method": "by_count"}),
        content_type="application/json",
        **auth,
    )
    assert fee.status_code == 200, fee.content
    assert fee.json()["fee_yuan"] == 100  # the 11th of the month pays the 11-30 rate alone


def test_unclear_after_correction_needs_a_correction(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    with pytest.raises(ValidationError, match="补正后申请内容仍不明确"):
        services.application_decide(
            application=application, actor=alice, on=date(2026, 2, 20), outcome="unavailable_unclear", reason="不明确"
        )


def test_many_repeated_applications_ask_for_reasons_then_set_a_period(submit, alice):
    application, _ = submit(received_on=date(2026, 1, 5), channel="post")
    with pytest.raises(ValidationError, match="第35条"):
        services.application_decide(
            application=application, actor=alice, on=date(2026, 1, 20), outcome="not_processed_excessive", reason="多"
        )
    services.application_request_reasons(
        application=application, actor=alice, on=date(2026, 1, 8), reply_by=date(2026, 1, 16), note="一个月内60件"
    )
    with pytest.raises(services.StepRefused, match="应晚于原答复期限"):
        services.application_set_period(
            application=application, actor=alice, on=date(2026, 1, 20), until=date(2026, 1, 30), reason="理由合理"
        )
    letter = services.application_set_period(
        application=application, actor=alice, on=date(2026, 1, 20), until=date(2026, 3, 31), reason="理由合理"
    )
    application.refresh_from_db()
    assert application.due_date == date(2026, 3, 31)
    assert "2026年3月31日前作出答复" in letter.body and "第三十五条" in letter.body


def test_supervisors_see_open_overdue_and_late_answers_apart(submit, alice, agency):
    from gongkai.reporting.selectors import region_overview

    late, _ = submit(received_on=date(2026, 1, 5), channel="post")
    services.application_decide(application=late, actor=alice, on=date(2026, 2, 9), outcome="granted")
    submit(received_on=date(2026, 1, 6), channel="post")  # still open, due 3 February: overdue today
    (row,) = region_overview(agencies=[agency], year=2026, today=date(2026, 3, 2))
    assert (row.overdue_applications, row.late_answers) == (1, 1)


def test_the_model_and_the_queries_agree_on_paused_and_overdue(submit, alice):
    from datetime import timedelta

    consulting, _ = submit(received_on=date(2026, 1, 5), channel="post")
    services.application_start_consultation(
        application=consulting, actor=alice, on=date(2026, 1, 6), party="third_party", consulted="某公司"
    )
    late, _ = submit(received_on=date(2026, 1, 5), channel="post")
    services.application_decide(application=late, actor=alice, on=date(2026, 2, 9), outcome="granted")
    submit(received_on=date(2026, 1, 20), channel="post")  # open and running
    for application in Application.objects.all():
        for day in (date(2026, 1, 20) + timedelta(days=n) for n in range(0, 60, 3)):
            assert application.is_paused(day) == Application.objects.paused(on=day).filter(pk=application.pk).exists()
            assert application.is_overdue(day) == Application.objects.overdue(on=day).filter(pk=application.pk).exists()
