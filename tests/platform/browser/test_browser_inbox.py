"""A reviewer's day from the login page, without typing a URL: the header counts what waits, 待我处理 leads to the
item, the review passes it on, and back in 待我处理 it is gone."""

from __future__ import annotations

import pytest

from gongkai.publishing import services
from personas import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inbox_to_item_and_back(page, agency, make_item, alice, bob):
    item = make_item(title="关于开展节能宣传周活动的通知")
    services.item_submit(item=item, actor=alice)
    sign_in(page, "bob")
    page.wait_for_selector("#nav-inbox")
    assert page.text_content("#inbox-count") == "1"
    page.click("#nav-inbox")
    page.click("#inbox-review >> text=关于开展节能宣传周活动的通知")
    page.wait_for_selector("#status")
    assert page.text_content("#status") == "待科室负责人审核"
    page.fill("#id_comment", "同意")
    page.click("button:has-text('审核通过')")
    page.wait_for_selector(".messages")
    page.click("#nav-inbox")
    page.wait_for_selector("h1")
    assert "关于开展节能宣传周活动的通知" not in page.content()
    assert page.locator("#inbox-count").count() == 0
    assert page.locator("#inbox-empty").is_visible()
