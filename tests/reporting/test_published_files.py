"""Files people can use: the PDF is made when the version is frozen (right after the commit), downloads are named
for what they are with an ASCII fallback, and the portal never answers a PDF request with a 503."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from gongkai.report.render import pdf as pdf_render
from gongkai.reporting import services
from gongkai.reporting.models import ReportVersion
from reporting.helpers import finish, publish


def test_downloads_are_named_for_what_they_are(demo, client):
    agency = demo["seed"]
    response = client.get(f"/gk/{agency.pk}/reports/2022/v1.docx")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="annual-report-agency')
    assert disposition.encode("ascii")  # the header itself is ASCII
    fallback = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback == f"annual-report-agency{agency.pk}-2022-v1.docx"
    name = unquote(disposition.split("filename*=UTF-8''", 1)[1])
    assert name == "淄博市张店区机关事务服务中心2022年政府信息公开工作年度报告（第1版）.docx"
    pdf = client.get(f"/gk/{agency.pk}/reports/2022/v1.pdf")
    if pdf.status_code == 200:
        assert pdf["Content-Disposition"].startswith("inline;")
        assert unquote(pdf["Content-Disposition"].split("filename*=UTF-8''", 1)[1]).endswith("（第1版）.pdf")


@pytest.mark.slow
def test_the_pdf_is_made_when_the_version_is_frozen(demo, erin, lena, settings):
    # The conversion is a task enqueued with the version (gongkai.jobs); here it runs at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    if pdf_render.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    draft = services.draft_start(agency=demo["invented"], year=2025, actor=erin)
    finish(draft, erin)
    version = publish(draft, lena)
    assert bytes(ReportVersion.objects.get(pk=version.pk).pdf).startswith(b"%PDF")


def test_a_failed_conversion_leaves_no_pdf_and_no_error(demo, erin, lena, monkeypatch, client, settings):
    def broken(_docx):
        raise pdf_render.PdfUnavailable("生成 PDF 失败，请下载 DOCX 版本。")

    monkeypatch.setattr(pdf_render, "docx_to_pdf", broken)
    monkeypatch.setattr(services, "docx_to_pdf", broken)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # tried at once
    draft = services.draft_start(agency=demo["invented"], year=2025, actor=erin)
    finish(draft, erin)
    version = publish(draft, lena)
    assert services.version_store_pdf(version_id=version.pk) is False
    response = client.get(f"/gk/{version.agency_id}/reports/2025/v1.pdf")
    assert response.status_code == 404 and "PDF 版本暂不提供" in response.content.decode()
