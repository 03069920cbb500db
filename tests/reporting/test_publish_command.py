"""The command line publishes through the same gate as the staff page: a preview first, then --confirm."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from gongkai.reporting import services
from gongkai.reporting.models import ReportVersion
from reporting.helpers import finish


def test_the_command_previews_refuses_and_publishes(demo, erin, lena, tmp_path):
    agency = demo["invented"]
    out = io.StringIO()
    call_command("report_publish", agency=agency.pk, year=2025, user="lena", preview_dir=tmp_path, stdout=out)
    assert "不能公布" in out.getvalue() and "（请补充）" in out.getvalue()
    assert (tmp_path / f"{agency.name}2025年政府信息公开工作年度报告（预览）.docx").exists()
    with pytest.raises(CommandError, match="待补充"):
        call_command("report_publish", agency=agency.pk, year=2025, user="lena", confirm=True)

    finish(services.draft_start(agency=agency, year=2025, actor=erin), erin)
    out = io.StringIO()
    call_command("report_publish", agency=agency.pk, year=2025, user="lena", stdout=out)
    keys = re.findall(r"警告 (\S+)：", out.getvalue())
    acks = [f"{key}=经核对，保留原文。" for key in keys]
    with pytest.raises(CommandError, match="分管领导"):
        call_command("report_publish", agency=agency.pk, year=2025, user="erin", ack=acks, confirm=True)
    call_command("report_publish", agency=agency.pk, year=2025, user="lena", ack=acks, confirm=True, stdout=out)
    assert ReportVersion.objects.get(agency=agency, year=2025).published_by == lena
