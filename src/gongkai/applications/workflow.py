"""The statuses of an application (labels for the values `gongkai.workdays.CaseStatus` derives) and who acts."""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
from django.db import models

from gongkai.agencies.access import has_role
from gongkai.agencies.models import Role
from gongkai.workdays import CaseStatus


class Status(models.TextChoices):
    RECEIVED = "received", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "等待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "等待缴费"
    ANSWERED = "answered", "已答复"
    DELIVERED = "delivered", "已送达"
    CLOSED = "closed", "已办结"


# Which status may follow which is not written here: `gongkai.workdays.derive_case` reads it off the events, and a
# step is accepted only if the events with it still make a lawful case (services.append_event).
assert {status.value for status in Status} == {status.value for status in CaseStatus}

OPEN_STATUSES = (Status.RECEIVED, Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_FEE)
PAUSED_STATUSES = (Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_FEE)

# The staff who handle applications and alone may see an applicant's personal data and identity documents:
# the agency's 信息公开工作人员 and its admin. Reviewers of proactive disclosure and supervisors do not.
HANDLER_ROLES = (Role.DRAFTER, Role.AGENCY_ADMIN)


def require_handler(actor, agency) -> None:
    """PermissionDenied unless `actor` handles the agency's applications. Every service that changes an application
    asks this (the views only look the application up): a step, a letter, an appeal, an assignment, a staff intake."""
    if actor is None or not actor.is_authenticated or not has_role(actor, agency, *HANDLER_ROLES):
        raise PermissionDenied


def handler_only(service):
    """A step service on an application (`application=`, `actor=` keywords): `require_handler` before anything else,
    so that someone else learns nothing of the case from its validation messages."""

    @functools.wraps(service)
    def checked(*, application, actor, **kwargs):
        require_handler(actor, application.agency)
        return service(application=application, actor=actor, **kwargs)

    return checked
