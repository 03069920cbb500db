"""`gongkai remind`: e-mail the handlers about every running period of their applications — the reply, a 补正, a
consultation, a payment — that ends within N working days, and, every day, about those already past. Safe to run
twice: each reminder is recorded in `ReminderSent` before the mail leaves."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from gongkai.agencies.calendar import platform_calendar
from gongkai.applications.models import Application, ReminderSent
from gongkai.applications.workflow import HANDLER_ROLES, Status

# The periods a handler must watch, with what ends them and what to do (status -> period key, label).
PERIODS = {
    "reply": "答复期限（第33条）",
    "correction": "补正期限（第30条）：届满未补正的，按（六）1办结",
    "consultation": "征求意见期限（第32条、第34条）：届满未答复的，恢复计算答复期限",
    "payment": "缴费期限（109号）：届满未缴费的，按（六）2办结",
}


@dataclass(frozen=True)
class Deadline:
    application: Application
    period: str
    due: date

    def line(self, today: date) -> str:
        late = "，已届满" if self.due < today else ""
        where = f"{self.application.number}（{self.application.agency.name}）"
        return f"{where}{PERIODS[self.period]}：{self.due:%Y-%m-%d}{late}"


def running_deadlines(applications) -> list[Deadline]:
    """Every running period of the given open applications, from their cached state (correction: the reply-by
    date the handler gave; consultation and payment: the legal end of the pause)."""
    found = []
    for application in applications:
        if application.due_date is not None:
            found.append(Deadline(application, "reply", application.due_date))
        if application.status == Status.AWAITING_CORRECTION and application.pause_ends_on:
            found.append(Deadline(application, "correction", application.pause_ends_on))
        if application.status == Status.CONSULTING and application.pause_ends_on:
            found.append(Deadline(application, "consultation", application.pause_ends_on))
        if application.status == Status.AWAITING_FEE and application.pause_ends_on:
            found.append(Deadline(application, "payment", application.pause_ends_on))
    return found


def _recipients(application: Application) -> list:
    if application.assignee_id and application.assignee.email:
        return [application.assignee]
    users = (
        get_user_model()
        .objects.filter(
            memberships__agency_id=application.agency_id, memberships__role__in=HANDLER_ROLES, is_active=True
        )
        .exclude(email="")
    )
    return list(users.distinct())


def send_reminders(*, today: date, workdays: int) -> list[tuple[str, str]]:
    """Returns (username, application number) for every reminder sent now."""
    last_day = platform_calendar().add_workdays(today, workdays)
    applications = Application.objects.open().select_related("agency", "assignee")
    pending: dict = defaultdict(list)
    for deadline in sorted(running_deadlines(applications), key=lambda d: d.due):
        if deadline.due > last_day:
            continue
        for user in _recipients(deadline.application):
            pending[user].append(deadline)
    sent = []
    for user, deadlines in pending.items():
        fresh = []
        for deadline in deadlines:
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        application=deadline.application,
                        user=user,
                        period=deadline.period,
                        due_date=deadline.due,
                        round=today if deadline.due < today else deadline.due,
                    )
            except IntegrityError:
                continue  # told already in this round
            fresh.append(deadline)
        if not fresh:
            continue
        # Numbers and dates only: the mail may sit on servers outside the agency.
        overdue = sum(d.due < today for d in fresh)
        subject = f"【政府信息公开】{len(fresh)}项期限将在{workdays}个工作日内届满"
        if overdue:
            subject += f"，其中{overdue}项已届满"
        send_mail(
            subject=subject,
            message="以下期限即将届满或已届满，请及时办理：\n\n" + "\n".join(d.line(today) for d in fresh),
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=[user.email],
        )
        sent.extend((user.username, d.application.number) for d in fresh)
    return sent
