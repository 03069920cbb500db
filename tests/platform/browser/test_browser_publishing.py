"""A drafter creates an item, three reviewers pass it, it appears publicly; rejection; a hold; a withdrawal."""

from __future__ import annotations

from datetime import date

import pytest
from helpers_platform import review_to_publication

from gongkai.publishing import services
from gongkai.publishing.models import Item, Status
from personas import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _draft_through_the_page(page, agency, title: str, body: str) -> Item:
    sign_in(page, "alice")
    page.goto(f"{page.base}/staff/{agency.pk}/items/new/")
    page.fill("#id_title", title)
    page.select_option("#id_category", label="业务动态")
    page.fill("#id_formed_on", date.today().isoformat())
    page.locator(".prose-editor .tiptap").fill(body)  # the rich-text editor stands in for the HTML box
    page.click("button:has-text('保存')")
    page.wait_for_selector("#status")
    page.click("button:has-text('提交审核')")
    page.wait_for_selector(".messages")
    return Item.objects.get(title=title)


def _pass(page, item, username: str) -> None:
    sign_in(page, username)
    page.goto(f"{page.base}/staff/items/{item.pk}/")
    page.fill("#id_comment", "同意")
    if page.locator("#confirm-step-publish").count():  # the last step publishes: the confirmation first
        page.check("#id_confirm_publish")
        page.click("#confirm-submit-publish")
    else:
        page.click("button:has-text('审核通过')")
    page.wait_for_selector(".messages")


def test_it_publishes_after_three_reviewers(page, agency, alice, bob, cindy, dave):
    item = _draft_through_the_page(page, agency, "关于开展公共机构节能宣传周活动的通知", "活动安排如下。")
    for reviewer in ("bob", "cindy", "dave"):
        _pass(page, item, reviewer)
    assert page.text_content("#status") == "已发布"
    page.goto(f"{page.base}/gk/{agency.pk}/")
    page.click("text=关于开展公共机构节能宣传周活动的通知")
    assert item.index_number in page.content()


def test_it_returns_a_rejected_item_to_the_drafter(page, agency, alice, bob):
    item = _draft_through_the_page(page, agency, "需要修改的通知", "内容")
    sign_in(page, "bob")
    page.goto(f"{page.base}/staff/items/{item.pk}/")
    page.fill("#reject-reason", "请补充附件")
    page.click("button:has-text('退回起草人')")
    page.wait_for_selector(".messages")
    assert page.text_content("#status") == "草稿"
    assert "请补充附件" in page.content()


def test_it_holds_an_item_with_an_identity_number(page, agency, alice, bob):
    item = _draft_through_the_page(page, agency, "含身份证号的公示", "张三 11010519491231002X")
    assert page.text_content("#status") == "疑含个人信息，待确认"
    assert "110105********002X" in page.content()
    assert Item.objects.get(pk=item.pk).status == Status.HELD


def test_it_takes_a_withdrawn_item_off_the_public_page(page, agency, make_item, alice, bob, cindy, dave, erin):
    item = review_to_publication(
        services.item_submit(item=make_item(title="将被撤回的信息"), actor=alice), bob, cindy, dave
    )
    page.goto(f"{page.base}/gk/{agency.pk}/")
    assert "将被撤回的信息" in page.content()
    sign_in(page, "erin")
    page.goto(f"{page.base}/staff/items/{item.pk}/")
    page.fill("#withdraw-reason", "信息有误")
    page.check("#id_confirm_withdraw")
    page.click("#confirm-submit-withdraw")
    page.wait_for_selector(".messages")
    page.goto(f"{page.base}/gk/{agency.pk}/")
    assert "将被撤回的信息" not in page.content()
    assert page.goto(f"{page.base}/gk/item/{item.pk}/").status == 404
