"""A citizen applies on the portal: number, tracking code, the receipt rule and the expected answer date."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from applications.conftest import PERSON, png
from gongkai.applications.models import Application, EventKind
from personas import solve_challenge


def _challenge(page_html: str) -> tuple[str, str]:
    token = re.search(r'name="challenge_token" value="([^"]+)"', page_html).group(1)
    return token, solve_challenge(page_html)


def _post(client, agency, **overrides):
    token, answer = _challenge(client.get(f"/apply/{agency.pk}/").content.decode())
    identity = SimpleUploadedFile("id.png", png(), "image/png")
    data = {**PERSON, "challenge_token": token, "challenge": answer, "website": "", "identity_document": identity}
    data |= overrides
    return client.post(f"/apply/{agency.pk}/", data)


def test_it_gives_a_number_a_tracking_code_and_the_due_date(client, agency):
    response = _post(client, agency)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    application = Application.objects.get()
    assert application.number in page
    code = re.search(r'<dd id="code">([A-Z0-9]+)</dd>', page).group(1)
    assert application.check_tracking_code(code)
    assert "以双方确认之日为收到申请之日，第31条第（三）项" in page
    # Received Monday 2 March 2026; 20 working days later, the start day not counted.
    assert application.received_on.isoformat() == "2026-03-02"
    assert application.due_date.isoformat() == "2026-03-30"
    assert "2026-03-30" in page
    assert application.events.get().kind == EventKind.RECEIVED
    # Shown once: a reload does not show the code again.
    assert code not in client.get(response.url, follow=True).content.decode()


def test_it_puts_the_reason_beside_a_missing_field(client, agency):
    response = _post(client, agency, description="", phone="")
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'id="field-description".*?errorlist', page, re.S)
    assert re.search(r'id="field-phone".*?errorlist', page, re.S)
    assert not Application.objects.exists()


def test_it_asks_an_organisation_for_its_credit_code(client, agency):
    response = _post(client, agency, applicant_type="commercial_enterprise", id_type="", id_number="")
    assert re.search(r'id="field-credit_code".*?须填写统一社会信用代码', response.content.decode(), re.S)


def test_it_refuses_a_wrong_answer_to_the_challenge(client, agency):
    response = _post(client, agency, challenge="999")
    assert "验证问题回答错误" in response.content.decode()
    assert not Application.objects.exists()


def test_it_refuses_a_filled_in_hidden_field(client, agency):
    _post(client, agency, website="http://spam.example")
    assert not Application.objects.exists()


def test_it_limits_submissions_per_address(client, agency, settings):
    settings.GONGKAI_APPLY_PER_HOUR = 2
    for _ in range(3):
        response = _post(client, agency)
    assert "提交过于频繁" in response.content.decode()
    assert Application.objects.count() == 2
