"""Attachments are recognised by their content, never by their name, and their text is read for the scan."""

from __future__ import annotations

import io
import zipfile

from django.http import FileResponse

from gongkai.limits import REQUEST, FileLimits, LimitExceeded, ParseFailed, check_size, check_zip, isolated, rows

KIND_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "png": "PNG 图片", "jpg": "JPEG 图片"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}


class BadFile(ValueError):
    pass


def sniff_kind(data: bytes) -> str:
    """The file's kind from its bytes, or BadFile: a renamed .exe is not a PDF."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise BadFile("文件已损坏：不是有效的压缩文档") from None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    raise BadFile("只接受 PDF、DOCX、XLSX、PNG、JPEG 文件（按文件内容识别，不看扩展名）")


def extract_text(kind: str, data: bytes, limits: FileLimits = REQUEST) -> str:
    """Text for the personal-data scan; images have none (a reviewer looks at them). Bounded by gongkai.limits
    (sizes, zip ratio, rows, pages, time): a file past a limit is refused, never scanned in part."""
    if kind not in ("pdf", "docx", "xlsx"):
        return ""
    try:
        # In a child process: its memory and time are capped whatever thread of the server this runs in.
        return isolated(lambda: _extract(kind, data, limits), limits)
    except LimitExceeded as exc:
        raise BadFile(f"无法检查文件内容：{exc}") from None
    except ParseFailed as exc:  # a damaged document must not pass unscanned
        raise BadFile(f"无法读取文件内容：{exc}") from None
    except Exception as exc:
        raise BadFile(f"无法读取文件内容：{exc.__class__.__name__}") from None


def _extract(kind: str, data: bytes, limits: FileLimits) -> str:
    check_size(len(data), limits)
    if kind == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.max_scanned_pages:
                raise LimitExceeded(f"PDF 共 {len(pdf.pages)} 页，超过可检查的上限 {limits.max_scanned_pages} 页")
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if kind == "docx":
        import docx

        check_zip(data, limits)
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    if kind == "xlsx":
        import openpyxl

        check_zip(data, limits)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return "\n".join(
            " ".join("" if v is None else str(v) for v in row)
            for sheet in book.worksheets
            for row in rows(sheet.iter_rows(values_only=True), limits)
        )
    return ""


def attachment_response(attachment) -> FileResponse:
    """The attachment as a download, by the type its content was recognised as (staff and public pages)."""
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=CONTENT_TYPES[attachment.kind],
        as_attachment=True,
        filename=attachment.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
