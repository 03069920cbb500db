"""One content, one file: a report rendered at two different moments gives the same DOCX and XLSX bytes (the
previewed file is the frozen file), dated with its publication date."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime

from gongkai.report.model import Report
from gongkai.report.render.charts import Chart
from gongkai.report.render.docx import render_docx
from gongkai.report.render.xlsx import render_xlsx

CHART = Chart("3", "办理结果", ("予以公开", "部分公开"), (("2025年", (3, 1)),))


def _render(report):
    return render_docx(report, charts=[CHART]), render_xlsx(report)


def test_the_same_report_gives_the_same_files_at_any_moment(time_machine):
    report = Report.blank("示例局", 2025)
    report.published_on = date(2026, 1, 20)
    time_machine.move_to(datetime(2026, 1, 20, 9, 0, 1, tzinfo=UTC), tick=False)
    first = _render(report)
    time_machine.move_to(datetime(2026, 1, 21, 17, 30, 59, tzinfo=UTC), tick=False)
    assert _render(report) == first
    for data in first:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert {info.date_time for info in package.infolist()} == {(2026, 1, 20, 0, 0, 0)}
            assert b"2026-01-20T00:00:00Z" in package.read("docProps/core.xml")
