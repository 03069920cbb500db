"""Bytes to text: published reports come in UTF-8, GB18030/GBK (older sites) and UTF-16 (Windows exports, with or
without a byte-order mark)."""

from __future__ import annotations

import codecs
import re
import unicodedata

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
    if b"\x00" in data[:4096]:
        return utf16_without_bom(data)
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


# Characters a UTF-16 text without a BOM decodes to when it is what it seems: Chinese, ASCII, CJK punctuation and
# full-width forms, and line ends. Random binary decodes mostly to other planes (and to unpaired surrogates).
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\t\r\n\u00a0-\u00ff]")


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for a UTF-16 text without a byte-order mark (as some Windows tools save it),
    None for anything else. Its line ends, spaces and digits put a zero byte in every other position (odd positions
    in little-endian, even in big-endian); the text it decodes to must then be plausible as a report's text."""
    head = data[:4096]
    if len(head) < 16:
        return None
    head = head[: len(head) // 2 * 2]
    odd_zeros = head[1::2].count(0)
    even_zeros = head[0::2].count(0)
    if odd_zeros > even_zeros and even_zeros * 4 <= odd_zeros:
        encoding = "utf-16-le"
    elif even_zeros > odd_zeros and odd_zeros * 4 <= even_zeros:
        encoding = "utf-16-be"
    else:
        return None
    text = head.decode(encoding, errors="replace")
    if not text or len(_PLAUSIBLE.findall(text)) < 0.95 * len(text):
        return None
    return encoding


# Kangxi radicals and CJK radical supplements that stand for ordinary characters: the fonts of some PDF producers map
# 日 to ⽇ (U+2F47) and 月 to ⽉ (U+2F49), so "2024年1⽉1⽇" would not read as a date. NFKC maps each to its character.
_COMPATIBLE = {
    code: unicodedata.normalize("NFKC", chr(code))
    for code in [*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6)]
    if len(unicodedata.normalize("NFKC", chr(code))) == 1 and unicodedata.normalize("NFKC", chr(code)) != chr(code)
}
_HAS_COMPATIBLE = re.compile("[\u2e80-\u2fdf]")


def fold_compatibility(text: str) -> str:
    """Text with Kangxi radicals read as the characters they stand for (a no-op, quickly, for text without any)."""
    return text.translate(_COMPATIBLE) if _HAS_COMPATIBLE.search(text) else text
