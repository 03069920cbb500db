import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.site.env import env_bool, env_int


def test_it_reads_typed_values(monkeypatch):
    monkeypatch.setenv("GK_FLAG", "yes")
    monkeypatch.setenv("GK_N", "7")
    assert env_bool("GK_FLAG", False) is True and env_int("GK_N", 1) == 7


def test_it_fails_loudly_on_a_bad_value(monkeypatch):
    monkeypatch.setenv("GK_FLAG", "maybe")
    monkeypatch.setenv("GK_N", "seven")
    with pytest.raises(ImproperlyConfigured, match="GK_FLAG"):
        env_bool("GK_FLAG", False)
    with pytest.raises(ImproperlyConfigured, match="GK_N"):
        env_int("GK_N", 1)


def test_it_uses_wal_on_sqlite(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def test_the_application_and_page_settings_come_from_the_environment(tmp_path):
    """Settings are read once at start-up: load them in a fresh interpreter with the variables set."""
    import json
    import os
    import subprocess
    import sys

    given = {"GONGKAI_APPLY_PER_HOUR": "3", "GONGKAI_IDENTITY_MAX_MB": "2", "GONGKAI_CHALLENGE_MAX_AGE": "600",
             "GONGKAI_FEE_WAIT_EXCLUDED": "false", "GONGKAI_PAGE_FILES_DIR": "off",
             "GONGKAI_PAGE_FILE_VISITS": "3"}  # fmt: skip
    env = dict(os.environ, GONGKAI_DATA_DIR=str(tmp_path), **given)
    names = list(given)
    code = f"import json, gongkai.site.settings as s; print(json.dumps([getattr(s, n) for n in {names!r}]))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [3, 2, 600, False, "", 3]
    env.pop("GONGKAI_PAGE_FILES_DIR")
    env.pop("GONGKAI_PAGE_FILE_VISITS")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out)[-2:] == [str(tmp_path.resolve() / "pages"), 2]  # a page's file from its second visit


@pytest.mark.parametrize(
    ("url_options", "prepare", "expected"),
    [
        ("", "1", [5, "-c plan_cache_mode=force_generic_plan -c jit=off"]),
        (
            "?options=-c%20search_path%3Dgk",
            "1",
            [5, "-c search_path=gk -c plan_cache_mode=force_generic_plan -c jit=off"],
        ),
        ("", "0", [None, "-c plan_cache_mode=force_generic_plan -c jit=off"]),
    ],
)
def test_postgresql_prepares_hot_statements_and_keeps_the_urls_options(tmp_path, url_options, prepare, expected):
    """gongkai.common.db.prepared_cursor needs psycopg's prepare_threshold and generic plans; server options given in
    DATABASE_URL stay; GONGKAI_DB_PREPARE=0 turns preparing off for a pooler that cannot keep prepared statements."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, GONGKAI_DATA_DIR=str(tmp_path), GONGKAI_DB_PREPARE=prepare,
               DATABASE_URL=f"postgres://gk@127.0.0.1:5/gk{url_options}")  # fmt: skip
    code = (
        "import json, gongkai.site.settings as s; o = s.DATABASES['default']['OPTIONS'];"
        " print(json.dumps([o['prepare_threshold'], o['options']]))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == expected
