"""Members read the draft, drafters edit it, only the leader or admin publishes, supervisors see their region,
others get 403."""

from __future__ import annotations

from gongkai.reporting.models import ReportVersion


def test_it_lets_only_the_right_people_in(demo, alice, erin, frank, charlie, client):
    agency = demo["invented"]
    url = f"/staff/{agency.pk}/reports/2025/"
    cell = f"{url}cells/table_b.granted.total/"
    for user, status in ((alice, 200), (erin, 200), (frank, 200), (charlie, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status
        assert client.get(cell).status_code == status
    client.force_login(alice)
    assert client.post(f"{url}publish/").status_code == 403
    client.force_login(frank)
    assert client.post(url, {"preamble": "x"}).status_code == 403
    assert client.get("/staff/supervision/reports/2025/").status_code == 200
    client.force_login(charlie)
    assert client.get("/staff/supervision/reports/2025/").status_code == 403
    assert not ReportVersion.objects.filter(agency=agency).exists()


def _status_of(page: str, agency_name: str) -> str:
    """The status cell of the agency's row in the supervisor's table."""
    row = next(row for row in page.split("<tr") if agency_name in row)
    return row.split("</td><td>", 2)[1]


def test_it_shows_supervisors_status_and_the_combined_report(demo, alice, frank, client):
    name = demo["invented"].name
    client.force_login(frank)
    page = client.get("/staff/supervision/reports/2025/").content.decode()
    assert _status_of(page, name) == "未开始"
    client.force_login(alice)
    preamble = "本年度报告中所列数据的统计期限自2025年1月1日起，至2025年12月31日止。"
    client.post(f"/staff/{demo['invented'].pk}/reports/2025/", {"preamble": preamble})  # the first save starts it
    client.force_login(frank)
    page = client.get("/staff/supervision/reports/2025/").content.decode()
    assert _status_of(page, name) == "起草中"
    combined = client.get("/staff/supervision/reports/2025/combined/").content.decode()
    assert 'data-cell="table_b.new_received.total"' in combined


def test_it_flags_narrative_that_contradicts_the_tables(demo, alice, client):
    agency = demo["invented"]
    client.force_login(alice)
    url = f"/staff/{agency.pk}/reports/2025/"
    client.get(url)
    response = client.post(
        url,
        {
            "preamble": "本年度报告中所列数据的统计期限自2025年1月1日起，至2025年12月31日止。",
            "section-1": "2025年，我单位共收到政府信息公开申请999件。",
        },
        follow=True,
    )
    assert 'data-rule="T1"' in response.content.decode()
