"""`--ocr`: a scanned PDF read with text recognition (RapidOCR, whose models ship inside its package), its boxes of
text put back into lines and read as run-together text. Without the `ocr` extra the scan is reported as one, with
how to install it."""

from __future__ import annotations

import re
import time

import pytest

from gongkai.check.read import Limits, Status, read_bytes
from gongkai.report.parse.ocr import Box, lines_from_boxes, ocr_available
from gongkai.report.rules import check_report

from .makedocs import busy_report, report_pdf_of, tables_as_pictures_pdf
from .test_scanned_pdf import _scan


def _box(top: float, left: float, right: float, text: str, height: float = 20) -> Box:
    return Box(top, top + height, left, right, text)


def test_boxes_become_lines_and_wrapped_labels_are_joined():
    boxes = [
        _box(0, 50, 600, "本年度报告中所列数据的统计期限自2022年1月1日"),
        _box(30, 50, 300, "起，至2022年12月31日止。"),  # prose running on: joined
        # A table row whose label wraps inside its cell: the numbers sit beside the first line.
        _box(100, 10, 90, "(四) 无法"),
        _box(102, 100, 300, "1.本机关不掌握相关政府信"),
        *(_box(101, 320 + 40 * i, 340 + 40 * i, n) for i, n in enumerate("2000002")),
        _box(124, 10, 60, "提供"),
        _box(125, 100, 130, "息"),
        # A label whose first line stands over its numbers.
        _box(200, 100, 300, "1.申请人无正当理由逾期不"),
        _box(224, 100, 300, "补正、行政机关不再处理其"),
        *(_box(225, 320 + 40 * i, 340 + 40 * i, "0") for i in range(7)),
        _box(300, 50, 80, "-5-"),  # a page number: dropped
    ]
    assert lines_from_boxes(boxes) == [
        "本年度报告中所列数据的统计期限自2022年1月1日起，至2022年12月31日止。",
        "(四) 无法提供 1.本机关不掌握相关政府信息 2 0 0 0 0 0 2",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其 0 0 0 0 0 0 0",
    ]


def test_a_heading_after_a_table_row_is_not_taken_into_it():
    boxes = [
        _box(0, 10, 200, "四、结转下年度继续办理"),
        *(_box(0, 320 + 40 * i, 340 + 40 * i, "0") for i in range(7)),
        _box(26, 10, 500, "四、政府信息公开行政复议、行政诉讼情况"),
    ]
    assert lines_from_boxes(boxes) == ["四、结转下年度继续办理 0 0 0 0 0 0 0", "四、政府信息公开行政复议、行政诉讼情况"]


def test_without_the_option_a_scan_is_only_reported(report_pdf):
    outcome = read_bytes(_scan(report_pdf), "scan.pdf", Limits(ocr=False))
    assert outcome.status is Status.SCANNED


@pytest.mark.skipif(not ocr_available(), reason="the ocr extra (rapidocr, onnxruntime) is not installed")
def test_a_scanned_report_is_read_with_ocr():
    pdf = report_pdf_of(busy_report())
    expected = read_bytes(pdf, "text.pdf")
    started = time.process_time()
    outcome = read_bytes(_scan(pdf), "scan.pdf", Limits(ocr=True, seconds=600))
    seconds = time.process_time() - started
    assert outcome.status is Status.REPORT, outcome.reason
    assert outcome.kind == "pdf-ocr"
    assert outcome.problems[0].startswith("图片型PDF，无文字层：已用文字识别（OCR）读取")
    got, want = outcome.report.to_dict(), expected.report.to_dict()
    cells = [(t, r, c) for t in ("table_a", "table_b", "table_c") for r in want[t] for c in want[t][r]]
    wrong = [(t, r, c, got[t][r][c], want[t][r][c]) for t, r, c in cells if got[t][r][c] != want[t][r][c]]
    # Measured 2026-12-01 on this generated scan (6 pages at 144 dpi): all 200 cells, about 25 s of CPU.
    assert len(wrong) <= len(cells) // 50, wrong  # at least 98% of cells
    assert all(value is None for *_, value, _ in wrong), "a cell OCR misread must be blank, not a wrong number"
    assert (outcome.report.agency, outcome.report.year) == (expected.report.agency, expected.report.year)
    assert sorted(outcome.report.sections) == ["1", "2", "3", "4", "5", "6"]
    rules = sorted(f.rule for f in check_report(outcome.report))
    assert rules == sorted(f.rule for f in check_report(expected.report))
    print(f"OCR: {len(cells) - len(wrong)}/{len(cells)} cells, {seconds:.1f} s CPU")


def test_asking_for_ocr_without_the_extra_reports_the_scan_and_how_to_install_it(report_pdf, monkeypatch):
    import gongkai.check.read as read

    monkeypatch.setattr(read, "ocr_available", lambda: False)
    outcome = read_bytes(_scan(report_pdf), "scan.pdf", Limits(ocr=True))
    assert outcome.status is Status.SCANNED
    assert "pip install 'gongkai[ocr]'" in outcome.reason


@pytest.fixture(scope="module")
def tables_as_pictures() -> bytes:
    return tables_as_pictures_pdf(busy_report())


def test_tables_pasted_in_as_pictures_are_named(tables_as_pictures, monkeypatch):
    import gongkai.check.read as read

    monkeypatch.setattr(read, "ocr_available", lambda: False)
    outcome = read_bytes(tables_as_pictures, "pictures.pdf")
    assert outcome.status is Status.NO_TABLES
    assert re.search(r"第 [\d、]+ 页有大幅图片（表格可能是以图片形式插入的）", outcome.reason), outcome.reason
    assert "gongkai[ocr]" in outcome.reason


@pytest.mark.skipif(not ocr_available(), reason="the ocr extra (rapidocr, onnxruntime) is not installed")
def test_tables_pasted_in_as_pictures_are_read_with_ocr(tables_as_pictures):
    expected = read_bytes(report_pdf_of(busy_report()), "text.pdf").report.to_dict()
    outcome = read_bytes(tables_as_pictures, "pictures.pdf", Limits(ocr=True, seconds=600))
    assert outcome.status is Status.REPORT, outcome.reason
    assert outcome.kind == "pdf-ocr"
    assert re.match(r"第 [\d、]+ 页的内容是图片，已用文字识别（OCR）读取", outcome.problems[0])
    got = outcome.report.to_dict()
    cells = [(t, r, c) for t in ("table_a", "table_b", "table_c") for r in expected[t] for c in expected[t][r]]
    wrong = [(t, r, c, got[t][r][c], expected[t][r][c]) for t, r, c in cells if got[t][r][c] != expected[t][r][c]]
    # Measured 2026-12-01: all 200 cells, about 11 s of CPU (two pages recognised).
    assert len(wrong) <= len(cells) // 50, wrong
    assert all(value is None for *_, value, _ in wrong)
    assert outcome.report.agency == "淄博市张店区机关事务服务中心"


def test_table_c_numbers_after_a_second_header_row_are_found(corpus):
    """Text recognised line by line puts table C's second header row between its last 总计 and the numbers."""
    page = (corpus / "2022.page.txt").read_text(encoding="utf-8")
    assert "审结总计 0 1 1 0 2" in page
    outcome = read_bytes(page.replace("审结总计 0 1 1 0 2", "审结总计 维持 纠正 结果 审结 0 1 1 0 2").encode(), "c.txt")
    assert outcome.report.table_c["reconsideration"] == {
        "upheld": 0,
        "corrected": 1,
        "other": 1,
        "pending": 0,
        "total": 2,
    }
