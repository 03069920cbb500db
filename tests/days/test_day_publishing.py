"""The drafter writes an item, each reviewer of the agency's configured chain finds it in 待我处理 and passes it, the
last one publishes it through the confirmation, and a citizen finds it on the portal. No URL is typed."""

from __future__ import annotations

import pytest

from gongkai.agencies.models import Role
from gongkai.publishing import workflow
from gongkai.publishing.models import Item, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "关于2026年春节期间办公楼安全检查的通知"
REVIEWER = {Role.SECTION_HEAD: "bob", Role.LEADER: "cindy", Role.SECRECY_REVIEWER: "dave"}
SHOT = {Role.SECTION_HEAD: "reviewer", Role.LEADER: "leader", Role.SECRECY_REVIEWER: "secrecy"}


def test_a_typed_staff_url_fails_the_day(day, office):
    day.sign_in("alice")
    with pytest.raises(AssertionError, match="typed URL"):
        day.page.goto(day.page.base + f"/staff/{office['agency'].pk}/items/new/")


def test_an_item_goes_from_the_drafter_through_the_review_chain_to_the_portal(day, office):
    page, agency = day.page, office["agency"]
    day.sign_in("alice")
    day.shot("drafter-1-inbox")
    page.click("#nav-items")
    page.wait_for_selector("#item-table")
    day.axe()
    day.shot("drafter-2-items")
    page.click("a.button:has-text('新建信息')")
    page.fill("#id_title", TITLE)
    category = page.locator("#id_category option:not([value=''])").first.get_attribute("value")
    page.select_option("#id_category", category)
    page.fill("#id_formed_on", "2026-01-12")
    page.locator(".prose-editor .tiptap").fill("春节前对办公楼消防设施、用电线路进行一次全面安全检查。")
    day.shot("drafter-3-new-item", at="h1")
    page.click("main form button[type=submit]:has-text('保存')")
    page.wait_for_selector("#status")
    page.click("button:has-text('提交审核')")
    page.wait_for_selector(".messages")
    item = Item.objects.get(title=TITLE)
    assert item.status == workflow.first_step(agency)
    day.shot("drafter-4-submitted")

    for step in workflow.review_steps(agency):
        role = workflow.STEP_ROLE[step]
        day.sign_in(REVIEWER[role])
        assert int(page.text_content("#inbox-count")) >= 1
        day.axe()
        page.click(f"#inbox-review >> text={TITLE}")
        page.wait_for_selector("#status")
        assert page.text_content("#status") == Status(step).label
        page.fill("#id_comment", "同意")
        day.shot(f"{SHOT[role]}-1-item", at="h1")
        if page.locator("#confirm-step-publish").count():  # the last step publishes: confirm first
            page.check("#id_confirm_publish")
            day.axe()
            day.shot(f"{SHOT[role]}-2-confirm", at="#pass-form")
            page.click("#confirm-submit-publish")
        else:
            page.click("button:has-text('审核通过')")
        page.wait_for_selector(".messages")
        page.click("#nav-inbox")
        page.wait_for_selector("h1")
        assert TITLE not in page.text_content("main")
    assert page.text_content("h1") and Item.objects.get(pk=item.pk).status == Status.PUBLISHED

    page.context.clear_cookies()  # the citizen: from the portal's home page
    page.goto(page.base + "/")
    page.click(f"main >> text={agency.name}")
    page.click(f"text={TITLE}")
    page.wait_for_selector("table.meta")
    assert Item.objects.get(pk=item.pk).index_number in page.text_content("table.meta")
    assert "春节前对办公楼消防设施" in page.text_content("main")
    day.shot("public-1-item")
