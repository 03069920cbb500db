"""Demo data for annual reports (called by `gongkai.site.demo_data.demo_load`; safe to run twice).

- The seed agency's 2022 draft holds the seed report's narrative, as if its staff had typed it in; the numbers come
  from the 2022 records the platform demo already loads. It is published (it was, in reality), so the portal's 年报
  column and `GET /api/v1/agencies/{id}/reports/2022` show it.
- An invented agency (marked `is_demo`, every name says 演示) with 2025 records that put at least one application in
  every row and column of table B, carry applications in from 2024 and out to 2026, and put appeals in every cell of
  table C; plus normative documents, items, yearly figures and one fee, so every part of its report has numbers.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from gongkai.agencies.models import Agency, Membership, Region, Role
from gongkai.agencies.validators import credit_code_check_char
from gongkai.applications.models import Appeal, Application, Fee, hash_key
from gongkai.applications.workflow import Status as ApplicationStatus
from gongkai.demo import seed_report_path
from gongkai.portal import sync as portal_sync
from gongkai.publishing.models import Category, DocumentType, Item, Status, Validity, YearFigures
from gongkai.report.format import APPLICANT_COLUMN_KEYS, C_GROUPS, RESULT_ROW_KEYS_2021
from gongkai.report.model import load_report
from gongkai.reporting.drafting import official_sections
from gongkai.reporting.models import ReportDraft, ReportVersion

TZ = ZoneInfo("Asia/Shanghai")
INVENTED_NAME = "张店区演示示范局（虚构）"
INVENTED_CODE = "11370303MB0000002" + credit_code_check_char("11370303MB0000002")
INVENTED_YEAR = 2025
INVENTED_CATEGORIES = {"政策文件": (3, 5), "业务动态": (6, 11), "财政信息": (2, 4), "政策解读": (1, 3)}  # 2024, 2025


def seed_draft(agency: Agency, year: int) -> ReportDraft:
    """The seed's narrative, entered as the agency's draft for 2022, under the official headings (the seed numbers its
    third heading "3、"; a generated report always says "三、")."""
    seed = load_report(seed_report_path())
    draft, _ = ReportDraft.objects.get_or_create(
        agency=agency,
        year=year,
        defaults={"title": seed.title, "preamble": seed.preamble, "sections": official_sections(seed.sections)},
    )
    return draft


# The seed does not say the day it was published; a day within 条例第四十九条's deadline (31 January) for the demo.
SEED_PUBLISHED_ON = date(2023, 1, 20)
SEED_KEPT_WARNING = "演示：原报告如此公布，保留原文。"


def seed_report_published(agency: Agency, year: int, *, people: dict) -> ReportDraft:
    """The seed agency's 2022 report as it really went out: its draft, published through the same gate and
    confirmation as any report (the signing role confirms; any warning kept with a reason)."""
    from gongkai.reporting import gate, services

    draft = seed_draft(agency, year)
    if ReportVersion.objects.filter(agency=agency, year=year).exists():
        return draft
    publication = services.publication_prepare(agency=agency, year=year, on=SEED_PUBLISHED_ON)
    reasons = {gate.warning_key(f): SEED_KEPT_WARNING for f in publication.current.findings if f.severity == "warning"}
    services.report_publish(
        draft=draft,
        actor=people[services.signing_role()],
        on=SEED_PUBLISHED_ON,
        acknowledgements=reasons,
        confirmed=True,
        digest=publication.digest,
    )
    return draft


def invented_agency(*, region: Region, people: dict) -> Agency:
    agency, _ = Agency.objects.update_or_create(
        name=INVENTED_NAME,
        defaults={
            "short_name": "演示示范局",
            "credit_code": INVENTED_CODE,
            "region": region,
            "supervising_body": "淄博市张店区人民政府（演示）",
            "address": "山东省淄博市张店区演示路1号（虚构）",
            "postcode": "255000",
            "phone": "0533-0000000",
            "email": "demo@example.com",
            "is_demo": True,
        },
    )
    for role in (Role.DRAFTER, Role.LEADER, Role.AGENCY_ADMIN, Role.SECTION_HEAD, Role.SECRECY_REVIEWER):
        Membership.objects.get_or_create(user=people[role], agency=agency, role=role)
    if not Application.objects.filter(agency=agency).exists():
        _applications(agency)
    if not Item.objects.filter(agency=agency).exists():
        _items(agency, people[Role.DRAFTER])
    for year, scale in ((2024, 1), (2025, 2)):
        YearFigures.objects.get_or_create(
            agency=agency,
            year=year,
            defaults={
                "licensing_decisions": 60 * scale,
                "penalty_decisions": 17 * scale,
                "coercion_decisions": 2 * scale,
                "fee_amount": Decimal("6.25") * scale,
                "hotline_orders": 115 * scale,
                "deputy_suggestions": scale,
                "cppcc_proposals": 2 * scale - 1,
            },
        )
    return agency


def _applications(agency: Agency) -> None:
    rows: list[Application] = []

    def add(applicant_type: str, received: date, outcome: str = "", decided: date | None = None) -> Application:
        number = f"演示-{received.year}-{len(rows) + 1:05d}"
        closed = decided is not None and decided <= date(2026, 6, 30)
        application = Application(
            agency=agency,
            number=number,
            tracking_code_hash=hash_key(secrets.token_hex(8)),
            channel="online",
            received_on=received,
            applicant_type=applicant_type,
            applicant_name=f"演示申请人{len(rows) + 1}",
            phone="0533-0000000",
            description="【演示】申请公开的信息（虚构）",
            form="paper",
            delivery="post",
            status=ApplicationStatus.CLOSED if closed else ApplicationStatus.RECEIVED,
            outcome=outcome,
            decided_on=decided,
            closed_on=decided if closed else None,
            reason="" if outcome in ("", "granted") else "【演示】答复理由（虚构）",
        )
        rows.append(application)
        return application

    # 2024: three decided in the year, and one per applicant type carried over into 2025.
    for i, column in enumerate(APPLICANT_COLUMN_KEYS[:3]):
        add(column, date(2024, 3, 4 + i), "granted", date(2024, 3, 20 + i))
    for i, column in enumerate(APPLICANT_COLUMN_KEYS):
        add(column, date(2024, 12, 16 + i), "partially_granted", date(2025, 1, 10 + i))
    # 2025: every applicant type gets every outcome.
    day = date(2025, 2, 10)
    for outcome in RESULT_ROW_KEYS_2021:
        for column in APPLICANT_COLUMN_KEYS:
            add(column, day, outcome, day + timedelta(days=14))
            day += timedelta(days=2)
    # Received late in 2025, answered in January 2026: carried forward.
    for i, column in enumerate(APPLICANT_COLUMN_KEYS):
        add(column, date(2025, 12, 15 + i), "granted", date(2026, 1, 12 + i))
    Application.objects.bulk_create(rows)
    saved = {a.number: a for a in Application.objects.filter(agency=agency)}
    granted_2025 = [a for a in saved.values() if a.outcome == "granted" and a.decided_on.year == 2025]
    Fee.objects.create(
        application=granted_2025[0],
        method="count",
        quantity=1,
        amount_yuan=100,
        breakdown=[],
        notice_sent_on=date(2025, 3, 1),
        pay_by=date(2025, 3, 29),
        paid_on=date(2025, 3, 10),
    )
    refused = [a for a in saved.values() if a.outcome.startswith("withheld") and a.decided_on.year == 2025]
    appeals = []
    for g, (group, _) in enumerate(C_GROUPS):
        for r, result in enumerate(("upheld", "corrected", "other")):
            appeals.append(
                Appeal(
                    application=refused[g * 4 + r],
                    kind=group,
                    filed_on=date(2025, 4, 1 + r),
                    body="【演示】复议机关或法院（虚构）",
                    result=result,
                    closed_on=date(2025, 7, 1 + r),
                )
            )
        # Still open at the end of 2025, decided in 2026.
        appeals.append(
            Appeal(
                application=refused[g * 4 + 3],
                kind=group,
                filed_on=date(2025, 10, 9),
                body="【演示】复议机关或法院（虚构）",
                result="upheld",
                closed_on=date(2026, 3, 2),
            )
        )
    Appeal.objects.bulk_create(appeals)


def _items(agency: Agency, drafter) -> None:
    categories = {}
    for position, name in enumerate(INVENTED_CATEGORIES):
        categories[name], _ = Category.objects.get_or_create(agency=agency, name=name, defaults={"position": position})
    items, sequence = [], 0

    def add(year: int, category: str, month: int, day: int, **extra) -> None:
        nonlocal sequence
        sequence += 1
        published = date(year, month, day)
        items.append(
            Item(
                agency=agency,
                index_year=year,
                index_sequence=sequence,
                index_number=f"{agency.credit_code}/{year}-{sequence:05d}",
                title=f"【演示】{category}第{sequence}条（{year}年{month}月）",
                body="<p>本条为演示数据，内容为虚构。</p>",
                issuing_body=agency.name,
                formed_on=published - timedelta(days=3),
                written_on=published - timedelta(days=3),
                publish_by=published + timedelta(days=20),
                published_at=datetime.combine(published, time(10, 0), tzinfo=TZ),
                category=categories[category],
                status=Status.PUBLISHED,
                created_by=drafter,
                is_demo=True,
                **extra,
            )
        )

    for y, year in enumerate((2024, 2025)):
        for category, counts in INVENTED_CATEGORIES.items():
            for i in range(counts[y]):
                add(year, category, 1 + (i * 5) % 12, 5 + i % 20)
    # Normative documents: two of 2023 (one repealed in 2025), one of 2024, two of 2025.
    normative = {"document_type": DocumentType.NORMATIVE}
    add(2023, "政策文件", 3, 1, valid_from=date(2023, 4, 1), document_number="演示规〔2023〕1号", **normative)
    add(
        2023,
        "政策文件",
        6,
        1,
        valid_from=date(2023, 7, 1),
        document_number="演示规〔2023〕2号",
        validity=Validity.REPEALED,
        invalid_from=date(2025, 6, 30),
        **normative,
    )
    add(2024, "政策文件", 5, 6, valid_from=date(2024, 6, 1), document_number="演示规〔2024〕1号", **normative)
    add(2025, "政策文件", 3, 3, valid_from=date(2025, 4, 1), document_number="演示规〔2025〕1号", **normative)
    add(2025, "政策文件", 9, 1, valid_from=date(2025, 10, 1), document_number="演示规〔2025〕2号", **normative)
    Item.objects.bulk_create(items)
    portal_sync.reindex(Item.objects.filter(agency=agency))
