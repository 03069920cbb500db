"""Mail to applicants goes through an outbox: written with the application, sent by send_outbox(), retried when the
mail server is down, each try recorded; never an ID number or a phone number in a subject or a log."""

from __future__ import annotations

import io
import logging
import smtplib
from datetime import date, timedelta

import docx
import pytest
from django.core import mail as django_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from gongkai.applications import letters, services
from gongkai.applications.mail import MAX_ATTEMPTS, send_outbox
from gongkai.applications.models import Application, OutboxMail

from .conftest import PERSON


class ServerDown(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_the_receipt_mail_waits_in_the_outbox_until_sent(submit):
    application, code = submit()
    assert django_mail.outbox == []  # nothing leaves during the request
    queued = OutboxMail.objects.get(application=application)
    assert queued.kind == "receipt" and queued.to == PERSON["email"]
    assert send_outbox().sent == 1
    (sent,) = django_mail.outbox
    assert sent.to == [PERSON["email"]]
    assert application.number in sent.subject and "测试局" in sent.subject
    assert code in sent.body and application.number in sent.body
    assert f"{application.due_date.year}年{application.due_date.month}月{application.due_date.day}日前" in sent.body
    assert "第三十三条" in sent.body and "补正" in sent.body
    for secret in (PERSON["id_number"], PERSON["phone"]):
        assert secret not in sent.subject and secret not in sent.body


def test_no_mail_without_an_address(submit):
    application, _ = submit(email="", delivery="post")
    assert not OutboxMail.objects.filter(application=application).exists()


def test_a_second_run_sends_nothing_again(submit):
    submit()
    assert send_outbox().sent == 1
    assert send_outbox().sent == 0
    call_command("send_outbox", stdout=io.StringIO())
    assert len(django_mail.outbox) == 1
    assert OutboxMail.objects.get().tries.count() == 1


def test_a_mail_server_that_is_down_delays_the_mail_and_the_try_is_recorded(submit, caplog):
    application, _ = submit()
    now = timezone.now()
    with caplog.at_level(logging.INFO, logger="gongkai.applications.mail"):
        result = send_outbox(now=now, connection=ServerDown())
    assert result.failed == 1 and result.sent == 0
    queued = OutboxMail.objects.get(application=application)
    assert queued.sent_at is None and queued.attempts == 1 and queued.next_attempt_at > now
    (attempt,) = queued.tries.all()
    assert not attempt.ok and "SMTPServerDisconnected" in attempt.error
    assert send_outbox(now=now).sent == 0  # not due yet: it waits its pause
    assert send_outbox(now=queued.next_attempt_at).sent == 1
    assert [t.ok for t in queued.tries.all()] == [False, True]
    for secret in (PERSON["id_number"], PERSON["phone"], PERSON["applicant_name"]):
        assert secret not in caplog.text


def test_it_stops_retrying_after_the_last_attempt(submit):
    application, _ = submit()
    when = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        send_outbox(now=when, connection=ServerDown())
        when += timedelta(days=1)
    queued = OutboxMail.objects.get(application=application)
    assert queued.given_up_at is not None and queued.tries.count() == MAX_ATTEMPTS
    assert send_outbox(now=when + timedelta(days=30)).sent == 0


def test_a_claimed_mail_is_not_sent_by_a_second_run_at_the_same_time(submit):
    application, _ = submit()
    now = timezone.now()
    OutboxMail.objects.filter(application=application).update(claimed_until=now + timedelta(minutes=5))
    assert send_outbox(now=now).sent == 0
    assert send_outbox(now=now + timedelta(minutes=6)).sent == 1


def test_a_letter_sent_is_mailed_with_the_docx_as_sent(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 20), channel="post")
    letter = services.application_decide(application=application, actor=alice, on=date(2026, 3, 2), outcome="granted")
    letters.letter_send(letter=letter, actor=alice, on=date(2026, 3, 2), method="post")
    send_outbox()
    mail = next(m for m in django_mail.outbox if letter.title in m.subject)
    ((name, content, mimetype),) = mail.attachments
    assert name.endswith(".docx") and "wordprocessingml" in mimetype
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "2026年3月2日" in text and application.number in text
    assert PERSON["id_number"] not in mail.subject


def test_reissuing_the_code_mails_a_new_one_and_the_old_one_stops_working(submit):
    application, old = submit()
    send_outbox()
    django_mail.outbox.clear()
    assert services.application_reissue_code(application=application)
    send_outbox()
    (sent,) = django_mail.outbox
    new = sent.body.split("新的查询码：", 1)[1][:10]
    stored = Application.objects.get(pk=application.pk)
    assert stored.check_tracking_code(new) and not stored.check_tracking_code(old)


def test_no_code_is_reissued_without_an_address(submit):
    application, code = submit(email="", delivery="post")
    assert not services.application_reissue_code(application=application)
    assert Application.objects.get(pk=application.pk).check_tracking_code(code)


def test_without_a_mail_server_the_mail_is_written_to_the_mail_folder(submit, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    application, _ = submit()
    assert send_outbox().sent == 1
    (written,) = (tmp_path / "mail").iterdir()
    text = written.read_text(encoding="utf-8")
    assert application.number in text and PERSON["email"] in text


@pytest.mark.django_db(transaction=True)  # the worker closes stale connections between polls, as it does in service
def test_the_task_worker_drains_the_outbox(submit):
    application, _ = submit()
    call_command("jobs_worker", "--batch")
    (sent,) = django_mail.outbox
    assert application.number in sent.subject
    assert OutboxMail.objects.get(application=application).sent_at is not None
