"""Spam protection without any third-party service: a rate limit per address and a small arithmetic challenge."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from gongkai.applications.models import SubmissionAttempt
from gongkai.applications.services.intake import with_retries
from gongkai.common.clients import client_ip

_SALT = "gongkai.applications.challenge"
_DIGITS = "零一二三四五六七八九十"


def rate_per_hour() -> int:
    return settings.GONGKAI_APPLY_PER_HOUR


def client_source(request) -> str:
    """The client's address (through trusted proxies only), hashed: the rate limit recognises it, never keeps it."""
    ip = client_ip(request)
    return hashlib.sha256((settings.SECRET_KEY + ip).encode()).hexdigest()


def submission_begin(source: str) -> SubmissionAttempt | None:
    """Take one of the client's submissions for this hour before the application is stored, or None past the limit.

    The attempt is written first and then ranked among the client's attempts of the hour, so parallel submissions
    cannot all pass a count made before any of them was recorded. It is also the first write of a submission: a
    database that cannot be written fails here at once (a 503), before any retry loop."""
    attempt = with_retries(lambda: SubmissionAttempt.objects.create(source=source))
    since = timezone.now() - timedelta(hours=1)
    rank = with_retries(
        lambda: SubmissionAttempt.objects.filter(source=source, at__gte=since, pk__lte=attempt.pk).count()
    )
    if rank > rate_per_hour():
        with_retries(lambda: SubmissionAttempt.objects.filter(pk=attempt.pk).delete())
        return None
    return attempt


def submission_cancel(attempt: SubmissionAttempt) -> None:
    """Give back an attempt whose application was refused (a missing field is not spam)."""
    with_retries(lambda: SubmissionAttempt.objects.filter(pk=attempt.pk).delete())


def submission_done() -> None:
    with_retries(lambda: SubmissionAttempt.objects.filter(at__lt=timezone.now() - timedelta(days=2)).delete())


def _answer_digest(nonce: str, answer: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{_SALT}|{nonce}|{answer}".encode(), hashlib.sha256).hexdigest()


def new_challenge() -> tuple[str, str]:
    """A question in Chinese numerals and its signed token. Nothing is stored; the token carries a keyed digest of
    the answer, never the answer itself (a signed token is readable by whoever holds it)."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    question = f"{_DIGITS[a]}加{_DIGITS[b]}等于几？（请填阿拉伯数字）"
    nonce = secrets.token_hex(8)
    token = signing.dumps({"nonce": nonce, "digest": _answer_digest(nonce, str(a + b))}, salt=_SALT)
    return question, token


def challenge_passed(token: str, answer: str) -> bool:
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=settings.GONGKAI_CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return False
    if not isinstance(data, dict):
        return False
    expected = _answer_digest(str(data.get("nonce", "")), str(answer or "").strip()[:8])
    return hmac.compare_digest(expected, str(data.get("digest", "")))
