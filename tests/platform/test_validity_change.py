"""A published 行政规范性文件 is repealed (废止) or expires (失效) later: the admin or the leader records it with a date
and a reason; the item stays public, marked as such; the annual report's table A counts it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from helpers_platform import review_to_publication

from gongkai.agencies.models import AuditEntry
from gongkai.publishing import services
from gongkai.publishing.models import DocumentType, Item, Validity
from gongkai.reporting.counting import item_1_counts_by_agency


@pytest.fixture
def normative(make_item, alice, bob, cindy, dave):
    item = make_item(
        title="关于规范公务用车管理的通知",
        document_type=DocumentType.NORMATIVE,
        written_on=date(2026, 1, 5),
        valid_from=date(2026, 2, 1),
    )
    return review_to_publication(services.item_submit(item=item, actor=alice), bob, cindy, dave)


def test_it_records_a_repeal_with_its_date_event_and_audit(normative, erin, client):
    services.item_set_validity(
        item=normative, actor=erin, validity=Validity.REPEALED, on=date(2026, 2, 20), reason="x号文废止"
    )
    item = Item.objects.get(pk=normative.pk)
    assert (item.validity, item.invalid_from) == (Validity.REPEALED, date(2026, 2, 20))
    event = item.events.last()
    assert event.action == "validity"
    assert event.comment == "有效性：有效 → 废止（2026-02-20）：x号文废止"
    entry = AuditEntry.objects.filter(action="变更有效性").get()
    assert entry.before["validity"] == "valid" and entry.after == {"validity": "repealed", "invalid_from": "2026-02-20"}
    assert "废止" in client.get(f"/gk/item/{item.pk}/").text  # still public, marked 废止


def test_table_a_counts_the_repeal_in_its_year(normative, erin, agency):
    before = item_1_counts_by_agency(agencies=[agency], year=2026)[agency.pk]["normative_documents"]
    assert before == {"issued": 1, "repealed": 0, "in_force": 1}
    services.item_set_validity(
        item=normative, actor=erin, validity=Validity.REPEALED, on=date(2026, 2, 20), reason="废止"
    )
    after = item_1_counts_by_agency(agencies=[agency], year=2026)[agency.pk]["normative_documents"]
    assert after == {"issued": 1, "repealed": 1, "in_force": 0}


def test_it_lets_only_the_admin_or_the_leader_change_validity(normative, alice, bob, dave, cindy):
    for person in (alice, bob, dave):
        with pytest.raises(PermissionDenied):
            services.item_set_validity(
                item=normative, actor=person, validity=Validity.EXPIRED, on=date(2026, 2, 20), reason="x"
            )
    services.item_set_validity(
        item=normative, actor=cindy, validity=Validity.EXPIRED, on=date(2026, 2, 20), reason="到期"
    )
    assert Item.objects.get(pk=normative.pk).validity == Validity.EXPIRED


@pytest.mark.parametrize(
    ("validity", "on", "reason", "field"),
    [
        (Validity.REPEALED, None, "x", "invalid_from"),  # a repeal needs its date
        (Validity.REPEALED, date(2026, 1, 20), "x", "invalid_from"),  # before the document took effect
        (Validity.REPEALED, date(2027, 1, 1), "x", "invalid_from"),  # in the future
        (Validity.REPEALED, date(2026, 2, 20), " ", "reason"),
        ("revoked", date(2026, 2, 20), "x", "validity"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(normative, erin, validity, on, reason, field):
    with pytest.raises(ValidationError) as caught:
        services.item_set_validity(item=normative, actor=erin, validity=validity, on=on, reason=reason)
    assert field in caught.value.message_dict
    assert Item.objects.get(pk=normative.pk).validity == Validity.VALID  # nothing half-written


def test_it_puts_a_document_back_in_force_and_clears_the_date(normative, erin):
    services.item_set_validity(item=normative, actor=erin, validity=Validity.REPEALED, on=date(2026, 2, 20), reason="x")
    services.item_set_validity(
        item=normative, actor=erin, validity=Validity.VALID, on=date(2026, 2, 21), reason="误操作更正"
    )
    item = Item.objects.get(pk=normative.pk)
    assert (item.validity, item.invalid_from) == (Validity.VALID, None)


def test_the_staff_page_form_changes_validity(normative, erin, client):
    client.force_login(erin)
    page = client.get(f"/staff/items/{normative.pk}/").text
    assert 'name="invalid_from"' in page
    response = client.post(
        f"/staff/items/{normative.pk}/validity/",
        {"validity": "repealed", "invalid_from": "2026-02-20", "reason": "废止"},
        follow=True,
    )
    assert "有效性已变更" in response.text
    assert Item.objects.get(pk=normative.pk).validity == Validity.REPEALED
    response = client.post(
        f"/staff/items/{normative.pk}/validity/",
        {"validity": "expired", "invalid_from": "20/02/2026", "reason": "x"},
        follow=True,
    )
    assert "日期格式不对" in response.text
