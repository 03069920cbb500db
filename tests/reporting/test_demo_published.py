"""The demo shows the seed agency's 2022 report published, as it was in reality: on the portal's 年报 column and
through the API, under the official headings, ending with the agency and the publication date."""

from __future__ import annotations

from gongkai.reporting.models import ReportVersion


def test_the_seed_report_is_published_in_the_demo(demo, client):
    agency = demo["seed"]
    version = ReportVersion.objects.get(agency=agency, year=2022)
    assert version.number == 1 and version.published_on.isoformat() == "2023-01-20"
    assert version.published_by.username == "leader"

    home = client.get(f"/gk/{agency.pk}/").content.decode()
    assert f"/gk/{agency.pk}/reports/2022/" in home and f"/gk/{agency.pk}/reports/2022/v1.docx" in home
    page = client.get(f"/gk/{agency.pk}/reports/2022/").content.decode()
    assert "三、收到和处理政府信息公开申请情况" in page and "3、" not in page
    assert "淄博市张店区机关事务服务中心<br>2023年1月20日" in page

    api = client.get(f"/api/v1/agencies/{agency.pk}/reports/2022").json()
    assert api["version"] == 1 and api["published_on"] == "2023-01-20"
    assert api["sections"]["3"] == "三、收到和处理政府信息公开申请情况"
    assert api["table_b"]["new_received"]["total"] == 0


def test_loading_the_demo_twice_keeps_one_version(demo):
    from gongkai.site.demo_data import demo_load

    demo_load()
    assert ReportVersion.objects.filter(agency=demo["seed"], year=2022).count() == 1


def test_the_published_files_read_back_with_the_same_tables(demo):
    from gongkai.check.read import read_bytes

    version = ReportVersion.objects.get(agency=demo["seed"], year=2022)
    frozen = version.report()
    for ext in ("docx", "html"):
        outcome = read_bytes(bytes(getattr(version, ext)), f"report.{ext}")
        assert outcome.ok, outcome.reason
        assert outcome.report.agency == frozen.agency and outcome.report.year == 2022
        for ref, value in frozen.cells():
            assert outcome.report.get(ref.name) == value, (ext, ref.name)
        assert outcome.report.section_heading("3") == "三、收到和处理政府信息公开申请情况"
