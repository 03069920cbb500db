"""Two app nodes behind one nginx on loopback, on one PostgreSQL and one shared storage folder (docs/scale.md):
separate gunicorn processes with separate local data folders (their own page caches), the shared folder holding the
attachments, identity documents and item page files. Proves that nothing depends on which node a request reaches:

- an item withdrawn through node A is never served afterwards by node B or by nginx, though B and nginx had it;
- an item published through node A is visible through node B at once (its item page and its category list);
- 200 concurrent online applications, half to each node, are all stored, with unique numbers.

Runs only on PostgreSQL (SQLite is one machine's file; the nodes would not share it) and with nginx installed."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models.functions import Now
from django.test import Client

from applications.conftest import person_json
from gongkai.applications.models import Application, IdentityDocument
from gongkai.portal import nginx
from gongkai.publishing import services
from gongkai.publishing.models import Status
from gongkai.publishing.views import PUBLISH_ACTION, WITHDRAW_ACTION
from personas import NOW, solve_challenge

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
GUNICORN = Path(sys.executable).with_name("gunicorn")
BOUND_SECONDS = 240  # the whole test, start-up included, must finish well inside this

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="two app nodes need a shared PostgreSQL: set DATABASE_URL to one (as .ci/run does)",
    ),
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)"),
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this environment"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, log: Path, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not come up:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def _request(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _staff_post(base: str, path: str, user, fields: dict[str, str]) -> tuple[int, str]:
    """A signed-in staff member's form POST to one node: a session made here (in the shared database) and a CSRF
    cookie with the same token in the form."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    # This process runs on the portal tests' frozen date; the nodes on the real one: expire by the database's clock.
    Session.objects.filter(session_key=session).update(expire_date=Now() + timedelta(hours=1))
    csrf = "a" * 32
    body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": csrf}).encode()
    request = urllib.request.Request(
        base + path,
        data=body,
        headers={
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


@pytest.fixture
def cluster(transactional_db, tmp_path):
    """Node A, node B (gunicorn, 2 workers each) and nginx in front of both; yields their base URLs."""
    started = time.monotonic()
    deadline = started + 60
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    shared = tmp_path / "shared"
    (shared / "pages").mkdir(parents=True)
    processes, logs = [], []
    nodes = {}
    for name in ("a", "b"):
        port = _free_port()
        log = tmp_path / f"node-{name}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "GONGKAI_DATA_DIR": str(tmp_path / f"node-{name}"),  # its own page cache
            "GONGKAI_MEDIA_DIR": str(shared / "media"),
            "GONGKAI_PAGE_FILES_DIR": str(shared / "pages"),
            "GONGKAI_PAGE_FILE_VISITS": "1",  # a file from a page's first visit, as in every test of page files
            "GONGKAI_SECRET_KEY": settings.SECRET_KEY,  # every node signs and reads the same tokens and sessions
            "GONGKAI_APPLY_PER_HOUR": "1000",
            "GONGKAI_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "gongkai.site.settings",
        }
        process = subprocess.Popen(
            [str(GUNICORN), "gongkai.site.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--threads", "4", "-t", "120"],
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        logs.append(log)
        nodes[name] = f"http://127.0.0.1:{port}"
    front_port = _free_port()
    upstream = ",".join(url.removeprefix("http://") for url in nodes.values())
    servers = nginx.site(listen=f"127.0.0.1:{front_port}", upstream=upstream, page_files=shared / "pages")
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx.standalone(home=tmp_path, servers=servers, workers=1, name="front"))
    nginx_log = tmp_path / "nginx.log"
    processes.append(
        subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(tmp_path), "-e", "stderr"],
            stdout=nginx_log.open("wb"),
            stderr=subprocess.STDOUT,
        )
    )
    nodes["nginx"] = f"http://127.0.0.1:{front_port}"
    try:
        for name, log in (("a", logs[0]), ("b", logs[1]), ("nginx", nginx_log)):
            process = processes[["a", "b", "nginx"].index(name)]
            _wait_for(nodes[name] + "/healthz", process, log, deadline)
        yield {**nodes, "shared": shared}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    assert time.monotonic() - started < BOUND_SECONDS


