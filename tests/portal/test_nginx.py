"""The nginx site `gongkai manage portal_nginx` prints, run for real in front of the test server: the item page is sent
from its file after the first visit, and a withdrawal takes it away at once."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.portal import nginx
from gongkai.publishing import services

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def front(live_server, settings, tmp_path):
    """nginx on a free loopback port, in front of the live server, with the site configuration gongkai prints."""
    settings.GONGKAI_PAGE_FILES_DIR = str(tmp_path / "pages")
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    port = _free_port()
    conf = tmp_path / "nginx.conf"
    upstream = live_server.url.removeprefix("http://")
    servers = nginx.site(listen=f"127.0.0.1:{port}", upstream=upstream, page_files=tmp_path / "pages")
    conf.write_text(nginx.standalone(home=tmp_path, servers=servers, workers=1))
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path), "-e", "stderr"], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {process.stderr.read().decode()}") from None
            time.sleep(0.05)
    yield base
    process.terminate()
    process.wait(timeout=10)


def _from_file(headers: dict[str, str]) -> bool:
    """nginx's ETag is "<mtime hex>-<size hex>"; Django's is 24 hex digits without a dash."""
    return "-" in headers["ETag"]


@pytest.mark.django_db(transaction=True)
def test_nginx_sends_the_written_page_and_forgets_it_at_withdrawal(front, publish, staff, tmp_path):
    item = publish()
    url = f"{front}/gk/item/{item.pk}/"
    status, first_headers, first = _get(url)
    assert status == 200 and item.title in first and not _from_file(first_headers)
    status, headers, again = _get(url)
    assert status == 200 and _from_file(headers) and again == first
    for name in ("Cache-Control", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Content-Language"):
        assert headers[name] == first_headers[name], name
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Last-Modified"] == first_headers["Last-Modified"]
    assert _get(url, **{"If-None-Match": headers["ETag"]})[0] == 304

    # A signed-in visitor always reaches Django.
    assert not _from_file(_get(url, Cookie="sessionid=abc")[1])

    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    status, _, body = _get(url)
    assert status == 404 and item.title not in body
    assert _get(url, **{"If-None-Match": headers["ETag"]})[0] == 404
    assert not (tmp_path / "pages" / "gk" / "item" / f"{item.pk}.html").exists()


def test_the_printed_site_is_what_the_tests_run(settings, tmp_path, capsys):
    settings.GONGKAI_PAGE_FILES_DIR = str(tmp_path / "pages")
    call_command("portal_nginx", "--listen", "8080", "--upstream", "127.0.0.1:9000", "--server-name", "gk.example")
    printed = capsys.readouterr().out
    assert printed == nginx.site(
        listen="8080", upstream="127.0.0.1:9000", page_files=(tmp_path / "pages").resolve(), server_name="gk.example"
    )
    assert f"root {(tmp_path / 'pages').resolve()};" in printed and "open_file_cache off;" in printed
