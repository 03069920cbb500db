"""Personas for the report tests: the demo's two agencies (the seed agency and the invented one) loaded once per
test. alice drafts at the invented agency, erin is its admin (publishes), frank supervises 张店区, charlie works
at an agency in another region and must see nothing."""

from __future__ import annotations

from datetime import datetime

import pytest

from gongkai.agencies.models import Agency, Region, Role, Supervision
from personas import TZ, credit_code, person

NOW = datetime(2026, 1, 12, 10, 0, tzinfo=TZ)  # in the weeks when annual reports are written


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


@pytest.fixture
def alice(demo):
    return person("alice", demo["invented"], Role.DRAFTER)


@pytest.fixture
def erin(demo):
    return person("erin", demo["invented"], Role.AGENCY_ADMIN)


@pytest.fixture
def frank(demo):
    user = person("frank")
    Supervision.objects.create(user=user, region=Region.objects.get(name="张店区"))
    return user


@pytest.fixture
def charlie(demo):
    region = Region.objects.create(name="别的区")
    other = Agency.objects.create(name="别的局", credit_code=credit_code("11370398000000002"), region=region)
    return person("charlie", other, Role.AGENCY_ADMIN)


@pytest.fixture
def lena(demo):
    """The invented agency's 分管领导: the role that signs the report's publication by default."""
    return person("lena", demo["invented"], Role.LEADER)
