"""The JSON API (/api/v1/): plain Django views returning JSON, described by the OpenAPI document in openapi.py.

Public endpoints never return personal data. Staff endpoints need `Authorization: Token <key>` of a user who handles
applications in the application's agency.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from gongkai.agencies.access import has_role
from gongkai.agencies.models import Agency
from gongkai.applications import services, spam
from gongkai.applications.api_schema import NEW_APPLICATION, STAFF_NEW_APPLICATION, STEP_SCHEMAS, validate_body
from gongkai.applications.models import ApiToken, Application, Channel, hash_key
from gongkai.applications.selectors_public import public_status
from gongkai.applications.services import APPLICATION_FIELDS
from gongkai.applications.workflow import HANDLER_ROLES, Status
from gongkai.common.params import year_param
from gongkai.limits import load_json
from gongkai.publishing.files import BadFile


def _error(status: int, message: str, fields: dict | None = None) -> JsonResponse:
    body = {"error": message}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _validation(exc: ValidationError) -> JsonResponse:
    if hasattr(exc, "error_dict"):
        return _error(400, "提交的内容有误", {k: v for k, v in exc.message_dict.items()})
    return _error(400, "；".join(exc.messages))


def _body(request) -> dict | None:
    """The JSON object sent, or None. NaN, Infinity, 1e309, huge integers and deep nesting are refused here
    (gongkai.limits): each would otherwise reach a service as a value no field can hold."""
    try:
        data = load_json(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):  # LimitExceeded is a ValueError
        return None
    return data if isinstance(data, dict) else None


@require_GET
def agencies(request):
    return _json([{"id": a.pk, "name": a.name} for a in Agency.objects.order_by("name").only("id", "name")])


@require_GET
@never_cache
def challenge(request):
    """The same question the form asks, for a program that submits on a person's behalf (the person answers it)."""
    question, token = spam.new_challenge()
    return _json({"question": question, "challenge_token": token, "expires_in": settings.GONGKAI_CHALLENGE_MAX_AGE})


def _allowed_origins(request) -> set[str]:
    origins = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    if settings.GONGKAI_PUBLIC_URL:
        origins.add(settings.GONGKAI_PUBLIC_URL)
    return {origin.rstrip("/").lower() for origin in origins}


def _cross_site(request) -> JsonResponse | None:
    """Another website must not file applications through its visitors' browsers (each starts a statutory clock):
    only JSON (a browser cannot send it cross-site without asking first), and a browser's Origin must be ours."""
    if request.content_type != "application/json":
        return _error(415, "请求体须为 JSON（Content-Type: application/json）")
    origin = request.headers.get("Origin")
    if origin is not None and origin.rstrip("/").lower() not in _allowed_origins(request):
        return _error(403, "不接受其他网站代为提交的申请")
    return None


def _integration_for(request, agency: Agency) -> bool:
    """A program of the agency's own (its website, a hotline system) signs with an API token of someone who handles
    the agency's applications, instead of answering the challenge."""
    if not request.META.get("HTTP_AUTHORIZATION", "").startswith("Token "):
        return False
    user = _token_user(request)
    return user is not None and has_role(user, agency, *HANDLER_ROLES)


@csrf_exempt
@require_POST
@sensitive_post_parameters()
@sensitive_variables("data", "fields")
def submit(request, agency_id: int):
    refused = _cross_site(request)
    if refused is not None:
        return refused
    data = _body(request)
    if data is None:
        return _error(400, "请求体须为 JSON 对象")
    problems = validate_body(NEW_APPLICATION, data)  # the definition the OpenAPI document publishes
    if problems:
        return _error(400, "提交的内容有误", problems)
    fields = {name: str(data.get(name) or "") for name in APPLICATION_FIELDS}
    identity = None
    if data.get("identity_document"):
        try:
            identity = base64.b64decode(data["identity_document"], validate=True)
        except (binascii.Error, ValueError, TypeError):
            return _error(400, "identity_document 须为 base64 编码", {"identity_document": ["不是有效的 base64"]})
    source = spam.client_source(request)
    # Each database step retries on a locked database (many submissions at once); none of them is half-done.
    agency = services.with_retries(lambda: Agency.objects.filter(pk=agency_id).first())
    if agency is None:
        return _error(404, "没有这个机关")
    if not _integration_for(request, agency) and not spam.challenge_passed(
        str(data.get("challenge_token") or ""), str(data.get("challenge") or "")
    ):
        message = "验证问题回答错误或已过期：先 GET /api/v1/challenge，请申请人回答后随申请提交"
        return _error(400, message, {"challenge": [message]})
    attempt = spam.submission_begin(source)
    if attempt is None:
        return _error(429, "提交过于频繁，请稍后再试")
    try:
        application, code = services.application_submit(
            agency=agency, channel=Channel.ONLINE, identity_file=identity, **fields
        )
    except BadFile as exc:
        spam.submission_cancel(attempt)
        return _error(400, str(exc), {"identity_document": [str(exc)]})
    except ValidationError as exc:
        spam.submission_cancel(attempt)
        return _validation(exc)
    spam.submission_done()
    return _json(
        {
            "number": application.number,
            "tracking_code": code,
            "received_on": application.received_on.isoformat(),
            "due_date": application.due_date.isoformat() if application.due_date else None,
        },
        status=201,
    )