def _confirmation(user, action: str, item) -> dict:
    """The ticked box and the token the item page hands the person who is about to publish or withdraw it."""
    from gongkai.confirm import confirm_token
    from gongkai.publishing.views import item_digest

    item = type(item).objects.get(pk=item.pk)  # as the node reads it
    # Signed at the nodes' (real) time, not this process's frozen one, or the node finds it expired.
    with time_machine.travel(time_machine.escape_hatch.time.time(), tick=False):
        token = confirm_token(user=user, action=action, subject=str(item.pk), digest=item_digest(item))
    return {"confirm": "yes", "confirm_token": token}


def test_a_withdrawal_on_one_node_is_seen_by_the_other_and_by_nginx(cluster, publish, staff):
    item = publish()
    path = f"/gk/item/{item.pk}/"
    # Every way in has served the page: node B and node A from their caches, nginx from the shared page file.
    for base in (cluster["b"], cluster["a"], cluster["nginx"], cluster["nginx"]):
        status, _, body = _request(base + path)
        assert status == 200 and item.title in body
    page_file = cluster["shared"] / "pages" / "gk" / "item" / f"{item.pk}.html"
    assert page_file.exists()
    _, headers, _ = _request(cluster["nginx"] + path)
    assert "-" in headers["ETag"]  # nginx's own ETag: sent from the file, no node involved

    # Withdrawing is irreversible: it carries the confirmation the item page gives (gongkai.confirm).
    confirmation = _confirmation(staff["erin"], WITHDRAW_ACTION, item)
    answer = _staff_post(
        cluster["a"], f"/staff/items/{item.pk}/withdraw/", staff["erin"], {"reason": "信息有误", **confirmation}
    )
    assert answer == (302, f"/staff/items/{item.pk}/")
    item.refresh_from_db()
    assert item.status == Status.WITHDRAWN
    assert not page_file.exists()
    for _ in range(5):
        for base in (cluster["b"], cluster["nginx"], cluster["a"]):
            status, _, body = _request(base + path)
            assert status == 404 and item.title not in body, base


def test_an_item_published_on_one_node_is_visible_through_the_other(cluster, agency, staff, publish):
    category = agency.categories.get(name="政策文件")
    list_path = f"/gk/{agency.pk}/c/{category.pk}/"
    status, _, before = _request(cluster["b"] + list_path)  # node B caches the list without the new item
    assert status == 200
    item = services.item_create(
        agency=agency,
        actor=staff["alice"],
        title="关于两个节点同时服务的测试通知",
        formed_on=NOW.date(),
        category=category,
        body="<p>节点测试。</p>",
    )
    item = services.item_submit(item=item, actor=staff["alice"])
    for reviewer in ("bob", "cindy"):
        item = services.item_pass(item=item, actor=staff[reviewer])
    assert item.title not in before
    assert _request(cluster["b"] + f"/gk/item/{item.pk}/")[0] == 404
    # The last review (secrecy) passes through node A, which publishes the item.
    confirmation = _confirmation(staff["dave"], PUBLISH_ACTION, item)
    answer = _staff_post(cluster["a"], f"/staff/items/{item.pk}/pass/", staff["dave"], {"comment": "", **confirmation})
    assert answer == (302, f"/staff/items/{item.pk}/")
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    for base in (cluster["b"], cluster["nginx"]):
        status, _, body = _request(base + f"/gk/item/{item.pk}/")
        assert status == 200 and item.title in body
        status, _, body = _request(base + list_path)
        assert status == 200 and item.title in body


def test_concurrent_submissions_on_both_nodes_get_unique_numbers(cluster, agency):
    total = 200

    def submit(n: int) -> tuple[int, str]:
        base = cluster["a"] if n % 2 else cluster["b"]
        _, _, found = _request(cluster["b" if n % 2 else "a"] + "/api/v1/challenge")  # asked of the other node
        challenge = json.loads(found)
        body = {
            **person_json(),
            "challenge_token": challenge["challenge_token"],
            "challenge": solve_challenge(challenge["question"]),
        }
        status, _, answer = _request(
            f"{base}/api/v1/agencies/{agency.pk}/applications",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        return status, answer

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(submit, range(total)))
    assert [status for status, _ in answers] == [201] * total, answers[:3]
    numbers = [json.loads(answer)["number"] for _, answer in answers]
    assert len(set(numbers)) == total
    assert Application.objects.filter(agency=agency).count() == total
    assert sorted(Application.objects.values_list("number", flat=True)) == sorted(numbers)
    # Every identity proof is in the shared storage, whichever node received it.
    documents = IdentityDocument.objects.filter(application__agency=agency)
    assert documents.count() == total
    for document in documents:
        assert (cluster["shared"] / "media" / document.file.name).exists()
