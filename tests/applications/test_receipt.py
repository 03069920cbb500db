"""The printable 受理回执: online after submitting and at the counter, DOCX and PDF (LibreOffice); and a new
tracking code mailed to the address on file, from the public page or by a handler."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import docx
import pytest
from django.core import mail as django_mail

from applications.test_online_submission import _post
from gongkai.applications.mail import send_outbox
from gongkai.applications.models import Application, OutboxMail

from .conftest import PERSON


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _submitted(client, agency) -> tuple[Application, str]:
    page = client.get(_post(client, agency).url).content.decode()
    code = re.search(r'<dd id="code">([A-Z0-9]+)</dd>', page).group(1)
    assert 'id="receipt-pdf"' in page and 'id="receipt-docx"' in page
    return Application.objects.get(), code


def test_the_online_receipt_carries_number_code_and_due_date(client, agency):
    application, code = _submitted(client, agency)
    response = client.get("/apply/submitted/receipt.docx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert "政府信息公开申请受理回执" in text and "测试局" in text
    assert application.number in text and code in text and "2026年3月30日前" in text
    assert PERSON["id_number"] not in text and PERSON["phone"] not in text


def test_the_online_receipt_needs_the_submitting_session(client, agency):
    _submitted(client, agency)
    client.cookies.clear()
    assert client.get("/apply/submitted/receipt.docx").status_code == 404


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs LibreOffice")
def test_the_receipt_prints_as_pdf(client, agency, tmp_path):
    application, code = _submitted(client, agency)
    response = client.get("/apply/submitted/receipt.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    (tmp_path / "r.pdf").write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
    assert application.number in text and code in text and "受理回执" in text.replace(" ", "")


def test_the_counter_receipt_is_for_handlers_only(client, submit, alice, bob):
    application, _ = submit(channel="post")
    client.force_login(alice)
    page = client.get(f"/staff/applications/{application.pk}/").content.decode()
    assert 'id="receipt-docx"' in page
    text = _docx_text(client.get(f"/staff/applications/{application.pk}/receipt.docx").content)
    assert application.number in text and "重新发送" in text  # the code is no longer known: how to get a new one
    client.force_login(bob)
    assert client.get(f"/staff/applications/{application.pk}/receipt.docx").status_code == 403


def test_the_public_page_reissues_a_code_only_for_the_address_on_file(client, submit):
    application, old = submit()
    url = "/track/code/"
    wrong = client.post(url, {"number": application.number, "email": "other@example.com"}, follow=True)
    assert "如该申请登记了电子邮箱" in wrong.content.decode()  # the same answer: nothing tells which address is on file
    assert Application.objects.get(pk=application.pk).check_tracking_code(old)
    client.post(url, {"number": application.number, "email": PERSON["email"].upper()})
    assert not Application.objects.get(pk=application.pk).check_tracking_code(old)
    client.post(url, {"number": application.number, "email": PERSON["email"]})  # again at once: not another code
    assert OutboxMail.objects.filter(kind="code").count() == 1
    send_outbox()
    new = next(m for m in django_mail.outbox if "新的查询码" in m.subject).body.split("新的查询码：", 1)[1][:10]
    assert Application.objects.get(pk=application.pk).check_tracking_code(new)


def test_a_handler_resends_the_code(client, submit, alice):
    application, old = submit()
    client.force_login(alice)
    response = client.post(f"/staff/applications/{application.pk}/code/", follow=True)
    assert "已生成新的查询码" in response.content.decode()
    assert OutboxMail.objects.filter(application=application, kind="code").exists()
    assert not Application.objects.get(pk=application.pk).check_tracking_code(old)


def test_a_provisional_due_date_says_so_on_the_receipt(submit, time_machine):
    from gongkai.applications.mail import receipt_text

    time_machine.move_to("2026-12-10 10:00 +08:00", tick=False)
    application, code = submit(received_on=date(2026, 12, 10), channel="post")
    assert application.provisional
    assert "（暂定" in dict(receipt_text(application, code))["答复期限"]
