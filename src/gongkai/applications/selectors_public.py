"""What the public (the status page and the public API) may know of an application: no personal data, ever."""

from __future__ import annotations

from gongkai.applications.models import Application
from gongkai.applications.outcomes import Outcome
from gongkai.applications.workflow import Status


def public_status(application: Application) -> dict:
    return {
        "number": application.number,
        "agency": application.agency.name,
        "received_on": application.received_on.isoformat(),
        "channel": application.get_channel_display(),
        "status": application.status,
        "status_label": Status(application.status).label,
        "due_date": application.due_date.isoformat() if application.due_date else None,
        "paused": application.pause_reason or None,
        "outcome": application.outcome or None,
        "outcome_label": Outcome(application.outcome).label if application.outcome else None,
        "answered_on": application.decided_on.isoformat() if application.decided_on else None,
        "delivered_on": application.delivered_on.isoformat() if application.delivered_on else None,
    }
