"""A supervisor imports the published report of an agency not on the platform: it is read with `gongkai check`'s
readers, listed with its findings, and counted in the region's combined report."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.report.model import Report
from gongkai.report.render.html import render_html
from gongkai.reporting.models import ImportedReport


def _outside_report(*, granted_total: int) -> bytes:
    report = Report.blank("张店区某街道办事处", 2025)
    for ref, _ in list(report.cells()):
        report.set(ref.name, 0)
    for row in ("new_received", "total_processed", "granted"):
        report.set(f"table_b.{row}.natural_person", 3)
        report.set(f"table_b.{row}.total", 3)
    report.set("table_b.granted.total", granted_total)  # 3 keeps every rule; anything else breaks B3 and B2
    report.preamble = "本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。"
    report.sections["6"] += "\n本年度未收取信息处理费。"
    return render_html(report)


def _combined_new_received(client) -> int:
    page = client.get("/staff/supervision/reports/2025/combined/").content.decode()
    marker = 'data-cell="table_b.new_received.total">'
    return int(page.split(marker, 1)[1].split("<", 1)[0])


def test_it_imports_a_report_and_counts_it_in_the_region(demo, frank, client):
    client.force_login(frank)
    before = _combined_new_received(client)
    region = demo["invented"].region
    upload = SimpleUploadedFile("jiedao-2025.html", _outside_report(granted_total=3), content_type="text/html")
    response = client.post("/staff/supervision/reports/2025/import/", {"file": upload, "region": region.pk})
    assert response.status_code == 302
    record = ImportedReport.objects.get()
    assert (record.agency_name, record.year) == ("张店区某街道办事处", 2025)
    assert record.finding_counts() == (0, 0)
    page = client.get("/staff/supervision/reports/2025/").content.decode()
    assert "张店区某街道办事处" in page
    assert "错误 0 项，提醒 0 项" in page
    assert _combined_new_received(client) == before + 3


def test_it_keeps_the_findings_of_a_faulty_import(demo, frank, client):
    client.force_login(frank)
    region = demo["invented"].region
    upload = SimpleUploadedFile("jiedao-2025.html", _outside_report(granted_total=4), content_type="text/html")
    client.post("/staff/supervision/reports/2025/import/", {"file": upload, "region": region.pk})
    errors, _ = ImportedReport.objects.get().finding_counts()
    assert errors >= 1
    page = client.get("/staff/supervision/reports/2025/").content.decode()
    assert f"错误 {errors} 项" in page


def test_it_refuses_a_file_that_is_not_a_report(demo, frank, client):
    client.force_login(frank)
    region = demo["invented"].region
    upload = SimpleUploadedFile("notes.txt", "今天开会。".encode(), content_type="text/plain")
    client.post("/staff/supervision/reports/2025/import/", {"file": upload, "region": region.pk}, follow=True)
    assert ImportedReport.objects.count() == 0


def test_it_refuses_imports_from_someone_who_supervises_nothing(demo, charlie, client):
    client.force_login(charlie)
    upload = SimpleUploadedFile("jiedao-2025.html", _outside_report(granted_total=3), content_type="text/html")
    response = client.post(
        "/staff/supervision/reports/2025/import/", {"file": upload, "region": demo["invented"].region.pk}
    )
    assert response.status_code == 403
    assert ImportedReport.objects.count() == 0
