"""`gongkai demo` on a port that is already taken says so in Chinese and names the way out, before touching the
database and never with Django's English "Error: That port is already in use."."""

from __future__ import annotations

import re
import socket

from gongkai.cli import main


def test_it_names_another_port_when_the_port_is_busy(capsys):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code = main(["demo", "--addr", f"127.0.0.1:{port}"])
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 1
    assert f"端口 {port} 已被占用" in text
    assert f"gongkai demo --addr 127.0.0.1:{port + 1}" in text
    assert "数据库" not in text  # it stopped before migrating
    assert not re.search(r"[A-Za-z]{4,} (?:is|in|use)", text.replace("gongkai demo --addr", ""))


def test_it_tells_the_default_port_user_to_use_8001(capsys, monkeypatch):
    from gongkai.commands import demo

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        problem = demo.address_problem(f"127.0.0.1:{port}")
    assert problem and f"127.0.0.1:{port + 1}" in problem
    # The default address: 8000 busy -> the README's advice, 127.0.0.1:8001.
    monkeypatch.setattr(demo.socket.socket, "bind", _busy)
    assert "gongkai demo --addr 127.0.0.1:8001" in demo.address_problem("127.0.0.1:8000")


def test_it_rejects_an_address_without_a_port():
    from gongkai.commands import demo

    assert "gongkai demo --addr 127.0.0.1:8001" in demo.address_problem("localhost")


def _busy(self, address):
    import errno

    raise OSError(errno.EADDRINUSE, "Address already in use")
