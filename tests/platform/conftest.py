"""Personas for the platform tests.

Agency A (测试局) has alice the drafter, bob the section head, cindy the leader in charge, dave the secrecy reviewer and
erin its admin; frank supervises A's region; charlie drafts for agency B and must see nothing of A; root is site admin.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from gongkai.agencies.models import Agency, CalendarYear, Region, Role, Supervision
from gongkai.publishing import services
from gongkai.publishing.models import Category
from personas import NOW, PASSWORD, credit_code, person


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


@pytest.fixture
def region(db) -> Region:
    return Region.objects.create(name="测试区", code="370399")


@pytest.fixture
def agency(region) -> Agency:
    agency = Agency.objects.create(
        name="测试局",
        credit_code=credit_code("11370399000000001"),
        region=region,
        address="测试路1号",
        postcode="255000",
        phone="0533-0000000",
    )
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
    return person("alice", agency, Role.DRAFTER)


@pytest.fixture
def bob(agency) -> User:
    return person("bob", agency, Role.SECTION_HEAD)


@pytest.fixture
def cindy(agency) -> User:
    return person("cindy", agency, Role.LEADER)


@pytest.fixture
def dave(agency) -> User:
    return person("dave", agency, Role.SECRECY_REVIEWER)


@pytest.fixture
def erin(agency) -> User:
    return person("erin", agency, Role.AGENCY_ADMIN)


@pytest.fixture
def frank(region) -> User:
    user = person("frank")
    Supervision.objects.create(user=user, region=region)
    return user


@pytest.fixture
def charlie(other_agency) -> User:
    return person("charlie", other_agency, Role.DRAFTER)


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
            agency=agency,
            actor=alice,
            title=fields.pop("title", "关于测试工作的通知"),
            formed_on=formed_on or NOW.date(),
            category=agency.categories.first(),
            body=body,
            **fields,
        )

    return make


@pytest.fixture(autouse=True)
def _next_year_schedule(request):
    if "browser" not in request.keywords:
        return
    request.getfixturevalue("db")
    # Real clock here: if the suite runs in December, the 20-working-day limit reaches into next year.
    next_year = date.today().year + 1
    CalendarYear.objects.get_or_create(year=next_year, defaults={"source": "测试用：仅周一至周五"})
