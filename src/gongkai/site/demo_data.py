"""The demo: the seed agency (淄博市张店区机关事务服务中心), its people, catalog and 2022 records.

Section 一 of the seed report is reproduced exactly from the records: 83 items in its 13 categories, a catalog of
10 level-1 and 11 level-2 indicators, 175 hotline work orders, no regulations or normative documents. Every title,
body and catalog text is invented and says so (【演示】); the agency's contact details are the seed's.
Safe to run twice: what exists is left alone.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency, Membership, Region, Role, Supervision
from gongkai.agencies.validators import credit_code_check_char
from gongkai.portal import sync as portal_sync
from gongkai.publishing.models import CatalogEntry, Category, Item, ItemEvent, Status, YearFigures
from gongkai.publishing.services import PUBLICATION_LIMIT_WORKDAYS
from gongkai.reporting import demo as reporting_demo
from gongkai.workdays import default_calendar

AGENCY_NAME = "淄博市张店区机关事务服务中心"
# Invented (is_demo): the agency's real code is not in the seed. 12 = 事业单位, 370303 = 张店区.
DEMO_CREDIT_CODE = "12370303MB0000001" + credit_code_check_char("12370303MB0000001")
YEAR = 2022

# Section 一 of the seed report, in its order.
CATEGORY_COUNTS = {
    "政策文件": 2,
    "机构职能": 1,
    "领导信息": 1,
    "会议公开": 8,
    "行政权力": 1,
    "建议提案": 1,
    "财政信息": 6,
    "重点领域信息公开": 19,
    "政策解读": 5,
    "互动交流": 1,
    "人事信息": 3,
    "业务动态": 29,
    "政务公开保障机制": 6,
}

# The 基本目录: 10 level-1 indicators, 11 level-2 ones (the seed gives the counts; the names are the demo's).
CATALOG = {
    "机构职能": ["机构职责", "内设机构", "领导信息"],
    "政策文件": ["规范性文件", "其他文件"],
    "政策解读": [],
    "财政信息": ["部门预算", "部门决算", "“三公”经费"],
    "人事信息": [],
    "建议提案": [],
    "重点领域信息公开": ["公共机构节能", "公务用车管理", "办公用房管理"],
    "业务动态": [],
    "互动交流": [],
    "政务公开保障机制": [],
}

# (username, role, display name); one person per role, plus a supervisor and a site admin.
PEOPLE = [
    ("drafter", Role.DRAFTER, "起草人（演示）"),
    ("section_head", Role.SECTION_HEAD, "科室负责人（演示）"),
    ("leader", Role.LEADER, "分管领导（演示）"),
    ("secrecy", Role.SECRECY_REVIEWER, "保密审查员（演示）"),
    ("agency_admin", Role.AGENCY_ADMIN, "机关管理员（演示）"),
]
SUPERVISOR = ("supervisor", "张店区政务公开办（演示）")
SITE_ADMIN = ("admin", "系统管理员（演示）")

TZ = ZoneInfo("Asia/Shanghai")


def _user(username: str, display: str, *, superuser: bool = False, reset: bool = False):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": display, "is_staff": superuser, "is_superuser": superuser}
    )
    password = None
    if created or reset:
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save()
    return user, password


def _publication_days(count: int) -> list[date]:
    """`count` working days spread evenly over the year."""
    calendar = default_calendar()
    days, day = [], date(YEAR, 1, 1)
    while day.year == YEAR:
        if calendar.is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    step = len(days) / count
    return [days[int(i * step)] for i in range(count)]


def _items(agency: Agency, categories: dict[str, Category], catalog: dict[str, CatalogEntry], people: dict) -> None:
    calendar = default_calendar()
    names = [name for name, n in CATEGORY_COUNTS.items() for _ in range(n)]
    # Interleave the categories over the year so every month has a mix.
    order = sorted(range(len(names)), key=lambda i: (i * 37) % len(names))
    days = _publication_days(len(names))
    seen: dict[str, int] = {}
    items = []
    for sequence, (index, published_on) in enumerate(zip(order, days, strict=True), start=1):
        name = names[index]
        seen[name] = seen.get(name, 0) + 1
        formed_on = published_on - timedelta(days=5)
        items.append(
            Item(
                agency=agency,
                index_year=YEAR,
                index_sequence=sequence,
                index_number=f"{agency.credit_code}/{YEAR}-{sequence:05d}",
                title=f"【演示】{name}第{seen[name]}条（{published_on.month}月）",
                body=f"<p>本条为演示数据，由演示程序生成，内容为虚构。</p><p>分类：{name}。</p>",
                issuing_body=AGENCY_NAME,
                formed_on=formed_on,
                written_on=formed_on,
                publish_by=calendar.add_workdays(formed_on, PUBLICATION_LIMIT_WORKDAYS),
                published_at=datetime.combine(published_on, time(10, 0), tzinfo=TZ),
                is_late=False,
                category=categories[name],
                catalog_entry=catalog.get(name),
                status=Status.PUBLISHED,
                created_by=people[Role.DRAFTER],
                is_demo=True,
            )
        )
    Item.objects.bulk_create(items)
    steps = [
        ("create", "", Status.DRAFT, Role.DRAFTER),
        ("submit", Status.DRAFT, Status.SECTION_REVIEW, Role.DRAFTER),
        ("pass", Status.SECTION_REVIEW, Status.LEADER_REVIEW, Role.SECTION_HEAD),
        ("pass", Status.LEADER_REVIEW, Status.SECRECY_REVIEW, Role.LEADER),
        ("publish", Status.SECRECY_REVIEW, Status.PUBLISHED, Role.SECRECY_REVIEWER),
    ]
    events = []
    for item in Item.objects.filter(agency=agency, index_year=YEAR):
        start = item.published_at - timedelta(hours=len(steps))
        for offset, (action, before, after, role) in enumerate(steps):
            events.append(
                ItemEvent(
                    item=item,
                    at=start + timedelta(hours=offset),
                    actor=people[role],
                    action=action,
                    from_status=before,
                    to_status=after,
                    comment="演示",
                )
            )
    ItemEvent.objects.bulk_create(events)
    portal_sync.reindex(Item.objects.filter(agency=agency))  # bulk_create bypassed the services' portal hook


@transaction.atomic
def demo_load(*, reset_passwords: bool = False) -> list[tuple[str, str, str | None]]:
    """Load the demo; returns (username, role label, password or None when the user already existed)."""
    city, _ = Region.objects.get_or_create(name="淄博市", defaults={"code": "370300"})
    district, _ = Region.objects.get_or_create(name="张店区", defaults={"code": "370303", "parent": city})
    agency, _ = Agency.objects.update_or_create(
        name=AGENCY_NAME,
        defaults={
            "short_name": "张店区机关事务服务中心",
            "credit_code": DEMO_CREDIT_CODE,
            "region": district,
            "supervising_body": "淄博市张店区人民政府",
            "address": "山东省淄博市张店区新村西路226号",
            "postcode": "255020",
            "phone": "0533-2869928",
            "email": "zdjgsw@163.com",
            "review_levels": 3,
            "is_demo": True,
        },
    )
    accounts, people = [], {}
    for username, role, display in PEOPLE:
        user, password = _user(username, display, reset=reset_passwords)
        Membership.objects.get_or_create(user=user, agency=agency, role=role)
        people[role] = user
        accounts.append((username, Role(role).label, password))
    user, password = _user(SUPERVISOR[0], SUPERVISOR[1], reset=reset_passwords)
    Supervision.objects.get_or_create(user=user, region=district)
    accounts.append((SUPERVISOR[0], "监督（张店区政务公开办）", password))
    user, password = _user(SITE_ADMIN[0], SITE_ADMIN[1], superuser=True, reset=reset_passwords)
    accounts.append((SITE_ADMIN[0], "系统管理员", password))

    categories = {}
    for position, name in enumerate(CATEGORY_COUNTS):
        categories[name], _ = Category.objects.get_or_create(agency=agency, name=name, defaults={"position": position})
    catalog = {}
    for position, (top_name, children) in enumerate(CATALOG.items()):
        details = {
            "content": f"{top_name}相关信息（演示内容）",
            "time_limit": f"信息形成或变更之日起{PUBLICATION_LIMIT_WORKDAYS}个工作日内",
            "method": "张店区人民政府网站",
            "responsible_unit": "中心办公室（演示）",
        }
        top, _ = CatalogEntry.objects.get_or_create(
            agency=agency, parent=None, name=top_name, defaults={"position": position * 100} | details
        )
        catalog[top_name] = top
        for child_position, child_name in enumerate(children, start=1):
            child, _ = CatalogEntry.objects.get_or_create(
                agency=agency,
                parent=top,
                name=child_name,
                defaults={"position": position * 100 + child_position}
                | details
                | {"content": f"{child_name}（演示内容）"},
            )
            catalog[child_name] = child
    if not Item.objects.filter(agency=agency, index_year=YEAR).exists():
        _items(agency, categories, catalog, people)
    YearFigures.objects.get_or_create(agency=agency, year=YEAR, defaults={"hotline_orders": 175})
    # Annual reports: the seed's 2022 report published from its narrative, and an invented agency with a full 2025.
    reporting_demo.seed_report_published(agency, YEAR, people=people)
    reporting_demo.invented_agency(region=district, people=people)
    return accounts
