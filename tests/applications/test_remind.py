"""`gongkai remind` e-mails the handlers of applications due soon, and a second run sends nothing again."""

from __future__ import annotations

from datetime import date

from django.core import mail

from gongkai.applications.models import ReminderSent
from gongkai.cli import main


def test_it_reminds_once(submit, alice, erin):
    application, _ = submit(received_on=date(2026, 1, 28), channel="post")  # due 3 March 2026 (tomorrow)
    submit()  # due at the end of March: not yet
    assert main(["remind", "--days", "3"]) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@agency.example", "erin@agency.example"]
    assert application.number in mail.outbox[0].body and "张三" not in mail.outbox[0].body
    assert main(["remind", "--days", "3"]) == 0
    assert len(mail.outbox) == 2 and ReminderSent.objects.count() == 2


def test_it_reminds_of_every_running_period_and_keeps_reminding_when_past(submit, alice, time_machine):
    from gongkai.applications import services

    late, _ = submit(received_on=date(2026, 1, 5), channel="post")  # reply due 2 February: past
    asked, _ = submit(received_on=date(2026, 2, 24), channel="post")
    services.application_request_correction(
        application=asked, actor=alice, on=date(2026, 2, 25), reply_by=date(2026, 3, 3), what="请写明文件名称"
    )
    assert main(["remind", "--days", "3"]) == 0
    bodies = "\n".join(m.body for m in mail.outbox)
    assert f"{late.number}（测试局）答复期限（第33条）：2026-02-02，已届满" in bodies
    assert f"{asked.number}（测试局）补正期限（第30条）：届满未补正的，按（六）1办结：2026-03-03" in bodies
    count = len(mail.outbox)
    assert main(["remind", "--days", "3"]) == 0
    assert len(mail.outbox) == count  # the same day: nothing again
    time_machine.move_to("2026-03-03 10:00 +08:00", tick=False)
    assert main(["remind", "--days", "3"]) == 0
    assert any(late.number in m.body for m in mail.outbox[count:])  # past due: reminded again the next day
