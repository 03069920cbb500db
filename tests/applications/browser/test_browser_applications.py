"""A citizen applies online and later sees the answer by tracking code; staff ask for a correction, extend, answer
with partial disclosure and download the letter; a handler of another agency cannot open the application."""

from __future__ import annotations

import io
import re

import docx
import pytest

from applications.conftest import PERSON, png
from gongkai.applications.models import Application
from personas import sign_in, solve_challenge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _apply(page, agency) -> tuple[str, str]:
    page.goto(f"{page.base}/apply/")
    page.click(f"text={agency.name}")
    page.select_option("#id_applicant_type", "natural_person")
    for name in ("applicant_name", "id_number", "phone", "email", "address", "description"):
        page.fill(f"#id_{name}", PERSON[name])
    page.select_option("#id_id_type", "resident_id")
    page.select_option("#id_form", "paper")
    page.select_option("#id_delivery", "post")
    identity = {"name": "身份证.png", "mimeType": "image/png", "buffer": png()}  # 第29条: the proof of identity
    page.set_input_files("#id_identity_document", identity)
    page.fill("#id_challenge", solve_challenge(page.content()))
    page.click("button:has-text('提交申请')")
    return page.text_content("#number"), page.text_content("#code")


def _step(page, name: str, **fields) -> None:
    for field, value in fields.items():
        selector = f"#id_{name}-{field}"
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    if page.locator(f"#confirm-step-{name}").count():  # an irreversible step: tick the confirmation first
        page.check(f"#id_confirm_{name}")
    page.click(f"#step-{name} button[type=submit]")
    page.wait_for_selector(".messages")


def test_it_goes_from_application_to_answer(page, agency, alice, charlie, next_year_schedule):
    number, code = _apply(page, agency)
    assert re.fullmatch(r"\d{4}-\d{4}-\d{5}", number)
    application = Application.objects.get(number=number)

    sign_in(page, "alice")
    page.goto(f"{page.base}/staff/applications/{application.pk}/")
    assert PERSON["id_number"] in page.content()
    today = application.received_on
    _step(page, "correction", reply_by=today.replace(year=today.year + 1).isoformat(), what="请写明年份")
    assert page.text_content("#status") == "等待补正"
    _step(page, "corrected")
    _step(page, "extend", workdays="15", approved_by="王主任", reason="需要检索档案")
    _step(page, "decide", outcome="partially_granted", reason="部分内容涉及个人隐私，已作区分处理")
    assert "部分公开" in page.text_content("#outcome")
    page.click("#letters a:has-text('答复书')")
    with page.expect_download() as download:
        page.click("#download")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.value.path().read_bytes())).paragraphs)
    assert "第三十七条" in text and "行政复议" in text and "行政诉讼" in text

    sign_in(page, "charlie")
    response = page.goto(f"{page.base}/staff/applications/{application.pk}/")
    assert response.status == 403

    page.context.clear_cookies()
    page.goto(f"{page.base}/track/")
    page.fill("#id_number", number)
    page.fill("#id_code", code)
    page.click("button:has-text('查询')")
    assert "部分公开" in page.text_content("#status-outcome")
    assert PERSON["applicant_name"] not in page.content()
