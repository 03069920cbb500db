"""Applications in 待我处理 (mine and unassigned in my agencies, overdue first, working days left; letters not sent;
appeals pending) and the queue's search, filters and paging."""

from __future__ import annotations

import re
from datetime import date

from gongkai.applications.models import Appeal, Letter, LetterKind

JAN = date(2026, 1, 5)  # due long before 2 March 2026


def _section(page: str, section_id: str) -> str:
    found = re.search(rf'<section id="{section_id}">(.*?)</section>', page, re.S)
    return found.group(1) if found else ""


def test_the_inbox_lists_open_applications_overdue_first_with_working_days_left(client, submit, alice, bob):
    recent, _ = submit(applicant_name="李四", channel="post")
    late, _ = submit(applicant_name="王五", channel="post", received_on=JAN)
    client.force_login(alice)
    section = _section(client.get("/staff/").content.decode(), "inbox-applications")
    assert section.index(late.number) < section.index(recent.number)
    assert "已超期" in section.split(recent.number)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)
    recent_row = next(r for r in rows if recent.number in r)
    assert "<td>20</td>" in recent_row  # received today: twenty working days left (第33条)
    client.force_login(bob)  # reviews items, does not handle applications
    assert "inbox-applications" not in client.get("/staff/").content.decode()


def test_someone_elses_application_is_not_in_my_inbox(client, submit, alice, erin):
    application, _ = submit(channel="post")
    application.assignee = erin
    application.save(update_fields=["assignee"])
    client.force_login(alice)
    assert application.number not in client.get("/staff/").content.decode()
    client.force_login(erin)
    assert application.number in _section(client.get("/staff/").content.decode(), "inbox-applications")


def test_unsent_letters_and_pending_appeals_wait_in_the_inbox(client, submit, alice):
    application, _ = submit(channel="post")
    Letter.objects.create(application=application, kind=LetterKind.EXTENSION, title="延期答复告知书", body="正文")
    Appeal.objects.create(application=application, kind="reconsideration", filed_on=date(2026, 2, 2))
    client.force_login(alice)
    page = client.get("/staff/").content.decode()
    assert "延期答复告知书" in _section(page, "inbox-letters")
    assert application.number in _section(page, "inbox-appeals")
    assert re.search(r'id="inbox-count">(\d+)<', page).group(1) == "3"  # the application, its letter, its appeal


def _found(client, agency, query: str) -> str:
    page = client.get(f"/staff/{agency.pk}/applications/{query}").content.decode()
    return page.split('id="application-table"', 1)[1].split("</table>", 1)[0]


def test_the_queue_searches_by_number_and_applicant_and_filters(client, submit, agency, alice, erin):
    mine, _ = submit(applicant_name="李四", channel="post")
    mine.assignee = alice
    mine.save(update_fields=["assignee"])
    late, _ = submit(applicant_name="王五", channel="post", received_on=JAN)
    client.force_login(alice)
    assert mine.number in _found(client, agency, "?q=李四") and late.number not in _found(client, agency, "?q=李四")
    assert late.number in _found(client, agency, f"?q={late.number}")
    assert mine.number not in _found(client, agency, "?overdue=1") and late.number in _found(
        client, agency, "?overdue=1"
    )
    assert _found(client, agency, "?assignee=me").count("<tr") == 2  # header row + mine
    assert late.number in _found(client, agency, "?assignee=none")
    assert mine.number in _found(client, agency, f"?assignee={alice.pk}")
    assert late.number in _found(client, agency, "?status=open&year=2026")
    assert "没有符合条件的申请" in _found(client, agency, "?year=2020")
    assert "没有符合条件的申请" in _found(client, agency, "?status=closed")


def test_the_queue_pages_every_application(client, submit, agency, alice, monkeypatch):
    monkeypatch.setattr("gongkai.common.paging.PER_PAGE", 2)
    for n in range(3):
        submit(applicant_name=f"申请人{n}", channel="post")
    client.force_login(alice)
    page = client.get(f"/staff/{agency.pk}/applications/").content.decode()
    assert "第1页，共2页" in page and 'id="all"' in page
    assert "第3—3条，共3条" in client.get(f"/staff/{agency.pk}/applications/?page=2").content.decode()
