"""Supervisors: the combined report downloads as DOCX, XLSX and PDF; the year links list every year with records or
reports; an imported report of an agency on the platform is matched to it (by name or 统一社会信用代码), shown
beside the platform's figures with the differences marked, and never counted twice."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import load_workbook

from gongkai.report.model import Report
from gongkai.report.render import pdf as pdf_render
from gongkai.report.render.html import render_html
from gongkai.reporting.models import ImportedReport
from gongkai.reporting.selectors import report_current


def _new_received(client) -> int:
    page = client.get("/staff/supervision/reports/2025/combined/").content.decode()
    return int(page.split('data-cell="table_b.new_received.total">', 1)[1].split("<", 1)[0])


def test_the_combined_report_downloads_as_docx_xlsx_and_pdf(demo, frank, client):
    client.force_login(frank)
    page = client.get("/staff/supervision/reports/2025/combined/").content.decode()
    assert "combined.docx" in page and "combined.xlsx" in page
    docx = client.get("/staff/supervision/reports/2025/combined.docx")
    assert docx.status_code == 200 and "filename*=UTF-8''" in docx["Content-Disposition"]
    assert "%E6%B1%87%E6%80%BB" in docx["Content-Disposition"]  # 汇总, percent-encoded
    assert "张店区（汇总）2025年" in Document(io.BytesIO(docx.content)).paragraphs[0].text
    workbook = load_workbook(io.BytesIO(client.get("/staff/supervision/reports/2025/combined.xlsx").content))
    assert workbook["报告信息"]["B2"].value == "张店区（汇总）"
    if pdf_render.soffice_path() is not None:
        pdf = client.get("/staff/supervision/reports/2025/combined.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_year_links_list_every_year_with_records_or_reports(demo, frank, client):
    client.force_login(frank)
    page = client.get("/staff/supervision/reports/2025/").content.decode()
    years = page.split('id="years"', 1)[1].split("</p>", 1)[0]
    for year in (2022, 2023, 2024):
        assert f"/staff/supervision/reports/{year}/" in years
    assert "<strong>2025年度</strong>" in years and "2021" not in years and "2026" not in years
    home = client.get("/staff/supervision/").content.decode()
    assert "/staff/supervision/reports/2022/" in home


def _their_report(name: str, received: int) -> bytes:
    """The invented agency's 2025 report as another system published it, but with `received` new applications."""
    report = Report.blank(name, 2025)
    for ref, _ in report.cells():
        report.set(ref.name, 0)
    for row in ("new_received", "total_processed", "granted"):
        report.set(f"table_b.{row}.natural_person", received)
        report.set(f"table_b.{row}.total", received)
    report.preamble = "本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。"
    return render_html(report)


@pytest.mark.parametrize("by", ["name", "credit_code"])
def test_an_import_of_a_platform_agency_is_matched_and_not_counted_twice(demo, frank, client, by):
    agency = demo["invented"]
    client.force_login(frank)
    before = _new_received(client)
    name = agency.name if by == "name" else "演示示范局"
    upload = SimpleUploadedFile("their-2025.html", _their_report(name, 5), content_type="text/html")
    form = {"file": upload, "region": agency.region_id}
    if by == "credit_code":
        form["credit_code"] = agency.credit_code
    response = client.post("/staff/supervision/reports/2025/import/", form)
    assert response.status_code == 302
    assert ImportedReport.objects.get().agency == agency
    assert _new_received(client) == before  # the platform's figures only

    page = client.get("/staff/supervision/reports/2025/").content.decode()
    comparison = page.split('class="import-comparison"', 1)[1].split("</section>", 1)[0]
    platform = report_current(agency=agency, year=2025).report.get("table_b.new_received.total")
    row = comparison.split('data-cell="table_b.new_received.total">', 1)[1].split("</tr>", 1)[0]
    assert f'<td class="differs">{platform}</td><td class="differs">5</td>' in row
    assert "个数字与平台（平台记录）不同" in comparison
    outside = page.split("未使用本平台的机关", 1)[1]
    assert "their-2025.html" not in outside


def test_a_wrong_credit_code_is_refused_in_chinese(demo, frank, client):
    client.force_login(frank)
    upload = SimpleUploadedFile("their-2025.html", _their_report("某局", 1), content_type="text/html")
    client.post(
        "/staff/supervision/reports/2025/import/",
        {"file": upload, "region": demo["invented"].region_id, "credit_code": "123"},
    )
    assert not ImportedReport.objects.exists()
    page = client.get("/staff/supervision/reports/2025/").content.decode()
    assert "统一社会信用代码应为18位" in page
