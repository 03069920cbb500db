"""Two hundred applications submitted at once over loopback are all stored, each with its own number.

The server is Django's threaded WSGI server started here (not live_server: on in-memory SQLite that one shares one
connection between all threads, which would hide exactly the races this test is about). Bounded: every request has
a timeout and the test stops by itself.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

from applications.conftest import person_json
from gongkai.applications.models import Application
from personas import solve_challenge

N = 200


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Server(ThreadedWSGIServer):
    request_queue_size = 256  # all two hundred connect at once
    # Like a deployment's worker threads: at most this many requests hold a database connection at a time
    # (PostgreSQL allows 100 connections by default); the rest wait their turn in the listen queue.
    workers = threading.BoundedSemaphore(32)

    def process_request_thread(self, request, client_address):
        with self.workers:
            super().process_request_thread(request, client_address)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_stores_two_hundred_concurrent_submissions_load(agency, settings, next_year_schedule):
    settings.GONGKAI_APPLY_PER_HOUR = 10 * N
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    server = _Server(("127.0.0.1", 0), _Quiet)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/api/v1/agencies/{agency.pk}/applications"
    barrier = threading.Barrier(N, timeout=30)
    with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/api/v1/challenge", timeout=30) as response:
        found = json.load(response)
    challenge = {"challenge_token": found["challenge_token"], "challenge": solve_challenge(found["question"])}

    def post(i: int) -> int:
        body = json.dumps({**person_json(), **challenge, "description": f"第{i}件申请"}).encode()
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        barrier.wait()
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=N) as pool:
            statuses = list(pool.map(post, range(N)))
    finally:
        server.shutdown()
        server.server_close()
    elapsed = time.monotonic() - started
    numbers = list(Application.objects.values_list("number", flat=True))
    descriptions = set(Application.objects.values_list("description", flat=True))
    print(f"{N} submissions in {elapsed:.1f}s")
    assert statuses == [201] * N
    assert len(numbers) == len(set(numbers)) == N
    assert descriptions == {f"第{i}件申请" for i in range(N)}
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, N + 1))
