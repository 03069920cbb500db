"""One content, one file: DOCX and XLSX packages with their timestamps fixed.

python-docx and openpyxl stamp every ZIP member with the time of writing, and openpyxl writes that time into
docProps/core.xml too, so the same report rendered twice a second apart gave two different files. A report's files
are previewed and then frozen (`reporting.services.publication_prepare`), and the previewed file must be the frozen
one byte for byte: every member gets the report's publication date (or the ZIP epoch when it has none), and so do
the package's created/modified properties.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def stable_package(data: bytes, *, day: date | None = None) -> bytes:
    stamp = (day.year, day.month, day.day, 0, 0, 0) if day is not None and day.year >= 1980 else ZIP_EPOCH
    iso = "{:04d}-{:02d}-{:02d}T00:00:00Z".format(*stamp[:3]).encode("ascii")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(lambda m: m.group(1) + iso + m.group(2), content)
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, content)
    return out.getvalue()
