"""The publication gate holds in the service, whoever calls it: not before 1 January of the next year, no placeholder,
no empty title, contact block or section, no error, and every warning kept only with a reason stored with the
version. Each refusal says in Chinese what to fix."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.report.rules import Finding, Severity
from gongkai.reporting import gate, services
from gongkai.reporting.models import ReportDraft, ReportVersion
from personas import TZ
from reporting.helpers import finish, publish


def _refusal(draft, actor, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        publish(draft, actor, **kwargs)
    assert not ReportVersion.objects.filter(agency=draft.agency, year=draft.year).exists()
    return "；".join(caught.value.messages)


@pytest.fixture
def finished(demo, erin):
    draft = services.draft_start(agency=demo["invented"], year=2025, actor=erin)
    finish(draft, erin)
    return draft


def test_it_refuses_on_31_december_and_publishes_on_1_january(finished, lena, time_machine):
    time_machine.move_to(datetime(2025, 12, 31, 23, 59, tzinfo=TZ), tick=False)
    message = _refusal(finished, lena)
    assert "最早于2026年1月1日公布" in message and "2025年12月31日" in message
    time_machine.move_to(datetime(2026, 1, 1, 0, 1, tzinfo=TZ), tick=False)
    version = publish(finished, lena)
    assert version.published_on.isoformat() == "2026-01-01"


def test_it_refuses_the_drafted_text_with_its_placeholders(demo, erin, lena):
    draft = services.draft_start(agency=demo["invented"], year=2025, actor=erin)
    message = _refusal(draft, lena)
    assert message.count("待补充的内容") >= 4 and "（请补充）" in message


def test_it_refuses_an_empty_title_contact_block_or_section(finished, erin, lena):
    services.draft_update(
        draft=finished,
        actor=erin,
        title="",
        preamble="本年度报告中所列数据的统计期限自2025年1月1日起。",
        bodies={"5": ""},
    )
    message = _refusal(finished, lena)
    assert "请填写标题" in message
    assert "引言中缺少联系方式" in message
    assert "第五部分“存在的主要问题及改进情况”还没有正文" in message


def test_it_refuses_while_a_rule_finds_an_error(finished):
    publication = services.publication_prepare(agency=finished.agency, year=2025)
    error = Finding("Y1", Severity.ERROR, "本年“上年结转”为 4，上年报告“结转下年度继续办理”为 5。")
    blockers = gate.publication_blockers(
        report=publication.report, findings=[error], on=publication.on, acknowledgements={}
    )
    assert [(b.code, b.message) for b in blockers] == [("error", f"请先更正错误 Y1：{error.message}")]
    assert gate.publication_blockers(report=publication.report, findings=[], on=publication.on) == []


def test_a_warning_needs_a_reason_which_is_kept_with_the_version(finished, erin, lena):
    body = finished.sections["1"].split("\n", 1)[1]
    # The narrative now says 99 applications; table B says otherwise (T1, a warning).
    services.draft_update(
        draft=finished,
        actor=erin,
        preamble=finished.preamble,
        bodies={"1": body + "\n另，2025年共收到政府信息公开申请99件。"},
    )
    publication = services.publication_prepare(agency=finished.agency, year=2025)
    t1 = [f for f in publication.current.findings if f.rule == "T1"]
    assert t1
    with pytest.raises(ValidationError) as caught:
        services.report_publish(draft=finished, actor=lena, confirmed=True, acknowledgements={})
    assert "警告 T1" in "".join(caught.value.messages) and "写明保留的理由" in "".join(caught.value.messages)
    reasons = {gate.warning_key(f): "ok" for f in publication.current.findings if f.severity == "warning"}
    with pytest.raises(ValidationError):  # "ok" is not a reason
        services.report_publish(draft=finished, actor=lena, confirmed=True, acknowledgements=reasons)
    reasons = {key: "含向上级转办的申请，与表格口径不同。" for key in reasons}
    version = services.report_publish(draft=finished, actor=lena, confirmed=True, acknowledgements=reasons)
    kept = {a["rule"]: a["reason"] for a in ReportVersion.objects.get(pk=version.pk).acknowledgements}
    assert kept["T1"] == "含向上级转办的申请，与表格口径不同。"


def test_only_the_signing_role_confirms_and_only_when_confirmed(finished, erin, lena, settings):
    assert "分管领导" in _refusal(finished, erin)  # the admin does not sign by default
    with pytest.raises(ValidationError) as caught:
        services.report_publish(draft=finished, actor=lena, confirmed=False)
    assert "预览" in caught.value.messages[0]
    settings.GONGKAI_REPORT_SIGNING_ROLE = "agency_admin"
    assert "机关管理员" in _refusal(finished, lena)
    assert publish(finished, erin).number == 1


def test_publishing_from_an_old_copy_freezes_and_keeps_the_newest_text(finished, erin, lena):
    stale = ReportDraft.objects.get(pk=finished.pk)
    services.draft_update(draft=finished, actor=erin, preamble=finished.preamble, bodies={"5": "新的改进措施。"})
    version = publish(stale, lena)
    assert version.report().sections["5"].endswith("新的改进措施。")
    assert ReportDraft.objects.get(pk=finished.pk).sections["5"].endswith("新的改进措施。")
