"""Per-client limits hold behind the nginx site gongkai prints (issue 15, item 1): over loopback, 51 clients each
with its own source address (127.0.0.x) reach the application through nginx; one noisy client is limited, the
fifty others are not. Bounded: a thread pool of 16, every request with a timeout, about 120 requests.

The application server is Django's threaded WSGI server started here (as in the concurrent-submissions test), the
nginx configuration is `gongkai.portal.nginx.site()` itself. Item pages that nginx sends from files carry the same
security headers as Django's (CSP included)."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

from gongkai.portal import nginx
from gongkai.site.middleware import CONTENT_SECURITY_POLICY
from personas import solve_challenge
from security.conftest import APPLICANT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)")
OTHERS = 50


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Server(ThreadedWSGIServer):
    request_queue_size = 128


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port: int, source: str, method: str, path: str, body: bytes | None = None, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def front(settings, tmp_path):
    """The app server and nginx in front of it, with the printed site; yields nginx's port."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.GONGKAI_PAGE_FILES_DIR = str(tmp_path / "pages")
    server = _Server(("127.0.0.1", 0), _Quiet)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = _free_port()
    site = nginx.site(
        listen=f"127.0.0.1:{port}", upstream=f"127.0.0.1:{server.server_port}", page_files=tmp_path / "pages"
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx.standalone(home=tmp_path, servers=site, workers=1, name="load"))
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path), "-e", "stderr"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {process.stderr.read().decode()}") from None
            time.sleep(0.05)
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        server.shutdown()
        server.server_close()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_one_noisy_client_is_limited_and_fifty_others_are_not_load(front, agency, settings):
    settings.GONGKAI_APPLY_PER_HOUR = 5
    _, _, body = _request(front, "127.0.0.2", "GET", "/api/v1/challenge")
    found = json.loads(body)
    challenge = {"challenge_token": found["challenge_token"], "challenge": solve_challenge(found["question"])}
    url = f"/api/v1/agencies/{agency.pk}/applications"

    def submit(source: str, i: int) -> int:
        data = json.dumps({**APPLICANT, **challenge, "description": f"第{i}件申请（{source}）"}).encode()
        return _request(front, source, "POST", url, data, **{"Content-Type": "application/json"})[0]

    # The noisy client's twelve go at once, among the fifty others': its limit holds under concurrency too.
    sources = ["127.0.0.2"] * 12 + [f"127.0.1.{n + 1}" for n in range(OTHERS)]
    order = sorted(range(len(sources)), key=lambda i: (i % 5, i))  # interleave noisy and quiet requests
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = dict(zip(order, pool.map(lambda i: submit(sources[i], i), order), strict=True))
    noisy = sorted(statuses[i] for i in range(12))
    others = [statuses[i] for i in range(12, len(sources))]
    assert noisy == [201] * 5 + [429] * 7
    assert others == [201] * OTHERS


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_pages_sent_from_files_carry_the_security_headers_load(front, agency):
    from gongkai.site.demo_data import demo_load

    demo_load()
    from gongkai.publishing.models import Item, Status

    item = Item.objects.filter(status=Status.PUBLISHED).first()
    path = f"/gk/item/{item.pk}/"
    first = _request(front, "127.0.0.3", "GET", path)
    again = _request(front, "127.0.0.3", "GET", path)
    assert first[0] == again[0] == 200
    assert "-" in again[1]["ETag"]  # nginx's own ETag: sent from the file
    assert again[1]["Content-Security-Policy"] == first[1]["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options"):
        assert again[1][name] == first[1][name], name
