"""Writes on applications. The event log is the only truth: every step is a keyword-only `<entity>_<action>` that
appends one event through `append_event`, which accepts it only if `gongkai.workdays.derive_case` over the stored
events plus the new one still makes a lawful case (else `StepRefused`, in Chinese with the article), then rewrites
the application's cached state from that same function in the same transaction, drafts the letter that goes with
the step and leaves an audit entry (never with personal data)."""

from __future__ import annotations

import random
import secrets
import threading
import time
from contextlib import nullcontext
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone

from gongkai.agencies.calendar import platform_calendar
from gongkai.agencies.models import Agency
from gongkai.agencies.services import audit_record
from gongkai.applications import letters
from gongkai.applications.clock import case_of
from gongkai.applications.models import (
    ApiToken,
    Appeal,
    AppealResult,
    Application,
    ApplicationEvent,
    Channel,
    Delivery,
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
from gongkai.fees import FeeInputError, compute_fee, marginal_count_fee
from gongkai.workdays import CaseState, ConsultedParty, WorkdaysError, periods

_SQLITE_WRITERS = threading.RLock()
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud over the phone
APPLICATION_FIELDS = (
    "applicant_type",
    "applicant_type_reason",
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


class StepRefused(ValidationError):
    """A step the law does not allow in this case (the API answers 409)."""


CACHED_FIELDS = (
    "reason",
    "delivered_by",
    "status",
    "due_date",
    "provisional",
    "answered_late",
    "pause_ends_on",
    "pause_reason",
    "extension_workdays",
    "outcome",
    "decided_on",
    "delivered_on",
    "closed_on",
)


def cached_state(state: CaseState, rows=()) -> dict:
    """The columns an application caches, as `derive_case` gives them, plus what the deciding and delivering events
    say (the reason, the method): what verify_applications compares."""
    clock = state.clock
    answered = [row for row in rows if row.kind == EventKind.ANSWERED]
    delivered = [row for row in rows if row.kind == EventKind.DELIVERED]
    return {
        "reason": answered[-1].data.get("reason", "") if answered else "",
        "delivered_by": delivered[-1].data.get("method", "") if delivered else "",
        "status": state.status.value,
        "due_date": clock.due_date,
        "provisional": clock.provisional,
        "answered_late": state.answered_late,
        "pause_ends_on": clock.pause_ends_on,
        "pause_reason": clock.pause_reason or "",
        "extension_workdays": clock.extension_workdays,
        "outcome": state.outcome,
        "decided_on": state.decided_on,
        "delivered_on": state.delivered_on,
        "closed_on": state.closed_on,
    }


def write_cache(application: Application, state: CaseState, rows=()) -> None:
    for name, value in cached_state(state, rows).items():
        setattr(application, name, value)


def _check_date(application: Application, on: date) -> None:
    if on > _today():
        raise ValidationError({"on": "日期不能晚于今天"})
    if on < application.received_on:
        raise ValidationError({"on": "日期不能早于收到申请之日"})


def append_event(
    application: Application, *, actor, kind: str, on: date, note: str = "", data: dict | None = None
) -> ApplicationEvent:
    """The only way an application changes: append one event if the case stays lawful, then rewrite the cache."""
    rows = list(application.events.all())
    event = ApplicationEvent(
        application=application,
        kind=kind,
        on=on,
        actor=actor if actor and actor.is_authenticated else None,
        note=note,
        data=data or {},
    )
    try:
        state = case_of(application, rows=[*rows, event])  # no "today": the cache depends on the events alone
    except WorkdaysError as exc:
        raise StepRefused(str(exc)) from None
    before = {"status": application.status, "due_date": application.due_date and application.due_date.isoformat()}
    event.from_status, event.to_status = application.status, state.status.value
    event.full_clean()
    event.save()
    write_cache(application, state, [*rows, event])
    application.full_clean()
    application.save()
    if state.clock.fee_payment_deadline is not None:  # the deadline follows the day the notice arrived
        Fee.objects.filter(application=application).update(pay_by=state.clock.fee_payment_deadline)
    audit_record(
        actor=actor,
        agency=application.agency,
        action=f"application_{kind}",
        obj=application,
        before=before,
        after={
            "status": application.status,
            "outcome": application.outcome,
            "due_date": application.due_date and application.due_date.isoformat(),
            "on": on.isoformat(),
        },
    )
    return event


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
    if channel == Channel.ONLINE and actor is None and not identity_file:
        raise ValidationError({"identity_document": "网上申请须提交身份证明（第29条）"})
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
            append_event(application, actor=actor, kind=EventKind.RECEIVED, on=received_on, note=Channel(channel).label)
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
    append_event(
        application,
        actor=actor,
        kind=EventKind.CORRECTION_REQUESTED,
        on=on,
        note=what,
        data={"reply_by": reply_by.isoformat()},
    )
    return letters.letter_draft(
        application=application, kind=LetterKind.CORRECTION, extra={"what": what, "reply_by": reply_by}
    )


@transaction.atomic
def application_record_correction(*, application: Application, actor, on: date, note: str = "") -> None:
    _check_date(application, on)
    append_event(application, actor=actor, kind=EventKind.CORRECTION_RECEIVED, on=on, note=note)


@transaction.atomic
def application_lapse_correction(*, application: Application, actor, on: date) -> None:
    """逾期未补正: deemed withdrawn (第30条) -> （六）1. The clock refuses it before the correction period ends."""
    _check_date(application, on)
    append_event(
        application, actor=actor, kind=EventKind.CORRECTION_LAPSED, on=on, note=Outcome.OTHER_NO_CORRECTION.label
    )


# -- notices reach the other side (自收到之日起) --------------------------------------------------------------------


@transaction.atomic
def application_record_notice_receipt(*, application: Application, actor, notice: str, received_on: date) -> None:
    """The day the applicant or the consulted party received a notice sent by post (the signed return receipt):
    the notice's period runs from then. `notice` is "fee", "correction" or a consultation's ref."""
    _check_date(application, received_on)
    append_event(
        application,
        actor=actor,
        kind=EventKind.NOTICE_RECEIVED,
        on=received_on,
        data={"notice": notice, "received_on": received_on.isoformat()},
    )


# -- consultation (第32条, 第34条) --------------------------------------------------------------------------------


@transaction.atomic
def application_start_consultation(
    *, application: Application, actor, on: date, party: str, consulted: str, delivered_on: date | None = None
) -> Letter:
    """征求意见: the clock stops from `on` (the letter goes out) for at most 15 working days from the day the other
    side receives it (`delivered_on`, unknown = the same day); silence ends the pause (第32条, 第34条)."""
    _check_date(application, on)
    party = ConsultedParty(party)
    ref = f"c{application.events.filter(kind=EventKind.CONSULTATION_STARTED).count() + 1}"
    data = {"party": party.value, "ref": ref}
    if delivered_on:
        data["delivered_on"] = delivered_on.isoformat()
    append_event(application, actor=actor, kind=EventKind.CONSULTATION_STARTED, on=on, note=consulted, data=data)
    kind = LetterKind.THIRD_PARTY if party == ConsultedParty.THIRD_PARTY else LetterKind.OTHER_AGENCY
    period = periods.THIRD_PARTY_ANSWER if party == ConsultedParty.THIRD_PARTY else periods.OTHER_AGENCY_ANSWER
    deadline = platform_calendar().add_workdays(delivered_on or on, period.workdays)
    return letters.letter_draft(
        application=application, kind=kind, extra={"consulted": consulted, "answer_by": deadline}, notice=ref
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
        raise StepRefused("没有尚未答复的征求意见")
    ref = ref or pending[0]
    if ref not in pending:
        raise StepRefused(f"征求意见“{ref}”不存在或已答复")
    append_event(application, actor=actor, kind=EventKind.CONSULTATION_ANSWERED, on=on, note=opinion, data={"ref": ref})


# -- extension (第33条第2款) -----------------------------------------------------------------------------------------


@transaction.atomic
def application_extend(
    *, application: Application, actor, on: date, workdays: int, approved_by: str, reason: str
) -> Letter:
    """延期: once, at most 20 working days, approved before the deadline (the clock refuses anything else)."""
    _check_date(application, on)
    if not approved_by.strip():
        raise ValidationError({"approved_by": "延期须经政府信息公开工作机构负责人同意，请填写审批人"})
    limit = periods.EXTENSION_MAX
    if isinstance(workdays, bool) or not isinstance(workdays, int) or not 1 <= workdays <= limit.workdays:
        raise ValidationError({"workdays": f"延长的期限为1至{limit.workdays}个工作日（{limit.article}）"})
    if not application.is_open:
        raise StepRefused("申请已答复，不能延期")
    append_event(
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


# -- many repeated applications (第35条) ----------------------------------------------------------------------------


@transaction.atomic
def application_request_reasons(*, application: Application, actor, on: date, reply_by: date, note: str = "") -> Letter:
    """第35条: the quantity or frequency is clearly unreasonable; ask the applicant for the reasons."""
    _check_date(application, on)
    if reply_by <= on:
        raise ValidationError({"reply_by": "说明理由的期限应晚于告知日期"})
    data = {"reply_by": reply_by.isoformat()}
    append_event(application, actor=actor, kind=EventKind.REASONS_REQUESTED, on=on, note=note, data=data)
    return letters.letter_draft(application=application, kind=LetterKind.REASONS, extra={"reply_by": reply_by})


@transaction.atomic
def application_set_period(*, application: Application, actor, on: date, until: date, reason: str) -> Letter:
    """第35条: the reasons are reasonable; set a longer reply period and tell the applicant."""
    _check_date(application, on)
    if not reason.strip():
        raise ValidationError({"reason": "请说明确定该期限的理由"})
    data = {"until": until.isoformat()}
    append_event(application, actor=actor, kind=EventKind.PERIOD_SET, on=on, note=reason, data=data)
    return letters.letter_draft(application=application, kind=LetterKind.LONGER_PERIOD, extra={"until": until})


# -- fees (109号) ---------------------------------------------------------------------------------------------------


def applications_in_month(application: Application) -> int:
    """按件: how many applications this applicant made to this agency in the calendar month of this one, this one
    included, from the records (the same 身份证件号码 or 统一社会信用代码)."""
    identity = Q(credit_code=application.credit_code) if application.credit_code else Q(id_number=application.id_number)
    if not (application.credit_code or application.id_number):
        return 1
    same = Application.objects.filter(
        identity,
        agency=application.agency,
        received_on__year=application.received_on.year,
        received_on__month=application.received_on.month,
    )
    earlier = Q(received_on__lt=application.received_on) | Q(
        received_on=application.received_on, pk__lte=application.pk
    )
    return same.filter(earlier).count()


@transaction.atomic
def application_send_fee_notice(
    *,
    application: Application,
    actor,
    on: date,
    method: str | None = None,
    count: int | None = None,
    pages: int | None = None,
    delivered_on: date | None = None,
) -> Letter:
    """收费通知 within the reply period (109号). 按件 (`method="by_count"`): the count comes from the records and this
    application pays the marginal amount of its place in the month; 按量 (`pages`): the pages of this application."""
    _check_date(application, on)
    if method == "by_count" or (method is None and count is not None and pages is None):
        count = applications_in_month(application) if method == "by_count" or count is None else count
        pages = None
    elif method not in (None, "by_pages"):
        raise ValidationError({"method": "计收方式应为 by_count（按件）或 by_pages（按量）"})
    elif method == "by_pages" and pages is None:
        raise ValidationError({"pages": "按量计收请填写页数"})
    try:
        result = marginal_count_fee(count) if count is not None and pages is None else compute_fee(pages=pages)
    except FeeInputError as exc:
        raise ValidationError(str(exc)) from None
    if result.amount_yuan == 0:
        raise ValidationError(result.summary)
    if hasattr(application, "fee"):
        raise StepRefused("同一申请只能发出一次收费通知")
    data = {"amount_yuan": result.amount_yuan, "method": result.method.value, "quantity": result.quantity}
    if delivered_on:
        data["delivered_on"] = delivered_on.isoformat()
    append_event(application, actor=actor, kind=EventKind.FEE_NOTICE_SENT, on=on, note=result.summary, data=data)
    fee = Fee(
        application=application,
        method=result.method.value,
        quantity=result.quantity,
        amount_yuan=result.amount_yuan,
        breakdown=[band.to_dict() for band in result.breakdown],
        notice_sent_on=on,
        pay_by=application_case(application).clock.fee_payment_deadline,
    )
    fee.full_clean()
    fee.save()
    return letters.letter_draft(
        application=application, kind=LetterKind.FEE_NOTICE, extra={"fee": fee, "fee_result": result}, notice="fee"
    )


def application_case(application: Application, *, today: date | None = None) -> CaseState:
    return case_of(application, today=today)


@transaction.atomic
def application_record_payment(*, application: Application, actor, on: date) -> None:
    _check_date(application, on)
    append_event(application, actor=actor, kind=EventKind.FEE_PAID, on=on)
    Fee.objects.filter(application=application).update(paid_on=on)


@transaction.atomic
def application_lapse_fee(*, application: Application, actor, on: date) -> None:
    """逾期未缴费: 20 working days passed unpaid -> deemed withdrawn (109号) -> （六）2."""
    _check_date(application, on)
    append_event(application, actor=actor, kind=EventKind.FEE_LAPSED, on=on, note=Outcome.OTHER_UNPAID_FEE.label)
    Fee.objects.filter(application=application).update(lapsed_on=on)


# -- decision, delivery, closing ------------------------------------------------------------------------------------

# What some outcomes must state, and where (第36条): the key in `details` and the message when it is missing.
OUTCOME_DETAILS = {
    "not_processed_repeated": ("earlier", "重复申请须注明此前的申请编号（第36条第（六）项）"),
    "unavailable_not_held": ("competent_agency", ""),
    "withheld_admin_query": ("channel", "行政查询事项须告知申请人依照有关法律、行政法规办理的途径（第36条第（七）项）"),
}


@transaction.atomic
def application_decide(
    *, application: Application, actor, on: date, outcome: str, reason: str = "", details: dict | None = None
) -> Letter:
    """答复: the outcome is exactly one result row of table B; the clock refuses it while a correction or a fee is
    awaited, and an answer after the deadline stays late."""
    _check_date(application, on)
    if outcome not in dict(DECIDABLE):
        raise ValidationError({"outcome": "请选择一项办理结果"})
    if outcome != Outcome.GRANTED and not reason.strip():
        raise ValidationError({"reason": "不予公开或部分公开等情形须说明理由"})
    details = {key: str(value).strip() for key, value in (details or {}).items() if str(value).strip()}
    key, message = OUTCOME_DETAILS.get(outcome, ("", ""))
    if key and message and not details.get(key):
        raise ValidationError({key: message})
    if outcome == "not_processed_repeated":
        earlier = Application.objects.filter(agency=application.agency, number=details["earlier"]).first()
        if earlier is None or earlier.pk == application.pk or earlier.received_on > application.received_on:
            raise ValidationError({"earlier": f"本机关没有早于本申请的申请“{details['earlier']}”"})
    if outcome == "partially_granted":
        details.setdefault("withheld_basis", reason)  # 第37条: the reason states the basis of the withheld part
    append_event(
        application,
        actor=actor,
        kind=EventKind.ANSWERED,
        on=on,
        note=Outcome(outcome).label,
        data={"outcome": outcome, "reason": reason, **details},
    )
    return letters.letter_draft(application=application, kind=LetterKind.REPLY)


@transaction.atomic
def application_deliver(*, application: Application, actor, on: date, method: str) -> None:
    _check_date(application, on)
    if method not in Delivery.values:
        raise ValidationError({"method": "请选择送达方式"})
    label = Delivery(method).label
    append_event(application, actor=actor, kind=EventKind.DELIVERED, on=on, note=label, data={"method": method})


@transaction.atomic
def application_close(*, application: Application, actor, on: date) -> None:
    unsent = application.letters.filter(sent_on__isnull=True)
    if unsent.exists():
        titles = "、".join(unsent.values_list("title", flat=True))
        raise StepRefused(f"尚有未发出的文书：{titles}。请先发出或删除后再办结")
    _check_date(application, on)
    append_event(application, actor=actor, kind=EventKind.CLOSED, on=on)


@transaction.atomic
def application_assign(*, application: Application, actor, assignee) -> None:
    application.assignee = assignee
    application.save(update_fields=["assignee"])
    append_event(
        application,
        actor=actor,
        kind=EventKind.ASSIGNED,
        on=max(_today(), application.received_on),
        note=assignee.get_full_name() or assignee.username,
    )


# -- the calendar changes ---------------------------------------------------------------------------------------------


@transaction.atomic
def applications_recompute_for_schedule(*, year: int, actor=None) -> int:
    """An admin entered or changed a year's schedule: recompute every open application whose dates run into that
    year, at once, and record the change on each as an event. Returns how many dates moved."""
    moved = 0
    candidates = Application.objects.open().filter(
        Q(due_date__year__gte=year) | Q(due_date__isnull=True) | Q(provisional=True)
    )
    for application in candidates.select_related("agency"):
        state = case_of(application)
        new = cached_state(state, list(application.events.all()))
        if new["due_date"] == application.due_date and new["provisional"] == application.provisional:
            continue
        before = application.due_date
        append_event(
            application,
            actor=actor,
            kind=EventKind.SCHEDULE_CHANGED,
            on=max(_today(), application.received_on),
            note=f"{year}年放假安排已录入，答复期限由{before or '未定'}改为{new['due_date'] or '未定'}",
            data={
                "year": year,
                "before": before and before.isoformat(),
                "after": new["due_date"] and new["due_date"].isoformat(),
            },
        )
        moved += 1
    return moved


# -- appeals (table C) ------------------------------------------------------------------------------------------------


@transaction.atomic
def appeal_register(
    *, application: Application, actor, kind: str, filed_on: date, body: str = "", case_number: str = ""
) -> Appeal:
    """复议 or 诉讼 against the decision (第51条): never dated before the decision; a filing outside 60 days (复议) or
    6 months (诉讼) of the decision is recorded with a warning (the body decides whether it was in time); 复议后起诉
    needs the 复议 it follows."""
    if filed_on > _today():
        raise ValidationError({"filed_on": "日期不能晚于今天"})
    if application.decided_on is None or filed_on < application.decided_on:
        raise StepRefused("行政复议、行政诉讼针对已作出的答复，受理日期不能早于答复日期")
    earlier = None
    if kind == "litigation_after_reconsideration":
        earlier = (
            application.appeals.filter(kind="reconsideration", filed_on__lte=filed_on).order_by("-filed_on").first()
        )
        if earlier is None:
            raise StepRefused("复议后起诉须先登记其行政复议")
    warning = appeal_filing_warning(kind=kind, decided_on=application.decided_on, filed_on=filed_on)
    appeal = Appeal(
        application=application, kind=kind, filed_on=filed_on, body=body, case_number=case_number, note=warning
    )
    appeal.full_clean()
    appeal.save()
    append_event(
        application,
        actor=actor,
        kind=EventKind.APPEAL_FILED,
        on=filed_on,
        note="；".join(part for part in (appeal.get_kind_display(), warning) if part),
        data={"appeal": appeal.pk, "kind": kind, "after": earlier.pk if earlier else None},
    )
    return appeal


def appeal_filing_warning(*, kind: str, decided_on: date, filed_on: date) -> str:
    if kind == "reconsideration":
        last = decided_on + timedelta(days=periods.RECONSIDERATION_DAYS)
        if filed_on > last:
            return f"受理日期晚于答复之日起{periods.RECONSIDERATION_DAYS}日（{last.isoformat()}），请核对申请期限"
        return ""
    last = _add_months(decided_on, periods.LAWSUIT_MONTHS)
    if filed_on > last:
        return f"立案日期晚于答复之日起{periods.LAWSUIT_MONTHS}个月（{last.isoformat()}），请核对起诉期限"
    return ""


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def appeal_decide(*, appeal: Appeal, actor, result: str, closed_on: date | None, note: str = "") -> Appeal:
    before = {"result": appeal.result, "closed_on": appeal.closed_on and appeal.closed_on.isoformat()}
    if result == AppealResult.PENDING:
        closed_on = None
    elif closed_on is None:
        raise ValidationError({"closed_on": "请填写审结日期"})
    elif closed_on > _today():
        raise ValidationError({"closed_on": "日期不能晚于今天"})
    if closed_on is not None and closed_on < appeal.filed_on:
        raise ValidationError({"closed_on": "审结日期早于受理日期"})
    appeal.result, appeal.closed_on, appeal.note = result, closed_on, note or appeal.note
    appeal.full_clean()
    appeal.save()
    append_event(
        appeal.application,
        actor=actor,
        kind=EventKind.APPEAL_DECIDED,
        on=closed_on or _today(),
        note=f"{appeal.get_kind_display()}：{appeal.get_result_display()}",
        data={"appeal": appeal.pk, "result": result, "before": before},
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
