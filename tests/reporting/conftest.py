"""Personas for the report tests: the demo's two agencies (the seed agency and the invented one) loaded once per
test. alice drafts at the invented agency, erin is its admin (publishes), frank supervises 张店区, charlie works
at an agency in another region and must see nothing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from gongkai.agencies.models import Agency, Membership, Region, Role, Supervision
from gongkai.agencies.validators import credit_code_check_char

TZ = ZoneInfo("Asia/Shanghai")
PASSWORD = "correct-horse-battery-staple"
NOW = datetime(2026, 1, 12, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _frozen(request, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    if "browser" not in request.keywords:
        request.getfixturevalue("time_machine").move_to(NOW, tick=False)


@pytest.fixture
def demo(db):
    from gongkai.site.demo_data import demo_load

    demo_load()
    return {
        "seed": Agency.objects.get(name="淄博市张店区机关事务服务中心"),
        "invented": Agency.objects.get(name__contains="演示示范局"),
    }


def _person(username, agency=None, role=None):
    user = User.objects.create_user(username, password=PASSWORD)
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def alice(demo):
    return _person("alice", demo["invented"], Role.DRAFTER)


@pytest.fixture
def erin(demo):
    return _person("erin", demo["invented"], Role.AGENCY_ADMIN)


@pytest.fixture
def frank(demo):
    user = _person("frank")
    Supervision.objects.create(user=user, region=Region.objects.get(name="张店区"))
    return user


@pytest.fixture
def charlie(demo):
    region = Region.objects.create(name="别的区")
    code = "11370398000000002"
    other = Agency.objects.create(name="别的局", credit_code=code + credit_code_check_char(code), region=region)
    return _person("charlie", other, Role.AGENCY_ADMIN)
