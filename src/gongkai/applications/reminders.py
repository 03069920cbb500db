"""`gongkai remind`: e-mail the handlers whose applications fall due within N working days. Safe to run twice: each
(application, person, due date) is e-mailed once, recorded in `ReminderSent` before the mail leaves."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from gongkai.agencies.calendar import platform_calendar
from gongkai.applications.models import Application, ReminderSent
from gongkai.applications.workflow import HANDLER_ROLES


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
    due = Application.objects.running().filter(due_date__lte=last_day).select_related("agency", "assignee")
    pending: dict = defaultdict(list)
    for application in due.order_by("due_date"):
        for user in _recipients(application):
            pending[user].append(application)
    sent = []
    for user, applications in pending.items():
        fresh = []
        for application in applications:
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(application=application, user=user, due_date=application.due_date)
            except IntegrityError:
                continue  # told already about this due date
            fresh.append(application)
        if not fresh:
            continue
        # Numbers and dates only: the mail may sit on servers outside the agency.
        lines = [
            f"{a.number}（{a.agency.name}）答复期限 {a.due_date:%Y-%m-%d}{'，已超期' if a.due_date < today else ''}"
            for a in fresh
        ]
        send_mail(
            subject=f"【政府信息公开】{len(fresh)}件申请将在{workdays}个工作日内到期",
            message="以下申请即将到期或已超期，请及时办理：\n\n" + "\n".join(lines),
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=[user.email],
        )
        sent.extend((user.username, a.number) for a in fresh)
    return sent
