"""Reply letters as DOCX from editable templates: the article, the remedies for a refusal, locked once sent."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.core.exceptions import ValidationError

from gongkai.applications import letters, services
from gongkai.applications.models import LetterTemplate


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_it_writes_the_article_and_the_remedies_into_a_refusal(submit, alice, client):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    letter = services.application_decide(
        application=application,
        actor=alice,
        on=date(2026, 2, 20),
        outcome="withheld_third_party",
        reason="涉及商业秘密",
    )
    client.force_login(alice)
    response = client.get(f"/staff/letters/{letter.pk}.docx")
    text = _text(response.content)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "第十五条" in text and "涉及商业秘密" in text
    assert "六十日内向测试区人民政府申请行政复议" in text and "六个月内向人民法院提起行政诉讼" in text
    assert "测试局" in text


def test_it_leaves_the_remedies_out_of_a_full_disclosure(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    letter = services.application_decide(application=application, actor=alice, on=date(2026, 2, 20), outcome="granted")
    assert "行政复议" not in letter.body and "第三十六条第（二）项" in letter.body


def test_it_locks_a_letter_once_sent(submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    letter = services.application_decide(
        application=application,
        actor=alice,
        on=date(2026, 2, 20),
        outcome="partially_granted",
        reason="部分涉及个人隐私",
    )
    letters.letter_update(letter=letter, actor=alice, title=letter.title, body=letter.body + "\n\n补充说明。")
    sent = letters.letter_send(letter=letter, actor=alice, on=date(2026, 2, 20))
    with pytest.raises(ValidationError, match="不能再修改"):
        letters.letter_update(letter=sent, actor=alice, title="改", body="改")
    assert "补充说明。" in _text(letters.letter_docx(sent))


def test_it_uses_the_agencys_own_wording(submit, alice, agency):
    LetterTemplate.objects.create(
        agency=agency,
        kind="reply",
        outcome_group="granted",
        body="{{ applicant }}：\n\n本局同意公开，编号{{ number }}。",
    )
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    letter = services.application_decide(application=application, actor=alice, on=date(2026, 2, 20), outcome="granted")
    assert letter.body == f"张三：\n\n本局同意公开，编号{application.number}。"
