"""The login throttle (issue 15, item 1): failures from one address never lock a correct password out from another
(a per-account delay, not a ban), and parallel guesses get no more password checks than the limit."""

from __future__ import annotations

import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.test import Client

from personas import NOW, PASSWORD


def _login(client: Client, address: str, password: str, username: str = "alice"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    )


def _signed_in(response) -> bool:
    return response.status_code == 302


def test_failures_from_one_address_do_not_lock_out_the_right_password_from_another(alice, time_machine):
    attacker, owner = Client(), Client()
    for _ in range(20):
        _login(attacker, "203.0.113.66", "wrong")
    # the account now waits a short delay between tries, whoever makes them
    time_machine.move_to(NOW + timedelta(seconds=settings.GONGKAI_LOGIN_DELAY_SECONDS + 1), tick=False)
    assert _signed_in(_login(owner, "198.51.100.7", PASSWORD))


def test_the_guessing_address_stays_locked_out_for_the_window(alice, time_machine):
    attacker = Client()
    for _ in range(settings.GONGKAI_LOGIN_MAX_FAILURES):
        _login(attacker, "203.0.113.66", "wrong")
    time_machine.move_to(NOW + timedelta(minutes=5), tick=False)
    response = _login(attacker, "203.0.113.66", PASSWORD)
    assert not _signed_in(response) and "登录失败次数过多" in response.text


def test_the_account_delay_slows_guessing_from_many_addresses(alice, time_machine):
    for i in range(settings.GONGKAI_LOGIN_MAX_FAILURES):
        _login(Client(), f"203.0.113.{i + 1}", "wrong")
    response = _login(Client(), "198.51.100.7", PASSWORD)
    assert not _signed_in(response) and "秒后再试" in response.text
    time_machine.move_to(NOW + timedelta(seconds=settings.GONGKAI_LOGIN_DELAY_SECONDS), tick=False)
    assert _signed_in(_login(Client(), "198.51.100.7", PASSWORD))


def test_an_offices_shared_address_is_not_locked_by_successful_sign_ins(alice, agency):
    from personas import person

    for name in [f"staff{i}" for i in range(30)]:
        person(name)
        assert _signed_in(_login(Client(), "198.51.100.7", PASSWORD, username=name))


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast) that counts how many passwords were checked."""

    algorithm = "md5"
    checks = 0
    lock = threading.Lock()

    def verify(self, password, encoded):
        with CountingHasher.lock:
            CountingHasher.checks += 1
        return super().verify(password, encoded)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Server(ThreadedWSGIServer):
    request_queue_size = 64  # all forty connect at once


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_forty_parallel_wrong_logins_get_at_most_the_limit_of_password_checks_live(settings, agency):
    from personas import person

    person("alice")
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    CountingHasher.checks = 0
    server = _Server(("127.0.0.1", 0), _Quiet)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/accounts/login/"
    barrier = threading.Barrier(40, timeout=30)
    with urllib.request.urlopen(url, timeout=30) as page:
        cookie = page.headers["Set-Cookie"].split(";", 1)[0]
    csrf = cookie.split("=", 1)[1]

    def attempt(_: int) -> int:
        body = urllib.parse.urlencode({"username": "alice", "password": "wrong", "csrfmiddlewaretoken": csrf}).encode()
        headers = {"X-Forwarded-For": "203.0.113.66", "Cookie": cookie}
        request = urllib.request.Request(url, body, headers)
        barrier.wait()
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status

    try:
        with ThreadPoolExecutor(max_workers=40) as pool:
            statuses = list(pool.map(attempt, range(40)))
    finally:
        server.shutdown()
        server.server_close()
    assert statuses == [200] * 40
    assert 1 <= CountingHasher.checks <= settings.GONGKAI_LOGIN_MAX_FAILURES
