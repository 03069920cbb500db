"""Writes on applications. Every step is a keyword-only `<entity>_<action>` in one transaction: it checks the move
against `workflow.TRANSITIONS`, asks the statutory clock whether the step makes sense, writes the event row, updates
the cached due date, drafts the letter that goes with it and leaves an audit entry (never with personal data)."""

from __future__ import annotations

import random
import secrets
import threading
import time
from contextlib import nullcontext
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.agencies.calendar import platform_calendar
from gongkai.agencies.models import Agency
from gongkai.agencies.services import audit_record
from gongkai.applications import letters
from gongkai.applications.clock import clock_for
from gongkai.applications.models import (
    ApiToken,
    Appeal,
    AppealResult,
    Application,
    ApplicationEvent,
    Channel,
    EventKind,
    Fee,
    IdentityDocument,
    Letter,
    LetterKind,
    NumberCounter,
    hash_code,
    hash_key,
)
from gongkai.applications.outcomes import DECIDABLE, Outcome
from gongkai.applications.uploads import check_identity_file
from gongkai.applications.workflow import OPEN_STATUSES, TRANSITIONS, Status
from gongkai.fees import FeeInputError, compute_fee
from gongkai.workdays import ClockInputError, ConsultedParty, WorkdaysError

_SQLITE_WRITERS = threading.RLock()
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud over the phone
APPLICATION_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "credit_code",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "purpose",
    "form",
    "delivery",
)


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def _today() -> date:
    return timezone.localdate()


def _next_number(agency: Agency, year: int) -> str:
    """Locks the agency-year counter row (select_for_update; SQLite serialises writers anyway) and takes the next."""
    counter, _ = NumberCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    NumberCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{year}-{agency.pk:04d}-{counter.last:05d}"


def with_retries(call, attempts: int = 200):
    """Concurrent submissions may meet a locked database or a counter row created by another request at the same
    moment; the transaction rolled back whole, so trying again is safe. SQLite takes one writer at a time anyway:
    within one process the writers queue on a lock instead of spinning on "database is locked"."""
    connection = transaction.get_connection()
    guard = _SQLITE_WRITERS if connection.vendor == "sqlite" else nullcontext()
    for attempt in range(attempts):
        try:
            with guard:
                return call()
        except (OperationalError, IntegrityError):
            if attempt == attempts - 1 or connection.in_atomic_block:
                raise
            time.sleep(random.uniform(0.002, 0.02) * min(attempt + 1, 10))
    raise AssertionError("unreachable")


def _clock_error(exc: Exception) -> ValidationError:
    return ValidationError(str(exc))


def _refresh_clock(application: Application) -> None:
    result = clock_for(application, today=max(_today(), application.received_on))
    application.due_date = result.due_date
    application.pause_reason = result.pause_reason or ""
    application.extension_workdays = result.extension_workdays


def _check_date(application: Application, on: date) -> None:
    if on > _today():
        raise ValidationError({"on": "日期不能晚于今天"})
    if on < application.received_on:
        raise ValidationError({"on": "日期不能早于收到申请之日"})


def _move(
    application: Application,
    *,
    actor,
    kind: str,
    on: date,
    to: str | None = None,
    note: str = "",
    data: dict | None = None,
) -> ApplicationEvent:
    """The only place an application's status changes: checks the move, writes the event, recomputes the clock."""
    before = application.status
    to = to or before
    if to not in TRANSITIONS[before] and not (to == before and kind not in _STATUS_CHANGING):
        raise ValidationError(f"当前状态为“{Status(before).label}”，不能{EventKind(kind).label}")
    event = ApplicationEvent(
        application=application,
        kind=kind,
        on=on,
        actor=actor if actor and actor.is_authenticated else None,
        from_status=before,
        to_status=to,
        note=note,
        data=data or {},
    )
    event.full_clean()
    event.save()
    application.status = to
    try:
        _refresh_clock(application)
    except (ClockInputError, WorkdaysError) as exc:
        raise _clock_error(exc) from None
    application.full_clean()
    application.save()
    audit_record(
        actor=actor,
        agency=application.agency,
        action=f"application_{kind}",
        obj=application,
        before={"status": before},
        after={"status": to, "outcome": application.outcome, "on": on.isoformat()},
    )
    return event


