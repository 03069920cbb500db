"""Sign-in (throttled), the staff home, each agency's dashboard, its audit trail, and the supervisor's overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gongkai.agencies.access import get_agency_for_member, get_agency_for_viewer, roles_in
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.throttle import login_attempt_begin, login_attempt_failed, login_attempt_succeeded
from gongkai.publishing import workflow
from gongkai.publishing.models import Item, Status
from gongkai.reporting.selectors import dashboard_report
from gongkai.common.clients import client_ip


def login_view(request):
    form = AuthenticationForm(request, data=request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST":
        username, ip = request.POST.get("username", ""), client_ip(request)
        gate = login_attempt_begin(username=username, ip=ip)
        if not gate.allowed:
            form = AuthenticationForm(request)
            messages.error(request, gate.message)
        elif form.is_valid():
            login_attempt_succeeded(username=username, ip=ip)
            login(request, form.get_user())
            if not url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                next_url = ""
            return redirect(next_url or "staff-home")
        else:
            login_attempt_failed(username=username, ip=ip)
    return render(request, "registration/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("public-home")


@login_required
def staff_home(request):
    agencies = Agency.objects.for_user(request.user)
    if len(agencies) == 1 and not request.user.supervisions.exists():
        return redirect("agency-dashboard", agency_id=agencies[0].pk)
    return render(
        request,
        "agencies/home.html",
        {
            "agencies": agencies,
            "supervises": request.user.supervisions.exists(),
        },
    )


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
    }
    return render(request, "agencies/dashboard.html", context)


@login_required
def audit_trail(request, agency_id: int):
    agency = get_agency_for_member(request.user, agency_id, Role.AGENCY_ADMIN)
    page = Paginator(agency.audit_entries.select_related("actor"), 50).get_page(request.GET.get("page"))
    return render(request, "agencies/audit.html", {"agency": agency, "page": page})


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
    return render(request, "agencies/supervision.html", {"agencies": agencies, "year": today.year})
