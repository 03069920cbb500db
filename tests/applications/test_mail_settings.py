"""E-mail settings come from the environment: SMTP when a host is given, otherwise mail files under the data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _settings(tmp_path, **given) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_EMAIL") and k != "GONGKAI_MAIL_DIR"}
    env |= {"GONGKAI_DATA_DIR": str(tmp_path), **given}
    script = (
        "import json; from gongkai.site import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_USE_TLS', "
        "'EMAIL_HOST_USER', 'DEFAULT_FROM_EMAIL', 'EMAIL_FILE_PATH')}))"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_without_a_mail_server_mails_are_written_to_data_mail(tmp_path):
    found = _settings(tmp_path)
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert found["EMAIL_FILE_PATH"] == str(tmp_path / "mail")


def test_an_smtp_server_from_the_environment(tmp_path):
    found = _settings(
        tmp_path,
        GONGKAI_EMAIL_HOST="smtp.example.gov.cn",
        GONGKAI_EMAIL_PORT="587",
        GONGKAI_EMAIL_USE_TLS="true",
        GONGKAI_EMAIL_USER="gk",
        GONGKAI_EMAIL_FROM="gongkai@example.gov.cn",
    )
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_TLS"]) == ("smtp.example.gov.cn", 587, True)
    assert found["EMAIL_HOST_USER"] == "gk" and found["DEFAULT_FROM_EMAIL"] == "gongkai@example.gov.cn"
