"""Public pages: apply online, and follow an application by its number and tracking code, with no account.

Nothing here shows an applicant's personal data: the status page reads `public_status()` only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from gongkai.agencies.models import Agency
from gongkai.applications import services, spam, views_receipt
from gongkai.applications.forms import PublicApplicationForm, TrackForm
from gongkai.applications.models import Application, Channel
from gongkai.applications.privacy import SENSITIVE_FIELDS
from gongkai.applications.selectors_public import public_status
from gongkai.common.forms import add_service_errors
from gongkai.workdays import Channel as ClockChannel


def apply_index(request):
    agencies = Agency.objects.order_by("name").only("id", "name")
    return render(request, "applications/apply_index.html", {"agencies": agencies})


@never_cache
@sensitive_post_parameters(*SENSITIVE_FIELDS)
@sensitive_variables("form")
def apply(request, agency_id: int):
    agency = get_object_or_404(Agency, pk=agency_id)
    form = PublicApplicationForm(request.POST or None, request.FILES or None)
    source = spam.client_source(request)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            form.add_error(None, "提交未通过校验，请刷新页面后重试")
        elif not spam.challenge_passed(form.cleaned_data["challenge_token"], form.cleaned_data["challenge"]):
            form.add_error("challenge", "验证问题回答错误或已过期，请重新回答")
        elif (attempt := spam.submission_begin(source)) is None:
            form.add_error(None, "提交过于频繁，请一小时后再试，或通过信函、当面等方式提交申请")
        else:
            try:
                application, code = services.application_submit(
                    agency=agency,
                    channel=Channel.ONLINE,
                    identity_file=form.cleaned_data["identity_document"],
                    **form.service_fields(),
                )
            except ValidationError as exc:
                spam.submission_cancel(attempt)
                add_service_errors(form, exc)
            else:
                spam.submission_done()
                request.session["gongkai_submitted"] = {"number": application.number, "code": code}
                return redirect("application-submitted")
    question, token = spam.new_challenge()
    data = form.data.copy() if form.is_bound else None
    if data is not None:
        data["challenge_token"], data["challenge"] = token, ""
        form.data = data
    else:
        form.initial["challenge_token"] = token
    return render(request, "applications/apply.html", {"agency": agency, "form": form, "question": question})


@never_cache
def submitted(request):
    shown = request.session.pop("gongkai_submitted", None)
    if not shown:
        return redirect("application-track")
    application = get_object_or_404(Application, number=shown["number"])
    views_receipt.remember_online(request, shown["number"], shown["code"])  # for the printable 受理回执
    return render(
        request,
        "applications/submitted.html",
        {
            "number": shown["number"],
            "code": shown["code"],
            "status": public_status(application),
            "receipt_rule": ClockChannel.ONLINE.receipt_rule,
            "email": bool(application.email),
        },
    )


@never_cache
@sensitive_post_parameters("code")
def track(request):
    form = TrackForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        application = Application.objects.filter(number=form.cleaned_data["number"].strip()).first()
        if application is None or not application.check_tracking_code(form.cleaned_data["code"]):
            messages.error(request, "申请编号或查询码不正确")
        else:
            status = public_status(application)
    return render(request, "applications/track.html", {"form": form, "status": status})
