"""Read one file into a report, or say exactly why it cannot be read.

Every input is bounded before it is parsed: its size, a DOCX's uncompressed size and compression ratio (a zip bomb
is refused without being inflated), a PDF's pages (the rest are skipped, and the outcome says so) and the time spent
(a timer interrupts a parse that runs too long). Nothing here raises: every failure becomes an `Outcome` with a
status and a reason in Chinese.
"""

from __future__ import annotations

import io
import re
import signal
import threading
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from gongkai.report.model import Report
from gongkai.report.parse.document import ParsedDocument
from gongkai.report.parse.ocr import ocr_available
from gongkai.report.rules import Finding


class Status(StrEnum):
    REPORT = "report"  # read as an annual report; its findings say what is wrong
    NO_TABLES = "no_tables"  # an annual report's text, but none of its tables could be read
    NOT_REPORT = "not_report"  # readable, but not a 政府信息公开工作年度报告
    SCANNED = "scanned"  # a PDF of pictures (a scan) without a text layer
    EMPTY = "empty"
    UNSUPPORTED = "unsupported"  # binary garbage or a format we do not read (.doc, images)
    TOO_LARGE = "too_large"
    UNSAFE = "unsafe"  # a zip bomb or a similar archive
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TIMEOUT = "timeout"


STATUS_NAMES = {
    Status.REPORT: "已读取",
    Status.NO_TABLES: "未找到表格",
    Status.NOT_REPORT: "不是年度报告",
    Status.SCANNED: "图片型PDF，无文字层",
    Status.EMPTY: "空文件",
    Status.UNSUPPORTED: "无法识别的格式",
    Status.TOO_LARGE: "文件过大",
    Status.UNSAFE: "不安全的压缩包",
    Status.ENCRYPTED: "已加密",
    Status.CORRUPT: "文件损坏",
    Status.TIMEOUT: "读取超时",
}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024  # a report with pictures stays far below this
    max_text_bytes: int = 10 * 1024 * 1024  # text and HTML
    max_unzipped_bytes: int = 200 * 1024 * 1024  # all parts of a DOCX, inflated
    max_zip_ratio: int = 200  # inflated / compressed, per part, for parts over 1 MB
    max_zip_entries: int = 5000
    max_pdf_pages: int = 60
    seconds: float = 60.0
    max_memory: int = 2 * 1024 * 1024 * 1024  # address space of each worker process (with -j N)
    ocr: bool = False  # read a scanned PDF with text recognition (the `ocr` extra), instead of only saying it is one


