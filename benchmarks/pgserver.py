"""A PostgreSQL server for the benchmarks, started from the machine's own binaries (as .ci/run does for the tests).

    with pgserver.running(Path("/tmp/gongkai-bench-pg")) as url:
        ...  # url is postgres://gongkai@127.0.0.1:<port>/gongkai

The data folder is kept between runs (generating a million rows is the slow part), so a second run only starts the
server. `available()` says whether the binaries are there; benchmarks print that PostgreSQL was skipped when not.
PostgreSQL refuses to run as root: as root, the server runs as the `postgres` account the Debian package created."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

# Settings for a benchmark on one shared machine: durability off (the data can be generated again), memory sized for
# a 1M-10M row working set, and parallel query off so that one request does not take both cores from wrk's others.
SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    " -c shared_buffers=1GB -c effective_cache_size=8GB -c work_mem=32MB -c maintenance_work_mem=1GB"
    " -c max_connections=200 -c max_parallel_workers_per_gather=0 -c max_wal_size=8GB"
)


def bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return Path(found[-1]) if found and Path(found[-1], "initdb").exists() else None


def available() -> bool:
    return bin_dir() is not None


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(home: Path) -> Iterator[str]:
    """Start (initialising on first use) the server whose data lives in `home`/data; yield its URL; stop it."""
    pg = bin_dir()
    if pg is None:
        raise RuntimeError("no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)")
    data = home / "data"
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(home, "postgres")
        subprocess.run(
            _as_server_user([str(pg / "initdb"), "-D", str(data), "-U", "gongkai", "--auth=trust", "-E", "UTF8",
                             "--locale=C.UTF-8"]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    port = _free_port()
    subprocess.run(
        _as_server_user([str(pg / "pg_ctl"), "-D", str(data), "-l", str(home / "server.log"), "-w",
                         "-o", f"-p {port} -k {home} {SERVER_OPTIONS}", "start"]),
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        exists = subprocess.run(
            [str(pg / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "gongkai", "-d", "postgres", "-tAc",
             "SELECT 1 FROM pg_database WHERE datname = 'gongkai'"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        if not exists:
            subprocess.run(
                [str(pg / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "gongkai", "gongkai"], check=True
            )
        yield f"postgres://gongkai@127.0.0.1:{port}/gongkai"
    finally:
        subprocess.run(
            _as_server_user([str(pg / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
