"""The lower apps tell the higher ones what changed without importing them: publishing's public_site reaches the
portal, agencies' signals reach the portal and applications (docs/platform.md, "Layers")."""

from __future__ import annotations

from datetime import date

from django.contrib import admin
from helpers_platform import review_to_publication

from gongkai.agencies.admin import AgencyAdmin
from gongkai.agencies.models import Agency, CalendarYear
from gongkai.agencies.signals import calendar_year_changed
from gongkai.portal import sync, versions
from gongkai.publishing import public_site, services
from gongkai.publishing.models import Status


def test_the_portal_is_connected_to_publishing():
    assert public_site._site is sync


def test_publishing_an_item_reaches_the_search_index_and_page_versions(make_item, alice, bob, cindy, dave, agency):
    before = versions.read([f"agency:{agency.pk}"])
    item = make_item(title="关于春季防火的通知")
    services.item_submit(item=item, actor=alice)
    item = review_to_publication(item.__class__.objects.get(pk=item.pk), bob, cindy, dave)
    assert item.status == Status.PUBLISHED
    assert versions.read([f"agency:{agency.pk}"]) != before
    assert scopes_contain_item(item)


def scopes_contain_item(item) -> bool:
    return f"item:{item.pk}" in public_site.scopes_of(item)


def test_renaming_an_agency_in_the_admin_renews_its_public_pages(rf, root, agency):
    before = versions.read([f"agency:{agency.pk}"])
    request = rf.post("/admin/")
    request.user = root
    agency.name = "测试局（新名称）"
    AgencyAdmin(Agency, admin.site).save_model(request, agency, form=None, change=True)
    assert versions.read([f"agency:{agency.pk}"]) != before


def test_applications_answer_when_a_holiday_schedule_is_entered(db):
    answers = calendar_year_changed.send(sender=CalendarYear, year=date.today().year + 5, actor=None)
    assert answers and all(isinstance(moved, int) for _, moved in answers)
