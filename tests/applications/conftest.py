"""Personas for the application tests.

测试局 (agency) has alice, who handles applications (信息公开工作人员), erin its admin, and bob, a section head who
reviews proactive disclosure but must not see applicants' personal data. charlie handles applications at 别的局 and
must see nothing of 测试局's. Time stands still on a plain Monday unless a test is a browser or load test.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from gongkai.agencies.models import Agency, CalendarYear, Region, Role
from personas import NOW, credit_code, person, solve_challenge

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


def answered_challenge(client) -> dict[str, str]:
    """The fields a JSON submission carries to pass the challenge (GET /api/v1/challenge, answered)."""
    found = client.get("/api/v1/challenge").json()
    return {"challenge_token": found["challenge_token"], "challenge": solve_challenge(found["question"])}


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
    return person("alice", agency, Role.DRAFTER)


@pytest.fixture
def erin(agency) -> User:
    return person("erin", agency, Role.AGENCY_ADMIN)


@pytest.fixture
def bob(agency) -> User:
    return person("bob", agency, Role.SECTION_HEAD)


@pytest.fixture
def charlie(other_agency) -> User:
    return person("charlie", other_agency, Role.DRAFTER)


@pytest.fixture
def submit(agency):
    """Register an application through the service, as the portal does; returns (application, tracking code)."""
    from gongkai.applications import services

    def make(**overrides):
        fields = {**PERSON, **overrides}
        target = fields.pop("agency", agency)
        channel = fields.pop("channel", "online")
        received_on = fields.pop("received_on", None)
        identity = fields.pop("identity_file", png() if channel == "online" else None)  # 第29条: online needs it
        return services.application_submit(
            agency=target, channel=channel, received_on=received_on, identity_file=identity, **fields
        )

    return make


def png() -> bytes:
    """A tiny real PNG, the proof of identity online applications carry (第29条)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


def person_json() -> dict:
    """PERSON as the public API takes it, with its identity proof in base64."""
    import base64

    return {**PERSON, "identity_document": base64.b64encode(png()).decode()}


@pytest.fixture
def next_year_schedule(db):
    # Real clock in browser and load tests: near December the 20 working days reach into next year.
    CalendarYear.objects.get_or_create(year=date.today().year + 1, defaults={"source": "测试用：仅周一至周五"})
