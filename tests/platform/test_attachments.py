import io

import docx
import pytest
from django.core.exceptions import ValidationError
from helpers_platform import pdf_with_text

from gongkai.publishing import services
from gongkai.publishing.models import Attachment, Status

MB = 1024 * 1024


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_it_accepts_a_pdf_recognised_by_its_content(make_item, alice):
    attachment = services.attachment_add(
        item=make_item(), actor=alice, name="通知.bin", data=pdf_with_text("Notice 2026"), max_bytes=MB
    )
    assert (attachment.kind, attachment.name) == ("pdf", "通知.bin")
    assert "Notice 2026" in attachment.text


def test_it_refuses_a_program_renamed_to_pdf(make_item, alice):
    with pytest.raises(ValidationError, match="按文件内容识别"):
        services.attachment_add(
            item=make_item(), actor=alice, name="通知.pdf", data=b"MZ\x90\x00" + b"\0" * 100, max_bytes=MB
        )
    assert not Attachment.objects.exists()


def test_it_refuses_a_file_over_the_limit(make_item, alice):
    with pytest.raises(ValidationError, match="文件过大"):
        services.attachment_add(item=make_item(), actor=alice, name="a.pdf", data=pdf_with_text("x"), max_bytes=10)


def test_it_scans_the_text_of_attachments(make_item, alice):
    item = make_item()
    services.attachment_add(
        item=item, actor=alice, name="名单.docx", data=_docx("身份证号 11010519491231002X"), max_bytes=MB
    )
    assert services.item_submit(item=item, actor=alice).status == Status.HELD


def test_it_offers_public_attachments_only_when_the_item_is_public(client, make_item, alice):
    item = make_item()
    attachment = services.attachment_add(item=item, actor=alice, name="a.pdf", data=pdf_with_text("x"), max_bytes=MB)
    assert client.get(f"/gk/attachment/{attachment.pk}/").status_code == 404


def test_it_uploads_through_the_page(client, make_item, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = make_item()
    client.force_login(alice)
    client.post(f"/staff/items/{item.pk}/attachments/", {"file": SimpleUploadedFile("x.png", b"not really a png")})
    assert not Attachment.objects.exists()
    client.post(f"/staff/items/{item.pk}/attachments/", {"file": SimpleUploadedFile("x.pdf", pdf_with_text("ok"))})
    assert Attachment.objects.get().kind == "pdf"
