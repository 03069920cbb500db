"""The life of an application, written down in one place: its statuses, which may follow which, who acts."""

from __future__ import annotations

from django.db import models

from gongkai.agencies.models import Role


class Status(models.TextChoices):
    RECEIVED = "received", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "等待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "等待缴费"
    ANSWERED = "answered", "已答复"
    DELIVERED = "delivered", "已送达"
    CLOSED = "closed", "已办结"


# Every allowed move. services._move() refuses any other, and writes the event row in the same transaction.
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {
        Status.RECEIVED,
        Status.AWAITING_CORRECTION,
        Status.CONSULTING,
        Status.AWAITING_FEE,
        Status.ANSWERED,
    },
    Status.AWAITING_CORRECTION: {Status.RECEIVED, Status.ANSWERED},  # corrected, or lapsed (（六）1)
    Status.CONSULTING: {Status.CONSULTING, Status.RECEIVED},  # another party asked; all answered
    Status.AWAITING_FEE: {Status.RECEIVED, Status.ANSWERED},  # paid, or lapsed (（六）2)
    Status.ANSWERED: {Status.DELIVERED, Status.CLOSED},
    Status.DELIVERED: {Status.CLOSED},
    Status.CLOSED: set(),
}

OPEN_STATUSES = (Status.RECEIVED, Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_FEE)
PAUSED_STATUSES = (Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_FEE)

# The staff who handle applications and alone may see an applicant's personal data and identity documents:
# the agency's 信息公开工作人员 and its admin. Reviewers of proactive disclosure and supervisors do not.
HANDLER_ROLES = (Role.DRAFTER, Role.AGENCY_ADMIN)
