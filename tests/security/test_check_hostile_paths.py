"""`gongkai check` on hostile paths (issue 15, items 4 and 10): devices and FIFOs are refused before any read,
a DOCX whose one part inflates past the limit is "too large" (at -j 1 as at -j 2), and running out of memory is
reported as "too large", never as a corrupt file. The limits are gongkai.limits', shared with every parser."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from gongkai.check import batch
from gongkai.check.batch import check_paths
from gongkai.check.read import Outcome, Status


def _docx_with_a_big_part(path: Path, megabytes: int) -> Path:
    """A DOCX (stored, not compressed: no zip-bomb ratio) whose document.xml is `megabytes` MB of plain text."""
    body = ("<w:p><w:r><w:t>" + os.urandom(4096).hex() + "</w:t></w:r></w:p>") * (megabytes * 1024 * 1024 // 8220 + 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document><w:body>{body}</w:body></w:document>')
    return path


def test_a_device_is_refused_before_it_is_read():
    started = time.perf_counter()
    outcome = check_paths(["/dev/zero"])[0]
    assert outcome.status is Status.UNSUPPORTED and "不是普通文件" in outcome.reason
    assert time.perf_counter() - started < 10


def test_a_fifo_is_refused_instead_of_blocking(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "check", str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and "不是普通文件" in result.stdout


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_docx_part_past_the_limit_is_too_large_at_any_j(tmp_path, jobs):
    big = _docx_with_a_big_part(tmp_path / "big.docx", 33)
    small = tmp_path / "note.txt"
    small.write_text("不是年度报告", encoding="utf-8")
    outcomes = {Path(o.source).name: o for o in check_paths([big, small], jobs=jobs)}
    assert outcomes["big.docx"].status is Status.TOO_LARGE and "文件过大" in outcomes["big.docx"].reason


def test_running_out_of_memory_is_reported_as_too_large(tmp_path, monkeypatch):
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK\x03\x04")

    def xml_out_of_memory(name, limits):
        return Outcome(name, Status.CORRUPT, "DOCX 文件无法解析（XMLSyntaxError: Memory allocation failed）", "docx")

    monkeypatch.setattr(batch, "read_file", xml_out_of_memory)
    outcome = batch._read_one((str(path), batch.Limits()))
    assert outcome.status is Status.TOO_LARGE and "内存" in outcome.reason

    def raises(name, limits):
        raise MemoryError

    monkeypatch.setattr(batch, "read_file", raises)
    assert batch._read_one((str(path), batch.Limits())).status is Status.TOO_LARGE


def test_attachment_text_extraction_refuses_an_oversized_part_quickly():
    from gongkai.publishing.files import BadFile, extract_text

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + "<w:p/>" * 5_000_000 + "</w:document>")
    started = time.perf_counter()
    with pytest.raises(BadFile, match="无法检查文件内容"):
        extract_text("docx", buffer.getvalue())
    assert time.perf_counter() - started < 2


def test_spreadsheet_text_and_imports_stop_at_the_row_limit(agency, erin):
    import openpyxl
    from django.core.exceptions import ValidationError

    from gongkai.limits import REQUEST
    from gongkai.publishing.files import BadFile, extract_text
    from gongkai.publishing.spreadsheets import CATALOG_HEADERS, catalog_import

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(CATALOG_HEADERS)
    for number in range(REQUEST.max_rows + 10):
        sheet.append([f"指标{number % 7}"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(BadFile, match="超过"):
        extract_text("xlsx", buffer.getvalue())
    with pytest.raises(ValidationError, match="超过"):
        catalog_import(agency=agency, actor=erin, data=buffer.getvalue())


def test_the_skipped_pages_note_survives_reading_tables_from_text(monkeypatch):
    """A long PDF whose tables are text: the second reading must keep "only the first 60 pages were read"."""
    from gongkai.check import read
    from gongkai.report.model import Report
    from gongkai.report.parse import text as text_parser
    from gongkai.report.parse.document import ParsedDocument

    note = "PDF 共 10400 页，只读取了前 60 页，第 61–10400 页已跳过"
    first = ParsedDocument(Report(agency="测试局", year=2025), problems=[note], sections_found=6, title_found=True)
    second = ParsedDocument(Report(agency="测试局", year=2025), cells_found=40, sections_found=6, title_found=True)
    monkeypatch.setattr(text_parser, "parse_text_run_together", lambda text, source: second)
    outcome = read._classify(read._tables_from_text(first, "long.pdf"), "long.pdf", "pdf")
    assert note in outcome.reason and outcome.status is Status.REPORT


def test_a_report_import_refuses_a_docx_part_past_the_limit(tmp_path, region, erin):
    from django.core.exceptions import ValidationError

    from gongkai.agencies.models import Supervision
    from gongkai.reporting.services import report_import

    Supervision.objects.create(user=erin, region=region)  # imports are a supervisor's
    data = _docx_with_a_big_part(tmp_path / "big.docx", 33).read_bytes()
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="文件过大"):
        report_import(region=region, data=data, filename="big.docx", actor=erin)
    assert time.perf_counter() - started < 10
