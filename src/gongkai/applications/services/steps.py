"""The steps of handling an application, each one event through `append_event`."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from gongkai.agencies.calendar import platform_calendar
from gongkai.applications import letters
from gongkai.applications.models import (
    Application,
    Delivery,
    EventKind,
    Fee,
    Letter,
    LetterKind,
)
from gongkai.applications.outcomes import DECIDABLE, Outcome
from gongkai.applications.services.log import (
    StepRefused,
    _check_date,
    _today,
    append_event,
)
from gongkai.applications.workflow import handler_only, require_handler
from gongkai.fees import FeeInputError, compute_fee, marginal_count_fee
from gongkai.workdays import ConsultedParty, periods

# -- correction (第30条) -------------------------------------------------------------------------------------------


@handler_only
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


@handler_only
@transaction.atomic
def application_record_correction(*, application: Application, actor, on: date, note: str = "") -> None:
    _check_date(application, on)
    append_event(application, actor=actor, kind=EventKind.CORRECTION_RECEIVED, on=on, note=note)


@handler_only
@transaction.atomic
def application_lapse_correction(*, application: Application, actor, on: date) -> None:
    """逾期未补正: deemed withdrawn (第30条) -> （六）1. The clock refuses it before the correction period ends."""
    _check_date(application, on)
    append_event(
        application, actor=actor, kind=EventKind.CORRECTION_LAPSED, on=on, note=Outcome.OTHER_NO_CORRECTION.label
    )


# -- notices reach the other side (自收到之日起) --------------------------------------------------------------------


@handler_only
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


@handler_only
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


@handler_only
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


@handler_only
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


@handler_only
@transaction.atomic
def application_request_reasons(*, application: Application, actor, on: date, reply_by: date, note: str = "") -> Letter:
    """第35条: the quantity or frequency is clearly unreasonable; ask the applicant for the reasons."""
    _check_date(application, on)
    if reply_by <= on:
        raise ValidationError({"reply_by": "说明理由的期限应晚于告知日期"})
    data = {"reply_by": reply_by.isoformat()}
    append_event(application, actor=actor, kind=EventKind.REASONS_REQUESTED, on=on, note=note, data=data)
    return letters.letter_draft(application=application, kind=LetterKind.REASONS, extra={"reply_by": reply_by})


@handler_only
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


@handler_only
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
    state = append_event(
        application, actor=actor, kind=EventKind.FEE_NOTICE_SENT, on=on, note=result.summary, data=data
    )
    fee = Fee(
        application=application,
        method=result.method.value,
        quantity=result.quantity,
        amount_yuan=result.amount_yuan,
        breakdown=[band.to_dict() for band in result.breakdown],
        notice_sent_on=on,
        pay_by=state.clock.fee_payment_deadline,
    )
    fee.full_clean()
    fee.save()
    return letters.letter_draft(
        application=application, kind=LetterKind.FEE_NOTICE, extra={"fee": fee, "fee_result": result}, notice="fee"
    )


@handler_only
@transaction.atomic
def application_record_payment(*, application: Application, actor, on: date) -> None:
    _check_date(application, on)
    append_event(application, actor=actor, kind=EventKind.FEE_PAID, on=on)


@handler_only
@transaction.atomic
def application_lapse_fee(*, application: Application, actor, on: date) -> None:
    """逾期未缴费: 20 working days passed unpaid -> deemed withdrawn (109号) -> （六）2."""
    _check_date(application, on)
    append_event(application, actor=actor, kind=EventKind.FEE_LAPSED, on=on, note=Outcome.OTHER_UNPAID_FEE.label)


# -- decision, delivery, closing ------------------------------------------------------------------------------------

# What some outcomes must state, and where (第36条): the key in `details` and the message when it is missing.
OUTCOME_DETAILS = {
    "not_processed_repeated": ("earlier", "重复申请须注明此前的申请编号（第36条第（六）项）"),
    "unavailable_not_held": ("competent_agency", ""),
    "withheld_admin_query": ("channel", "行政查询事项须告知申请人依照有关法律、行政法规办理的途径（第36条第（七）项）"),
}


@handler_only
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


@handler_only
@transaction.atomic
def application_deliver(*, application: Application, actor, on: date, method: str) -> None:
    _check_date(application, on)
    if method not in Delivery.values:
        raise ValidationError({"method": "请选择送达方式"})
    label = Delivery(method).label
    append_event(application, actor=actor, kind=EventKind.DELIVERED, on=on, note=label, data={"method": method})


@handler_only
@transaction.atomic
def application_close(*, application: Application, actor, on: date) -> None:
    unsent = application.letters.filter(sent_on__isnull=True)
    if unsent.exists():
        titles = "、".join(unsent.values_list("title", flat=True))
        raise StepRefused(f"尚有未发出的文书：{titles}。请先发出或删除后再办结")
    _check_date(application, on)
    append_event(application, actor=actor, kind=EventKind.CLOSED, on=on)


@handler_only
@transaction.atomic
def application_assign(*, application: Application, actor, assignee) -> None:
    require_handler(assignee, application.agency)  # only a handler may be given an application (personal data)
    application.assignee = assignee
    application.save(update_fields=["assignee"])
    append_event(
        application,
        actor=actor,
        kind=EventKind.ASSIGNED,
        on=max(_today(), application.received_on),
        note=assignee.get_full_name() or assignee.username,
    )
