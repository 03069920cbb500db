"""DOCX: an official-looking document that reads back to the same report."""

import io
from decimal import Decimal

import docx
from docx.oxml.ns import qn

from factories import make_report
from gongkai.report.format import FormatVersion
from gongkai.report.parse.docx import parse_docx
from gongkai.report.render.docx import BODY_FONT, HEADING_FONT, TITLE_FONT, render_docx


def _every_cell_distinct(report):
    for index, (ref, _) in enumerate(list(report.cells())):
        report.set(ref.name, Decimal("3.75") if ref.kind == "amount" else index)
    return report


def test_the_seed_reads_back_cell_for_cell_and_word_for_word(seed_report):
    parsed = parse_docx(render_docx(seed_report))
    assert parsed.problems == []
    back = parsed.report
    assert (back.agency, back.year, back.format_version) == (seed_report.agency, 2022, FormatVersion.V2021)
    assert back.title == seed_report.title
    assert back.preamble == seed_report.preamble
    assert back.sections == seed_report.sections
    assert list(back.cells()) == list(seed_report.cells())


def test_every_cell_lands_in_its_own_place(seed_report):
    # The seed is all zeros: a distinct number per cell proves no two cells are swapped.
    report = _every_cell_distinct(seed_report)
    back = parse_docx(render_docx(report)).report
    assert list(back.cells()) == list(report.cells())


def test_a_2019_report_reads_back_in_the_2019_format():
    report = _every_cell_distinct(make_report(2020, FormatVersion.V2019))
    back = parse_docx(render_docx(report)).report
    assert back.format_version is FormatVersion.V2019
    assert list(back.cells()) == list(report.cells())


def test_a_blank_cell_stays_blank():
    report = make_report(table_b__granted__research_institution=None)
    back = parse_docx(render_docx(report)).report
    assert back.get("table_b.granted.research_institution") is None
    assert back.get("table_b.granted.total") == 6


def test_it_sets_the_page_and_fonts_of_gb_t_9704(seed_report):
    document = docx.Document(io.BytesIO(render_docx(seed_report)))
    section = document.sections[0]
    # Word stores lengths in twentieths of a point, so compare in whole millimetres.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert round(section.page_width.mm - section.left_margin.mm - section.right_margin.mm) == 156
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == BODY_FONT
    assert normal.font.size.pt == 16
    title_run = document.paragraphs[0].runs[0]
    assert title_run.element.rPr.rFonts.get(qn("w:eastAsia")) == TITLE_FONT
    assert title_run.font.size.pt == 22
    heading = next(p for p in document.paragraphs if p.text == "一、总体情况")
    assert heading.runs[0].element.rPr.rFonts.get(qn("w:eastAsia")) == HEADING_FONT
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer_xml


def test_it_merges_header_cells_as_the_template_does(seed_report, shared):
    ours = docx.Document(io.BytesIO(render_docx(seed_report)))
    template = docx.Document(str(shared / "reference" / "annual-report-template-2021.docx"))

    def spans(table):
        out = []
        for tr in table._tbl.tr_lst:
            row = []
            for tc in tr.tc_lst:
                span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
                merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
                row.append(
                    (
                        int(span.get(qn("w:val"))) if span is not None else 1,
                        None if merge is None else (merge.get(qn("w:val")) or "continue"),
                    )
                )
            out.append(row)
        return out

    assert len(ours.tables) == 3
    for mine, official in zip(ours.tables, template.tables, strict=True):
        assert spans(mine) == spans(official)
