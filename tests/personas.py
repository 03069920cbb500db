"""What every Django test package builds its people and agencies from: one password, one test Monday, valid credit
codes, and a user with an optional role at an agency. Each package's conftest.py composes its own personas from these.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.validators import credit_code_check_char

TZ = ZoneInfo("Asia/Shanghai")
PASSWORD = "correct-horse-battery-staple"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)  # a Monday with a plain working fortnight either side


def credit_code(first17: str) -> str:
    """A 统一社会信用代码 with its GB 32100 check character."""
    return first17 + credit_code_check_char(first17)


# A citizen who wrote to the agency by post: what a handler registers at the counter (`paper_application`).
LETTER_WRITER = {
    "applicant_type": "natural_person",
    "applicant_name": "钱七",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13912345670",
    "address": "测试路8号",
    "postcode": "255000",
    "form": "paper",
    "delivery": "post",
}


def paper_application(agency: Agency, *, description: str, received_on: date | None = None, **overrides):
    """An application received by post (received today unless `received_on`), registered through the service."""
    from gongkai.applications import services

    application, _ = services.application_submit(
        agency=agency,
        channel="post",
        received_on=received_on,
        description=description,
        **{**LETTER_WRITER, **overrides},
    )
    return application


def person(username: str, agency: Agency | None = None, role: str | None = None, *, name: str = "") -> User:
    """A user with the test password, shown as `name` (else the username), and a role at `agency` when given."""
    user = User.objects.create_user(
        username, password=PASSWORD, first_name=name or username.title(), email=f"{username}@agency.example"
    )
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


_NUMERALS = "零一二三四五六七八九十"


def solve_challenge(question: str) -> str:
    """The answer to the submission challenge's question (「三加五等于几？」), as a person would give it."""
    import re

    a, b = re.search(f"([{_NUMERALS}])加([{_NUMERALS}])", question).groups()
    return str(_NUMERALS.index(a) + _NUMERALS.index(b))


def sign_in(page, username: str) -> None:
    """Sign in through the login page as a person would (any earlier session dropped) and land on the staff side."""
    page.context.clear_cookies()
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/staff/**")
