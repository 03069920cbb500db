"""Bad input gets a status and a reason, in bounded time, never a traceback, and never stops the batch."""

from __future__ import annotations

import io
import os
import time
import zipfile

import docx
import pytest

from gongkai.check import check_paths, exit_code
from gongkai.check.read import Limits, Status, read_bytes

from .pdfwriter import make_pdf

NOT_A_REPORT = """关于印发2023年政务公开工作要点的通知
各镇人民政府、街道办事处，区直各部门：
现将《2023年政务公开工作要点》印发给你们，请认真贯彻落实。
一、围绕稳经济促发展加强政务公开
（一）做好经济政策发布解读。
二、围绕推进法治政府建设加强政务公开
三、持续提升政务公开质量实效
"""


def test_it_calls_an_empty_file_empty():
    for data in (b"", b"   \n\t\n"):
        outcome = read_bytes(data, "empty.txt")
        assert outcome.status is Status.EMPTY and outcome.reason


def test_it_refuses_binary_garbage():
    outcome = read_bytes(os.urandom(4096), "garbage.txt")
    assert outcome.status is Status.UNSUPPORTED
    assert "二进制" in outcome.reason


def test_it_refuses_a_zip_bomb_without_inflating_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        # 64 MB of zeros compress to about 64 KB: a ratio no document part has.
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(64):
                part.write(chunk)
    started = time.perf_counter()
    outcome = read_bytes(buffer.getvalue(), "bomb.docx")
    assert time.perf_counter() - started < 1
    assert outcome.status is Status.UNSAFE
    assert "压缩炸弹" in outcome.reason


def test_it_calls_a_broken_docx_corrupt():
    outcome = read_bytes(b"PK\x03\x04" + os.urandom(500), "broken.docx")
    assert outcome.status is Status.CORRUPT


def test_it_says_a_legacy_doc_must_be_saved_as_docx():
    outcome = read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "old.doc")
    assert outcome.status is Status.UNSUPPORTED and "DOCX" in outcome.reason


def test_it_calls_an_encrypted_pdf_encrypted():
    outcome = read_bytes(make_pdf(["secret"], encrypted=True), "locked.pdf")
    assert outcome.status is Status.ENCRYPTED


def test_it_reads_only_the_first_pages_of_a_500_page_pdf_and_says_so():
    started = time.perf_counter()
    outcome = read_bytes(make_pdf([f"page {i}" for i in range(500)]), "long.pdf", Limits(max_pdf_pages=20))
    assert time.perf_counter() - started < 5
    assert outcome.status is Status.NOT_REPORT
    assert "第 21–500 页已跳过" in outcome.reason


def test_it_calls_a_truncated_pdf_corrupt():
    outcome = read_bytes(make_pdf(["x"])[:150], "cut.pdf")
    assert outcome.status is Status.CORRUPT
    assert outcome.reason.startswith("PDF")


def test_html_without_a_table_is_not_a_report_and_says_why():
    page = "<html><body><div class='nav'>首页</div><p>欢迎访问本站。</p><p>联系我们</p></body></html>"
    outcome = read_bytes(page.encode(), "page.html")
    assert outcome.status is Status.NOT_REPORT
    assert "没有年度报告的表格" in outcome.reason


def test_a_reports_text_without_its_tables_is_no_tables(seed_text):
    lines = [line for line in seed_text.read_text(encoding="utf-8").splitlines() if not line.startswith("\t")]
    html = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    outcome = read_bytes(html.encode(), "no-tables.html")
    assert outcome.status is Status.NO_TABLES
    assert outcome.report is not None and outcome.report.agency


def test_a_work_plan_is_not_an_annual_report():
    outcome = read_bytes(NOT_A_REPORT.encode(), "yaodian.txt")
    assert outcome.status is Status.NOT_REPORT


def test_a_docx_that_is_not_a_report_is_not_a_report():
    document = docx.Document()
    for line in NOT_A_REPORT.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_bytes(buffer.getvalue(), "yaodian.docx").status is Status.NOT_REPORT


def test_a_parse_that_runs_too_long_is_stopped(monkeypatch):
    import gongkai.check.read as read

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(read, "_parse", slow)
    started = time.perf_counter()
    outcome = read_bytes(b"some text", "slow.txt", Limits(seconds=0.2))
    assert time.perf_counter() - started < 2
    assert outcome.status is Status.TIMEOUT


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 2048)
    outcome = check_paths([path], limits=Limits(max_bytes=1024))[0]
    assert outcome.status is Status.TOO_LARGE


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_files_never_stop_the_batch(tmp_path, seed_text, jobs):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-garbage.pdf").write_bytes(os.urandom(3000))
    (tmp_path / "c-locked.pdf").write_bytes(make_pdf(["x"], encrypted=True))
    (tmp_path / "d-report.txt").write_bytes(seed_text.read_bytes())
    outcomes = check_paths([tmp_path], jobs=jobs)
    assert [o.status for o in outcomes] == [Status.EMPTY, Status.UNSUPPORTED, Status.ENCRYPTED, Status.REPORT]
    assert exit_code(outcomes) == 1
    assert exit_code(outcomes[-1:]) == 0


def test_a_pdf_without_text_is_called_a_scan():
    outcome = read_bytes(make_pdf(["", ""]), "scan.pdf")
    assert outcome.status is Status.NOT_REPORT
    assert "扫描件" in outcome.reason
