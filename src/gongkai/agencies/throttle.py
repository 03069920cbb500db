"""Login throttling: every sign-in reserves an attempt before the password is checked.

Three counters, each one row of `LoginThrottle` moved by a single conditional UPDATE (atomic on SQLite and
PostgreSQL alike, so forty parallel guesses get no more password checks than the limit):

- a user name from one address: GONGKAI_LOGIN_MAX_FAILURES tries per window, then that address waits for the window;
- one address over all user names: four times as many (an address trying many names is guessing too);
- a user name from all addresses: the same limit, then one try every GONGKAI_LOGIN_DELAY_SECONDS. This is a delay,
  never a ban: whoever guesses from elsewhere, the owner's correct password gets in after a short wait.

A successful sign-in clears the user name's counters and gives the address its try back (an office behind one
address signs in many times a day).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from gongkai.agencies.models import LoginFailure, LoginThrottle
from gongkai.common.db import sqlite_writers


@dataclass(frozen=True)
class Gate:
    allowed: bool
    wait_seconds: int = 0

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.wait_seconds / 60))
        if self.wait_seconds <= 90:
            return f"登录尝试过于频繁，请{self.wait_seconds}秒后再试"
        return f"登录失败次数过多，请{minutes}分钟后再试"


def _one_writer(call: Callable):
    """Sign-ins queue on the process's one SQLite writer lock (gongkai.common.db), with submissions and the rest."""
    with sqlite_writers():
        return call()


def _keys(username: str, ip: str) -> dict[str, str]:
    name = username.strip().lower()[:150]
    return {"pair": f"pair:{name}|{ip}", "address": f"addr:{ip}", "account": f"user:{name}"}


def _window() -> timedelta:
    return timedelta(minutes=settings.GONGKAI_LOGIN_WINDOW_MINUTES)


def _reserve(key: str, *, limit: int, delay: timedelta | None, now: datetime) -> int:
    """Take one attempt under `key`: 0 if taken, else the seconds until one is free."""
    LoginThrottle.objects.get_or_create(key=key, defaults={"started_at": now, "last_at": now, "count": 0})
    expired = Q(started_at__lte=now - _window())
    allowed = expired | Q(count__lt=limit)
    if delay is not None:
        allowed |= Q(last_at__lte=now - delay)
    taken = (
        LoginThrottle.objects.filter(key=key)
        .filter(allowed)
        .update(
            count=Case(When(expired, then=Value(1)), default=F("count") + 1),
            started_at=Case(When(expired, then=Value(now)), default=F("started_at")),
            last_at=now,
        )
    )
    if taken:
        return 0
    row = LoginThrottle.objects.get(key=key)
    free_at = row.started_at + _window()
    if delay is not None:
        free_at = min(free_at, row.last_at + delay)
    return max(1, math.ceil((free_at - now).total_seconds()))


def login_attempt_begin(*, username: str, ip: str) -> Gate:
    """Reserve one attempt for `username` from `ip`, or say how long to wait. Call before checking the password."""
    return _one_writer(lambda: _begin(username, ip))


def _begin(username: str, ip: str) -> Gate:
    limit = settings.GONGKAI_LOGIN_MAX_FAILURES
    delay = timedelta(seconds=settings.GONGKAI_LOGIN_DELAY_SECONDS)
    keys = _keys(username, ip)
    now = timezone.now()
    with transaction.atomic():
        for key, key_limit, key_delay in (
            (keys["pair"], limit, None),
            (keys["address"], limit * 4, None),
            (keys["account"], limit, delay),
        ):
            wait = _reserve(key, limit=key_limit, delay=key_delay, now=now)
            if wait:
                transaction.set_rollback(True)  # a refused attempt takes nothing from the other counters
                return Gate(False, wait)
    return Gate(True)


def login_attempt_failed(*, username: str, ip: str) -> None:
    """Keep a record of the failure (the attempt itself was counted when it began)."""
    _one_writer(lambda: _record_failure(username, ip))


@transaction.atomic
def _record_failure(username: str, ip: str) -> None:
    LoginFailure.objects.create(username=username[:150], ip=ip or None)
    LoginFailure.objects.filter(at__lt=timezone.now() - timedelta(days=30)).delete()


def login_attempt_succeeded(*, username: str, ip: str) -> None:
    _one_writer(lambda: _clear(username, ip))


@transaction.atomic
def _clear(username: str, ip: str) -> None:
    keys = _keys(username, ip)
    LoginThrottle.objects.filter(key__in=[keys["pair"], keys["account"]]).delete()
    LoginThrottle.objects.filter(key=keys["address"], count__gt=0).update(count=F("count") - 1)
    LoginFailure.objects.filter(username__iexact=username).delete()
