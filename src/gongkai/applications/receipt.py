"""The 受理回执: what the applicant takes home from the counter or prints after applying online — the same facts as
the receipt mail (`mail.receipt_text`), laid out as a one-page DOCX, and as PDF through LibreOffice
(`gongkai.report.render.pdf`, the one way gongkai makes a PDF)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.applications import wordml
from gongkai.applications.letters import cn_date
from gongkai.applications.mail import NEXT_STEPS, receipt_text
from gongkai.applications.models import Application
from gongkai.report.render.pdf import docx_to_pdf

TITLE = "政府信息公开申请受理回执"


def receipt_docx(application: Application, code: str | None) -> bytes:
    """One page (wordml, like the letters): the agency and the title, the facts of the receipt mail as a table, what
    happens next, the agency and today's date."""
    body = [
        wordml.paragraph(application.agency.name, font=wordml.TITLE_FONT, size=20, align="center", exact=False),
        wordml.paragraph(TITLE, font=wordml.TITLE_FONT, size=20, align="center", exact=False),
        wordml.table(receipt_text(application, code), widths_mm=(35, 121)),
        wordml.paragraph("", size=14, exact=False),
        wordml.paragraph("办理说明", font=wordml.HEADING_FONT, size=14, exact=False),
        wordml.paragraph(NEXT_STEPS, size=14, indent=True, exact=False),
        wordml.paragraph("", size=14, exact=False),
        wordml.paragraph(application.agency.name, size=14, align="right", exact=False),
        wordml.paragraph(cn_date(timezone.localdate()), size=14, align="right", exact=False),
    ]
    return wordml.document(body, margins_mm=(30, 26, 30, 28))


def receipt_pdf(application: Application, code: str | None) -> bytes:
    """Raises `PdfUnavailable` (in Chinese) when LibreOffice is missing."""
    return docx_to_pdf(receipt_docx(application, code))


def filename(application: Application, ext: str) -> str:
    return f"{TITLE}-{application.number}.{ext}"
