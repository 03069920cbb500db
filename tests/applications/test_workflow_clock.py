"""Each step is an event feeding the statutory clock: correction restarts it, consultation and fees pause it,
an extension adds to it once; moves the workflow does not allow are refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.applications import letters, services
from gongkai.applications.models import EventKind
from gongkai.applications.workflow import Status


def test_it_restarts_the_period_from_the_corrected_application(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    services.application_request_correction(
        application=application, actor=alice, on=date(2026, 2, 4), reply_by=date(2026, 2, 13), what="请写明文件名称"
    )
    assert application.status == Status.AWAITING_CORRECTION and application.pause_reason
    services.application_record_correction(application=application, actor=alice, on=date(2026, 2, 10))
    assert application.status == Status.RECEIVED
    assert application.due_date > date(2026, 3, 2)  # 20 working days from 10 Feb, across the Spring Festival


def test_it_refuses_a_lapse_before_the_correction_deadline(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    services.application_request_correction(
        application=application, actor=alice, on=date(2026, 2, 4), reply_by=date(2026, 2, 27), what="请写明文件名称"
    )
    with pytest.raises(ValidationError, match="尚未届满"):
        services.application_lapse_correction(application=application, actor=alice, on=date(2026, 2, 26))


def test_it_pauses_for_a_third_party(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    before = application.due_date
    services.application_start_consultation(
        application=application, actor=alice, on=date(2026, 2, 3), party="third_party", consulted="某公司"
    )
    assert application.status == Status.CONSULTING
    services.application_record_consultation_answer(application=application, actor=alice, on=date(2026, 2, 10))
    assert application.status == Status.RECEIVED
    assert application.due_date > before


def test_it_extends_once_by_at_most_twenty_working_days(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    before = application.due_date
    with pytest.raises(ValidationError):
        services.application_extend(
            application=application,
            actor=alice,
            on=date(2026, 2, 20),
            workdays=21,
            approved_by="王主任",
            reason="需要检索档案",
        )
    letter = services.application_extend(
        application=application,
        actor=alice,
        on=date(2026, 2, 20),
        workdays=10,
        approved_by="王主任",
        reason="需要检索档案",
    )
    application.refresh_from_db()
    assert application.due_date > before and application.extension_workdays == 10
    assert "延长10个工作日" in letter.body
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.application_extend(
            application=application, actor=alice, on=date(2026, 2, 23), workdays=5, approved_by="王主任", reason="再延"
        )


def test_it_charges_and_lapses_a_fee_after_twenty_working_days(submit, alice):
    application, _ = submit(received_on=date(2026, 1, 5), channel="post")
    letter = services.application_send_fee_notice(application=application, actor=alice, on=date(2026, 1, 6), pages=120)
    assert application.fee.amount_yuan == 70 * 10 + 20 * 20
    assert "第31—100页：70页 × 10元 = 700元" in letter.body
    with pytest.raises(ValidationError, match="收费通知尚无送达日期"):  # not yet sent: the applicant has nothing
        services.application_lapse_fee(application=application, actor=alice, on=date(2026, 2, 27))
    letters.letter_send(letter=letter, actor=alice, on=date(2026, 1, 7), method="post")
    with pytest.raises(ValidationError, match="收费通知尚无送达日期"):  # posted: the period waits for the receipt
        services.application_lapse_fee(application=application, actor=alice, on=date(2026, 2, 27))
    services.application_record_notice_receipt(
        application=application, actor=alice, notice="fee", received_on=date(2026, 1, 9)
    )
    application.fee.refresh_from_db()
    assert application.fee.pay_by == date(2026, 2, 6)  # 20 working days from the applicant's receipt on 1-9
    with pytest.raises(ValidationError, match="尚未届满"):
        services.application_lapse_fee(application=application, actor=alice, on=application.fee.pay_by)
    services.application_lapse_fee(application=application, actor=alice, on=date(2026, 2, 27))
    assert application.outcome == "other_unpaid_fee" and application.status == Status.ANSWERED


def test_it_refuses_a_step_the_workflow_does_not_allow(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    services.application_decide(application=application, actor=alice, on=date(2026, 2, 20), outcome="granted")
    with pytest.raises(ValidationError):
        services.application_request_correction(
            application=application, actor=alice, on=date(2026, 2, 23), reply_by=date(2026, 2, 27), what="x"
        )
    services.application_deliver(application=application, actor=alice, on=date(2026, 2, 23), method="post")
    with pytest.raises(ValidationError, match="尚有未发出的文书"):
        services.application_close(application=application, actor=alice, on=date(2026, 2, 24))
    for letter in application.letters.all():
        letters.letter_send(letter=letter, actor=alice, on=date(2026, 2, 23))
    services.application_close(application=application, actor=alice, on=date(2026, 2, 24))
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds[:3] == [EventKind.RECEIVED, EventKind.ANSWERED, EventKind.DELIVERED]
    assert kinds[-1] == EventKind.CLOSED


def test_it_refuses_a_date_in_the_future(submit, alice):
    application, _ = submit()
    with pytest.raises(ValidationError):
        services.application_decide(application=application, actor=alice, on=date(2026, 3, 3), outcome="granted")
