"""The personal-data scan run before review: 身份证号 (with its check digit), mobile numbers, bank cards (Luhn).

Plain Python. A finding holds the value masked, so the scan result itself does not spread the data it found.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

KIND_LABELS = {"id_number": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}

_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx])(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?(1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?!\d)")
_CARD_RE = re.compile(r"(?<![\d-])((?:\d[ -]?){15,18}\d)(?![\d-])")


@dataclass(frozen=True)
class Finding:
    kind: str
    masked: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    def as_dict(self) -> dict:
        return asdict(self) | {"label": self.label}


def id_number_is_valid(value: str) -> bool:
    value = value.upper()
    if not re.fullmatch(r"\d{17}[0-9X]", value):
        return False
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == value[17]


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        n = int(char)
        if position % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _mask(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def scan(text: str) -> list[Finding]:
    """Every personal number found in `text`, in order of kind, each value once."""
    findings: list[Finding] = []
    seen: set[str] = set()
    id_spans: list[tuple[int, int]] = []
    for match in _ID_RE.finditer(text):
        value = match.group(1).upper()
        if id_number_is_valid(value):
            id_spans.append(match.span(1))
            if value not in seen:
                seen.add(value)
                findings.append(Finding("id_number", _mask(value, 6, 4)))
    for match in _MOBILE_RE.finditer(text):
        value = re.sub(r"[ -]", "", match.group(1))
        if value not in seen:
            seen.add(value)
            findings.append(Finding("mobile", _mask(value, 3, 4)))
    for match in _CARD_RE.finditer(text):
        start, end = match.span(1)
        if any(s <= start < e or s < end <= e for s, e in id_spans):
            continue  # an identity number is not also a card
        digits = re.sub(r"[ -]", "", match.group(1))
        if 16 <= len(digits) <= 19 and luhn_is_valid(digits) and digits not in seen:
            seen.add(digits)
            findings.append(Finding("bank_card", _mask(digits, 4, 4)))
    return findings
