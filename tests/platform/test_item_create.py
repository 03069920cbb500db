from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.publishing import services
from gongkai.publishing.models import Item, Status
from personas import PASSWORD


def test_it_numbers_items_by_agency_code_year_and_sequence(agency, make_item):
    first, second = make_item(), make_item()
    assert first.index_number == f"{agency.credit_code}/2026-00001"
    assert second.index_number == f"{agency.credit_code}/2026-00002"
    assert first.status == Status.DRAFT
    assert first.events.get().to_status == Status.DRAFT


def test_it_sanitises_the_body(make_item):
    item = make_item('<p onclick="x()">通知</p><script>alert(1)</script><a href="javascript:x">链接</a>')
    assert "script" not in item.body and "onclick" not in item.body and "javascript" not in item.body
    assert "<p>通知</p>" in item.body


def test_it_computes_the_publication_deadline(make_item):
    assert make_item(formed_on=date(2026, 3, 2)).publish_by == date(2026, 3, 30)


def test_it_refuses_a_category_of_another_agency(agency, alice, other_agency):
    with pytest.raises(ValidationError) as caught:
        services.item_create(
            agency=agency, actor=alice, title="x", formed_on=date(2026, 3, 2), category=other_agency.categories.first()
        )
    assert "category" in caught.value.message_dict
    assert not Item.objects.exists()


def test_it_refuses_someone_who_is_not_a_drafter(agency, bob):
    with pytest.raises(PermissionDenied):
        services.item_create(
            agency=agency, actor=bob, title="x", formed_on=date(2026, 3, 2), category=agency.categories.first()
        )


def test_it_shows_bad_input_beside_the_field_and_saves_nothing(client, agency, alice):
    client.login(username="alice", password=PASSWORD)
    response = client.post(
        f"/staff/{agency.pk}/items/new/",
        {
            "title": "",
            "category": agency.categories.first().pk,
            "formed_on": "2026-03-02",
            "document_type": "other",
            "validity": "expired",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors
    assert not Item.objects.exists()


def test_it_needs_an_end_date_for_an_expired_document(client, agency, alice):
    client.login(username="alice", password=PASSWORD)
    response = client.post(
        f"/staff/{agency.pk}/items/new/",
        {
            "title": "旧办法",
            "category": agency.categories.first().pk,
            "formed_on": "2026-03-02",
            "document_type": "normative",
            "validity": "expired",
        },
    )
    assert "失效或废止日期" in response.context["form"].errors["invalid_from"][0]
    assert not Item.objects.exists()


def test_it_creates_an_item_through_the_page(client, agency, alice):
    client.login(username="alice", password=PASSWORD)
    response = client.post(
        f"/staff/{agency.pk}/items/new/",
        {
            "title": "关于开展节能宣传周活动的通知",
            "category": agency.categories.first().pk,
            "formed_on": "2026-03-02",
            "document_type": "other",
            "validity": "valid",
            "body": "<p>内容</p>",
        },
    )
    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/items/{item.pk}/"
    assert item.issuing_body == agency.name
