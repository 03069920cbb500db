import subprocess
import sys

from django.conf import settings
from django.test import Client

from personas import PASSWORD


def test_it_hashes_passwords_with_argon2():
    from gongkai.site import settings as site_settings

    assert site_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    from django.contrib.auth.hashers import Argon2PasswordHasher

    assert Argon2PasswordHasher().encode("x", Argon2PasswordHasher().salt()).startswith("argon2$")


def test_it_locks_a_user_name_out_after_repeated_failures(client, alice):
    for _ in range(settings.GONGKAI_LOGIN_MAX_FAILURES):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert "登录失败次数过多" in response.text
    assert "_auth_user_id" not in client.session


def test_it_logs_in_and_honours_a_safe_next_only(client, alice):
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and not response["Location"].startswith("https://evil")


def test_it_refuses_a_form_without_the_csrf_token(alice, agency):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(f"/staff/{agency.pk}/items/new/", {"title": "x"})
    assert response.status_code == 403


def test_it_ends_idle_sessions():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600 and settings.SESSION_SAVE_EVERY_REQUEST


def test_it_is_clean_under_check_deploy_with_production_settings(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "gongkai.site.settings_production",
        "GONGKAI_DATA_DIR": str(tmp_path),
        "GONGKAI_SECRET_KEY": "k" * 64 + "-deploy-check-only-8#x",
        "GONGKAI_ALLOWED_HOSTS": "gk.example.cn",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_production_without_a_secret_key(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "gongkai.site.settings_production",
        "GONGKAI_DATA_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "GONGKAI_SECRET_KEY" in result.stderr
