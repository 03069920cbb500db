"""Keeping applicants' personal data out of logs and error reports.

Views that receive personal data are decorated with `sensitive_post_parameters` (Django's error reports then show
****** for them); this filter is the second line: whatever a logger is handed, identity-card numbers, mobile numbers
and e-mail addresses are masked before a handler writes it.
"""

from __future__ import annotations

import logging
import re

PATTERNS = (
    re.compile(r"(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]"),
    re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])"),
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
)
SENSITIVE_FIELDS = (
    "applicant_name",
    "id_type",
    "id_number",
    "credit_code",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "identity_document",
    "description",
    "purpose",
)


def mask(text: str) -> str:
    for pattern in PATTERNS:
        text = pattern.sub("***", text)
    return text


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            # Format the traceback now, so the masked text is what every handler prints.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True


_FILTER = PersonalDataFilter()


def install_log_filter() -> None:
    """Attach the filter to every handler configured now (root and the django loggers), once."""
    loggers = [logging.getLogger(), logging.getLogger("django"), logging.getLogger("django.request")]
    for logger in loggers:
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
        for handler in logger.handlers:
            if _FILTER not in handler.filters:
                handler.addFilter(_FILTER)
