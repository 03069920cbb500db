"""Control characters (\\x01 \\x08 \\x0b …) are refused at every input by one rule (issue 15, item 2): forms, query
parameters, the JSON API and the report draft all answer 400 and store nothing."""

from __future__ import annotations

import pytest

from gongkai.applications.models import Application
from gongkai.publishing.models import Item
from gongkai.text import find_control, strip_control
from security.conftest import APPLICANT, answered_challenge, applicant_fields


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\ufffe", "\ud800"])
def test_the_rule_finds_each_control_character_and_keeps_text(char):
    assert find_control(f"标题{char}正文") == char
    assert strip_control(f"标题{char}正文") == "标题正文"
    assert find_control("第一行\n第二行\t制表\r\n") is None


def test_a_staff_form_refuses_them(client, alice, agency):
    client.force_login(alice)
    response = client.post(f"/staff/{agency.pk}/items/new/", {"title": "通知\x0b一", "body": "正文"})
    assert response.status_code == 400 and "控制字符" in response.text
    assert not Item.objects.exists()


def test_the_public_form_refuses_them(client, agency):
    response = client.post(f"/apply/{agency.pk}/", {**APPLICANT, "applicant_name": "张\x01三"})
    assert response.status_code == 400 and "控制字符" in response.text
    assert not Application.objects.exists()


def test_the_json_api_refuses_them_as_json(client, agency):
    body = {**APPLICANT, **answered_challenge(client), "description": "预算\x08决算"}
    response = client.post(f"/api/v1/agencies/{agency.pk}/applications", body, content_type="application/json")
    assert response.status_code == 400 and "控制字符" in response.json()["error"]
    assert not Application.objects.exists()


def test_query_parameters_are_checked_too(client, agency):
    response = client.get("/search/", {"q": "预算\x01"})
    assert response.status_code == 400


def test_the_report_draft_refuses_them(client, erin, agency):
    client.force_login(erin)
    response = client.post(f"/staff/{agency.pk}/reports/2025/", {"preamble": "本报告\x0c说明", "title": ""})
    assert response.status_code == 400 and "控制字符" in response.text


def test_a_letter_stored_with_them_before_this_rule_still_renders(agency):
    """Data from before the rule (or from the admin's database shell): the letter's DOCX is still produced."""
    import io

    import docx

    from gongkai.applications.letters import letter_docx, letter_draft
    from gongkai.applications.models import Channel, LetterKind
    from gongkai.applications.services import application_submit

    application, _ = application_submit(agency=agency, channel=Channel.POST, **applicant_fields())
    letter = letter_draft(application=application, kind=LetterKind.CORRECTION)
    letter.body = "请补正\x01申请\x0b内容。"
    letter.save()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(letter_docx(letter))).paragraphs)
    assert "请补正申请内容。" in text
