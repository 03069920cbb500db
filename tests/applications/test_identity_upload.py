"""Proof of identity is accepted by its content: a disguised or oversize file is refused beside the field."""

from __future__ import annotations

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from applications.conftest import PERSON
from applications.test_online_submission import _challenge
from gongkai.applications.models import Application, IdentityDocument


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


def _post(client, agency, upload):
    token, answer = _challenge(client.get(f"/apply/{agency.pk}/").content.decode())
    data = {**PERSON, "challenge_token": token, "challenge": answer, "identity_document": upload}
    return client.post(f"/apply/{agency.pk}/", data)


def test_it_keeps_a_real_image(client, agency, alice):
    assert _post(client, agency, SimpleUploadedFile("id.png", _png(), "image/png")).status_code == 302
    document = IdentityDocument.objects.get()
    assert document.kind == "png" and "id" not in document.file.name.rsplit("/", 1)[-1]
    client.force_login(alice)
    assert client.get(f"/staff/identity/{document.pk}/").status_code == 200


def test_it_refuses_a_program_named_like_a_pdf(client, agency):
    response = _post(client, agency, SimpleUploadedFile("id.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf"))
    assert re.search(r'id="field-identity_document".*?按文件内容识别', response.content.decode(), re.S)
    assert not Application.objects.exists()


def test_it_refuses_an_oversize_file(client, agency, settings):
    settings.GONGKAI_IDENTITY_MAX_MB = 1
    big = _png() + b"\x00" * (1024 * 1024)
    response = _post(client, agency, SimpleUploadedFile("id.png", big, "image/png"))
    assert "文件过大" in response.content.decode()
