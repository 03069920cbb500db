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
