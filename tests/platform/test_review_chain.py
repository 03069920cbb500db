import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from helpers_platform import review_to_publication

from gongkai.publishing import services
from gongkai.publishing.models import Item, Status


def test_it_passes_three_reviewers_then_publishes(make_item, bob, cindy, dave):
    item = services.item_submit(item=make_item(), actor=make_item().created_by)
    assert item.status == Status.SECTION_REVIEW
    item = review_to_publication(item, bob, cindy, dave)
    assert item.status == Status.PUBLISHED and item.published_at is not None
    steps = [(e.from_status, e.to_status, e.actor.username) for e in item.events.all()]
    assert steps == [
        ("", "draft", "alice"),
        ("draft", "section_review", "alice"),
        ("section_review", "leader_review", "bob"),
        ("leader_review", "secrecy_review", "cindy"),
        ("secrecy_review", "published", "dave"),
    ]
    assert Item.objects.public().get() == item


def test_it_lets_only_the_step_s_reviewer_pass(make_item, alice, cindy, dave):
    item = services.item_submit(item=make_item(), actor=alice)
    for wrong in (alice, cindy, dave):
        with pytest.raises(PermissionDenied):
            services.item_pass(item=item, actor=wrong)
    assert Item.objects.get(pk=item.pk).status == Status.SECTION_REVIEW


def test_it_returns_a_rejected_item_to_the_drafter_with_the_reason(make_item, alice, bob, cindy):
    item = services.item_submit(item=make_item(), actor=alice)
    item = services.item_pass(item=item, actor=bob)
    item = services.item_reject(item=item, actor=cindy, reason="数据需核实")
    assert item.status == Status.DRAFT
    last = item.events.last()
    assert (last.action, last.actor, last.comment) == ("reject", cindy, "数据需核实")


def test_it_wants_a_reason_to_reject(make_item, alice, bob):
    item = services.item_submit(item=make_item(), actor=alice)
    with pytest.raises(ValidationError):
        services.item_reject(item=item, actor=bob, reason=" ")
    assert Item.objects.get(pk=item.pk).status == Status.SECTION_REVIEW


def test_it_follows_the_agency_s_number_of_levels(agency, make_item, alice, dave):
    agency.review_levels = 1
    agency.save()
    item = services.item_submit(item=make_item(), actor=alice)
    assert item.status == Status.SECRECY_REVIEW
    assert services.item_pass(item=item, actor=dave).status == Status.PUBLISHED


def test_it_refuses_a_move_the_table_does_not_allow(make_item, bob):
    with pytest.raises(ValidationError):
        services.item_pass(item=make_item(), actor=bob)  # a draft is not in review


def test_it_walks_the_chain_through_the_pages(client, make_item, alice, bob):
    from personas import PASSWORD

    item = make_item()
    client.login(username="alice", password=PASSWORD)
    client.post(f"/staff/items/{item.pk}/submit/")
    client.login(username="bob", password=PASSWORD)
    response = client.get(f"/staff/items/{item.pk}/")
    assert "审核通过" in response.text
    client.post(f"/staff/items/{item.pk}/pass/", {"comment": "同意"})
    assert Item.objects.get(pk=item.pk).status == Status.LEADER_REVIEW
