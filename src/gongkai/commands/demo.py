"""`gongkai demo`: the platform on the seed agency's data, on SQLite in the data folder, at http://127.0.0.1:8000.

Migrates the database, loads the demo (safe to run twice), prints the demo users' passwords the first time, and
starts the server. `gongkai demo --render-only [-o DIR]` keeps the earlier demo: validate the seed agency's 2022
report and render it as DOCX, HTML, XLSX and JSON into ./out/.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
from pathlib import Path

from gongkai.commands.report import render_to, summary_lines
from gongkai.demo import seed_report_path
from gongkai.report.model import load_report
from gongkai.report.rules import check_report


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="演示：以示例机关的数据运行平台（http://127.0.0.1:8000）")
    parser.add_argument("--render-only", action="store_true", help="只校验并生成示例机关的2022年度报告文件")
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("out"), metavar="DIR", help="--render-only 的输出文件夹（默认 ./out）"
    )
    parser.add_argument("--no-serve", action="store_true", help="只准备数据库和演示数据，不启动网站")
    parser.add_argument("--reset-passwords", action="store_true", help="为演示用户重新生成密码")
    parser.add_argument("--addr", default="127.0.0.1:8000", help="网站地址（默认 127.0.0.1:8000）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.render_only:
        return render_seed_report(args.output)
    if not args.no_serve and (problem := address_problem(args.addr)):
        print(problem)
        return 1
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    print(f"数据库：{settings.DATABASES['default']['NAME']}")
    call_command("migrate", interactive=False, verbosity=0)
    from gongkai.site.demo_data import demo_load

    accounts = demo_load(reset_passwords=args.reset_passwords)
    print("演示用户（密码只在创建时显示一次，请记下）：")
    for username, role, password in accounts:
        print(f"  {username:<14} {role:<22} {password or '（已存在，密码不变；用 --reset-passwords 重设）'}")
    if args.no_serve:
        return 0
    print(f"\n公开页面：http://{args.addr}/    工作人员登录：http://{args.addr}/accounts/login/")
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        print(f"发给申请人的邮件：未设置邮件服务器，写入文件夹 {settings.EMAIL_FILE_PATH}")
    worker = start_worker()
    try:
        call_command("runserver", args.addr, use_reloader=False, insecure_serving=True)
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    return 0


def address_problem(addr: str) -> str | None:
    """Why the demo cannot serve at `addr` (HOST:PORT or PORT), in Chinese, or None when it can. Checked before the
    database work so that a busy port never ends in Django's English error message."""
    host, _, port_text = addr.rpartition(":")
    host = (host or "127.0.0.1").strip("[]")
    if not (port_text.isascii() and port_text.isdigit()) or not 0 < int(port_text) < 65536:
        return f"网站地址“{addr}”不正确：应为“主机:端口”，例如 gongkai demo --addr 127.0.0.1:8001"
    port = int(port_text)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as runserver does: TIME_WAIT is not busy
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"端口 {port} 已被占用（可能已有一个演示网站或其他程序在运行）。\n"
                    f"请关闭占用该端口的程序，或换一个端口：gongkai demo --addr {host}:{port + 1}"
                )
            if exc.errno == errno.EACCES:
                return f"没有权限使用端口 {port}。请换一个端口：gongkai demo --addr {host}:8001"
            return f"无法在 {host}:{port} 启动网站（{exc.strerror}）。请换一个地址：gongkai demo --addr 127.0.0.1:8001"
    return None


def start_worker():
    """One task worker beside the server (PDFs, reminders, reindexing: docs/scale.md), stopped with it."""
    import subprocess
    import sys

    print("后台任务：已启动一个任务进程（gongkai manage jobs_worker）")
    return subprocess.Popen([sys.executable, "-m", "gongkai.cli", "manage", "jobs_worker"])


def render_seed_report(output: Path) -> int:
    report = load_report(seed_report_path())
    findings = check_report(report)
    print("\n".join(summary_lines(report, findings)))
    print()
    stem = f"{report.year}-annual-report"
    for to in ("docx", "html", "xlsx", "json"):
        path = render_to(report, to, output / f"{stem}.{to}")
        print(f"已生成 {to.upper():<5} {path.resolve()}")
    return 0
