"""Bytes to text: published reports come in UTF-8, GB18030/GBK (older sites) and UTF-16 (Windows exports)."""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8"}


def decode_text(data: bytes, *, html: bool = False) -> str:
    """Decode a document: a BOM, a declared charset (HTML), then UTF-8, then GB18030."""
    return decode_declared(data, declared_encoding(data, html=html))


def declared_encoding(data: bytes, *, html: bool = False) -> str | None:
    """The encoding a document names itself: its BOM, else (HTML) a <meta> charset in its first 4 KB that Python
    can decode with; None if neither."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            name = match.group(1).decode("ascii").lower()
            name = _ALIASES.get(name, name)
            try:
                b" ".decode(name, errors="replace")  # unknown, or not a text encoding (base64): not a charset
            except LookupError:
                return None
            return name
    return None


def decode_declared(data: bytes, encoding: str | None) -> str:
    """Decode in the encoding `declared_encoding` found, or else as UTF-8, then GB18030."""
    if encoding is not None:
        return data.decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")
