"""Plain constants and helpers shared by the portal tests (fixtures live in conftest.py)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from gongkai.agencies.validators import credit_code_check_char

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)  # a Monday with a plain working fortnight either side
PASSWORD = "correct-horse-battery-staple"


def credit_code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)
