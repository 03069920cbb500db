"""A staff member opens the draft, clicks a number in table B and sees the applications behind it, writes what the
drafted text left open, previews the files, keeps each warning with a reason and confirms; the portal shows the
report and its downloads."""

from __future__ import annotations

import pytest

from personas import sign_in
from reporting.browser.editing import replace_text, retype

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_goes_from_draft_to_portal(page, demo, erin, settings):
    settings.GONGKAI_REPORT_SIGNING_ROLE = "agency_admin"  # erin, the admin, signs here
    agency = demo["invented"]
    sign_in(page, "erin")

    page.goto(f"{page.base}/staff/{agency.pk}/reports/2025/")
    page.click('td[data-cell="table_b.withheld_third_party.natural_person"] a')
    page.wait_for_selector("#records")
    assert page.text_content("#cell-value").strip() == "1"
    assert page.locator("#records tr").count() == 2  # the header and the one application

    page.go_back()
    assert replace_text(page, "id_section-1", "（请补充）", "按计划完成各项工作。") >= 1
    retype(page, "id_section-5", "2025年，本局政府信息公开工作存在的主要问题是公开内容有待丰富；改进措施是加强培训。")
    page.click("#save")
    page.wait_for_selector(".messages")
    assert "加强培训" in page.input_value("#id_section-5")

    page.click("#publish")
    page.wait_for_selector("#confirm-step")
    assert page.locator("#preview-docx").count() == 1 and page.locator("#no-blockers").count() == 1
    for field in page.locator("#warnings input").all():
        field.fill("经核对，保留原文。")
    page.check("#id_confirm")
    page.click("#confirm-submit")
    page.wait_for_url("**/v1/")
    page.goto(f"{page.base}/gk/{agency.pk}/")
    page.click("#report-list a >> nth=0")
    page.wait_for_selector("#downloads")
    assert "加强培训" in page.text_content("article.report")
    for ext in ("DOCX", "PDF", "HTML", "XLSX"):
        assert page.locator(f"#downloads a:has-text('{ext}')").count() == 1
    response = page.request.get(page.base + page.locator("#downloads a:has-text('DOCX')").get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"PK")
