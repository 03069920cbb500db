"""Publishing an item (the last review step) and withdrawing it ask for the one confirmation (gongkai.confirm);
the drafter edits a held item and it goes back to review."""

from __future__ import annotations

import re

import pytest
from helpers_platform import review_to_publication

from gongkai.publishing import services
from gongkai.publishing.models import Item, Status
from personas import PASSWORD

ID = "11010519491231002X"


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)


def _token(html: str, name: str) -> str:
    fieldset = html.split(f'id="confirm-step-{name}"', 1)[1]
    return re.search(r'name="confirm_token" value="([^"]+)"', fieldset).group(1)


@pytest.fixture
def at_last_step(make_item, alice, bob, cindy):
    return review_to_publication(services.item_submit(item=make_item(), actor=alice), bob, cindy)


def test_it_refuses_to_publish_without_the_tick(client, at_last_step, dave):
    _login(client, dave)
    page = client.get(f"/staff/items/{at_last_step.pk}/").content.decode()
    assert "审核通过并公开" in page and "此操作不可撤销" in page
    token = _token(page, "publish")
    response = client.post(f"/staff/items/{at_last_step.pk}/pass/", {"confirm_token": token}, follow=True)
    assert "请核对预览内容" in response.content.decode()
    assert Item.objects.get(pk=at_last_step.pk).status == Status.SECRECY_REVIEW


def test_it_publishes_with_the_tick_and_the_token(client, at_last_step, dave):
    _login(client, dave)
    token = _token(client.get(f"/staff/items/{at_last_step.pk}/").content.decode(), "publish")
    client.post(f"/staff/items/{at_last_step.pk}/pass/", {"confirm": "yes", "confirm_token": token})
    assert Item.objects.get(pk=at_last_step.pk).status == Status.PUBLISHED


def test_it_refuses_a_confirmation_made_before_the_text_changed(client, at_last_step, dave):
    _login(client, dave)
    token = _token(client.get(f"/staff/items/{at_last_step.pk}/").content.decode(), "publish")
    services.item_update(item=Item.objects.get(pk=at_last_step.pk), actor=dave, body="<p>改过的正文</p>")
    response = client.post(
        f"/staff/items/{at_last_step.pk}/pass/", {"confirm": "yes", "confirm_token": token}, follow=True
    )
    assert "预览之后内容已有变化" in response.content.decode()
    assert Item.objects.get(pk=at_last_step.pk).status == Status.SECRECY_REVIEW


def test_an_intermediate_step_needs_no_confirmation(client, make_item, alice, bob):
    item = services.item_submit(item=make_item(), actor=alice)
    _login(client, bob)
    assert "confirm-step" not in client.get(f"/staff/items/{item.pk}/").content.decode()
    client.post(f"/staff/items/{item.pk}/pass/", {"comment": "同意"})
    assert Item.objects.get(pk=item.pk).status == Status.LEADER_REVIEW


def test_it_withdraws_only_with_a_reason_and_the_confirmation(client, at_last_step, dave, erin):
    item = services.item_pass(item=at_last_step, actor=dave)
    _login(client, erin)
    token = _token(client.get(f"/staff/items/{item.pk}/").content.decode(), "withdraw")
    client.post(f"/staff/items/{item.pk}/withdraw/", {"reason": "已过时", "confirm_token": token})
    assert Item.objects.get(pk=item.pk).status == Status.PUBLISHED
    client.post(f"/staff/items/{item.pk}/withdraw/", {"reason": "已过时", "confirm": "yes", "confirm_token": token})
    assert Item.objects.get(pk=item.pk).status == Status.WITHDRAWN


def test_another_persons_token_does_not_withdraw(client, at_last_step, dave, erin, cindy):
    item = services.item_pass(item=at_last_step, actor=dave)
    _login(client, cindy)
    token = _token(client.get(f"/staff/items/{item.pk}/").content.decode(), "withdraw")
    client.logout()
    _login(client, erin)
    response = client.post(
        f"/staff/items/{item.pk}/withdraw/", {"reason": "x", "confirm": "yes", "confirm_token": token}, follow=True
    )
    assert "确认无效" in response.content.decode()
    assert Item.objects.get(pk=item.pk).status == Status.PUBLISHED


def test_the_drafter_edits_a_held_item_and_it_goes_back_to_review(client, make_item, alice):
    item = services.item_submit(item=make_item(f"<p>张三，身份证号{ID}</p>"), actor=alice)
    assert item.status == Status.HELD
    _login(client, alice)
    page = client.get(f"/staff/items/{item.pk}/").content.decode()
    assert "修改并重新提交" in page and 'id="held-help"' in page
    assert client.get(f"/staff/items/{item.pk}/edit/").status_code == 200
    item = services.item_update(item=Item.objects.get(pk=item.pk), actor=alice, body="<p>张三，身份证号已删除</p>")
    assert item.status == Status.SECTION_REVIEW
    assert item.events.last().action == "edit_release"


def test_the_drafter_cannot_push_a_held_item_past_the_scan(make_item, alice):
    item = services.item_submit(item=make_item(f"<p>身份证号{ID}</p>"), actor=alice)
    item = services.item_update(item=item, actor=alice, title="只改了标题")
    assert item.status == Status.HELD


def test_a_sent_back_item_shows_the_reason_and_a_resubmit_button(client, make_item, alice, bob):
    item = services.item_submit(item=make_item(), actor=alice)
    item = services.item_reject(item=item, actor=bob, reason="请补充依据")
    _login(client, alice)
    page = client.get(f"/staff/items/{item.pk}/").content.decode()
    assert 'id="sent-back"' in page and "请补充依据" in page and "重新提交审核" in page
