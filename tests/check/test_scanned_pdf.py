"""A scanned PDF (every page a picture, no text layer) has its own status and says so, not a generic error."""

from __future__ import annotations

import io

import pypdfium2

from gongkai.check import exit_code
from gongkai.check.read import STATUS_NAMES, Status, read_bytes

from .pdfwriter import make_pdf


def _scan(pdf: bytes, pages: slice = slice(None)) -> bytes:
    """Print each page of a PDF to a picture and bind the pictures into a new PDF, as a scanner would."""
    document = pypdfium2.PdfDocument(pdf)
    images = [document[index].render(scale=1.5).to_pil().convert("RGB") for index in range(len(document))][pages]
    document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=108)
    return out.getvalue()


def test_a_scanned_report_is_called_a_picture_pdf_without_text(report_pdf):
    outcome = read_bytes(_scan(report_pdf), "scan.pdf")
    assert outcome.status is Status.SCANNED
    assert STATUS_NAMES[outcome.status] == "图片型PDF，无文字层"
    assert outcome.reason.startswith("图片型PDF，无文字层")
    assert "OCR" in outcome.reason
    assert outcome.report is None
    assert exit_code([outcome]) == 1
    assert outcome.to_dict()["status"] == "scanned"


def test_a_text_pdf_is_not_called_a_scan(report_pdf):
    outcome = read_bytes(report_pdf, "text.pdf")
    assert outcome.status is Status.REPORT


def test_a_pdf_with_neither_text_nor_pictures_is_not_called_a_picture_pdf():
    outcome = read_bytes(make_pdf(["", ""]), "blank.pdf")
    assert outcome.status is Status.NOT_REPORT


def test_pages_that_are_pictures_in_a_text_pdf_are_named(report_pdf):
    """The first page printed with text, the rest scanned: what was read is kept, and the pictures are mentioned."""
    text, scanned = pypdfium2.PdfDocument(report_pdf), pypdfium2.PdfDocument(_scan(report_pdf))
    assert len(scanned) >= 3
    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(text, [0])
    pictures = len(scanned) - 1
    mixed.import_pages(scanned, list(range(1, len(scanned))))
    out = io.BytesIO()
    mixed.save(out)
    for document in (mixed, scanned, text):
        document.close()
    outcome = read_bytes(out.getvalue(), "mixed.pdf")
    assert outcome.status is not Status.SCANNED
    said = "；".join([outcome.reason, *outcome.problems])
    assert f"有 {pictures} 页是图片、无文字层" in said
