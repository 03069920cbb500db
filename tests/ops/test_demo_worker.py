"""`gongkai demo` starts one task worker beside the server: a real process that runs what is queued, and stops when
told (the demo stops it with the server)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest

from gongkai.commands import demo

REINDEX = "gongkai.jobs.tasks.portal_reindex"


@pytest.mark.slow
def test_the_demo_worker_runs_a_queued_task(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)  # the demo's own SQLite in its data folder
    manage = [sys.executable, "-m", "gongkai.cli", "manage"]
    subprocess.run([*manage, "migrate", "-v0"], check=True, timeout=120)
    subprocess.run([*manage, "jobs_enqueue", "portal_reindex"], check=True, timeout=60, capture_output=True)
    database = tmp_path / "data" / "gongkai.sqlite3"

    def status() -> str:
        with sqlite3.connect(database, timeout=10) as db:
            query = "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = ?"
            return db.execute(query, [REINDEX]).fetchone()[0]

    assert status() == "READY"
    worker = demo.start_worker()
    try:
        deadline = time.monotonic() + 60
        while status() != "SUCCESSFUL" and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.5)
        assert status() == "SUCCESSFUL"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert worker.returncode is not None
