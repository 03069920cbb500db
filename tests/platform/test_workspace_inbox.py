"""待我处理: one inbox per person across roles, its count in the header of every staff page, and a home of their own
for supervisors and system admins (never "尚未分配到任何机关")."""

from __future__ import annotations

import re
from datetime import datetime

from gongkai.agencies.models import Membership, Role
from gongkai.publishing import services
from gongkai.publishing.models import Status
from gongkai.reporting.models import ReportDraft
from gongkai.workdays import package_years
from personas import TZ

ID_NUMBER_TEXT = "<p>联系人身份证号11010519491231002X</p>"


def _home(client, user) -> str:
    client.force_login(user)
    return client.get("/staff/").content.decode()


def _section(page: str, section_id: str) -> str:
    found = re.search(rf'<section id="{section_id}">(.*?)</section>', page, re.S)
    return found.group(1) if found else ""


def _count(page: str) -> int | None:
    found = re.search(r'id="inbox-count">(\d+)<', page)
    return int(found.group(1)) if found else None


def test_it_shows_each_reviewer_the_items_at_their_step(client, make_item, alice, bob, cindy):
    item = make_item(title="关于春季防火的通知")
    services.item_submit(item=item, actor=alice)  # three levels: section head first
    assert "关于春季防火的通知" in _section(_home(client, bob), "inbox-review")
    assert "关于春季防火的通知" not in _home(client, cindy)
    services.item_pass(item=item, actor=bob)
    assert "关于春季防火的通知" in _section(_home(client, cindy), "inbox-review")
    assert "关于春季防火的通知" not in _home(client, bob)


def test_it_shows_the_drafter_their_rejected_and_held_items(client, make_item, alice, bob):
    rejected = make_item(title="被退回的通知")
    services.item_submit(item=rejected, actor=alice)
    services.item_reject(item=rejected, actor=bob, reason="请补充附件")
    held = make_item(ID_NUMBER_TEXT, title="含身份证号的公示")
    services.item_submit(item=held.__class__.objects.get(pk=held.pk), actor=alice)
    assert held.__class__.objects.get(pk=held.pk).status == Status.HELD
    page = _home(client, alice)
    assert "被退回的通知" in _section(page, "inbox-rejected")
    assert "含身份证号的公示" in _section(page, "inbox-held")
    # the section head releases held items: it waits for him too, never twice for the drafter
    assert "含身份证号的公示" in _section(_home(client, bob), "inbox-review")
    assert "含身份证号的公示" not in _section(page, "inbox-review")


def test_the_header_counts_what_waits_on_every_staff_page(client, make_item, alice, bob, agency):
    for n in range(2):
        services.item_submit(item=make_item(title=f"待审核的通知{n}"), actor=alice)
    client.force_login(bob)
    for url in ("/staff/", f"/staff/{agency.pk}/", f"/staff/{agency.pk}/items/", f"/staff/{agency.pk}/catalog/"):
        assert _count(client.get(url).content.decode()) == 2, url
    client.force_login(alice)
    assert _count(client.get(f"/staff/{agency.pk}/items/").content.decode()) is None  # nothing waits for alice


def test_it_shows_the_signing_role_the_report_waiting_for_signature(client, agency, cindy, alice):
    ReportDraft.objects.create(agency=agency, year=2025)  # the report being written on 2 March 2026
    assert "2025年度报告" in _section(_home(client, cindy), "inbox-reports")
    assert "inbox-reports" not in _home(client, alice)


def test_a_supervisor_gets_the_region_overview_not_a_dead_end(client, frank, agency, other_agency):
    page = _home(client, frank)
    assert "尚未分配" not in page and "no-role" not in page
    overview = _section(page, "overview")
    assert "测试局" in overview and "别的局" not in overview
    assert "2025年度报告" in overview


def test_a_system_admin_sees_every_agency(client, root, agency, other_agency):
    overview = _section(_home(client, root), "overview")
    assert "测试局" in overview and "别的局" in overview


def test_a_person_with_both_roles_sees_inbox_and_overview(client, frank, agency):
    Membership.objects.create(user=frank, agency=agency, role=Role.DRAFTER)
    page = _home(client, frank)
    assert 'id="my-agencies"' in page and 'id="overview"' in page


def test_admins_are_reminded_of_the_missing_holiday_schedule(client, frozen, root, erin, alice):
    last = max(package_years())
    frozen.move_to(datetime(last, 11, 2, 10, 0, tzinfo=TZ), tick=False)
    assert f"{last + 1}年" in _home(client, erin).split('id="inbox-calendar"')[1][:200]
    assert 'id="inbox-calendar"' in _home(client, root)
    assert 'id="inbox-calendar"' not in _home(client, alice)
