"""PDF from a rendered DOCX, printed by LibreOffice headless: the one way gongkai makes a PDF (published reports, the
checker's PDF tests, the benchmark). Plain Python: no Django."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PDF_SECONDS = 120


class PdfUnavailable(Exception):
    """LibreOffice is not installed, or could not convert the file; the message says so in Chinese."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """LibreOffice headless in a temporary directory (its own profile, a time limit); never a partial file."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable("本机未安装 LibreOffice（soffice），暂不能提供 PDF 版本，请下载 DOCX 或 HTML 版本。")
    with tempfile.TemporaryDirectory(prefix="gongkai-pdf-") as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=PDF_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable("生成 PDF 超时，请稍后再试，或下载 DOCX 版本。") from None
        target = Path(tmp) / "report.pdf"
        data = target.read_bytes() if target.exists() else b""
    if not data.startswith(b"%PDF"):
        raise PdfUnavailable("生成 PDF 失败，请下载 DOCX 版本。")
    return data
