import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import AuditEntry
from gongkai.publishing import services


def test_it_records_who_changed_what_with_before_and_after(make_item, alice):
    item = make_item(title="旧标题")
    services.item_update(item=item, actor=alice, title="新标题")
    entry = AuditEntry.objects.filter(action="修改信息").get()
    assert (entry.actor, entry.before["title"], entry.after["title"]) == (alice, "旧标题", "新标题")


def test_it_cannot_be_edited_or_deleted(make_item):
    make_item()
    entry = AuditEntry.objects.first()
    entry.action = "篡改"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()


def test_it_shows_the_agency_admin_their_agency_s_trail_only(client, agency, make_item, erin, charlie):
    make_item(title="本机关的信息")
    client.force_login(erin)
    assert "本机关的信息" in client.get(f"/staff/{agency.pk}/audit/").text
    client.force_login(charlie)
    assert client.get(f"/staff/{agency.pk}/audit/").status_code == 403
