"""Bytes to text: published reports come in UTF-8, GB18030/GBK (older sites) and UTF-16 (Windows exports)."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8"}


def decode_text(data: bytes, *, html: bool = False) -> str:
    """Decode a document: a BOM, a declared charset (HTML), then UTF-8, then GB18030."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            name = match.group(1).decode("ascii").lower()
            name = _ALIASES.get(name, name)
            try:
                return data.decode(name, errors="replace")
            except LookupError:
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")
