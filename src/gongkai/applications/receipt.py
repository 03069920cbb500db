"""The 受理回执: what the applicant takes home from the counter or prints after applying online — the same facts as
the receipt mail (`mail.receipt_text`), laid out as a one-page DOCX, and as PDF through LibreOffice
(`gongkai.report.render.pdf`, the one way gongkai makes a PDF)."""

from __future__ import annotations

import io

from django.utils import timezone

from gongkai.applications.letters import cn_date
from gongkai.applications.mail import NEXT_STEPS, receipt_text
from gongkai.applications.models import Application
from gongkai.report.render.pdf import docx_to_pdf
from gongkai.text import strip_control

TITLE = "政府信息公开申请受理回执"


def _font(run, name: str, size_pt: float, bold: bool = False) -> None:
    """Name the font for Latin and East Asian text alike (python-docx sets only the Latin one)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def receipt_docx(application: Application, code: str | None) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30), Mm(30)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def paragraph(text: str, *, font: str = "仿宋_GB2312", size: float = 14, align=None, bold: bool = False):
        p = document.add_paragraph()
        if align is not None:
            p.alignment = align
        _font(p.add_run(strip_control(text)), font, size, bold)
        return p

    paragraph(application.agency.name, font="方正小标宋简体", size=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(TITLE, font="方正小标宋简体", size=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in receipt_text(application, code):
        cells = table.add_row().cells
        _font(cells[0].paragraphs[0].add_run(label), "黑体", 12)
        _font(cells[1].paragraphs[0].add_run(strip_control(str(value))), "仿宋_GB2312", 12)
        cells[0].width, cells[1].width = Mm(35), Mm(121)
    paragraph("")
    paragraph("办理说明", font="黑体", size=14)
    note = paragraph(NEXT_STEPS)
    note.paragraph_format.first_line_indent = Pt(28)
    paragraph("")
    paragraph(application.agency.name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(cn_date(timezone.localdate()), align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def receipt_pdf(application: Application, code: str | None) -> bytes:
    """Raises `PdfUnavailable` (in Chinese) when LibreOffice is missing."""
    return docx_to_pdf(receipt_docx(application, code))


def filename(application: Application, ext: str) -> str:
    return f"{TITLE}-{application.number}.{ext}"
