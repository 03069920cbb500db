"""Letters address a person as 您 and an organisation as 贵单位, never nest a table label in quotes, never say
"相关规定的规定", state what some outcomes must (the earlier application, the competent agency, the channel), and are
dated on the day they are sent, never before."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.core.exceptions import ValidationError

from gongkai.applications import letters, services
from personas import credit_code


def _reply(submit, alice, outcome, details=None, **fields):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post", **fields)
    return services.application_decide(
        application=application, actor=alice, on=date(2026, 2, 20), outcome=outcome, reason="理由", details=details
    )


def test_it_says_you_to_a_person_and_your_organisation_to_an_organisation(submit, alice):
    person = _reply(submit, alice, "withheld_state_secret")
    assert "您" in person.body and "贵单位" not in person.body and "（单位）" not in person.body
    organisation = _reply(
        submit,
        alice,
        "withheld_state_secret",
        applicant_type="commercial_enterprise",
        id_type="",
        id_number="",
        credit_code=credit_code("91370300MA3C00000"),
        contact_person="李四",
    )
    assert "贵单位" in organisation.body and "您" not in organisation.body


def test_it_never_quotes_a_table_label_nor_doubles_the_word_provisions(submit, alice):
    three = _reply(submit, alice, "withheld_three_safeties")
    assert "属于危及国家安全、公共安全、经济安全和社会稳定的情形" in three.body
    assert "“" not in three.body.split("内容为：")[1].split("”", 1)[1]
    other = _reply(submit, alice, "other_other")
    assert "相关规定的规定" not in other.body


def test_it_states_the_earlier_application_and_the_channel(submit, alice):
    earlier, _ = submit(received_on=date(2026, 1, 5), channel="post")
    repeated = _reply(submit, alice, "not_processed_repeated", {"earlier": earlier.number})
    assert f"申请编号：{earlier.number}" in repeated.body
    query = _reply(submit, alice, "withheld_admin_query", {"channel": "依照不动产登记条例向登记机构申请查询"})
    assert "可以依照不动产登记条例向登记机构申请查询" in query.body
    with pytest.raises(ValidationError, match="第36条第（七）项"):
        _reply(submit, alice, "withheld_admin_query")


def test_it_is_dated_the_day_it_is_sent_never_before(submit, alice):
    letter = _reply(submit, alice, "granted")
    draft = "\n".join(p.text for p in docx.Document(io.BytesIO(letters.letter_docx(letter))).paragraphs)
    assert "年  月  日" in draft and "2026年2月20日\n" not in draft  # a draft carries no date yet
    with pytest.raises(ValidationError, match="发出日期不能早于2026年2月20日"):
        letters.letter_send(letter=letter, actor=alice, on=date(2026, 2, 19))
    sent = letters.letter_send(letter=letter, actor=alice, on=date(2026, 2, 23))
    assert sent.sent_on == date(2026, 2, 23)
