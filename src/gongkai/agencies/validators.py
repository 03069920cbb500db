"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first 17."""

from __future__ import annotations

from django.core.exceptions import ValidationError

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a valid 统一社会信用代码, or None if it is."""
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实际为{len(code)}位"
    bad = [c for c in code if c not in CREDIT_CODE_CHARS]
    if bad:
        return f"统一社会信用代码含有不允许的字符“{bad[0]}”（只能是数字和除I、O、Z、S、V以外的大写字母）"
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位不正确：最后一位应为“{expected}”"
    return None


def validate_credit_code(value: str) -> None:
    problem = credit_code_problem(value)
    if problem:
        raise ValidationError(problem, code="credit_code")


def validate_postcode(value: str) -> None:
    if not (len(value) == 6 and value.isascii() and value.isdigit()):
        raise ValidationError("邮政编码应为6位数字", code="postcode")