@require_GET
@sensitive_variables("code")
def status(request):
    number, code = request.GET.get("number", ""), request.GET.get("code", "")
    application = Application.objects.select_related("agency").filter(number=number.strip()).first()
    if application is None or not application.check_tracking_code(code):
        return _error(404, "申请编号或查询码不正确")
    found = public_status(application)
    return _json({k: found[k] for k in ("number", "status", "due_date", "received_on", "outcome", "answered_on")})


# -- staff ------------------------------------------------------------------------------------------------------


def _token_user(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Token "):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(header[6:].strip()), revoked=False).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def staff_view(view):
    def wrapped(request, *args, **kwargs):
        user = _token_user(request)
        if user is None:
            return _error(401, "需要有效的接口令牌（Authorization: Token …）")
        request.user = user
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return csrf_exempt(wrapped)


def staff_summary(application: Application) -> dict:
    return public_status(application) | {
        "id": application.pk,
        "agency_id": application.agency_id,
        "applicant_type": application.applicant_type,
        "applicant_name": application.applicant_name,
        "description": application.description,
        "assignee": application.assignee.username if application.assignee else None,
    }


@staff_view
@sensitive_variables("data", "fields")
def staff_list(request, agency_id: int):
    """GET: the agency's applications; POST: register a letter, fax or counter application with its 第31条 receipt
    date, as the staff intake page does."""
    agency = get_object_or_404(Agency, pk=agency_id)
    if not has_role(request.user, agency, *HANDLER_ROLES):
        return _error(403, "无权查看本机关的申请")
    if request.method == "POST":
        return _staff_register(request, agency)
    if request.method != "GET":
        return _error(405, "只支持 GET 和 POST")
    applications = agency.applications.select_related("agency", "assignee")
    if request.GET.get("status") in Status.values:
        applications = applications.filter(status=request.GET["status"])
    year = request.GET.get("year", "")
    if year:
        if year_param(year) is None:
            return _error(400, "year 须为四位年份，例如 2025", {"year": ["不是有效的年份"]})
        applications = applications.filter(received_on__year=year_param(year))
    return _json([staff_summary(a) for a in applications[:1000]])


def _staff_register(request, agency: Agency) -> JsonResponse:
    data = _body(request)
    if data is None:
        return _error(400, "请求体须为 JSON 对象")
    problems = validate_body(STAFF_NEW_APPLICATION, data)
    if problems:
        return _error(400, "提交的内容有误", problems)
    channel = data["channel"]
    fields = {name: str(data.get(name) or "") for name in APPLICATION_FIELDS}
    try:
        received_on = _date(data, "received_on")
        application, code = services.application_submit(
            agency=agency, channel=channel, received_on=received_on, actor=request.user, **fields
        )
    except services.StepRefused as exc:
        return _error(409, "；".join(exc.messages))
    except ValidationError as exc:
        return _validation(exc)
    return _json(staff_detail(application) | {"tracking_code": code}, status=201)


def staff_detail(application: Application) -> dict:
    """One application as the staff API returns it: its derived state, as of today, and its events."""
    today = timezone.localdate()
    return staff_summary(application) | {
        "number": application.number,
        "status": application.status,
        "received_on": application.received_on.isoformat(),
        "due_date": application.due_date.isoformat() if application.due_date else None,
        "provisional": application.provisional,
        "paused": application.is_paused(today),
        "pause_reason": application.pause_reason or None,
        "pause_ends_on": application.pause_ends_on.isoformat() if application.pause_ends_on else None,
        "overdue": application.is_overdue(today),
        "answered_late": application.answered_late,
        "outcome": application.outcome or None,
        "events": [
            {
                "kind": event.kind,
                "label": event.get_kind_display(),
                "on": event.on.isoformat(),
                "status": event.to_status,
                "note": event.note,
            }
            for event in application.events.all()
        ],
    }


@staff_view
@require_GET
def staff_application(request, number: str):
    application = get_object_or_404(Application.objects.select_related("agency", "assignee"), number=number)
    if not has_role(request.user, application.agency, *HANDLER_ROLES):
        return _error(403, "无权查看本申请")
    return _json(staff_detail(application))


def _on(data) -> date:
    try:
        return date.fromisoformat(data["on"]) if data.get("on") else timezone.localdate()
    except (TypeError, ValueError):
        raise ValidationError({"on": "日期格式应为 YYYY-MM-DD"}) from None


def _date(data, key):
    try:
        return date.fromisoformat(data[key])
    except (KeyError, TypeError, ValueError):
        raise ValidationError({key: "日期格式应为 YYYY-MM-DD"}) from None


STEPS = {
    "request_correction": lambda a, u, d: services.application_request_correction(
        application=a, actor=u, on=_on(d), reply_by=_date(d, "reply_by"), what=str(d.get("what", ""))
    ),
    "record_correction": lambda a, u, d: services.application_record_correction(application=a, actor=u, on=_on(d)),
    "lapse_correction": lambda a, u, d: services.application_lapse_correction(application=a, actor=u, on=_on(d)),
    "start_consultation": lambda a, u, d: services.application_start_consultation(
        application=a,
        actor=u,
        on=_on(d),
        party=d["party"],
        consulted=d["consulted"],
        delivered_on=_date(d, "delivered_on") if d.get("delivered_on") else None,
    ),
    "record_consultation_answer": lambda a, u, d: services.application_record_consultation_answer(
        application=a, actor=u, on=_on(d), opinion=str(d.get("opinion", ""))
    ),
    "extend": lambda a, u, d: services.application_extend(
        application=a,
        actor=u,
        on=_on(d),
        workdays=d.get("workdays", 0),
        approved_by=str(d.get("approved_by", "")),
        reason=str(d.get("reason", "")),
    ),
    "record_notice_receipt": lambda a, u, d: services.application_record_notice_receipt(
        application=a, actor=u, notice=d["notice"], received_on=_date(d, "received_on")
    ),
    "request_reasons": lambda a, u, d: services.application_request_reasons(
        application=a, actor=u, on=_on(d), reply_by=_date(d, "reply_by"), note=str(d.get("note", ""))
    ),
    "set_period": lambda a, u, d: services.application_set_period(
        application=a, actor=u, on=_on(d), until=_date(d, "until"), reason=str(d.get("reason", ""))
    ),
    "send_fee_notice": lambda a, u, d: services.application_send_fee_notice(
        application=a,
        actor=u,
        on=_on(d),
        method=d["method"],
        pages=d.get("pages"),
        delivered_on=_date(d, "delivered_on") if d.get("delivered_on") else None,
    ),
    "record_payment": lambda a, u, d: services.application_record_payment(application=a, actor=u, on=_on(d)),
    "lapse_fee": lambda a, u, d: services.application_lapse_fee(application=a, actor=u, on=_on(d)),
    "decide": lambda a, u, d: services.application_decide(
        application=a,
        actor=u,
        on=_on(d),
        outcome=str(d.get("outcome", "")),
        reason=str(d.get("reason", "")),
        details=d.get("details") if isinstance(d.get("details"), dict) else None,
    ),
    "deliver": lambda a, u, d: services.application_deliver(
        application=a, actor=u, on=_on(d), method=str(d.get("method", a.delivery))
    ),
    "close": lambda a, u, d: services.application_close(application=a, actor=u, on=_on(d)),
}


@staff_view
@require_POST
def staff_step(request, number: str, step: str):
    application = get_object_or_404(Application.objects.select_related("agency"), number=number)
    if not has_role(request.user, application.agency, *HANDLER_ROLES):
        return _error(403, "无权办理本申请")
    if step not in STEPS:
        return _error(404, f"未知的办理步骤：{step}")
    data = _body(request)
    if data is None:
        return _error(400, "请求体须为 JSON 对象")
    problems = validate_body(STEP_SCHEMAS[step], data)
    if problems:
        return _error(400, "提交的内容有误", problems)
    try:
        STEPS[step](application, request.user, data)
    except services.StepRefused as exc:
        return _error(409, "；".join(exc.messages))
    except ValidationError as exc:
        return _validation(exc)
    except (TypeError, ValueError) as exc:
        return _error(400, f"参数有误：{exc}")
    application.refresh_from_db()
    body = staff_detail(application)
    if step == "send_fee_notice":
        body["fee_yuan"] = application.fee.amount_yuan
    return _json(body)
