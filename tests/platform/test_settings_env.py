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
