"""待我处理: everything waiting for one person, whatever their roles and agencies, gathered in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, IntegerField, Q, Value, When

from gongkai.agencies.calendar import missing_next_year, platform_calendar
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.applications.models import Appeal, Application, Letter
from gongkai.applications.outcomes import AppealResult
from gongkai.applications.workflow import HANDLER_ROLES
from gongkai.publishing import workflow
from gongkai.publishing.models import Item, Status
from gongkai.reporting.models import ReportDraft, ReportVersion
from gongkai.reporting.selectors import dashboard_report_year, region_overview
from gongkai.reporting.services import signing_role
from gongkai.workdays import WorkdaysError

SHOWN = 50  # rows per section; the lists behind the header links show the rest


@dataclass
class Inbox:
    review: list = field(default_factory=list)  # items at a step my role acts on (review, or releasing a held item)
    held: list = field(default_factory=list)  # my items held by the personal-data scan
    rejected: list = field(default_factory=list)  # my items sent back to draft by a reviewer
    applications: list = field(default_factory=list)  # open, mine or unassigned in my agencies; overdue first
    letters: list = field(default_factory=list)  # drafted, not sent
    reports: list = field(default_factory=list)  # ReportDraft rows waiting for my signature
    appeals: list = field(default_factory=list)  # 复议/诉讼 still pending
    calendar_year: int | None = None  # next year's holiday schedule, missing (admins)

    @property
    def count(self) -> int:
        lists = (self.review, self.held, self.rejected, self.applications, self.letters, self.reports, self.appeals)
        return sum(len(rows) for rows in lists) + (1 if self.calendar_year else 0)


def roles_by_agency(user) -> dict[int, set[str]]:
    held: dict[int, set[str]] = {}
    for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
        held.setdefault(agency_id, set()).add(role)
    return held


def _agencies_with(held: dict[int, set[str]], roles) -> list[int]:
    return [agency_id for agency_id, mine in held.items() if mine & set(roles)]


def _review_q(held: dict[int, set[str]]) -> Q:
    q = Q(pk__in=[])
    for status in (*workflow.STEP_ROLE, Status.HELD):
        agencies = _agencies_with(held, workflow.roles_that_act_on(status))
        if agencies:
            q |= Q(status=status, agency_id__in=agencies)
    return q


def _with_days_left(applications: list, today: date) -> list:
    """Each application's working days left to its due date (negative: working days overdue)."""
    try:
        calendar = platform_calendar()
    except WorkdaysError:
        calendar = None
    for a in applications:
        a.days_left = None
        a.overdue = a.is_overdue(today)
        if calendar is not None and a.due_date:
            try:
                if a.overdue:
                    a.days_left = -calendar.count_workdays(a.due_date, today)
                else:
                    a.days_left = calendar.count_workdays(today, a.due_date)
            except WorkdaysError:
                a.days_left = None
    return applications


def inbox_for(user, *, today: date) -> Inbox:
    inbox = Inbox()
    if not user.is_authenticated:
        return inbox
    held = roles_by_agency(user)
    items = Item.objects.select_related("agency", "category")
    if held:
        inbox.review = list(items.filter(_review_q(held)).exclude(created_by=user, status=Status.HELD)[:SHOWN])
    inbox.held = list(items.filter(created_by=user, status=Status.HELD)[:SHOWN])
    inbox.rejected = list(
        items.filter(created_by=user, status=Status.DRAFT, events__action="reject").distinct()[:SHOWN]
    )

    handling = _agencies_with(held, HANDLER_ROLES)
    if handling:
        mine = Q(assignee=user) | Q(assignee__isnull=True, agency_id__in=handling)
        open_apps = (
            Application.objects.open()
            .filter(mine)
            .select_related("agency", "assignee")
            .annotate(late=Case(When(due_date__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField()))
            .order_by("late", "due_date", "pk")
        )
        inbox.applications = _with_days_left(list(open_apps[:SHOWN]), today)
        inbox.letters = list(
            Letter.objects.filter(sent_on__isnull=True, application__agency_id__in=handling)
            .filter(Q(application__assignee=user) | Q(application__assignee__isnull=True))
            .select_related("application")
            .order_by("created_at")[:SHOWN]
        )
        inbox.appeals = list(
            Appeal.objects.filter(result=AppealResult.PENDING, application__agency_id__in=handling)
            .select_related("application")
            .order_by("filed_on")[:SHOWN]
        )

    signing = _agencies_with(held, [signing_role()])
    if signing:
        year = dashboard_report_year(today)
        published = ReportVersion.objects.filter(year=year, agency_id__in=signing).values("agency_id")
        inbox.reports = list(
            ReportDraft.objects.filter(year=year, agency_id__in=signing)
            .exclude(agency_id__in=published)
            .select_related("agency")
        )

    if user.is_superuser or _agencies_with(held, [Role.AGENCY_ADMIN]):
        inbox.calendar_year = missing_next_year(today)
    return inbox


def overview_agencies(user):
    """The agencies a supervisor (their regions) or a system admin (all) looks over."""
    if user.is_superuser:
        return Agency.objects.select_related("region")
    return Agency.objects.supervised_by(user).select_related("region")


def overview(user, *, today: date) -> list:
    """Each overseen agency's overdue applications and report status (the reporting selectors' region rows)."""
    agencies = overview_agencies(user)
    rows = region_overview(agencies=agencies, year=dashboard_report_year(today), today=today)
    return sorted(rows, key=lambda row: (-row.overdue_applications, -row.errors, row.agency.name))


def overdue_applications(agency: Agency, *, today: date) -> list:
    """The agency's open applications past their due date, longest overdue first, with the working days overdue:
    what a supervisor comes to the dashboard to find (numbers and dates only, no applicant's personal data)."""
    found = agency.applications.open_overdue(on=today).select_related("assignee").order_by("due_date", "pk")
    return _with_days_left(list(found[:SHOWN]), today)
