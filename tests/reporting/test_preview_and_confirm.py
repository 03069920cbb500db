"""Publishing goes through a preview of the exact files that will be frozen and an explicit confirmation by the
signing role (the reusable step of gongkai.confirm); the published report ends with the agency and the date."""

from __future__ import annotations

import io
import re

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from gongkai.confirm import confirm_check, confirm_token
from gongkai.reporting import gate, services
from gongkai.reporting.models import ReportVersion
from reporting.helpers import finish


def _form(page: str) -> dict:
    token = re.search(r'name="confirm_token" value="([^"]+)"', page).group(1)
    return {"confirm_token": token}


def _reasons(agency, year) -> dict:
    publication = services.publication_prepare(agency=agency, year=year)
    return {
        f"ack-{gate.warning_key(f)}": "经核对，保留原文。"
        for f in publication.current.findings
        if f.severity == "warning"
    }


def test_it_previews_the_files_and_publishes_only_on_confirmation(demo, erin, lena, client):
    agency = demo["invented"]
    draft = services.draft_start(agency=agency, year=2025, actor=erin)
    finish(draft, erin)
    url = f"/staff/{agency.pk}/reports/2025/publish/"
    client.force_login(lena)
    page = client.get(url).content.decode()
    assert 'id="preview-docx"' in page and 'id="preview-html"' in page and 'id="confirm-step"' in page
    assert "此操作不可撤销" in page

    # The preview's DOCX is the file publishing will freeze, and it ends with the agency and today's date.
    preview = client.get(f"/staff/{agency.pk}/reports/2025/publish/preview.docx")
    assert preview.status_code == 200 and "filename*=UTF-8''" in preview["Content-Disposition"]
    closing = [p.text for p in Document(io.BytesIO(preview.content)).paragraphs if p.text][-2:]
    assert closing == [agency.name, "2026年1月12日"]

    form = _form(page) | _reasons(agency, 2025)
    response = client.post(url, form)  # the box is not ticked
    assert response.status_code == 400 and "勾选确认" in response.content.decode()
    assert not ReportVersion.objects.filter(agency=agency).exists()

    response = client.post(url, form | {"confirm": "yes"})
    assert response.status_code == 302, re.findall(r'<li class="error">([^<]*)', response.content.decode())
    version = ReportVersion.objects.get(agency=agency, year=2025)
    assert bytes(version.docx) == preview.content  # exactly the file previewed
    assert "2026年1月12日" in bytes(version.html).decode()


def test_a_change_after_the_preview_voids_the_confirmation(demo, erin, lena, client):
    agency = demo["invented"]
    draft = services.draft_start(agency=agency, year=2025, actor=erin)
    finish(draft, erin)
    client.force_login(lena)
    url = f"/staff/{agency.pk}/reports/2025/publish/"
    form = _form(client.get(url).content.decode()) | _reasons(agency, 2025) | {"confirm": "yes"}
    draft.refresh_from_db()
    services.draft_update(draft=draft, actor=erin, preamble=draft.preamble + "（电话：0533-0000001）", bodies={})
    response = client.post(url, form)
    assert response.status_code == 400 and "预览之后报告内容已有变化" in response.content.decode()
    assert not ReportVersion.objects.filter(agency=agency).exists()


def test_a_drafter_sees_the_preview_but_cannot_confirm(demo, alice, client):
    agency = demo["invented"]
    client.force_login(alice)
    page = client.get(f"/staff/{agency.pk}/reports/2025/publish/").content.decode()
    assert 'id="signer-needed"' in page and "由分管领导核对预览后确认公布" in page
    assert 'id="blockers"' in page and "（请补充）" in page  # what still stops it, with where to fix it
    assert client.post(f"/staff/{agency.pk}/reports/2025/publish/", {"confirm": "yes"}).status_code == 403
    draft_page = client.get(f"/staff/{agency.pk}/reports/2025/").content.decode()
    listed = draft_page.split('id="draft-blockers"', 1)[1].split("</ul>", 1)[0]
    assert listed.count("待补充的内容") == 4 and 'href="#5"' in listed


def test_another_persons_or_objects_token_is_refused(demo, erin, lena):
    token = confirm_token(user=erin, action="report_publish", subject="1/2025", digest="abc")
    data = {"confirm": "yes", "confirm_token": token}
    assert confirm_check(data, user=erin, action="report_publish", subject="1/2025") == "abc"
    for user, subject in ((lena, "1/2025"), (erin, "2/2025")):
        with pytest.raises(ValidationError, match="确认无效"):
            confirm_check(data, user=user, action="report_publish", subject=subject)
    with pytest.raises(ValidationError, match="勾选确认"):
        confirm_check({"confirm_token": token}, user=erin, action="report_publish", subject="1/2025")
