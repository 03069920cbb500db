"""The drafter finishes the 2025 annual report that the records drafted (header → 年度报告), the 分管领导 finds it in
待我处理, reads the preview, keeps each warning with a reason and confirms; the portal shows the report."""

from __future__ import annotations

import pytest

from gongkai.reporting.models import ReportVersion
from reporting.browser.editing import replace_text

from .conftest import REPORT_YEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PROMPT = "（请补充）"


def test_the_annual_report_is_drafted_previewed_and_published(day, office):
    page, agency = day.page, office["agency"]
    day.sign_in("alice")
    page.click("#nav-reports")
    page.wait_for_selector("#save")
    assert f"{REPORT_YEAR}年" in page.text_content("h1")
    day.axe()
    day.shot("drafter-5-report")
    sections = page.locator("textarea[id^='id_section-']")
    for i in range(sections.count()):
        box = sections.nth(i)  # hidden behind its editor: read it, type in the editor as a person would
        if PROMPT in box.input_value():
            assert replace_text(page, box.get_attribute("id"), PROMPT, "按计划完成了各项工作。")
    page.click("#save")
    page.wait_for_selector(".messages")
    assert PROMPT not in page.text_content("main")
    page.click("#publish")  # the drafter may preview; the signing role confirms
    page.wait_for_selector("#signer-needed")
    assert not ReportVersion.objects.filter(agency=agency, year=REPORT_YEAR).exists()

    day.sign_in("cindy")
    page.click("#inbox-reports a")
    page.wait_for_selector("#confirm-step")
    assert page.locator("#preview-docx").count() == 1 and page.locator("#no-blockers").count() == 1
    for field in page.locator("#warnings input").all():
        field.fill("经核对，保留原文。")
    page.check("#id_confirm")
    day.axe()
    day.shot("leader-3-report-confirm", at="#gate")
    page.click("#confirm-submit")
    page.wait_for_url("**/v1/")
    assert ReportVersion.objects.filter(agency=agency, year=REPORT_YEAR, number=1).exists()
    page.click("#nav-inbox")
    assert page.locator("#inbox-reports").count() == 0

    page.context.clear_cookies()
    page.goto(page.base + "/")
    page.click(f"main >> text={agency.name}")
    page.click("#report-list a >> nth=0")
    page.wait_for_selector("#downloads")
    assert "按计划完成了各项工作" in page.text_content("article.report")
    day.shot("public-2-report")
