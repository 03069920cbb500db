"""Bounds on everything gongkai parses from outside: one module, used by every reader of uploaded or checked files
(attachment text extraction, spreadsheet imports, report imports, `gongkai check`) and of JSON (the API, `gongkai
report`). Plain Python; docs/security.md lists each limit.

A refusal is a `LimitExceeded` whose message says, in Chinese, which limit and by how much; `kind` says whether the
input was too large (`too_large`), built to hurt (`unsafe`, a zip bomb) or too slow (`timeout`).
"""

from __future__ import annotations

import io
import json
import math
import os
import pickle
import select
import signal
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

MB = 1024 * 1024
T = TypeVar("T")


class LimitExceeded(ValueError):
    def __init__(self, message: str, kind: str = "too_large"):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class FileLimits:
    max_bytes: int = 50 * MB  # a report or an attachment with pictures stays far below this
    max_unzipped_bytes: int = 200 * MB  # all parts of a DOCX or XLSX, inflated
    max_part_bytes: int = 32 * MB  # one inflated part (word/document.xml, a worksheet): its XML tree is ~10x that
    max_zip_ratio: int = 200  # inflated / compressed, per part over 1 MB
    max_zip_entries: int = 5000
    max_rows: int = 100_000  # rows read from one spreadsheet
    max_pdf_pages: int = 60  # pages read of a report (`gongkai check`); the rest skipped, and the outcome says so
    max_scanned_pages: int = (
        500  # pages of an attachment scanned for personal data; beyond, refused (never half-scanned)
    )
    seconds: float = 60.0  # time for one file
    max_memory_growth: int = 1024 * MB  # memory a parse may add (in `isolated()`'s child process)


DEFAULT = FileLimits()
# What a web request may parse: smaller and quicker than the command line's batch.
REQUEST = FileLimits(
    max_unzipped_bytes=100 * MB, max_part_bytes=16 * MB, max_rows=20_000, seconds=20.0, max_memory_growth=768 * MB
)


def check_size(size: int, limits: FileLimits = DEFAULT) -> None:
    if size > limits.max_bytes:
        raise LimitExceeded(f"文件大小 {size / MB:.0f} MB，超过上限 {limits.max_bytes / MB:.0f} MB，未读取")


def check_zip(data: bytes, limits: FileLimits = DEFAULT) -> list[zipfile.ZipInfo]:
    """The archive's parts, or LimitExceeded before anything is inflated (sizes from the central directory; the
    readers inflate through zipfile, which stops at the declared size). BadZipFile for a damaged archive."""
    check_size(len(data), limits)
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    if len(infos) > limits.max_zip_entries:
        raise LimitExceeded(f"压缩包中有 {len(infos)} 个文件，超过上限 {limits.max_zip_entries}，未解压", "unsafe")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        raise LimitExceeded(
            f"解压后共 {total / MB:.0f} MB，超过上限 {limits.max_unzipped_bytes / MB:.0f} MB（疑似压缩炸弹），未解压",
            "unsafe",
        )
    for info in infos:
        if info.file_size > MB and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise LimitExceeded(f"“{info.filename}”的压缩比为 {ratio}:1（疑似压缩炸弹），未解压", "unsafe")
        if info.file_size > limits.max_part_bytes:
            raise LimitExceeded(
                f"文件过大：“{info.filename}”解压后 {info.file_size / MB:.0f} MB，"
                f"超过单个部件的上限 {limits.max_part_bytes / MB:.0f} MB，未读取"
            )
    return infos


def rows(iterator, limits: FileLimits = DEFAULT) -> Iterator:
    """The rows of a sheet, up to `max_rows` (LimitExceeded beyond)."""
    for number, row in enumerate(iterator, 1):
        if number > limits.max_rows:
            raise LimitExceeded(f"表格超过 {limits.max_rows} 行，未读取")
        yield row


# -- a parse in its own process ---------------------------------------------------------------------------------


class ParseFailed(Exception):
    """The parse raised something else than LimitExceeded; `args[0]` is the exception's class name."""


def isolated(call: Callable[[], T], limits: FileLimits = REQUEST) -> T:
    """`call()` in a forked child with a memory cap (RLIMIT_AS: what it has now plus `max_memory_growth`) and a
    time cap (`seconds`, enforced by the parent: it works in any thread of a web server, unlike a timer). The child
    touches no database and ends with os._exit. Where fork or resource limits do not exist, `call()` runs here."""
    if not hasattr(os, "fork"):
        return call()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's outcome is what the parent's tests see
        status = 0
        try:
            os.close(read_end)
            _cap_memory(limits.max_memory_growth)
            try:
                result = ("ok", call())
            except LimitExceeded as exc:
                result = ("limit", str(exc), exc.kind)
            except MemoryError:
                result = ("limit", f"文件过大：解析所需内存超过上限 {limits.max_memory_growth // MB} MB", "too_large")
            except Exception as exc:
                result = ("failed", type(exc).__name__)
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(result, out)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + limits.seconds
    try:
        with os.fdopen(read_end, "rb") as source:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([source], [], [], left)[0]:
                    os.kill(pid, signal.SIGKILL)
                    raise LimitExceeded(f"读取超过 {limits.seconds:.0f} 秒，已放弃", "timeout")
                chunk = os.read(source.fileno(), 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.waitpid(pid, 0)
    if not chunks:
        raise LimitExceeded(f"文件过大：解析所需内存超过上限 {limits.max_memory_growth // MB} MB", "too_large")
    result = pickle.loads(b"".join(chunks))
    if result[0] == "ok":
        return result[1]
    if result[0] == "limit":
        raise LimitExceeded(result[1], result[2])
    raise ParseFailed(result[1])


def _cap_memory(growth: int) -> None:
    try:
        import resource

        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = current + growth
        if hard == resource.RLIM_INFINITY or hard > cap:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):
        pass  # no cap on this platform: the size limits still hold


# -- JSON -------------------------------------------------------------------------------------------------------

MAX_JSON_DEPTH = 32
MAX_NUMBER = 10**15  # every count and amount in gongkai is far below this


def _number(text: str) -> float | int:
    value = float(text) if any(c in text for c in ".eE") else int(text) if len(text) <= 20 else None
    if value is None or not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise LimitExceeded(f"数字 {text[:20]}{'…' if len(text) > 20 else ''} 超出范围（绝对值不得超过 10^15）")
    return value


def _refuse_constant(name: str):
    raise LimitExceeded(f"{name} 不是有效的数字")


def _depth(value) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def load_json(raw: bytes | str):
    """Parse JSON with every number finite and bounded and the nesting shallow; LimitExceeded says what is wrong,
    ValueError (json.JSONDecodeError) for text that is not JSON."""
    try:
        data = json.loads(raw, parse_int=_number, parse_float=_number, parse_constant=_refuse_constant)
    except RecursionError:
        raise LimitExceeded(f"JSON 嵌套过深（不得超过 {MAX_JSON_DEPTH} 层）") from None
    if _depth(data) > MAX_JSON_DEPTH:
        raise LimitExceeded(f"JSON 嵌套过深（不得超过 {MAX_JSON_DEPTH} 层）")
    return data
