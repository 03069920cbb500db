import pytest
from django.core.exceptions import ValidationError

from gongkai.publishing import services
from gongkai.publishing.models import Status

ID = "11010519491231002X"


def test_it_holds_an_item_whose_body_has_an_identity_number(make_item, alice):
    item = services.item_submit(item=make_item(f"<p>张三，身份证号{ID}</p>"), actor=alice)
    assert item.status == Status.HELD
    assert item.personal_data_findings[0]["label"] == "身份证号"
    assert ID not in str(item.personal_data_findings)  # the finding is masked
    assert "身份证号" in item.events.last().comment


def test_it_releases_a_held_item_when_a_reviewer_confirms_it_is_lawful(make_item, alice, bob):
    item = services.item_submit(item=make_item("<p>联系人手机13812345678</p>"), actor=alice)
    with pytest.raises(ValidationError):
        services.item_confirm_personal_data(item=item, actor=bob, comment="")
    item = services.item_confirm_personal_data(item=item, actor=bob, comment="为公开的工作电话")
    assert item.status == Status.SECTION_REVIEW and item.personal_data_confirmed


def test_it_releases_a_held_item_when_a_reviewer_edits_the_data_out(make_item, alice, dave):
    item = services.item_submit(item=make_item(f"<p>身份证号{ID}</p>"), actor=alice)
    item = services.item_update(item=item, actor=dave, body="<p>身份证号已删除</p>")
    assert item.status == Status.SECTION_REVIEW
    assert item.events.last().action == "edit_release"


def test_it_keeps_holding_while_the_data_is_still_there(make_item, alice, dave):
    item = services.item_submit(item=make_item(f"<p>身份证号{ID}</p>"), actor=alice)
    item = services.item_update(item=item, actor=dave, title="改了标题")
    assert item.status == Status.HELD


def test_it_does_not_let_the_drafter_release_their_own_item(make_item, alice):
    from django.core.exceptions import PermissionDenied

    item = services.item_submit(item=make_item(f"<p>{ID}</p>"), actor=alice)
    with pytest.raises(PermissionDenied):
        services.item_confirm_personal_data(item=item, actor=alice, comment="没问题")
