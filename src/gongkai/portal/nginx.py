"""The nginx site for gongkai: item pages sent from the files `gongkai.portal.page_files` writes, everything else
passed to the application server. `gongkai manage portal_nginx` prints it; the tests and `make bench` run this very
text, so what is documented is what is measured."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

from gongkai.portal.http import CACHE_CONTROL, FIXED_HEADERS
from gongkai.portal.page_files import SUFFIX
from gongkai.site.middleware import security_headers


def site(*, listen: str, upstream: str, page_files: Path, server_name: str = "_") -> str:
    """An nginx `upstream` and `server` block, for the `http` context."""
    # The headers Django's middleware puts on every page (security, CSP, HSTS when configured, clickjacking,
    # locale), so that a page sent from a file answers exactly as the same page sent by Django.
    headers = {"Cache-Control": CACHE_CONTROL, **FIXED_HEADERS, **security_headers()}
    add_headers = "\n".join(f'        add_header {name} "{value}" always;' for name, value in headers.items())
    proxy = (
        "        proxy_pass http://gongkai_app;\n"
        "        proxy_http_version 1.1;\n"
        '        proxy_set_header Connection "";\n'
        "        proxy_set_header Host $host;\n"
        "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        "        proxy_set_header X-Forwarded-Proto $scheme;\n"
        # One id per request, in nginx's log format if wanted and in every line gongkai logs for it
        "        proxy_set_header X-Request-ID $request_id;\n"
    )
    # Several app nodes (docs/scale.md): "10.0.0.11:8000,10.0.0.12:8000"; any node may answer any request.
    servers = "".join(f"    server {one.strip()};\n" for one in upstream.split(",") if one.strip())
    session = settings.SESSION_COOKIE_NAME
    return f"""# gongkai (docs/portal.md, docs/security.md). Item pages come from files gongkai writes and deletes under
# the database's lock; a withdrawal deletes the file before it commits. Never turn on open_file_cache here: a cached
# descriptor would outlive that delete.
# The client's address reaches gongkai in X-Forwarded-For: gongkai believes it only from the proxies in
# GONGKAI_TRUSTED_PROXIES (default 127.0.0.1,::1, this nginx on the same machine). If nginx runs on another
# machine, set GONGKAI_TRUSTED_PROXIES to its address, or every visitor shares one rate limit.
upstream gongkai_app {{
{servers}    keepalive 32;
}}

server {{
    listen {listen};
    server_name {server_name};
    client_max_body_size {settings.GONGKAI_MAX_ATTACHMENT_MB + 5}m;
    open_file_cache off;

    # An item page: the file if gongkai has written it, else Django (which writes it). Signed-in visitors and
    # anything but GET/HEAD always reach Django.
    location ~ "^/gk/item/(?<gongkai_item>[0-9]+)/$" {{
        error_page 418 = @app;
        if ($cookie_{session}) {{ return 418; }}
        if ($request_method !~ ^(GET|HEAD)$) {{ return 418; }}
        root {page_files};
        types {{ }}
        default_type text/html;
        charset utf-8;
        etag on;
        try_files /gk/item/$gongkai_item{SUFFIX} @app;
{add_headers}
    }}

    location @app {{
{proxy}    }}

    location / {{
{proxy}    }}
}}
"""


def standalone(*, home: Path, servers: str, workers: int = 2, name: str = "nginx") -> str:
    """A whole nginx.conf around `servers` (the `http` context's blocks, e.g. `site(...)`) that runs unprivileged in
    `home` (the tests and the benchmark); `name` keeps the pid and error log of several instances apart."""
    temp = home / "nginx-tmp"
    temp.mkdir(parents=True, exist_ok=True)
    temps = " ".join(f"{kind}_temp_path {temp};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # Started by root (CI), the workers would drop to `nobody` and could not read a private temp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        user + f"worker_processes {workers}; daemon off; pid {home}/{name}.pid; error_log {home}/{name}-error.log;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n    access_log off;\n    {temps}\n{servers}}}\n"
    )
