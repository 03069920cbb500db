"""Personas for the platform tests.

Agency A (测试局) has alice the drafter, bob the section head, cindy the leader in charge, dave the secrecy reviewer and
erin its admin; frank supervises A's region; charlie drafts for agency B and must see nothing of A; root is site admin.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from gongkai.agencies.models import Agency, Membership, Region, Role, Supervision
from gongkai.agencies.validators import credit_code_check_char
from gongkai.publishing import services
from gongkai.publishing.models import Category

TZ = ZoneInfo("Asia/Shanghai")
PASSWORD = "correct-horse-battery-staple"
# A Monday with a plain working fortnight either side.
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)


def credit_code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


@pytest.fixture
def frozen(request, time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture(autouse=True)
def _freeze_unless_browser(request):
    # Every platform test runs on a fixed date, so deadlines never depend on the day the suite runs;
    # the browser tests keep the real clock (Chromium and the live server need it to move).
    if "browser" not in request.keywords:
        request.getfixturevalue("frozen")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 is deliberately slow; the tests that are about hashing read the real setting.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _person(username: str, agency: Agency | None = None, role: str | None = None) -> User:
    user = User.objects.create_user(username, password=PASSWORD, first_name=username.title())
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def region(db) -> Region:
    return Region.objects.create(name="测试区", code="370399")


@pytest.fixture
def agency(region) -> Agency:
    agency = Agency.objects.create(name="测试局", credit_code=credit_code("11370399000000001"), region=region,
                                   address="测试路1号", postcode="255000", phone="0533-0000000")
    Category.objects.create(agency=agency, name="业务动态")
    Category.objects.create(agency=agency, name="政策文件")
    return agency


@pytest.fixture
def other_agency(db) -> Agency:
    region = Region.objects.create(name="别的区")
    agency = Agency.objects.create(name="别的局", credit_code=credit_code("11370398000000002"), region=region)
    Category.objects.create(agency=agency, name="业务动态")
    return agency


@pytest.fixture
def alice(agency) -> User:
    return _person("alice", agency, Role.DRAFTER)


@pytest.fixture
def bob(agency) -> User:
    return _person("bob", agency, Role.SECTION_HEAD)


@pytest.fixture
def cindy(agency) -> User:
    return _person("cindy", agency, Role.LEADER)


@pytest.fixture
def dave(agency) -> User:
    return _person("dave", agency, Role.SECRECY_REVIEWER)


@pytest.fixture
def erin(agency) -> User:
    return _person("erin", agency, Role.AGENCY_ADMIN)


@pytest.fixture
def frank(region) -> User:
    user = _person("frank")
    Supervision.objects.create(user=user, region=region)
    return user


@pytest.fixture
def charlie(other_agency) -> User:
    return _person("charlie", other_agency, Role.DRAFTER)


@pytest.fixture
def root(db) -> User:
    return User.objects.create_superuser("root", password=PASSWORD)


@pytest.fixture
def team(alice, bob, cindy, dave, erin, frank, charlie, root) -> dict[str, User]:
    return {u.username: u for u in (alice, bob, cindy, dave, erin, frank, charlie, root)}


@pytest.fixture
def make_item(agency, alice):
    def make(body: str = "<p>正文</p>", *, formed_on: date | None = None, **fields):
        return services.item_create(
            agency=agency, actor=alice, title=fields.pop("title", "关于测试工作的通知"),
            formed_on=formed_on or NOW.date(), category=agency.categories.first(), body=body, **fields,
        )

    return make


def review_to_publication(item, *reviewers):
    for reviewer in reviewers:
        item = services.item_pass(item=item, actor=reviewer)
    return item


def pdf_with_text(text: str) -> bytes:
    """A real one-page PDF whose text layer is `text` (ASCII digits and letters), xref offsets computed."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
