"""The staff workspace: 待我处理 (the staff home), the header's shortcuts, each agency's dashboard and audit trail,
and the supervisor's overview. Thin: permission, selectors, template."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.agencies.access import get_agency_for_member, get_agency_for_viewer, roles_in
from gongkai.agencies.calendar import may_enter_calendar
from gongkai.agencies.models import Agency, Role
from gongkai.applications.workflow import HANDLER_ROLES
from gongkai.labels import with_people
from gongkai.publishing import workflow
from gongkai.publishing.models import Item, Status
from gongkai.reporting.selectors import dashboard_report, dashboard_report_year
from gongkai.workspace import selectors


@login_required
def staff_home(request):
    """待我处理 for members; the region overview for supervisors and system admins; both for someone who is both."""
    today = timezone.localdate()
    user = request.user
    agencies = list(Agency.objects.for_user(user))
    oversees = user.is_superuser or user.supervisions.exists()
    context = {
        "inbox": selectors.inbox_for(user, today=today),
        "agencies": agencies,
        "oversees": oversees,
        "supervises": user.supervisions.exists(),
        "overview": selectors.overview(user, today=today) if oversees else [],
        "report_year": dashboard_report_year(today),
        "today": today,
        "may_enter_calendar": may_enter_calendar(user),
    }
    return render(request, "workspace/home.html", context)


def _shortcut(request, *, roles, target: str, title: str, year: bool = False):
    """The header's 信息 / 依申请公开 / 年度报告: straight to the page when the user works in one agency, else a
    list of their agencies (two clicks at most)."""
    user = request.user
    if not user.memberships.exists():  # supervisors and system admins: their own pages, never a 403
        if user.supervisions.exists():
            return (
                redirect("report-region", dashboard_report_year(timezone.localdate()))
                if year
                else redirect("supervision")
            )
        return redirect("staff-home")
    agencies = [a for a in Agency.objects.for_user(user) if not roles or roles_in(user, a) & set(roles)]
    args = (dashboard_report_year(timezone.localdate()),) if year else ()
    if len(agencies) == 1:
        return redirect(target, agencies[0].pk, *args)
    year_arg = args[0] if args else None
    context = {"links": [(a, a.pk) for a in agencies], "target": target, "title": title, "year": year_arg}
    return render(request, "workspace/choose.html", context)


@login_required
def go_items(request):
    return _shortcut(request, roles=(), target="item-list", title="信息")


@login_required
def go_applications(request):
    return _shortcut(request, roles=HANDLER_ROLES, target="application-queue", title="依申请公开")


@login_required
def go_reports(request):
    return _shortcut(request, roles=(), target="report-draft", title="年度报告", year=True)


@login_required
def dashboard(request, agency_id: int):
    agency = get_agency_for_viewer(request.user, agency_id)
    today = timezone.localdate()
    held = roles_in(request.user, agency)
    waiting_statuses = [
        s for s in (Status.DRAFT, Status.HELD, *workflow.STEP_ROLE) if held & set(workflow.roles_that_act_on(s))
    ]
    items = Item.objects.filter(agency=agency)
    is_member = bool(held)
    context = {
        "agency": agency,
        "is_member": is_member,
        "roles": [Role(r).label for r in sorted(held)],
        "counts": dict(items.values_list("status").annotate(n=Count("id")).order_by()),
        "statuses": Status.choices,
        "waiting": items.filter(status__in=waiting_statuses).select_related("category")[:50] if is_member else [],
        "late": items.late().filter(published_at__year=today.year).select_related("category"),
        "overdue": items.overdue_unpublished(on=today).select_related("category"),
        "year": today.year,
        "is_admin": Role.AGENCY_ADMIN in held,
        "can_draft": Role.DRAFTER in held,
        "annual_report": dashboard_report(agency=agency, today=today),
        "overdue_applications": selectors.overdue_applications(agency, today=today),
    }
    return render(request, "workspace/dashboard.html", context)


@login_required
def audit_trail(request, agency_id: int):
    agency = get_agency_for_member(request.user, agency_id, Role.AGENCY_ADMIN)
    page = Paginator(with_people(agency.audit_entries.all()), 50).get_page(request.GET.get("page"))
    return render(request, "workspace/audit.html", {"agency": agency, "page": page})


@login_required
def supervision(request):
    if not request.user.supervisions.exists():
        raise PermissionDenied
    today = timezone.localdate()
    agencies = Agency.objects.supervised_by(request.user).annotate(
        published=Count("items", filter=Q(items__status=Status.PUBLISHED, items__published_at__year=today.year)),
        late=Count("items", filter=Q(items__is_late=True, items__published_at__year=today.year)),
        overdue=Count(
            "items", filter=Q(items__publish_by__lt=today) & ~Q(items__status__in=[Status.PUBLISHED, Status.WITHDRAWN])
        ),
    )
    return render(request, "workspace/supervision.html", {"agencies": agencies, "year": today.year})
