"""The event log is the only truth: the cached state always equals a replay of the events, whatever the sequence of
steps (a property test), and `verify_applications` finds a difference when the cache is tampered with."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications import letters, services
from gongkai.applications.clock import case_of
from gongkai.applications.models import Application, EventKind

STEPS = (
    "correction",
    "corrected",
    "lapse_correction",
    "consult",
    "consult_answer",
    "extend",
    "fee",
    "paid",
    "lapse_fee",
    "decide",
    "deliver",
    "send_letter",
    "close",
)


def _try_step(application, alice, step: str, on: date) -> bool:
    calls = {
        "correction": lambda: services.application_request_correction(
            application=application, actor=alice, on=on, reply_by=on + timedelta(days=7), what="请说明"
        ),
        "corrected": lambda: services.application_record_correction(application=application, actor=alice, on=on),
        "lapse_correction": lambda: services.application_lapse_correction(application=application, actor=alice, on=on),
        "consult": lambda: services.application_start_consultation(
            application=application, actor=alice, on=on, party="third_party", consulted="某公司"
        ),
        "consult_answer": lambda: services.application_record_consultation_answer(
            application=application, actor=alice, on=on
        ),
        "extend": lambda: services.application_extend(
            application=application, actor=alice, on=on, workdays=10, approved_by="王主任", reason="检索档案"
        ),
        "fee": lambda: services.application_send_fee_notice(application=application, actor=alice, on=on, pages=60),
        "paid": lambda: services.application_record_payment(application=application, actor=alice, on=on),
        "lapse_fee": lambda: services.application_lapse_fee(application=application, actor=alice, on=on),
        "decide": lambda: services.application_decide(application=application, actor=alice, on=on, outcome="granted"),
        "deliver": lambda: services.application_deliver(application=application, actor=alice, on=on, method="post"),
        "send_letter": lambda: letters.letter_send(
            letter=application.letters.filter(sent_on=None).first(), actor=alice, on=on
        ),
        "close": lambda: services.application_close(application=application, actor=alice, on=on),
    }
    if step == "send_letter" and not application.letters.filter(sent_on=None).exists():
        return False
    try:
        calls[step]()
    except ValidationError:
        return False  # refused: nothing may have changed, which the caller checks
    return True


@pytest.mark.django_db(transaction=False)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(STEPS), st.integers(0, 6)), min_size=1, max_size=10))
def test_the_cached_state_is_always_a_replay_of_the_events(submit, alice, steps):
    application, _ = submit(received_on=date(2026, 1, 5), channel="post")
    on = date(2026, 1, 5)
    for step, gap in steps:
        on = min(on + timedelta(days=gap), date(2026, 3, 2))
        before = application.events.count()
        accepted = _try_step(application, alice, step, on)
        stored = Application.objects.get(pk=application.pk)
        replay = case_of(stored)
        assert stored.status == replay.status.value
        assert stored.due_date == replay.due_date
        assert stored.outcome == replay.outcome
        assert stored.decided_on == replay.decided_on
        assert stored.answered_late == replay.answered_late
        assert stored.events.count() == before + accepted  # one step, one event; a refusal leaves nothing
        application = stored


def test_verify_finds_no_difference_and_then_a_tampered_cache(submit, alice, capsys):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    services.application_decide(application=application, actor=alice, on=date(2026, 2, 20), outcome="granted")
    call_command("verify_applications")
    assert "差异0处" in capsys.readouterr().out
    Application.objects.filter(pk=application.pk).update(status="received")
    with pytest.raises(SystemExit) as exit:
        call_command("verify_applications")
    assert exit.value.code == 1
    out = capsys.readouterr().out
    assert f"{application.number}：状态 保存为 'received'，按记录应为 'answered'" in out


def test_every_step_is_an_event_with_its_status(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    services.application_start_consultation(
        application=application, actor=alice, on=date(2026, 2, 3), party="other_agency", consulted="某局"
    )
    services.application_record_consultation_answer(application=application, actor=alice, on=date(2026, 2, 10))
    rows = list(application.events.values_list("kind", "from_status", "to_status"))
    assert rows == [
        (EventKind.RECEIVED, "received", "received"),
        (EventKind.CONSULTATION_STARTED, "received", "consulting"),
        (EventKind.CONSULTATION_ANSWERED, "consulting", "received"),
    ]


def test_verify_checks_the_fee_notices_dates_too(submit, alice, capsys):
    from gongkai.applications.models import Fee

    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    services.application_send_fee_notice(application=application, actor=alice, on=date(2026, 2, 3), pages=60)
    services.application_record_payment(application=application, actor=alice, on=date(2026, 2, 5))
    assert Fee.objects.get(application=application).paid_on == date(2026, 2, 5)  # written by append_event
    call_command("verify_applications")
    assert "差异0处" in capsys.readouterr().out
    Fee.objects.filter(application=application).update(paid_on=None)
    with pytest.raises(SystemExit):
        call_command("verify_applications")
    assert "缴费日期 保存为 None，按记录应为 datetime.date(2026, 2, 5)" in capsys.readouterr().out
