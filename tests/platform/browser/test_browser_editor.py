"""The item body editor (django-prose-editor) in Chromium: it loads under the site's Content-Security-Policy (no
inline script, nothing from another origin), and HTML pasted from Word arrives as headings, lists and a table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.publishing.models import Item
from personas import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD = (Path(__file__).resolve().parents[2] / "fixtures" / "word-paste.html").read_text(encoding="utf-8")


def test_the_drafter_pastes_from_word_and_saves(page, agency, alice):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, "alice")
    page.goto(f"{page.base}/staff/{agency.pk}/items/new/")
    editor = page.locator(".prose-editor .tiptap")
    editor.wait_for()
    assert page.get_attribute(".prose-menubar button[data-name=bold]", "aria-label") == "加粗"
    assert page.text_content(".prose-menubar button[data-name=heading2]") == "二级标题"
    assert not page.locator("#id_body").is_visible()  # the editor stands in for the HTML box
    page.fill("#id_title", "关于开展节能宣传周活动的通知")
    page.select_option("#id_category", label="业务动态")
    page.fill("#id_formed_on", date.today().isoformat())
    editor.click()
    page.evaluate(
        """(html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "x");
            const target = document.querySelector(".prose-editor .tiptap");
            target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        WORD,
    )
    assert editor.locator("ol > li").count() == 2
    assert editor.locator("table").count() == 1
    page.click("button:has-text('保存')")
    page.wait_for_selector("#status")
    body = Item.objects.get(title="关于开展节能宣传周活动的通知").body
    assert "<h2>" in body and "<ol>" in body and "<ul>" in body and "<table>" in body
    assert "6月10日至16日为节能宣传周" in body and "熄灯一小时" in body
    assert "mso-" not in body and "style=" not in body and "1." not in body
    assert not errors, errors
