"""PDFs whose body text sits inside drawn frames (WPS and others): the frames are read as text, not dropped as
"not one of the three tables", so S1 sees every section and T3 the statistics period."""

from __future__ import annotations

import pytest

from gongkai.check.read import Status, read_bytes
from gongkai.report.render.docx import render_docx
from gongkai.report.rules import check_report

from .makedocs import busy_report, frame_paragraphs, report_pdf_of


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    return report_pdf_of(busy_report())


def _read(data: bytes):
    outcome = read_bytes(data, "framed.pdf")
    assert outcome.status is Status.REPORT, outcome.reason
    return outcome.report, check_report(outcome.report)


@pytest.mark.parametrize("row_per_paragraph", [False, True], ids=["frame-per-run", "row-per-paragraph"])
def test_framed_paragraphs_are_read_as_text(plain_pdf, row_per_paragraph):
    framed, findings = _read(report_pdf_of(busy_report(), framed=True, row_per_paragraph=row_per_paragraph))
    plain, plain_findings = _read(plain_pdf)
    assert sorted(framed.sections) == ["1", "2", "3", "4", "5", "6"]
    assert not [f for f in findings if f.rule in ("S1", "T3")]
    assert framed.agency == "淄博市张店区机关事务服务中心" and framed.year == 2022
    assert "统计期限自2022年1月1日起" in framed.preamble
    # The frames change nothing else: same cells, same findings as the same report printed without them.
    assert framed.to_dict()["table_b"] == plain.to_dict()["table_b"]
    assert framed.to_dict()["table_c"] == plain.to_dict()["table_c"]
    assert framed.to_dict()["table_a"] == plain.to_dict()["table_a"]
    assert sorted(f.message for f in findings) == sorted(f.message for f in plain_findings)
    assert framed.table_b["new_received"]["total"] == 15


def test_the_paragraph_a_frame_joins_to_a_table_is_text_not_a_table_row():
    """A frame drawn right above table A merges with its grid in pdfplumber: the heading in it is still a heading."""
    framed, findings = _read(report_pdf_of(busy_report(), framed=True))
    assert framed.section_heading("2") == "二、主动公开政府信息情况"
    assert framed.section_heading("4") == "四、政府信息公开行政复议、行政诉讼情况"
    assert not [f for f in findings if f.rule == "S1"]


@pytest.mark.parametrize("row_per_paragraph", [False, True], ids=["frame-per-run", "row-per-paragraph"])
def test_framed_paragraphs_in_a_docx_are_read_as_text(row_per_paragraph):
    plain = render_docx(busy_report())
    outcome = read_bytes(frame_paragraphs(plain, row_per_paragraph=row_per_paragraph), "framed.docx")
    expected = read_bytes(plain, "plain.docx")
    assert outcome.status is Status.REPORT, outcome.reason
    assert outcome.report.to_dict() == expected.report.to_dict()
    assert not [problem for problem in outcome.problems if "不是年度报告的三张表之一" in problem]


def _heading_into_next_table(data: bytes, heading: str) -> bytes:
    """The heading paragraph moved into a first row of the table after it, one cell across the whole width."""
    import copy
    import io

    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    paragraph = next(p for p in document.paragraphs if p.text.strip() == heading)._p
    table = paragraph.getnext()
    while table.tag != qn("w:tbl"):
        table = table.getnext()
    columns = len(table.find(qn("w:tblGrid")).findall(qn("w:gridCol")))
    row = copy.deepcopy(table.find(qn("w:tr")))
    for cell in row.findall(qn("w:tc"))[1:]:
        row.remove(cell)
    cell = row.find(qn("w:tc"))
    properties = cell.find(qn("w:tcPr"))
    for span in properties.findall(qn("w:gridSpan")) + properties.findall(qn("w:vMerge")):
        properties.remove(span)
    span = properties.makeelement(qn("w:gridSpan"), {qn("w:val"): str(columns)})
    properties.append(span)
    for old in cell.findall(qn("w:p")):
        cell.remove(old)
    cell.append(paragraph)  # moves it out of the body
    table.find(qn("w:tr")).addprevious(row)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("heading", ["二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况"])
def test_a_heading_in_the_first_row_of_a_docx_table_is_a_heading(heading):
    plain = render_docx(busy_report())
    outcome = read_bytes(_heading_into_next_table(plain, heading), "titled.docx")
    expected = read_bytes(plain, "plain.docx")
    assert outcome.status is Status.REPORT, outcome.reason
    key = "2" if heading.startswith("二") else "4"
    assert outcome.report.section_heading(key) == heading
    assert outcome.report.to_dict() == expected.report.to_dict()
    assert not [f for f in check_report(outcome.report) if f.rule == "S1"]
