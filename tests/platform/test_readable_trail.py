"""The audit trail and the review history read as people talk: actions in Chinese, what changed as
"字段：原值 → 新值" with the fields' Chinese names, people by name with their role, never a login name or a dict."""

from __future__ import annotations

import re

from gongkai import labels
from gongkai.agencies.models import AuditEntry
from gongkai.publishing import services


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S))


def test_it_shows_what_changed_field_by_field(client, agency, make_item, alice, erin):
    item = make_item(title="旧标题")
    services.item_update(item=item, actor=alice, title="新标题")
    client.force_login(erin)
    page = _text(client.get(f"/staff/{agency.pk}/audit/").text)
    assert "标题：旧标题 → 新标题" in page
    assert "Alice（信息公开工作人员（起草））" in page
    assert not re.search(r"\balice\b", page) and "{" not in page and "'title'" not in page


def test_it_names_the_review_steps_in_chinese(client, make_item, alice, bob):
    item = make_item()
    services.item_submit(item=item, actor=alice)
    client.force_login(bob)
    page = _text(client.get(f"/staff/items/{item.pk}/").text)
    assert re.search(r"新建\s.*草稿", page, re.S) and "提交" in page
    assert not re.search(r"\b(create|submit)\b", page)
    # The status change is in the trail too, with the statuses' labels.
    entry = AuditEntry.objects.filter(action="submit").get()
    assert labels.action_label(entry.action) == "提交"
    assert labels.audit_changes(entry) == ["状态：草稿 → 待科室负责人审核"]


def test_it_reads_the_machine_named_actions():
    assert labels.action_label("report_publish") == "发布年度报告"
    assert labels.action_label("application_answered") == "申请办理：作出答复"
    assert labels.action_label("hold") == "暂停（疑含个人信息）"
    assert labels.action_label("修改信息") == "修改信息"  # already Chinese


def test_it_lists_new_values_and_removed_ones(db):
    entry = AuditEntry(object_type="政府信息公开申请", before={"status": "received", "due_date": "2026-03-30"})
    entry.after = {"status": "answered", "due_date": "2026-03-30", "outcome": "granted", "on": "2026-03-20"}
    assert labels.audit_changes(entry) == ["状态：办理中 → 已答复", "办理结果：（一）予以公开", "日期：2026-03-20"]


def test_it_names_report_cells_by_their_official_labels():
    assert (
        labels.cell_label("table_b.new_received.natural_person")
        == "一、本年新收政府信息公开申请数量 › 申请人情况 › 自然人"
    )
    assert labels.cell_label("sections.6") == "六、其他需要报告的事项"


def test_a_role_is_named_by_the_person_not_the_login(alice):
    membership = alice.memberships.get()
    assert str(membership).startswith("Alice · 测试局 · ") and "alice" not in str(membership)


def test_it_names_the_people_of_a_long_trail_without_a_query_per_row(
    client, agency, make_item, alice, erin, django_assert_max_num_queries
):
    for n in range(30):
        services.item_update(item=make_item(title=f"标题{n}"), actor=alice, title=f"新标题{n}")
    client.force_login(erin)
    with django_assert_max_num_queries(20):
        page = _text(client.get(f"/staff/{agency.pk}/audit/").text)
    assert page.count("Alice（信息公开工作人员（起草））") >= 30
