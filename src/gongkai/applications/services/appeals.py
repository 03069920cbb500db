"""Reconsiderations and lawsuits (table C), each also an event on its application."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.applications.models import (
    Appeal,
    AppealResult,
    Application,
    EventKind,
)
from gongkai.applications.services.log import (
    StepRefused,
    _today,
    append_event,
)
from gongkai.applications.workflow import require_handler
from gongkai.workdays import periods

# -- appeals (table C) ------------------------------------------------------------------------------------------------


@transaction.atomic
def appeal_register(
    *, application: Application, actor, kind: str, filed_on: date, body: str = "", case_number: str = ""
) -> Appeal:
    """复议 or 诉讼 against the decision (第51条): never dated before the decision; a filing outside 60 days (复议) or
    6 months (诉讼) of the decision is recorded with a warning (the body decides whether it was in time); 复议后起诉
    needs the 复议 it follows."""
    require_handler(actor, application.agency)
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
    require_handler(actor, appeal.application.agency)
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
