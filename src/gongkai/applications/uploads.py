"""Proof of identity: accepted by what the bytes are (PDF, PNG, JPEG), never by the name or the declared type."""

from __future__ import annotations

import io

from django.conf import settings

from gongkai.publishing.files import BadFile, sniff_kind

ALLOWED = {"pdf", "png", "jpg"}
MAX_PIXELS = 50_000_000  # a phone's photo of an identity card is ~12 million


def max_bytes() -> int:
    return settings.GONGKAI_IDENTITY_MAX_MB * 1024 * 1024


def check_identity_file(data: bytes) -> str:
    """The kind (pdf, png, jpg) or BadFile with the reason, in Chinese."""
    if not data:
        raise BadFile("文件为空")
    if len(data) > max_bytes():
        raise BadFile(f"文件过大：身份证明不得超过{max_bytes() // (1024 * 1024)}MB")
    try:
        kind = sniff_kind(data)
    except BadFile:
        raise BadFile("身份证明只接受 PDF、PNG、JPEG 文件（按文件内容识别，不看扩展名）") from None
    if kind not in ALLOWED:
        raise BadFile("身份证明只接受 PDF、PNG、JPEG 文件（按文件内容识别，不看扩展名）")
    if kind == "pdf":
        if b"%%EOF" not in data[-2048:]:
            raise BadFile("PDF 文件不完整或已损坏")
        return kind
    from PIL import Image, UnidentifiedImageError

    too_large = f"图片尺寸过大：身份证明图片不得超过 {MAX_PIXELS // 1_000_000} 百万像素，请缩小后再上传"
    try:
        with Image.open(io.BytesIO(data)) as image:
            # The header declares the size; a small file may declare 30000×30000 pixels (a decompression bomb).
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise BadFile(too_large)
            image.verify()
    except BadFile:
        raise
    except Image.DecompressionBombError:
        raise BadFile(too_large) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise BadFile("图片已损坏或不是有效的图片") from None
    return kind
