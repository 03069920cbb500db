"""Registering an application: numbers, tracking codes, retries on a busy database."""

from __future__ import annotations

import random
import secrets
import time
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F

from gongkai.agencies.models import Agency
from gongkai.applications import mail
from gongkai.applications.models import (
    Application,
    Channel,
    EventKind,
    IdentityDocument,
    NumberCounter,
    hash_code,
)
from gongkai.applications.services.log import (
    _today,
    append_event,
)
from gongkai.applications.uploads import check_identity_file
from gongkai.applications.workflow import require_handler
from gongkai.common.db import sqlite_writers
from gongkai.common.errors import BUSY, BUSY_RETRY_SECONDS, unavailable

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
    guard = sqlite_writers()
    for attempt in range(attempts):
        try:
            with guard:
                return call()
        except (OperationalError, IntegrityError) as exc:
            if attempt == attempts - 1 or connection.in_atomic_block or not _worth_retrying(exc):
                raise
            time.sleep(random.uniform(0.002, 0.02) * min(attempt + 1, 10))
    raise AssertionError("unreachable")


def _worth_retrying(exc: Exception) -> bool:
    """A lost race is worth another try (a locked or busy database, a deadlock, a counter row inserted by another
    request); a read-only disk, a full disk or a broken schema is not: retrying would only make the person wait."""
    if isinstance(exc, IntegrityError) or unavailable(exc) == (BUSY, BUSY_RETRY_SECONDS):
        return True
    text = str(exc).lower()
    return "deadlock" in text or "could not serialize" in text


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
    if actor is not None and actor.is_authenticated:
        require_handler(actor, agency)  # staff register letters, faxes and visits for their own agency only
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
            mail.receipt_enqueue(application=application, code=code)  # sent later by mail.send_outbox()
            return application, code

    return with_retries(register)


@transaction.atomic
def application_reissue_code(*, application: Application, actor=None) -> bool:
    """A new tracking code mailed to the address on file (the old one stops working: codes are stored hashed, so the
    old one cannot be re-sent). False, and nothing changes, when there is no address on file."""
    if not application.email:
        return False
    code = new_tracking_code()
    Application.objects.filter(pk=application.pk).update(tracking_code_hash=hash_code(code))
    application.tracking_code_hash = hash_code(code)
    mail.code_enqueue(application=application, code=code)
    return True
