"""Markdown and OCR text: pipe tables are read as tables (separator rows, rows broken over lines, repeated header
rows, `## 表三` headings), not as run-together numbers that make every row a P1 warning; `.md` files are checked."""

from __future__ import annotations

import pytest

from gongkai.check import check_paths
from gongkai.check.read import Status, read_bytes
from gongkai.report.parse.text import is_markdown
from gongkai.report.render.docx import render_docx
from gongkai.report.rules import check_report

from .makedocs import busy_report, markdown_of


@pytest.fixture(scope="module")
def expected():
    """The same report read from its DOCX."""
    return read_bytes(render_docx(busy_report()), "report.docx").report.to_dict()


@pytest.mark.parametrize(("split_row", "repeat_header"), [(False, False), (True, True)])
def test_pipe_tables_are_read_as_tables(expected, split_row, repeat_header):
    text = markdown_of(busy_report(), split_row=split_row, repeat_header=repeat_header)
    assert "|---|" in text and "## 表三" in text
    outcome = read_bytes(text.encode("utf-8"), "report.md")
    assert outcome.status is Status.REPORT, outcome.reason
    assert outcome.reader_findings == []  # no P1: the pipes are cell boundaries
    report = outcome.report.to_dict()
    for table in ("table_a", "table_b", "table_c"):
        assert report[table] == expected[table]
    assert outcome.report.table_b["new_received"]["total"] == 15
    assert outcome.report.agency == "淄博市张店区机关事务服务中心" and outcome.report.year == 2022
    assert sorted(outcome.report.sections) == ["1", "2", "3", "4", "5", "6"]
    assert [f.rule for f in check_report(outcome.report) if f.rule in ("P1", "S1", "B1", "B2", "C1")] == []


def test_ocr_style_rows_with_blank_lines_and_full_width_pipes(expected):
    text = markdown_of(busy_report(), split_row=False, repeat_header=False)
    ocr = "\n\n".join(
        line.replace("|", "｜") if line.startswith("| 一、本年新收") else line for line in text.splitlines()
    )
    outcome = read_bytes(ocr.encode("utf-8"), "ocr.txt")
    assert outcome.status is Status.REPORT
    assert outcome.report.to_dict()["table_b"] == expected["table_b"]


def test_md_files_in_a_folder_are_checked(tmp_path):
    (tmp_path / "report.md").write_text(markdown_of(busy_report()), encoding="utf-8")
    outcomes = check_paths([tmp_path])
    assert [(o.source.endswith("report.md"), o.status) for o in outcomes] == [(True, Status.REPORT)]


def test_plain_text_with_a_few_pipes_is_not_markdown(seed_text):
    assert not is_markdown(seed_text.read_text(encoding="utf-8"))
    assert not is_markdown("联系电话 | 0533-2869928\n地址 | 新村西路226号\n")


def test_html_tables_among_markdown_text_are_read(expected):
    text = markdown_of(busy_report(), html_tables=True)
    assert "<table" in text and "rowspan" in text and "|---|" not in text
    outcome = read_bytes(text.encode("utf-8"), "mineru.md")
    assert outcome.status is Status.REPORT, outcome.reason
    report = outcome.report.to_dict()
    for table in ("table_a", "table_b", "table_c"):
        assert report[table] == expected[table]
    assert sorted(outcome.report.sections) == ["1", "2", "3", "4", "5", "6"]


def test_a_row_broken_at_a_cell_boundary_is_joined(expected):
    text = markdown_of(busy_report(), split_row=False, repeat_header=False)
    row = next(line for line in text.splitlines() if line.startswith("| 一、本年新收"))
    cut = row.index(" | 3 | ")  # after 自然人's 12
    broken = text.replace(row, row[:cut] + " |\n| " + row[cut + 3 :])
    assert "| 12 |\n| 3 |" in broken
    outcome = read_bytes(broken.encode("utf-8"), "ocr.md")
    assert outcome.report.to_dict()["table_b"] == expected["table_b"]
    assert outcome.reader_findings == []
