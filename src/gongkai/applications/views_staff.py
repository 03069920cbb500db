"""Staff pages: the queue, intake, one application with its timeline and steps, letters, appeals.

Only the agency's application handlers (workflow.HANDLER_ROLES) open any of these: they show personal data.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import date

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from gongkai.agencies.access import get_agency_for_member, has_role
from gongkai.agencies.calendar import platform_calendar
from gongkai.applications import forms, letters, services
from gongkai.applications.clock import clock_for
from gongkai.applications.models import Appeal, Application, Channel, IdentityDocument, Letter
from gongkai.applications.privacy import SENSITIVE_FIELDS
from gongkai.applications.selectors import EXPORT_COLUMNS, application_search, export_rows
from gongkai.applications.workflow import HANDLER_ROLES, Status
from gongkai.common.forms import message_form_errors, message_service_errors
from gongkai.common.paging import page_of
from gongkai.confirm import ConfirmForm, confirm_token
from gongkai.labels import with_people
from gongkai.publishing.files import CONTENT_TYPES
from gongkai.workdays import WorkdaysError, periods

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Step headings that state a period take it from gongkai.workdays.periods, where the law's limits are written once.
STEP_TITLES = {
    "correction": f"告知补正（第30条，收到申请之日起{periods.CORRECTION_NOTICE.workdays}个工作日内，一次性告知）",
    "fee_lapse": f"逾期未缴费（{periods.FEE_PAYMENT.workdays}个工作日，（六）2）",
    "extend": f"延期答复（第33条第2款，仅一次，最长{periods.EXTENSION_MAX.workdays}个工作日）",
}
DUE_SOON_WORKDAYS = 5
DECIDE_ACTION, CLOSE_ACTION, SEND_ACTION = "application_decide", "application_close", "letter_send"


def letter_digest(letter: Letter) -> str:
    """What the handler read before confirming the sending: a letter edited after that is not sent."""
    text = "\x1f".join([letter.title, letter.doc_number, letter.body])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _get_application_for_handler(user, pk: int) -> Application:
    """The application if the user handles applications in its agency; anyone else gets 403."""
    application = get_object_or_404(Application.objects.select_related("agency", "assignee"), pk=pk)
    if not has_role(user, application.agency, *HANDLER_ROLES):
        raise PermissionDenied
    return application


def _get_letter_for_handler(user, pk: int) -> Letter:
    letter = get_object_or_404(Letter.objects.select_related("application__agency"), pk=pk)
    _get_application_for_handler(user, letter.application_id)
    return letter


@login_required
def queue(request, agency_id: int):
    """The agency's applications: what is due (overdue, due soon, mine, paused) and every application, paged and
    searchable by number and applicant, filtered by status, overdue, assignee and year."""
    agency = get_agency_for_member(request.user, agency_id, *HANDLER_ROLES)
    today = timezone.localdate()
    try:
        soon = platform_calendar().add_workdays(today, DUE_SOON_WORKDAYS)
    except WorkdaysError:
        soon = today
    mine = agency.applications.open().assigned_to(request.user)
    all_open = agency.applications.open().select_related("assignee")
    found, filters = application_search(
        agency.applications.select_related("assignee"), request.GET, user=request.user, today=today
    )
    page, query = page_of(request, found)
    context = {
        "agency": agency,
        "today": today,
        "mine": mine,
        "overdue": all_open.overdue(on=today),
        "due_soon": all_open.due_by(on=today, last_day=soon),
        "paused": all_open.paused(on=today),
        "answered_late": agency.applications.filter(answered_late=True, decided_on__year=today.year),
        "soon_days": DUE_SOON_WORKDAYS,
        "this_year": today.year,
        "page": page,
        "query": query,
        **filters,
        "searching": any(filters.values()),
        "statuses": Status.choices,
        "handlers": get_user_model()
        .objects.filter(memberships__agency=agency, memberships__role__in=HANDLER_ROLES, is_active=True)
        .distinct(),
        "years": agency.applications.dates("received_on", "year", order="DESC"),
    }
    return render(request, "applications/staff_queue.html", context)


@login_required
@sensitive_post_parameters(*SENSITIVE_FIELDS)
def intake(request, agency_id: int):
    agency = get_agency_for_member(request.user, agency_id, *HANDLER_ROLES)
    form = forms.IntakeForm(
        request.POST or None,
        request.FILES or None,
        initial={"received_on": timezone.localdate(), "channel": Channel.POST},
    )
    if request.method == "POST" and form.is_valid():
        try:
            application, code = services.application_submit(
                agency=agency,
                channel=form.cleaned_data["channel"],
                received_on=form.cleaned_data["received_on"],
                actor=request.user,
                identity_file=form.cleaned_data["identity_document"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            for field, errs in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            from gongkai.applications.views_receipt import remember_intake  # it imports this module

            remember_intake(request, application, code)
            messages.success(request, f"已登记，申请编号 {application.number}，请打印受理回执交给申请人")
            return redirect("application-detail", pk=application.pk)
    return render(request, "applications/staff_intake.html", {"agency": agency, "form": form})


@login_required
def detail(request, pk: int):
    application = _get_application_for_handler(request.user, pk)
    today = timezone.localdate()
    try:
        clock = clock_for(application, today=max(today, application.received_on))
    except WorkdaysError as exc:
        clock, messages_ = None, [str(exc)]
        for message in messages_:
            messages.warning(request, message)
    step_forms = {
        "correction": forms.CorrectionForm(prefix="correction"),
        "corrected": forms.StepForm(prefix="corrected"),
        "lapse": forms.StepForm(prefix="lapse"),
        "consult": forms.ConsultationForm(prefix="consult"),
        "consult_answer": forms.ConsultationAnswerForm(prefix="consult_answer"),
        "extend": forms.ExtensionForm(prefix="extend"),
        "fee": forms.FeeForm(prefix="fee"),
        "reasons": forms.ReasonsForm(prefix="reasons"),
        "period": forms.PeriodForm(prefix="period"),
        "paid": forms.StepForm(prefix="paid"),
        "fee_lapse": forms.StepForm(prefix="fee_lapse"),
        "decide": forms.DecisionForm(prefix="decide"),
        "deliver": forms.DeliveryForm(prefix="deliver", initial={"method": application.delivery}),
        "close": forms.StepForm(prefix="close"),
        "appeal": forms.AppealForm(),
    }
    context = {
        "agency": application.agency,
        "application": application,
        "clock": clock,
        "events": with_people(application.events.all()),
        "letters": application.letters.all(),
        "appeals": application.appeals.all(),
        "documents": application.identity_documents.all(),
        "fee": getattr(application, "fee", None),
        "forms": step_forms,
        "titles": STEP_TITLES,
        "appeal_decision_form": forms.AppealDecisionForm(),
        "extended": application.extension_workdays > 0,
        "reasons_requested": application.events.filter(kind="reasons_requested").exists(),
        "period_set": application.events.filter(kind="period_set").exists(),
        "mails": application.mails.all(),
        "intake_code": str(application.pk) in request.session.get("gongkai_intake_codes", {}),
        "unsent_letters": [letter for letter in application.letters.all() if not letter.locked],
        "confirm_tokens": {
            name: confirm_token(
                user=request.user, action=action, subject=str(application.pk), digest=application.status
            )
            for name, action in (("decide", DECIDE_ACTION), ("close", CLOSE_ACTION))
        },
        "S": Status,
    }
    return render(request, "applications/staff_detail.html", context)


def _step(form_class, prefix: str, call, confirm: str = ""):
    """A POSTed workflow step: the form, one service call, back to the application. An irreversible step (`confirm`
    names its action) also needs the confirmation made on the application's page while it was in the same status."""

    @login_required
    @require_POST
    def view(request, pk: int):
        application = _get_application_for_handler(request.user, pk)
        form = form_class(request.POST, prefix=prefix)
        if not form.is_valid():
            for field, errs in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}：{'；'.join(errs)}" if label else "；".join(errs))
        else:
            try:
                if confirm:
                    ConfirmForm(
                        request.POST,
                        user=request.user,
                        action=confirm,
                        subject=str(application.pk),
                        digest=application.status,
                    ).check()
                call(application=application, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                message_service_errors(request, exc)
            else:
                messages.success(request, "已记录")
        return redirect("application-detail", pk=application.pk)

    return view


def _fee_notice(*, application, actor, on: date, method: str, quantity: int | None):
    """按件: the count comes from the records; 按量: the pages entered."""
    if method == "count":
        return services.application_send_fee_notice(application=application, actor=actor, on=on, method="by_count")
    return services.application_send_fee_notice(application=application, actor=actor, on=on, pages=quantity)


step_correction = _step(forms.CorrectionForm, "correction", services.application_request_correction)
step_corrected = _step(forms.StepForm, "corrected", services.application_record_correction)
step_lapse = _step(forms.StepForm, "lapse", services.application_lapse_correction)
step_consult = _step(forms.ConsultationForm, "consult", services.application_start_consultation)
step_consult_answer = _step(
    forms.ConsultationAnswerForm, "consult_answer", services.application_record_consultation_answer
)
step_extend = _step(forms.ExtensionForm, "extend", services.application_extend)
step_fee = _step(forms.FeeForm, "fee", _fee_notice)
step_reasons = _step(forms.ReasonsForm, "reasons", services.application_request_reasons)
step_period = _step(forms.PeriodForm, "period", services.application_set_period)
step_paid = _step(forms.StepForm, "paid", services.application_record_payment)
step_fee_lapse = _step(forms.StepForm, "fee_lapse", services.application_lapse_fee)
step_decide = _step(forms.DecisionForm, "decide", services.application_decide, confirm=DECIDE_ACTION)
step_deliver = _step(forms.DeliveryForm, "deliver", services.application_deliver)
step_close = _step(forms.StepForm, "close", services.application_close, confirm=CLOSE_ACTION)


@login_required
@require_POST
def assign_to_me(request, pk: int):
    application = _get_application_for_handler(request.user, pk)
    services.application_assign(application=application, actor=request.user, assignee=request.user)
    return redirect("application-detail", pk=application.pk)


@login_required
def identity_document(request, pk: int):
    document = get_object_or_404(IdentityDocument.objects.select_related("application__agency"), pk=pk)
    _get_application_for_handler(request.user, document.application_id)
    response = FileResponse(document.file.open("rb"), content_type=CONTENT_TYPES[document.kind])
    response["Content-Disposition"] = f'attachment; filename="identity-{document.pk}.{document.kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def letter_edit(request, pk: int):
    letter = _get_letter_for_handler(request.user, pk)
    form = forms.LetterForm(
        request.POST or None, initial={"title": letter.title, "doc_number": letter.doc_number, "body": letter.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            letters.letter_update(letter=letter, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            message_service_errors(request, exc)
        else:
            messages.success(request, "文书已保存")
        return redirect("letter-edit", pk=letter.pk)
    return render(
        request,
        "applications/staff_letter.html",
        {
            "agency": letter.application.agency,
            "letter": letter,
            "form": form,
            "send_form": forms.LetterSendForm(prefix="send"),
            "send_token": confirm_token(
                user=request.user, action=SEND_ACTION, subject=str(letter.pk), digest=letter_digest(letter)
            ),
            "applicant_email": letter.application.email,
        },
    )


@login_required
@require_POST
def letter_send(request, pk: int):
    letter = _get_letter_for_handler(request.user, pk)
    form = forms.LetterSendForm(request.POST, prefix="send")
    if not form.is_valid():
        message_form_errors(request, form)
    else:
        try:
            ConfirmForm(
                request.POST,
                user=request.user,
                action=SEND_ACTION,
                subject=str(letter.pk),
                digest=letter_digest(letter),
            ).check()
            letters.letter_send(
                letter=letter, actor=request.user, on=form.cleaned_data["on"], method=form.cleaned_data["method"]
            )
        except ValidationError as exc:
            message_service_errors(request, exc)
        else:
            messages.success(request, "文书已发出并锁定")
    return redirect("letter-edit", pk=letter.pk)


@login_required
def letter_download(request, pk: int):
    letter = _get_letter_for_handler(request.user, pk)
    response = HttpResponse(letters.letter_docx(letter), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{letter.application.number}-{letter.kind}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def appeal_add(request, pk: int):
    application = _get_application_for_handler(request.user, pk)
    form = forms.AppealForm(request.POST)
    if form.is_valid():
        try:
            services.appeal_register(application=application, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            message_service_errors(request, exc)
        else:
            messages.success(request, "已登记")
    else:
        messages.error(request, "请填写类型和受理日期")
    return redirect("application-detail", pk=application.pk)


@login_required
@require_POST
def appeal_decide(request, pk: int):
    appeal = get_object_or_404(Appeal, pk=pk)
    _get_application_for_handler(request.user, appeal.application_id)
    form = forms.AppealDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.appeal_decide(appeal=appeal, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            message_service_errors(request, exc)
        else:
            messages.success(request, "已记录")
    else:
        message_form_errors(request, form)
    return redirect("application-detail", pk=appeal.application_id)


@login_required
def export_csv(request, agency_id: int, year: int):
    agency = get_agency_for_member(request.user, agency_id, *HANDLER_ROLES)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="applications-{agency.pk}-{year}.csv"'
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(export_rows(agency=agency, year=year))
    return response
