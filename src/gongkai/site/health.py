"""`/healthz`: is this node fit to serve? JSON for the load balancer and monitoring (docs/deploy.md).

Checks the database (a query), the storage (write, read back and delete a small file in the default storage, the
folder or bucket all nodes share) and the task queue (tasks ready to run but waiting longer than
GONGKAI_HEALTH_QUEUE_MINUTES mean no worker is running anywhere). 200 when all pass, 503 otherwise. Nothing in the
answer names a person, a file of a user or a secret."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("gongkai.health")


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def check_storage() -> dict:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as handle:
            ok = handle.read() == b"ok"
    finally:
        default_storage.delete(name)
    return {"ok": ok}


def check_queue() -> dict:
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return {"ok": True, "backend": backend.rsplit(".", 1)[-1]}
    from django_tasks_db.models import DBTaskResult, get_date_max

    ready = DBTaskResult.objects.ready()
    # A task waits from when it was enqueued, or from its run_after when it was deferred (a retry).
    now, never = timezone.now(), get_date_max()
    waits = [
        (now - (run_after if run_after != never and run_after > enqueued else enqueued)).total_seconds()
        for enqueued, run_after in ready.order_by("enqueued_at").values_list("enqueued_at", "run_after")[:100]
    ]
    waiting = max(waits, default=0.0)
    limit = timedelta(minutes=getattr(settings, "GONGKAI_HEALTH_QUEUE_MINUTES", 15)).total_seconds()
    return {
        "ok": waiting <= limit,
        "ready": ready.count(),
        "oldest_waiting_seconds": round(waiting),
        "failed_last_day": DBTaskResult.objects.failed()
        .filter(finished_at__gte=timezone.now() - timedelta(days=1))
        .count(),
    }


CHECKS = {"database": check_database, "storage": check_storage, "queue": check_queue}


@never_cache
@require_GET
def health(request):
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = check()
        except Exception as exc:
            logger.error("health check %s failed: %s", name, type(exc).__name__, extra={"check": name})
            result = {"ok": False, "error": type(exc).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    ok = all(result["ok"] for result in results.values())
    return JsonResponse({"ok": ok, "checks": results}, status=200 if ok else 503)
