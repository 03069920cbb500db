"""Fixtures for the portal tests: agency A (测试局) with its staff (alice drafts, bob, cindy and dave review, erin is
the agency admin), a catalog and two categories; `publish` takes an item through the whole review chain.

Non-browser tests run on the platform tests' frozen date; browser tests keep the real clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from helpers_portal import public_item

from gongkai.agencies.models import Agency, CalendarYear, Region, Role
from gongkai.portal import sync
from gongkai.publishing import services
from gongkai.publishing.models import CatalogEntry, Category, Item
from personas import NOW, credit_code, person


@pytest.fixture(autouse=True)
def _clock(request):
    if "browser" not in request.keywords:
        request.getfixturevalue("time_machine").move_to(NOW, tick=False)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    yield
    cache.clear()


@pytest.fixture
def agency(db) -> Agency:
    region = Region.objects.create(name="测试区", code="370399")
    agency = Agency.objects.create(
        name="测试局", credit_code=credit_code("11370399000000001"), region=region, address="测试路1号", phone="0533-1"
    )
    Category.objects.create(agency=agency, name="政策文件", position=1)
    Category.objects.create(agency=agency, name="业务动态", position=2)
    rules = CatalogEntry.objects.create(agency=agency, name="法定主动公开内容", position=1)
    CatalogEntry.objects.create(agency=agency, parent=rules, name="规范性文件", content="本机关制发的规范性文件")
    return agency


@pytest.fixture
def staff(agency) -> dict[str, User]:
    roles = {
        "alice": Role.DRAFTER,
        "bob": Role.SECTION_HEAD,
        "cindy": Role.LEADER,
        "dave": Role.SECRECY_REVIEWER,
        "erin": Role.AGENCY_ADMIN,
    }
    return {name: person(name, agency, role) for name, role in roles.items()}


@pytest.fixture
def publish(agency, staff):
    """Draft, submit and pass an item through section head, leader and secrecy review."""

    def make(title: str = "关于开展公共机构节能宣传周活动的通知", *, category: str = "政策文件", **fields) -> Item:
        item = services.item_create(
            agency=agency,
            actor=staff["alice"],
            title=title,
            formed_on=fields.pop("formed_on", NOW.date()),
            category=agency.categories.get(name=category),
            body=fields.pop("body", "<p>为进一步增强节约意识，现将有关事项通知如下。</p>"),
            **fields,
        )
        item = services.item_submit(item=item, actor=staff["alice"])
        for reviewer in ("bob", "cindy", "dave"):
            item = services.item_pass(item=item, actor=staff[reviewer])
        return item

    return make


@pytest.fixture
def many_items(agency, staff):
    """`n` public items in 业务动态 one minute apart (bulk, then indexed as the demo loader does)."""

    def make(n: int) -> list[Item]:
        category = agency.categories.get(name="业务动态")
        items = [
            public_item(
                agency,
                sequence=1000 + i,
                title=f"工作动态第{i}期",
                body=f"<p>第{i}期内容</p>",
                published_at=NOW - timedelta(minutes=n - i),
                category=category,
                actor=staff["alice"],
            )
            for i in range(n)
        ]
        Item.objects.bulk_create(items)
        sync.reindex()
        return list(Item.objects.filter(category=category).order_by("-published_at", "-id"))

    return make


@pytest.fixture
def page(page, db):
    # Real clock in the browser tests: the working-day limit may reach into next year.
    CalendarYear.objects.get_or_create(year=date.today().year + 1, defaults={"source": "测试用：仅周一至周五"})
    return page