_STATUS_CHANGING = {
    EventKind.CORRECTION_REQUESTED,
    EventKind.CORRECTION_RECEIVED,
    EventKind.CORRECTION_LAPSED,
    EventKind.CONSULTATION_STARTED,
    EventKind.CONSULTATION_ANSWERED,
    EventKind.FEE_NOTICE_SENT,
    EventKind.FEE_PAID,
    EventKind.FEE_LAPSED,
    EventKind.ANSWERED,
    EventKind.DELIVERED,
    EventKind.CLOSED,
}


# -- intake -------------------------------------------------------------------------------------------------------


def application_submit(
    *,
    agency: Agency,
    channel: str = Channel.ONLINE,
    received_on: date | None = None,
    actor=None,
    identity_file: bytes | None = None,
    **fields,
) -> tuple[Application, str]:
    """Register an application (online, or by staff for a letter, fax or counter visit) and return it with its
    tracking code, shown once. Online: the system confirms receipt at once, so the day of submission is the day
    both sides confirm (第31条第（三）项)."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    received_on = received_on or _today()
    if received_on > _today():
        raise ValidationError({"received_on": "收到申请日期不能晚于今天"})
    kind = check_identity_file(identity_file) if identity_file else None
    candidate = Application(agency=agency, channel=channel, received_on=received_on, number="-", **fields)
    candidate.tracking_code_hash = "-"
    candidate.full_clean(exclude=["number", "tracking_code_hash"])

    def register() -> tuple[Application, str]:
        with transaction.atomic():
            code = new_tracking_code()
            application = Application(
                agency=agency,
                channel=channel,
                received_on=received_on,
                tracking_code_hash=hash_code(code),
                number=_next_number(agency, received_on.year),
                registered_by=actor if actor is not None and actor.is_authenticated else None,
                **fields,
            )
            application.save()
            _move(
                application,
                actor=actor,
                kind=EventKind.RECEIVED,
                on=received_on,
                to=Status.RECEIVED,
                note=Channel(channel).label,
            )
            if identity_file:
                document = IdentityDocument(application=application, kind=kind, size=len(identity_file))
                document.file.save("identity", ContentFile(identity_file), save=False)
                document.save()
            return application, code

    return with_retries(register)


# -- correction (第30条) -------------------------------------------------------------------------------------------


@transaction.atomic
def application_request_correction(*, application: Application, actor, on: date, reply_by: date, what: str) -> Letter:
    _check_date(application, on)
    if reply_by <= on:
        raise ValidationError({"reply_by": "补正期限应晚于告知日期"})
    _move(
        application,
        actor=actor,
        kind=EventKind.CORRECTION_REQUESTED,
        on=on,
        to=Status.AWAITING_CORRECTION,
        note=what,
        data={"reply_by": reply_by.isoformat()},
    )
    return letters.letter_draft(
        application=application, kind=LetterKind.CORRECTION, extra={"what": what, "reply_by": reply_by}
    )


@transaction.atomic
def application_record_correction(*, application: Application, actor, on: date, note: str = "") -> None:
    _check_date(application, on)
    _move(application, actor=actor, kind=EventKind.CORRECTION_RECEIVED, on=on, to=Status.RECEIVED, note=note)


@transaction.atomic
def application_lapse_correction(*, application: Application, actor, on: date) -> None:
    """逾期未补正: deemed withdrawn (第30条) -> （六）1."""
    _check_date(application, on)
    requested = application.events.filter(kind=EventKind.CORRECTION_REQUESTED).last()
    reply_by = requested and requested.data.get("reply_by")
    if reply_by and on.isoformat() <= reply_by:
        raise ValidationError({"on": f"补正期限（{reply_by}）尚未届满"})
    _decide(application, outcome=Outcome.OTHER_NO_CORRECTION, on=on)
    _move(application, actor=actor, kind=EventKind.CORRECTION_LAPSED, on=on, to=Status.ANSWERED)


# -- consultation (第32条, 第34条) --------------------------------------------------------------------------------


@transaction.atomic
def application_start_consultation(*, application: Application, actor, on: date, party: str, consulted: str) -> Letter:
    _check_date(application, on)
    party = ConsultedParty(party)
    ref = f"c{application.events.filter(kind=EventKind.CONSULTATION_STARTED).count() + 1}"
    _move(
        application,
        actor=actor,
        kind=EventKind.CONSULTATION_STARTED,
        on=on,
        to=Status.CONSULTING,
        note=consulted,
        data={"party": party.value, "ref": ref},
    )
    kind = LetterKind.THIRD_PARTY if party == ConsultedParty.THIRD_PARTY else LetterKind.OTHER_AGENCY
    deadline = platform_calendar().add_workdays(on, 15)
    return letters.letter_draft(
        application=application, kind=kind, extra={"consulted": consulted, "answer_by": deadline}
    )


def open_consultations(application: Application) -> list[str]:
    started = [e.data.get("ref", "") for e in application.events.filter(kind=EventKind.CONSULTATION_STARTED)]
    answered = {e.data.get("ref", "") for e in application.events.filter(kind=EventKind.CONSULTATION_ANSWERED)}
    return [ref for ref in started if ref not in answered]


@transaction.atomic
def application_record_consultation_answer(
    *, application: Application, actor, on: date, opinion: str = "", ref: str | None = None
) -> None:
    _check_date(application, on)
    pending = open_consultations(application)
    if not pending:
        raise ValidationError("没有尚未答复的征求意见")
    ref = ref or pending[0]
    if ref not in pending:
        raise ValidationError(f"征求意见“{ref}”不存在或已答复")
    to = Status.CONSULTING if len(pending) > 1 else Status.RECEIVED
    _move(application, actor=actor, kind=EventKind.CONSULTATION_ANSWERED, on=on, to=to, note=opinion, data={"ref": ref})


# -- extension (第33条第2款) -----------------------------------------------------------------------------------------


@transaction.atomic
def application_extend(
    *, application: Application, actor, on: date, workdays: int, approved_by: str, reason: str
) -> Letter:
    _check_date(application, on)
    if application.status not in OPEN_STATUSES:
        raise ValidationError("申请已答复，不能延期")
    if application.events.filter(kind=EventKind.EXTENSION_APPROVED).exists():
        raise ValidationError("答复期限只能延长一次（第33条第2款）")
    if not approved_by.strip():
        raise ValidationError({"approved_by": "延期须经政府信息公开工作机构负责人同意，请填写审批人"})
    if not 1 <= workdays <= 20:
        raise ValidationError({"workdays": "延长的期限为1至20个工作日（第33条第2款）"})
    _move(
        application,
        actor=actor,
        kind=EventKind.EXTENSION_APPROVED,
        on=on,
        note=reason,
        data={"workdays": workdays, "approved_by": approved_by},
    )
    return letters.letter_draft(
        application=application,
        kind=LetterKind.EXTENSION,
        extra={"workdays": workdays, "reason": reason, "approved_by": approved_by},
    )


# -- fees (109号) ---------------------------------------------------------------------------------------------------


@transaction.atomic
def application_send_fee_notice(
    *, application: Application, actor, on: date, count: int | None = None, pages: int | None = None
) -> Letter:
    _check_date(application, on)
    try:
        result = compute_fee(count=count, pages=pages)
    except FeeInputError as exc:
        raise ValidationError(str(exc)) from None
    if result.amount_yuan == 0:
        raise ValidationError(result.summary)
    if hasattr(application, "fee"):
        raise ValidationError("同一申请只能发出一次收费通知")
    fee = Fee(
        application=application,
        method=result.method.value,
        quantity=result.quantity,
        amount_yuan=result.amount_yuan,
        breakdown=[band.to_dict() for band in result.breakdown],
        notice_sent_on=on,
        pay_by=platform_calendar().add_workdays(on, 20),
    )
    fee.full_clean()
    fee.save()
    _move(
        application,
        actor=actor,
        kind=EventKind.FEE_NOTICE_SENT,
        on=on,
        to=Status.AWAITING_FEE,
        note=result.summary,
        data={"amount_yuan": result.amount_yuan},
    )
    return letters.letter_draft(
        application=application, kind=LetterKind.FEE_NOTICE, extra={"fee": fee, "fee_result": result}
    )


@transaction.atomic
def application_record_payment(*, application: Application, actor, on: date) -> None:
    _check_date(application, on)
    fee = application.fee
    if on > fee.pay_by:
        raise ValidationError({"on": f"缴费期限为{fee.pay_by:%Y年%m月%d日}，已逾期"})
    fee.paid_on = on
    fee.save()
    _move(application, actor=actor, kind=EventKind.FEE_PAID, on=on, to=Status.RECEIVED)


@transaction.atomic
def application_lapse_fee(*, application: Application, actor, on: date) -> None:
    """逾期未缴费: 20 working days passed unpaid -> no longer processed (109号) -> （六）2."""
    _check_date(application, on)
    fee = application.fee
    if on <= fee.pay_by:
        raise ValidationError({"on": f"缴费期限（{fee.pay_by:%Y年%m月%d日}）尚未届满"})
    fee.lapsed_on = on
    fee.save()
    _decide(application, outcome=Outcome.OTHER_UNPAID_FEE, on=on)
    _move(application, actor=actor, kind=EventKind.FEE_LAPSED, on=on, to=Status.ANSWERED)


# -- decision, delivery, closing ------------------------------------------------------------------------------------


def _decide(application: Application, *, outcome: str, on: date, reason: str = "") -> None:
    application.outcome = outcome
    application.decided_on = on
    application.reason = reason


@transaction.atomic
def application_decide(*, application: Application, actor, on: date, outcome: str, reason: str = "") -> Letter:
    """答复: the outcome is exactly one result row of table B."""
    _check_date(application, on)
    if outcome not in dict(DECIDABLE):
        raise ValidationError({"outcome": "请选择一项办理结果"})
    if application.status != Status.RECEIVED:
        raise ValidationError(f"当前状态为“{Status(application.status).label}”，不能作出答复")
    if outcome != Outcome.GRANTED and not reason.strip():
        raise ValidationError({"reason": "不予公开或部分公开等情形须说明理由"})
    _decide(application, outcome=outcome, on=on, reason=reason)
    _move(application, actor=actor, kind=EventKind.ANSWERED, on=on, to=Status.ANSWERED, note=Outcome(outcome).label)
    return letters.letter_draft(application=application, kind=LetterKind.REPLY)


@transaction.atomic
def application_deliver(*, application: Application, actor, on: date, method: str) -> None:
    _check_date(application, on)
    if application.decided_on and on < application.decided_on:
        raise ValidationError({"on": "送达日期不能早于答复日期"})
    application.delivered_on, application.delivered_by = on, method
    _move(application, actor=actor, kind=EventKind.DELIVERED, on=on, to=Status.DELIVERED, note=method)


@transaction.atomic
def application_close(*, application: Application, actor, on: date) -> None:
    _check_date(application, on)
    application.closed_on = on
    _move(application, actor=actor, kind=EventKind.CLOSED, on=on, to=Status.CLOSED)


@transaction.atomic
def application_assign(*, application: Application, actor, assignee) -> None:
    application.assignee = assignee
    _move(
        application,
        actor=actor,
        kind=EventKind.ASSIGNED,
        on=_today(),
        note=assignee.get_full_name() or assignee.username,
    )


# -- appeals (table C) ------------------------------------------------------------------------------------------------


@transaction.atomic
def appeal_register(
    *, application: Application, actor, kind: str, filed_on: date, body: str = "", case_number: str = ""
) -> Appeal:
    if filed_on > _today():
        raise ValidationError({"filed_on": "日期不能晚于今天"})
    appeal = Appeal(application=application, kind=kind, filed_on=filed_on, body=body, case_number=case_number)
    appeal.full_clean()
    appeal.save()
    audit_record(
        actor=actor,
        agency=application.agency,
        action="appeal_register",
        obj=appeal,
        after={"kind": kind, "filed_on": filed_on.isoformat()},
    )
    return appeal


@transaction.atomic
def appeal_decide(*, appeal: Appeal, actor, result: str, closed_on: date | None, note: str = "") -> Appeal:
    before = {"result": appeal.result, "closed_on": appeal.closed_on and appeal.closed_on.isoformat()}
    if result == AppealResult.PENDING:
        closed_on = None
    elif closed_on is None:
        raise ValidationError({"closed_on": "请填写审结日期"})
    elif closed_on > _today():
        raise ValidationError({"closed_on": "日期不能晚于今天"})
    appeal.result, appeal.closed_on, appeal.note = result, closed_on, note or appeal.note
    appeal.full_clean()
    appeal.save()
    audit_record(
        actor=actor,
        agency=appeal.application.agency,
        action="appeal_decide",
        obj=appeal,
        before=before,
        after={"result": result, "closed_on": closed_on and closed_on.isoformat()},
    )
    return appeal


# -- API tokens -------------------------------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    key = "gk_" + secrets.token_urlsafe(30)
    token = ApiToken(user=user, name=name, key_hash=hash_key(key), prefix=key[:8])
    token.full_clean()
    token.save()
    return token, key
