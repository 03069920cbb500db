"""A malformed time for the daily reminders stops start-up with a message naming the variable, rather than the
worker failing at the first schedule check."""

from __future__ import annotations

import os
import subprocess
import sys


def test_a_bad_reminder_time_stops_start_up():
    env = {**os.environ, "GONGKAI_REMIND_AT": "8am"}
    done = subprocess.run(
        [sys.executable, "-c", "import gongkai.site.settings"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0 and "GONGKAI_REMIND_AT" in done.stderr
    env["GONGKAI_REMIND_AT"] = "07:30"
    done = subprocess.run(
        [sys.executable, "-c", "import gongkai.site.settings as s; print(s.GONGKAI_REMIND_AT)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.strip() == "07:30"
