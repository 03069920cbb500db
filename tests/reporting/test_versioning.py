"""Publishing freezes a version; a correction is a new version with the old one kept and the change shown; the
portal's 年报 column lists the latest version with its downloads; the API returns the published JSON."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from gongkai.report.render import pdf
from gongkai.reporting import services
from gongkai.reporting.models import ReportEvent, ReportVersion
from reporting.helpers import finish, publish


def test_it_freezes_versions_and_shows_corrections(demo, erin, lena, client):
    agency = demo["invented"]
    draft = services.draft_start(agency=agency, year=2025, actor=erin)
    finish(draft, erin)
    first = publish(draft, lena)
    assert first.number == 1 and bytes(first.docx).startswith(b"PK") and b"<figure>" in bytes(first.html)

    body = draft.sections["5"].split("\n", 1)[1]
    services.draft_update(
        draft=draft, actor=erin, preamble=draft.preamble, bodies={"5": body + "\n更正：补充改进措施。"}
    )
    with pytest.raises(ValidationError):
        publish(draft, lena)  # a correction must say what it corrects
    second = publish(draft, lena, note="补充第五部分")
    assert second.number == 2
    assert ReportVersion.objects.filter(agency=agency, year=2025).count() == 2
    assert "更正" not in json.loads(ReportVersion.objects.get(pk=first.pk).report_json)["sections"]["5"]
    assert [e.action for e in ReportEvent.objects.filter(draft=draft)] == ["start", "publish", "correct"]

    client.force_login(erin)
    page = client.get(f"/staff/{agency.pk}/reports/2025/v2/").content.decode()
    assert "<ins>更正：补充改进措施。</ins>" in page

    home = client.get(f"/gk/{agency.pk}/").content.decode()
    assert "2025年政府信息公开工作年度报告" in home and f"/gk/{agency.pk}/reports/2025/v2.docx" in home
    for ext in ("docx", "html", "xlsx", "json"):
        assert client.get(f"/gk/{agency.pk}/reports/2025/v2.{ext}").status_code == 200
    api = client.get(f"/api/v1/agencies/{agency.pk}/reports/2025").json()
    assert api["version"] == 2 and api["table_b"]["granted"]["total"] == 6
    assert client.get(f"/api/v1/agencies/{agency.pk}/reports/2024").status_code == 404


def test_it_hides_the_pdf_and_never_answers_503_without_libreoffice(demo, erin, lena, client, monkeypatch):
    draft = services.draft_start(agency=demo["invented"], year=2025, actor=erin)
    finish(draft, erin)
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    version = publish(draft, lena)
    assert version.pdf is None
    response = client.get(f"/gk/{version.agency_id}/reports/2025/v1.pdf")
    assert response.status_code == 404 and "PDF 版本暂不提供" in response.content.decode()
    assert "v1.docx" in response.content.decode()
    for page in (f"/gk/{version.agency_id}/reports/2025/", f"/gk/{version.agency_id}/"):
        body = client.get(page).content.decode()
        assert "v1.docx" in body and "v1.pdf" not in body
