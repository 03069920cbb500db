import pytest
from django.core.exceptions import PermissionDenied
from helpers_platform import review_to_publication

from gongkai.publishing import services
from gongkai.publishing.models import Item, Status


@pytest.fixture
def published(make_item, alice, bob, cindy, dave):
    return review_to_publication(services.item_submit(item=make_item(), actor=alice), bob, cindy, dave)


def test_it_removes_a_withdrawn_item_from_every_public_page(client, agency, published, erin):
    assert client.get(f"/gk/item/{published.pk}/").status_code == 200
    services.item_withdraw(item=published, actor=erin, reason="内容已过时")
    assert client.get(f"/gk/item/{published.pk}/").status_code == 404
    assert published.title not in client.get(f"/gk/{agency.pk}/").text
    assert Item.objects.get(pk=published.pk).status == Status.WITHDRAWN  # the record stays


def test_it_lets_only_the_admin_or_the_leader_withdraw(published, alice, bob, cindy):
    with pytest.raises(PermissionDenied):
        services.item_withdraw(item=published, actor=alice, reason="x")
    with pytest.raises(PermissionDenied):
        services.item_withdraw(item=published, actor=bob, reason="x")
    assert services.item_withdraw(item=published, actor=cindy, reason="x").status == Status.WITHDRAWN
    assert published.events.last().comment == "x"
