"""A citizen applies on the public form; the handler finds the application in 待我处理, takes it on, prints the
受理回执, answers it, sends the 答复书 (confirmed), and closes it (confirmed); the citizen follows it with the tracking
code. Every step by clicking from the portal's home page or the login page."""

from __future__ import annotations

import pytest

from applications.conftest import PERSON, png
from gongkai.applications.models import Application
from gongkai.applications.workflow import Status
from personas import solve_challenge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESCRIPTION = "2025年本局公务接待费的预算和决算"


def _apply(day, agency) -> tuple[str, str]:
    page = day.page
    page.goto(page.base + "/")
    page.click("header >> text=依申请公开")
    page.click(f"main >> text={agency.name}")
    page.wait_for_selector("#id_applicant_type")
    page.select_option("#id_applicant_type", "natural_person")
    for name in ("applicant_name", "id_number", "phone", "email", "address"):
        page.fill(f"#id_{name}", PERSON[name])
    page.fill("#id_description", DESCRIPTION)
    page.select_option("#id_id_type", "resident_id")
    page.select_option("#id_form", "email")
    page.select_option("#id_delivery", "email")
    page.set_input_files("#id_identity_document", {"name": "身份证.png", "mimeType": "image/png", "buffer": png()})
    page.fill("#id_challenge", solve_challenge(page.content()))
    day.shot("applicant-1-form", at="h1")
    page.click("button:has-text('提交申请')")
    page.wait_for_selector("#number")
    day.axe()
    day.shot("applicant-2-submitted")
    return page.text_content("#number"), page.text_content("#code")


def _track(day, number: str, code: str) -> str:
    page = day.page
    page.context.clear_cookies()
    page.goto(page.base + "/")
    page.click("header >> text=查询办理进度")
    page.fill("#id_number", number)
    page.fill("#id_code", code)
    page.click("main button:has-text('查询')")
    page.wait_for_selector("#application-status")
    return page.text_content("#application-status")


def test_an_application_goes_from_the_public_form_to_closing(day, office):
    page, agency = day.page, office["agency"]
    number, code = _apply(day, agency)
    application = Application.objects.get(number=number)
    assert application.status == Status.RECEIVED
    assert "办理中" in _track(day, number, code)

    day.sign_in("hui")
    day.axe()
    page.click("#nav-applications")  # the agency's queue: searchable, filtered, overdue first
    page.wait_for_selector("#nav-inbox")
    assert number in page.text_content("main")
    day.axe()
    day.shot("handler-0-queue")
    page.click("#nav-inbox")
    page.click(f"#inbox-applications >> text={number}")
    page.wait_for_selector("#status")
    day.axe()
    page.click("button:has-text('由我承办')")
    page.locator("main p", has_text="承办人：孙慧").wait_for()
    day.shot("handler-1-application")
    with page.expect_download() as receipt:  # the 受理回执, printable
        page.click("#receipt-docx")
    assert receipt.value.path().read_bytes().startswith(b"PK")

    page.select_option("#id_decide-outcome", "granted")
    page.fill("#id_decide-reason", "所申请信息由本局制作并保存，予以公开。")
    page.check("#id_confirm_decide")
    day.shot("handler-2-decide", at="#step-decide")
    page.click("#confirm-submit-decide")
    page.wait_for_selector(".messages")
    assert "予以公开" in page.text_content("#outcome")

    page.click("#nav-inbox")  # the 答复书 waits in 待我处理 until it is sent
    page.click("#inbox-letters a")
    page.wait_for_selector("#confirm-step-send")
    day.axe()
    page.select_option("#id_send-method", "email")
    page.check("#id_confirm_send")
    day.shot("handler-3-letter", at="h1")
    page.click("#confirm-submit-send")
    page.wait_for_selector("#locked")

    page.click("text=返回申请")
    page.wait_for_selector("#step-close")
    page.check("#id_confirm_close")
    day.axe()
    page.click("#confirm-submit-close")
    page.wait_for_selector(".messages")
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    day.shot("handler-4-closed", at="h1")
    page.click("#nav-inbox")
    assert number not in page.text_content("main")

    text = _track(day, number, code)
    day.axe()
    assert "予以公开" in text and PERSON["applicant_name"] not in text
    day.shot("applicant-3-track")