@dataclass
class Outcome:
    source: str
    status: Status
    reason: str = ""  # why it was not read, or what was skipped (Chinese)
    kind: str = ""  # text, html, docx, pdf, json
    report: Report | None = None
    reader_findings: list[Finding] = field(default_factory=list)  # P1, from the reader
    findings: list[Finding] = field(default_factory=list)  # all findings once the rules have run
    problems: list[str] = field(default_factory=list)
    previous_source: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status is Status.REPORT

    def to_dict(self) -> dict[str, Any]:
        report = self.report
        out: dict[str, Any] = {
            "source": self.source,
            "status": str(self.status),
            "reason": self.reason,
            "agency": report.agency if report else None,
            "year": (report.year or None) if report else None,
            "format_version": str(report.format_version) if report else None,
        }
        if report is not None:
            data = report.to_dict()
            out["published_on"] = data["published_on"]
            out["tables"] = {key: data[key] for key in ("table_a", "table_b", "table_c")}
            out["sections"] = data["sections"]
        else:
            out["published_on"] = None
            out["tables"] = None
            out["sections"] = None
        out["findings"] = [finding.to_dict() for finding in self.findings]
        out["problems"] = list(self.problems)
        out["previous"] = self.previous_source
        return out


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float):
    """Interrupt the block after `seconds` (only possible in a process's main thread; elsewhere, no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def interrupt(signum, frame):
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")

# -- recognising the kind of file -------------------------------------------------------------------------------

_HTML_STARTS = ("<!doctype", "<html", "<?xml", "<div", "<table", "<p", "<meta", "<head", "<body", "<!--")


def sniff(data: bytes, name: str = "") -> str:
    """pdf, docx (a zip), ole (a legacy .doc or an encrypted Office file), html, text, json or binary."""
    head = data[:8192]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "html" if b"<\x00" in head[:200] or b"\x00<" in head[:200] else "text"
    from gongkai.report.parse.encoding import decode_text, utf16_without_bom

    if b"\x00" in head:
        encoding = utf16_without_bom(head)
        if encoding is None:
            return "binary"
        text = head[: len(head) // 2 * 2].decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")[:16].lower()
        return "html" if text.startswith(_HTML_STARTS) or name.lower().endswith((".htm", ".html")) else "text"

    text = decode_text(head)
    bad = len(_CONTROL.findall(text))
    if text and bad / len(text) > 0.02:
        return "binary"
    stripped = text.lstrip("\ufeff \t\r\n")[:16].lower()  # enough for the prefixes below, not 8 KB lower-cased
    if name.lower().endswith(".json") or stripped.startswith("{"):
        return "json"
    if stripped.startswith(_HTML_STARTS):
        return "html"
    if name.lower().endswith((".htm", ".html")):
        return "html"
    return "text"


def _check_zip(data: bytes, limits: Limits) -> Outcome | None:
    """Refuse an archive whose parts would inflate past the limits; nothing is inflated to find out."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return Outcome("", Status.CORRUPT, f"DOCX 文件已损坏，无法打开（{type(exc).__name__}）")
    if len(infos) > limits.max_zip_entries:
        return Outcome("", Status.UNSAFE, f"压缩包中有 {len(infos)} 个文件，超过上限 {limits.max_zip_entries}，未解压")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        return Outcome(
            "",
            Status.UNSAFE,
            f"解压后共 {total / 1024 / 1024:.0f} MB，超过上限 {limits.max_unzipped_bytes / 1024 / 1024:.0f} MB"
            "（疑似压缩炸弹），未解压",
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            return Outcome(
                "",
                Status.UNSAFE,
                f"“{info.filename}”的压缩比为 {info.file_size // max(info.compress_size, 1)}:1（疑似压缩炸弹），未解压",
            )
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        if "EncryptedPackage" in names:
            return Outcome("", Status.ENCRYPTED, "文档已加密，需要密码才能读取")
        return Outcome("", Status.UNSUPPORTED, "这是一个压缩包，但不是 Word 文档（DOCX）")
    return None


def _part_too_large(data: bytes, limits: Limits) -> Outcome | None:
    """gongkai.limits' bounds for every parser in the product (one inflated part above all: its XML tree)."""
    from gongkai.limits import FileLimits, LimitExceeded, check_zip

    bounds = FileLimits(
        max_bytes=limits.max_bytes,
        max_unzipped_bytes=limits.max_unzipped_bytes,
        max_zip_ratio=limits.max_zip_ratio,
        max_zip_entries=limits.max_zip_entries,
    )
    try:
        check_zip(data, bounds)
    except LimitExceeded as exc:
        return Outcome("", Status.TOO_LARGE if exc.kind == "too_large" else Status.UNSAFE, str(exc))
    return None


def _parse(kind: str, data: bytes, source: str, limits: Limits) -> tuple[ParsedDocument, list[str]]:
    skipped: list[str] = []
    if kind == "pdf":
        from gongkai.report.parse.pdf import parse_pdf

        document = parse_pdf(data, source, max_pages=limits.max_pdf_pages)
    elif kind == "docx":
        from gongkai.report.parse.docx import parse_docx

        document = parse_docx(data, source)
    elif kind == "html":
        from gongkai.report.parse.html import parse_html

        document = parse_html(data, source)
    else:
        from gongkai.report.parse.encoding import decode_text
        from gongkai.report.parse.text import parse_text

        document = parse_text(decode_text(data), source)
    if kind == "pdf" and limits.ocr and _is_scan(document):
        return _ocr(data, source, limits), skipped
    if kind == "pdf" and limits.ocr and document.cells_found == 0 and document.picture_pages:
        # Tables pasted in as pictures: those pages recognised, the others' text layer kept.
        recognised = _ocr(data, source, limits, pages=document.picture_pages)
        if recognised.cells_found:
            return recognised, skipped
    if kind != "text" and document.cells_found == 0 and (document.sections_found >= 2 or document.title_found):
        document = _tables_from_text(document, source)
    return document, skipped


def _is_scan(document: ParsedDocument) -> bool:
    return document.text_chars == 0 and document.cells_found == 0 and document.image_pages > 0


_OCR_NOTE = "图片型PDF，无文字层：已用文字识别（OCR）读取，数字和文字可能有识别错误，请对照原件核对"
_OCR_MARK = "文字识别（OCR）读取"


def _ocr(data: bytes, source: str, limits: Limits, pages: tuple[int, ...] | None = None) -> ParsedDocument:
    """A scanned PDF read with text recognition (its pages printed to pictures and recognised), as run-together text;
    with `pages`, only those pages recognised."""
    from gongkai.report.parse.ocr import ocr_pdf_text
    from gongkai.report.parse.text import parse_text

    document = parse_text(ocr_pdf_text(data, max_pages=limits.max_pdf_pages, pages=pages), source)
    if pages is None:
        document.problems.insert(0, _OCR_NOTE)
    else:
        document.problems.insert(
            0, f"第 {_page_list(pages)} 页的内容是图片，已用{_OCR_MARK}，数字和文字可能有识别错误，请对照原件核对"
        )
    return document


def _page_list(pages: tuple[int, ...]) -> str:
    return "、".join(str(page) for page in pages)


def _tables_from_text(document: ParsedDocument, source: str) -> ParsedDocument:
    """A report whose tables are not tables (a PDF without ruling lines, an HTML page laid out with divs, a DOCX with
    tab-separated rows): read its text again as run-together text, where labels and digits are enough."""
    from gongkai.report.parse.text import parse_text_run_together

    report = document.report
    text = "\n".join(
        [report.title, report.preamble, *(report.sections.get(key) or "" for key in sorted(report.sections))]
    )
    again = parse_text_run_together(text, source)
    if again.cells_found == 0 and not again.findings:
        return document
    again.report.published_on = again.report.published_on or report.published_on
    again.problems.insert(0, "文中的表格不是表格形式（可能没有边框或由文字排成），已按文字中的标签和数字读取")
    # What the first reading skipped (a PDF's pages past the limit) is still skipped: keep saying so.
    again.problems[1:1] = [problem for problem in document.problems if "已跳过" in problem]
    return again


def _pdf_trouble(exc: BaseException) -> Outcome | None:
    """pdfplumber wraps pdfminer's errors; look through the wrapper for a password or encryption error."""
    seen: list[BaseException] = [exc]
    for error in list(seen):
        seen.extend(arg for arg in error.args if isinstance(arg, BaseException))
        if error.__cause__ is not None:
            seen.append(error.__cause__)
    for error in seen:
        name = type(error).__name__
        if "Password" in name or "Encrypt" in name or "encrypt" in str(error).lower():
            return Outcome("", Status.ENCRYPTED, "PDF 已加密，需要密码才能读取")
    return None


def read_bytes(data: bytes, source: str, limits: Limits | None = None) -> Outcome:
    """Read one document's bytes. Never raises for bad input."""
    limits = limits or Limits()
    started = time.perf_counter()
    outcome = _read(data, source, limits)
    outcome.source = source
    outcome.seconds = time.perf_counter() - started
    return outcome


def _read(data: bytes, source: str, limits: Limits) -> Outcome:
    if not data.strip():
        return Outcome(source, Status.EMPTY, "文件是空的")
    if len(data) > limits.max_bytes:
        return Outcome(source, Status.TOO_LARGE, f"文件大小 {len(data) / 1024 / 1024:.0f} MB，超过上限，未读取")
    kind = sniff(data, source)
    if kind == "binary":
        return Outcome(source, Status.UNSUPPORTED, "文件不是文本、HTML、DOCX 或 PDF（无法识别的二进制内容）")
    if kind == "ole":
        return Outcome(
            source,
            Status.UNSUPPORTED,
            "这是旧版 Word（.doc）或加密的 Office 文档，请另存为 DOCX 或 PDF 后再检查",
        )
    if kind in ("text", "html", "json") and len(data) > limits.max_text_bytes:
        return Outcome(source, Status.TOO_LARGE, f"文本大小 {len(data) / 1024 / 1024:.0f} MB，超过上限，未读取")
    if kind == "json":
        return _read_json(data, source)
    if kind == "docx":
        refused = _check_zip(data, limits) or _part_too_large(data, limits)
        if refused is not None:
            refused.kind = kind
            return refused
    if kind == "pdf" and limits.ocr and not ocr_available():
        limits = replace(limits, ocr=False)  # and the scan is reported as such, with how to install it
    try:
        with _time_limit(limits.seconds):
            document, _ = _parse(kind, data, source, limits)
    except _Timeout:
        return Outcome(source, Status.TIMEOUT, f"读取超过 {limits.seconds:.0f} 秒，已放弃", kind)
    except MemoryError:
        return Outcome(source, Status.TOO_LARGE, "读取所需内存过大，已放弃", kind)
    except Exception as exc:  # a reader's failure on malformed input must not stop the batch
        if kind == "pdf":
            trouble = _pdf_trouble(exc)
            if trouble is not None:
                trouble.source, trouble.kind = source, kind
                return trouble
        label = {"pdf": "PDF", "docx": "DOCX", "html": "HTML"}.get(kind, "文本")
        return Outcome(source, Status.CORRUPT, f"{label} 文件无法解析（{type(exc).__name__}: {str(exc)[:120]}）", kind)
    if document.problems and _OCR_MARK in document.problems[0]:
        kind = "pdf-ocr"
    return _classify(document, source, kind)


def _classify(document: ParsedDocument, source: str, kind: str) -> Outcome:
    skipped = [problem for problem in document.problems if "已跳过" in problem and "页" in problem]
    if kind == "pdf" and _is_scan(document):
        reason = (
            f"图片型PDF，无文字层：读取的 {document.image_pages} 页都是图片（扫描件），没有可提取的文字；"
            "请提供文字版 PDF，或先做文字识别（OCR）后再检查"
        )
        if ocr_available():
            reason += "（也可用 --ocr 选项以文字识别读取）"
        else:
            reason += "（也可安装文字识别组件 pip install 'gongkai[ocr]' 后用 --ocr 选项读取）"
        return Outcome(source, Status.SCANNED, "；".join([reason, *skipped]), kind, problems=document.problems)
    if not document.looks_like_report and document.text_chars == 0 and kind == "pdf":
        reason = "PDF 中没有可提取的文字（可能是扫描件或图片），无法读取；请提供文字版"
        return Outcome(source, Status.NOT_REPORT, "；".join([reason, *skipped]), kind, problems=document.problems)
    if not document.looks_like_report:
        reason = "没有“政府信息公开工作年度报告”的标题、六个部分的标题或三张表格，不是年度报告"
        if kind == "html" and not document.cells_found:
            reason += "（页面中没有年度报告的表格）"
        if document.image_pages:
            reason += f"；PDF 中有 {document.image_pages} 页是图片、无文字层，其中的内容未能读取"
        reason = "；".join([reason, *skipped])
        return Outcome(source, Status.NOT_REPORT, reason, kind, problems=document.problems)
    status = Status.REPORT
    reason = "；".join(skipped)
    if document.cells_found == 0 and not document.findings:
        status = Status.NO_TABLES
        reason = "有年度报告的文字，但没有读到三张表格中的任何数字（表格可能是图片或附件）"
        if document.image_pages:
            reason = (
                f"有年度报告的文字，但没有读到三张表格中的任何数字：PDF 中有 {document.image_pages} 页是图片、"
                "无文字层（表格可能是扫描的图片）"
            )
        elif document.picture_pages:
            reason = (
                "有年度报告的文字，但没有读到三张表格中的任何数字：第 "
                f"{_page_list(document.picture_pages)} 页有大幅图片（表格可能是以图片形式插入的）"
            )
        if document.image_pages or document.picture_pages:
            reason += (
                "；可用 --ocr 选项以文字识别读取" if ocr_available() else "；安装 gongkai[ocr] 后可用 --ocr 选项读取"
            )
    elif document.image_pages:
        document.problems.append(f"PDF 中有 {document.image_pages} 页是图片、无文字层，其中的内容未能读取")
    return Outcome(
        source,
        status,
        reason,
        kind,
        report=document.report,
        reader_findings=list(document.findings),
        problems=list(document.problems),
    )


def _read_json(data: bytes, source: str) -> Outcome:
    """gongkai's own report JSON (e.g. last year's report given with --previous)."""
    import json

    from gongkai.report.model import ReportDataError, report_from_dict

    try:
        report = report_from_dict(json.loads(data.decode("utf-8-sig")), source)
    except (ValueError, ReportDataError) as exc:
        return Outcome(source, Status.CORRUPT, f"JSON 不是 gongkai 的年度报告数据：{str(exc)[:200]}", "json")
    return Outcome(source, Status.REPORT, "", "json", report=report)


def read_file(path: str | Path, limits: Limits | None = None) -> Outcome:
    """Read one file from disk (bounded by `limits.max_bytes` before reading it whole)."""
    limits = limits or Limits()
    source = str(path)
    try:
        size = Path(path).stat().st_size
        if size > limits.max_bytes:
            return Outcome(source, Status.TOO_LARGE, f"文件大小 {size / 1024 / 1024:.0f} MB，超过上限，未读取")
        data = Path(path).read_bytes()
    except OSError as exc:
        return Outcome(source, Status.CORRUPT, f"无法读取文件：{exc.strerror or exc}")
    return read_bytes(data, source, limits)
