"""The 受理回执 (DOCX, PDF) at the counter and online, and a new tracking code mailed to the address on file.

Online, the receipt may be downloaded in the session that submitted the application (the code is shown once and
kept in that session only); at the counter, by the handlers, with the code while the intake session holds it.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.applications import receipt, services
from gongkai.applications.forms import ResendCodeForm
from gongkai.applications.models import Application, OutboxMail
from gongkai.applications.views_staff import _get_application_for_handler
from gongkai.report.render.pdf import PdfUnavailable

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ONLINE_KEY = "gongkai_receipt"
INTAKE_KEY = "gongkai_intake_codes"
RESEND_PAUSE = timedelta(minutes=10)
RESEND_DONE = "如该申请登记了电子邮箱，新的查询码已发往该邮箱，原查询码随即失效。请查收邮件（可能需要几分钟）。"


def remember_online(request, number: str, code: str) -> None:
    request.session[ONLINE_KEY] = {"number": number, "code": code}


def remember_intake(request, application: Application, code: str) -> None:
    codes = request.session.get(INTAKE_KEY, {})
    codes[str(application.pk)] = code
    request.session[INTAKE_KEY] = dict(list(codes.items())[-20:])  # the counter's last few, not a growing list


def _file(application: Application, code: str | None, ext: str) -> HttpResponse:
    if ext == "docx":
        data, content_type = receipt.receipt_docx(application, code), DOCX
    elif ext == "pdf":
        try:
            data, content_type = receipt.receipt_pdf(application, code), "application/pdf"
        except PdfUnavailable as exc:
            return HttpResponse(f"{exc}", status=503, content_type="text/plain; charset=utf-8")
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, receipt.filename(application, ext))
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def online_receipt(request, ext: str):
    shown = request.session.get(ONLINE_KEY)
    if not shown:
        raise Http404
    application = get_object_or_404(Application.objects.select_related("agency"), number=shown["number"])
    return _file(application, shown["code"], ext)


@login_required
def staff_receipt(request, pk: int, ext: str):
    application = _get_application_for_handler(request.user, pk)
    return _file(application, request.session.get(INTAKE_KEY, {}).get(str(pk)), ext)


def _recently_sent(application: Application) -> bool:
    since = timezone.now() - RESEND_PAUSE
    return application.mails.filter(kind=OutboxMail.Kind.CODE, created_at__gte=since).exists()


@never_cache
def resend_code(request):
    """Same answer whether or not the number and address match: the page tells nobody which addresses are on file."""
    form = ResendCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = Application.objects.filter(number=form.cleaned_data["number"].strip()).first()
        email = form.cleaned_data["email"].strip().lower()
        if application and application.email and application.email.lower() == email and not _recently_sent(application):
            services.application_reissue_code(application=application)
        messages.success(request, RESEND_DONE)
        return redirect("application-track")
    return render(request, "applications/resend_code.html", {"form": form})


@login_required
@require_POST
def staff_resend_code(request, pk: int):
    application = _get_application_for_handler(request.user, pk)
    if _recently_sent(application):
        messages.error(request, "十分钟内已发送过新的查询码，请稍后再试")
    elif services.application_reissue_code(application=application, actor=request.user):
        messages.success(request, "已生成新的查询码，将发往申请人登记的电子邮箱；原查询码失效")
    else:
        messages.error(request, "申请人没有登记电子邮箱，无法发送查询码")
    return redirect("application-detail", pk=application.pk)
