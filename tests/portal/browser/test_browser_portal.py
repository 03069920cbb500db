"""A visitor browses the catalog to an item and finds it by searching in Chinese; staff withdraw it and it is gone
from the item page, the list, search, the feed and the sitemap at once. Every page passes axe-core."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from personas import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "关于开展公共机构节能宣传周活动的通知"


def _assert_accessible(page) -> None:
    page.wait_for_load_state()  # a click may still be navigating: axe needs the new document, not the old one's end
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def test_it_browses_searches_and_withdraws(page, agency, publish):
    item = publish(TITLE, document_number="测发〔2026〕9号")
    page.goto(page.base + "/")
    _assert_accessible(page)
    page.click("text=测试局")
    _assert_accessible(page)
    page.click("nav.tree >> text=政策文件")
    page.click(f"text={TITLE}")
    assert page.locator("table.meta").inner_text().count("测发〔2026〕9号") == 1
    _assert_accessible(page)

    page.fill("#site-q", "节能宣传")
    page.press("#site-q", "Enter")
    page.wait_for_selector("#result-count")
    assert page.locator(".hits mark").first.inner_text() == "节能宣传"
    _assert_accessible(page)
    page.click(".hits a")
    assert page.url.endswith(f"/gk/item/{item.pk}/")

    sign_in(page, "erin")
    page.goto(f"{page.base}/staff/items/{item.pk}/")
    page.fill("#withdraw-reason", "信息有误")
    page.check("#id_confirm_withdraw")  # withdrawal is irreversible: the confirmation first
    page.click("#confirm-submit-withdraw")
    page.wait_for_selector(".messages")

    assert page.goto(f"{page.base}/gk/item/{item.pk}/").status == 404
    for path in (
        f"/gk/{agency.pk}/c/{item.category_id}/",
        "/search/?q=节能宣传",
        f"/gk/{agency.pk}/feed.atom",
        "/sitemap-items-0.xml",
    ):
        page.goto(page.base + path)
        assert TITLE not in page.content() and f"/gk/item/{item.pk}/" not in page.content(), path


def test_it_offers_large_text_and_a_skip_link(page, agency):
    page.goto(f"{page.base}/gk/{agency.pk}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    size = page.evaluate("getComputedStyle(document.body).fontSize")
    page.click("#large-text")
    assert page.evaluate("getComputedStyle(document.body).fontSize") != size
    page.reload()
    assert page.get_attribute("#large-text", "aria-pressed") == "true"
