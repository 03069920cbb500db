"""Recording a decision, sending a letter and closing an application ask for the one confirmation (gongkai.confirm);
closing with a letter not yet sent is refused and the page says which letter."""

from __future__ import annotations

import re
from datetime import date

from gongkai.applications import letters, services
from gongkai.applications.models import Application
from gongkai.applications.workflow import Status

DAY = date(2026, 3, 2)


def _token(html: str, name: str) -> str:
    fieldset = html.split(f'id="confirm-step-{name}"', 1)[1]
    return re.search(r'name="confirm_token" value="([^"]+)"', fieldset).group(1)


def _decide(client, application, **extra):
    data = {"decide-on": DAY.isoformat(), "decide-outcome": "granted", **extra}
    return client.post(f"/staff/applications/{application.pk}/decide/", data, follow=True)


def test_a_decision_needs_the_tick(submit, alice, client):
    application, _ = submit(received_on=date(2026, 2, 20), channel="post")
    client.force_login(alice)
    token = _token(client.get(f"/staff/applications/{application.pk}/").content.decode(), "decide")
    response = _decide(client, application, confirm_token=token)
    assert "请核对预览内容" in response.content.decode()
    assert Application.objects.get(pk=application.pk).outcome == ""
    _decide(client, application, confirm_token=token, confirm="yes")
    assert Application.objects.get(pk=application.pk).outcome == "granted"


def test_a_decision_confirmed_in_another_status_is_refused(submit, alice, client):
    application, _ = submit(received_on=date(2026, 2, 20), channel="post")
    client.force_login(alice)
    token = _token(client.get(f"/staff/applications/{application.pk}/").content.decode(), "decide")
    services.application_request_correction(
        application=application, actor=alice, on=DAY, reply_by=date(2026, 3, 20), what="年份"
    )
    response = _decide(client, application, confirm_token=token, confirm="yes")
    assert "预览之后内容已有变化" in response.content.decode()
    assert Application.objects.get(pk=application.pk).outcome == ""


def test_a_letter_is_sent_only_as_it_was_read(submit, alice, client):
    application, _ = submit(received_on=date(2026, 2, 20), channel="post")
    letter = services.application_decide(application=application, actor=alice, on=DAY, outcome="granted")
    client.force_login(alice)
    page = client.get(f"/staff/letters/{letter.pk}/").content.decode()
    token = _token(page, "send")
    url = f"/staff/letters/{letter.pk}/send/"
    client.post(url, {"send-on": DAY.isoformat(), "send-method": "post", "confirm_token": token})
    letter.refresh_from_db()
    assert not letter.locked
    letters.letter_update(
        letter=letter, actor=alice, title=letter.title, doc_number="", body=letter.body + "补充一句。"
    )
    response = client.post(
        url, {"send-on": DAY.isoformat(), "send-method": "post", "confirm_token": token, "confirm": "yes"}, follow=True
    )
    assert "预览之后内容已有变化" in response.content.decode()
    letter.refresh_from_db()
    assert not letter.locked
    token = _token(client.get(f"/staff/letters/{letter.pk}/").content.decode(), "send")
    client.post(url, {"send-on": DAY.isoformat(), "send-method": "post", "confirm_token": token, "confirm": "yes"})
    letter.refresh_from_db()
    assert letter.locked and letter.sent_on == DAY


def test_closing_with_an_unsent_letter_is_shown_and_refused(submit, alice, client):
    application, _ = submit(received_on=date(2026, 2, 20), channel="post")
    letter = services.application_decide(application=application, actor=alice, on=DAY, outcome="granted")
    client.force_login(alice)
    page = client.get(f"/staff/applications/{application.pk}/").content.decode()
    warning = page.split('id="unsent-letters"', 1)[1].split("</div>", 1)[0]
    assert "不能办结" in warning and letter.title in warning and f"/staff/letters/{letter.pk}/" in warning
    close = page.split('id="step-close"', 1)[1].split("</form>", 1)[0]
    assert 'id="confirm-submit-close" disabled' in close
    token = _token(page, "close")
    response = client.post(
        f"/staff/applications/{application.pk}/close/",
        {"close-on": DAY.isoformat(), "confirm_token": token, "confirm": "yes"},
        follow=True,
    )
    assert "尚有未发出的文书" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status != Status.CLOSED


def test_closing_after_the_letter_went_out_needs_the_tick(submit, alice, client):
    application, _ = submit(received_on=date(2026, 2, 20), channel="post")
    letter = services.application_decide(application=application, actor=alice, on=DAY, outcome="granted")
    letters.letter_send(letter=letter, actor=alice, on=DAY, method="pickup")
    client.force_login(alice)
    page = client.get(f"/staff/applications/{application.pk}/").content.decode()
    assert 'id="unsent-letters"' not in page
    token = _token(page, "close")
    url = f"/staff/applications/{application.pk}/close/"
    client.post(url, {"close-on": DAY.isoformat(), "confirm_token": token})
    assert Application.objects.get(pk=application.pk).status != Status.CLOSED
    client.post(url, {"close-on": DAY.isoformat(), "confirm_token": token, "confirm": "yes"})
    assert Application.objects.get(pk=application.pk).status == Status.CLOSED
