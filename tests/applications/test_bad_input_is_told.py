"""Bad input posted to an action is told in Chinese on the page it returns to, never dropped in silence: a letter
sent without a date, an appeal decided with a result that does not exist."""

from __future__ import annotations

from datetime import date

from gongkai.applications import services
from gongkai.applications.models import Appeal

DAY = date(2026, 3, 2)


def test_a_letter_sent_without_a_date_says_so(submit, alice, client):
    application, _ = submit(received_on=date(2026, 2, 20), channel="post")
    letter = services.application_decide(application=application, actor=alice, on=DAY, outcome="granted")
    client.force_login(alice)
    response = client.post(f"/staff/letters/{letter.pk}/send/", {"send-method": "post"}, follow=True)
    assert "这个字段是必填项" in response.content.decode()
    letter.refresh_from_db()
    assert not letter.locked


def test_an_appeal_decision_without_a_result_says_so(submit, alice, client):
    application, _ = submit(received_on=date(2026, 2, 20), channel="post")
    services.application_decide(application=application, actor=alice, on=DAY, outcome="granted")
    appeal = services.appeal_register(application=application, actor=alice, kind="reconsideration", filed_on=DAY)
    client.force_login(alice)
    response = client.post(f"/staff/appeals/{appeal.pk}/", {"result": "nonsense"}, follow=True)
    assert "选择一个有效的选项" in response.content.decode()
    assert Appeal.objects.get(pk=appeal.pk).result == "pending"
