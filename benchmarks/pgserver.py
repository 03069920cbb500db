"""A PostgreSQL server for the benchmarks, started from the machine's own binaries (as .ci/run does for the tests).

    with pgserver.running(Path("/tmp/gongkai-bench-pg"), "portal") as url:
        ...  # url is postgres://gongkai@127.0.0.1:<port>/portal

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
def running(home: Path, database: str = "gongkai", *, fresh: bool = False) -> Iterator[str]:
    """Start (initialising on first use) the server whose data lives in `home`/data; yield the URL of `database`
    (created on first use, or dropped and created again if `fresh`; one server holds each benchmark's database);
    stop the server."""
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
    pid_file = data / "postmaster.pid"
    # A server already running on this folder (another benchmark's, started by this same function) is shared and
    # left running; otherwise it is started here and stopped at the end.
    status = _as_server_user([str(pg / "pg_ctl"), "-D", str(data), "status"])
    started = not (pid_file.exists() and subprocess.run(status, stdout=subprocess.DEVNULL).returncode == 0)
    if started:
        port = _free_port()
        subprocess.run(
            _as_server_user([str(pg / "pg_ctl"), "-D", str(data), "-l", str(home / "server.log"), "-w",
                             "-o", f"-p {port} -k {home} {SERVER_OPTIONS}", "start"]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    else:
        port = int(pid_file.read_text().splitlines()[3])
    try:
        if fresh:
            subprocess.run([str(pg / "dropdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "gongkai", "--if-exists",
                            database], check=True)  # fmt: skip
        exists = subprocess.run(
            [str(pg / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "gongkai", "-d", "postgres", "-tAc",
             f"SELECT 1 FROM pg_database WHERE datname = '{database}'"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        if not exists:
            subprocess.run(
                [str(pg / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "gongkai", database], check=True
            )
        yield f"postgres://gongkai@127.0.0.1:{port}/{database}"
    finally:
        if started:
            subprocess.run(
                _as_server_user([str(pg / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
                check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip


@contextlib.contextmanager
def bulk_loading(connection, tables: list[str]) -> Iterator[None]:
    """Load `tables` fast: foreign-key triggers off for the session and the tables' secondary indexes (those that
    back no constraint) dropped, then built again once the rows are in, and the tables vacuumed and analysed (as
    autovacuum would soon do on a live site: without the visibility map, a count read off an index visits the
    table). `connection` is a psycopg connection of a superuser (the benchmark server's only role)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) AND NOT EXISTS"
            " (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET session_replication_role = replica")
    connection.commit()
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")
        for _, definition in indexes:
            cursor.execute(definition)
    connection.commit()
    autocommit, connection.autocommit = connection.autocommit, True
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    connection.autocommit = autocommit
