"""A report section in the editor, in Chromium: the drafter pastes from Word into one section and types into another,
saves, and the draft holds the cleaned HTML (headings, lists, a table, no Word styling) and the text the rules read;
the page opens again with the table in the editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.reporting.models import ReportDraft
from personas import sign_in
from reporting.browser.editing import editor, retype

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD = (Path(__file__).resolve().parents[2] / "fixtures" / "word-paste.html").read_text(encoding="utf-8")

PASTE = """([id, html]) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "x");
    const target = document.querySelector(`.prose-editor:has(#${id}) .tiptap`);
    target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def test_the_drafter_pastes_from_word_into_a_section_and_saves(page, demo, alice):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    agency = demo["invented"]
    sign_in(page, "alice")
    page.goto(f"{page.base}/staff/{agency.pk}/reports/2025/")
    five = editor(page, "id_section-5")
    five.wait_for()
    assert page.locator(".prose-editor .tiptap").count() == 6  # one editor a section
    assert not page.locator("#id_section-5").is_visible()
    retype(page, "id_section-5", "")
    page.evaluate(PASTE, ["id_section-5", WORD])
    assert five.locator("ol > li").count() == 2 and five.locator("table").count() == 1
    retype(page, "id_section-6", "1.本年度未收取信息处理费。")
    page.click("#save")
    page.wait_for_selector(".messages")

    draft = ReportDraft.objects.get(agency=agency, year=2025)
    html = draft.sections_html["5"]
    assert "<h2>" in html and "<ol>" in html and "<ul>" in html and "<table>" in html
    assert "mso-" not in html and "style=" not in html
    assert "1. 6月10日至16日为节能宣传周；" in draft.sections["5"].splitlines()
    assert draft.sections["6"].splitlines()[1:] == ["1.本年度未收取信息处理费。"]

    page.reload()
    editor(page, "id_section-5").locator("table").wait_for()
    assert "熄灯一小时" in editor(page, "id_section-5").text_content()
    assert not errors, errors
