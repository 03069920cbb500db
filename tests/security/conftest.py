"""Personas for the hardening tests (issue 15): 测试局 with alice (drafter), bob (section head), erin (agency admin)
and hank (handles applications), plus root (site admin). Time stands still on the test Monday unless a test moves it
or is a browser or load test."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from gongkai.agencies.models import Agency, Region, Role
from personas import NOW, credit_code, person, solve_challenge

APPLICANT = {
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
    # 第29条: an online application carries its 身份证明 (an 8×8 white PNG, base64).
    "identity_document": (
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFUlEQVR4nGP8//8/AzbAhFV00EoAAFbUAw037MyjAAAAAElFTkSuQmCC"
    ),
}


def applicant_fields() -> dict:
    """APPLICANT as the intake service takes it (the identity proof is a file there, not base64)."""
    return {key: value for key, value in APPLICANT.items() if key != "identity_document"}


def answered_challenge(client) -> dict[str, str]:
    found = client.get("/api/v1/challenge").json()
    return {"challenge_token": found["challenge_token"], "challenge": solve_challenge(found["question"])}


@pytest.fixture(autouse=True)
def _frozen(request):
    if "browser" in request.keywords or "load" in request.node.name or "live" in request.node.name:
        return
    request.getfixturevalue("time_machine").move_to(NOW, tick=False)


@pytest.fixture(autouse=True)
def _fast_passwords_and_private_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def region(db) -> Region:
    return Region.objects.create(name="测试区", code="370399")


@pytest.fixture
def agency(region) -> Agency:
    return Agency.objects.create(
        name="测试局",
        credit_code=credit_code("11370399000000001"),
        region=region,
        address="测试路1号",
        postcode="255000",
        phone="0533-0000000",
        supervising_body="测试区人民政府",
    )


@pytest.fixture
def alice(agency) -> User:
    return person("alice", agency, Role.DRAFTER)


@pytest.fixture
def erin(agency) -> User:
    return person("erin", agency, Role.AGENCY_ADMIN)


@pytest.fixture
def today() -> date:
    return NOW.date()
