"""Personas for the application tests.

测试局 (agency) has alice, who handles applications (信息公开工作人员), erin its admin, and bob, a section head who
reviews proactive disclosure but must not see applicants' personal data. charlie handles applications at 别的局 and
must see nothing of 测试局's. Time stands still on a plain Monday unless a test is a browser or load test.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from gongkai.agencies.models import Agency, CalendarYear, Membership, Region, Role
from gongkai.agencies.validators import credit_code_check_char

TZ = ZoneInfo("Asia/Shanghai")
PASSWORD = "correct-horse-battery-staple"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)  # a Monday with plain working weeks around it

PERSON = {
    "applicant_type": "natural_person",
    "applicant_name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "email": "zhangsan@example.com",
    "address": "测试路2号",
    "postcode": "255000",
    "description": "2025年度本机关公务用车购置经费的预算和决算",
    "purpose": "",
    "form": "paper",
    "delivery": "post",
}


def credit_code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


@pytest.fixture(autouse=True)
def _frozen(request):
    if "browser" in request.keywords or "load" in request.node.name:
        return
    request.getfixturevalue("time_machine").move_to(NOW, tick=False)


@pytest.fixture(autouse=True)
def _fast_passwords_and_private_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _person(username: str, agency: Agency | None = None, role: str | None = None) -> User:
    user = User.objects.create_user(username, password=PASSWORD, email=f"{username}@agency.example")
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def agency(db) -> Agency:
    region = Region.objects.create(name="测试区")
    return Agency.objects.create(
        name="测试局", credit_code=credit_code("11370399000000001"), region=region, supervising_body="测试区人民政府"
    )


@pytest.fixture
def other_agency(db) -> Agency:
    region = Region.objects.create(name="别的区")
    return Agency.objects.create(name="别的局", credit_code=credit_code("11370398000000002"), region=region)


@pytest.fixture
def alice(agency) -> User:
    return _person("alice", agency, Role.DRAFTER)


@pytest.fixture
def erin(agency) -> User:
    return _person("erin", agency, Role.AGENCY_ADMIN)


@pytest.fixture
def bob(agency) -> User:
    return _person("bob", agency, Role.SECTION_HEAD)


@pytest.fixture
def charlie(other_agency) -> User:
    return _person("charlie", other_agency, Role.DRAFTER)


@pytest.fixture
def submit(agency):
    """Register an application through the service, as the portal does; returns (application, tracking code)."""
    from gongkai.applications import services

    def make(**overrides):
        fields = {**PERSON, **overrides}
        target = fields.pop("agency", agency)
        channel = fields.pop("channel", "online")
        received_on = fields.pop("received_on", None)
        return services.application_submit(agency=target, channel=channel, received_on=received_on, **fields)

    return make


@pytest.fixture
def next_year_schedule(db):
    # Real clock in browser and load tests: near December the 20 working days reach into next year.
    CalendarYear.objects.get_or_create(year=date.today().year + 1, defaults={"source": "测试用：仅周一至周五"})
