"""Structured logs: one JSON object a line, each carrying the id of the request that wrote it (docs/deploy.md).

`RequestId` (first middleware) takes nginx's `X-Request-ID` when it is a plain token, else makes one, keeps it in a
context variable for the request, returns it in the response's `X-Request-ID` and logs one line per request (method,
path without its query string, status, milliseconds) on `gongkai.request` at INFO. No line carries a query string, a
form field or a user name; the privacy filter (gongkai.applications.privacy) masks what slips into a message anyway.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("gongkai_request_id", default="-")
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_log = logging.getLogger("gongkai.request")


class RequestId:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if _VALID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        request.request_id = rid
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            request_id_var.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts the current request id (or "-" outside a request: workers, commands) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


# Fields a record may carry through `extra=` that go into the JSON line as they are.
EXTRA_FIELDS = ("method", "path", "status", "ms", "task", "attempt", "check")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for field in EXTRA_FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)
