"""Demo data for annual reports (called by `gongkai.site.demo_data.demo_load`; safe to run twice).

- The seed agency's 2022 draft holds the seed report's narrative, as if its staff had typed it in; the numbers come
  from the 2022 records the platform demo already loads. It is published (it was, in reality), so the portal's 年报
  column and `GET /api/v1/agencies/{id}/reports/2022` show it.
- An invented agency (marked `is_demo`, every name says 演示) with 2025 records that put at least one application in
  every row and column of table B, carry applications in from 2024 and out to 2026, and put appeals in every cell of
  table C; plus normative documents, items, yearly figures and one fee, so every part of its report has numbers.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from gongkai.agencies.models import Agency, Membership, Region, Role
from gongkai.agencies.validators import credit_code_check_char
from gongkai.applications.models import Application
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
        _applications(agency, people[Role.DRAFTER])
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


_DEMO_ID = "11010519491231002X"  # a well-formed 身份证号 (check digit valid), used in the project's tests too


def _applications(agency: Agency, handler) -> None:
    """Every application through the services, step by step, as a handler would record it: each has its events, and
    its status, dates and outcome are what the event log derives (verify_applications finds no difference)."""
    from gongkai.applications import letters, services

    made: list = []

    def submit(applicant_type: str, received: date):
        n = len(made) + 1
        person = applicant_type == "natural_person"
        fields = {
            "applicant_type": applicant_type,
            "applicant_name": f"演示申请人{n}",
            "phone": "0533-0000000",
            "address": "山东省淄博市张店区演示路2号（虚构）",
            "postcode": "255000",
            "description": "【演示】申请公开的信息（虚构）",
            "form": "paper",
            "delivery": "post",
        }
        if person:
            fields |= {"id_type": "resident_id", "id_number": _DEMO_ID}
        else:
            # The registration category of each column (GB 32100: 91 enterprise, 12 public institution, 53 foundation,
            # 31 law firm, 11 government body), so the code and the chosen column agree.
            prefix = {
                "commercial_enterprise": "91",
                "research_institution": "12",
                "social_welfare_org": "53",
                "legal_service_org": "31",
            }.get(applicant_type, "11")
            base = f"{prefix}370303MA{n:07d}"
            fields |= {"credit_code": base + credit_code_check_char(base), "contact_person": "演示联系人"}
        application, _ = services.application_submit(
            agency=agency, channel="post", received_on=received, actor=handler, **fields
        )
        made.append(application)
        return application

    def decide(application, outcome: str, on: date) -> None:
        received = application.received_on
        if outcome in ("other_no_correction", "unavailable_unclear"):  # both need a correction asked for (第30条)
            services.application_request_correction(
                application=application,
                actor=handler,
                on=received + timedelta(days=1),
                reply_by=received + timedelta(days=8),
                what="【演示】请写明所需信息的名称或文号",
            )
        if outcome == "other_no_correction":
            services.application_lapse_correction(application=application, actor=handler, on=on)
        elif outcome == "other_unpaid_fee":
            notice = services.application_send_fee_notice(
                application=application, actor=handler, on=received + timedelta(days=1), pages=120
            )
            letters.letter_send(letter=notice, actor=handler, on=received + timedelta(days=1), method="email")
            application.fee.refresh_from_db()
            pay_by = application.fee.pay_by
            services.application_lapse_fee(application=application, actor=handler, on=pay_by + timedelta(days=3))
        else:
            if outcome == "unavailable_unclear":
                services.application_record_correction(
                    application=application, actor=handler, on=received + timedelta(days=4)
                )
            if outcome == "not_processed_excessive":
                services.application_request_reasons(
                    application=application,
                    actor=handler,
                    on=received + timedelta(days=1),
                    reply_by=received + timedelta(days=8),
                    note="【演示】一个月内提出大量内容相近的申请",
                )
            details = {
                "not_processed_repeated": {"earlier": made[0].number},
                "withheld_admin_query": {"channel": "【演示】依照不动产登记的有关规定向登记机构申请查询"},
                "unavailable_not_held": {"competent_agency": "【演示】淄博市张店区某局（虚构）"},
            }.get(outcome)
            services.application_decide(
                application=application,
                actor=handler,
                on=on,
                outcome=outcome,
                reason="" if outcome == "granted" else "【演示】答复理由（虚构）",
                details=details,
            )
        for letter in application.letters.filter(sent_on__isnull=True):
            letters.letter_send(letter=letter, actor=handler, on=application.decided_on)
        application.refresh_from_db()
        if application.decided_on <= date(2026, 6, 30):
            services.application_close(application=application, actor=handler, on=application.decided_on)

    # 2024: three decided in the year, and one per applicant type carried over into 2025.
    for i, column in enumerate(APPLICANT_COLUMN_KEYS[:3]):
        decide(submit(column, date(2024, 3, 4 + i)), "granted", date(2024, 3, 20 + i))
    carried = [submit(column, date(2024, 12, 16 + i)) for i, column in enumerate(APPLICANT_COLUMN_KEYS)]
    for i, application in enumerate(carried):
        decide(application, "partially_granted", date(2025, 1, 10 + i))
    # 2025: every applicant type gets every outcome; the first granted one paid a fee (按量) before its answer.
    day, fee_paid = date(2025, 2, 10), False
    for outcome in RESULT_ROW_KEYS_2021:
        for column in APPLICANT_COLUMN_KEYS:
            application = submit(column, day)
            if outcome == "granted" and not fee_paid:
                services.application_send_fee_notice(
                    application=application, actor=handler, on=day + timedelta(days=1), pages=40
                )
                services.application_record_payment(application=application, actor=handler, on=day + timedelta(days=4))
                fee_paid = True
            decide(application, outcome, day + timedelta(days=14))
            day += timedelta(days=2)
    # Received late in 2025, answered in the first days of January 2026: carried forward. (Every demo date lies
    # before 12 January 2026, so the demo loads whatever day it is, the report tests' frozen day included.)
    for i, column in enumerate(APPLICANT_COLUMN_KEYS):
        decide(submit(column, date(2025, 12, 15 + i)), "granted", date(2026, 1, 5 + i))

    refused = [a for a in made if a.outcome.startswith("withheld") and a.decided_on.year == 2025]
    for g, (group, _) in enumerate(C_GROUPS):
        if group == "litigation_after_reconsideration":  # each such lawsuit follows its 复议 (upheld in March)
            for application in refused[g * 4 : g * 4 + 4]:
                first = services.appeal_register(
                    application=application,
                    actor=handler,
                    kind="reconsideration",
                    filed_on=application.decided_on + timedelta(days=5),
                    body="【演示】复议机关（虚构）",
                )
                closed = application.decided_on + timedelta(days=20)
                services.appeal_decide(appeal=first, actor=handler, result="upheld", closed_on=closed)
        for r, result in enumerate(("upheld", "corrected", "other")):
            application = refused[g * 4 + r]
            filed = application.decided_on + timedelta(days=30)
            appeal = services.appeal_register(
                application=application,
                actor=handler,
                kind=group,
                filed_on=filed,
                body="【演示】复议机关或法院（虚构）",
            )
            closed = filed + timedelta(days=60)
            services.appeal_decide(appeal=appeal, actor=handler, result=result, closed_on=closed)
        # Still open at the end of 2025, decided in 2026.
        appeal = services.appeal_register(
            application=refused[g * 4 + 3],
            actor=handler,
            kind=group,
            filed_on=date(2025, 10, 9),
            body="【演示】复议机关或法院（虚构）",
        )
        services.appeal_decide(appeal=appeal, actor=handler, result="upheld", closed_on=date(2026, 1, 9))


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
