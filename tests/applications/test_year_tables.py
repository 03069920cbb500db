"""A year with every outcome, carry-overs in and out, and appeals: tables B and C keep B1 B2 B3 C1; the CSV agrees."""

from __future__ import annotations

import csv
import io
from datetime import date

from gongkai.applications import letters, selectors, services
from gongkai.applications.models import Application
from gongkai.cli import main
from gongkai.report.format import APPLICANT_COLUMN_KEYS, RESULT_ROW_KEYS_2021
from gongkai.report.rules import check_report
from personas import credit_code

TYPES = list(APPLICANT_COLUMN_KEYS)


def _org(kind: str) -> dict:
    if kind == "natural_person":
        return {"applicant_type": kind}
    return {
        "applicant_type": kind,
        "id_type": "",
        "id_number": "",
        "credit_code": credit_code("91370300MA3C00000"),
        # The code says enterprise; the other columns are chosen here on purpose, so say why.
        "applicant_type_reason": "" if kind == "commercial_enterprise" else "测试：登记类别与申请人类型不同",
        "contact_person": "李四",
    }


def _year(submit, alice):
    made = []
    # Carried in: received in 2024 and 2025, open on 31 December 2025; one decided in 2025 (not carried).
    for received, kind in ((date(2024, 12, 20), "natural_person"), (date(2025, 12, 24), "commercial_enterprise")):
        made.append(submit(received_on=received, channel="post", **_org(kind))[0])
    decided_2025, _ = submit(received_on=date(2025, 11, 3), channel="post")
    services.application_decide(application=decided_2025, actor=alice, on=date(2025, 11, 20), outcome="granted")
    # 2026: every decidable outcome once, applicant types in turn.
    decidable = [key for key in RESULT_ROW_KEYS_2021 if key not in ("other_no_correction", "other_unpaid_fee")]
    for index, outcome in enumerate(decidable):
        application, _ = submit(received_on=date(2026, 1, 5), channel="in_person", **_org(TYPES[index % 6]))
        if outcome == "unavailable_unclear":  # （四）3 only after a correction was asked for and answered (第30条)
            services.application_request_correction(
                application=application, actor=alice, on=date(2026, 1, 6), reply_by=date(2026, 1, 13), what="说明"
            )
            services.application_record_correction(application=application, actor=alice, on=date(2026, 1, 8))
        if outcome == "not_processed_excessive":  # （五）4 only after the reasons were asked for (第35条)
            services.application_request_reasons(
                application=application, actor=alice, on=date(2026, 1, 6), reply_by=date(2026, 1, 13)
            )
        details = {
            "not_processed_repeated": {"earlier": made[0].number},
            "withheld_admin_query": {"channel": "登记机关"},
        }
        services.application_decide(
            application=application,
            actor=alice,
            on=date(2026, 1, 20),
            outcome=outcome,
            reason="理由",
            details=details.get(outcome),
        )
    # The two carried-in ones are answered in 2026.
    for application in made:
        services.application_decide(application=application, actor=alice, on=date(2026, 1, 6), outcome="granted")
    # Lapses: correction (（六）1) and unpaid fee (（六）2).
    lapsed, _ = submit(received_on=date(2026, 1, 5), channel="post")
    services.application_request_correction(
        application=lapsed, actor=alice, on=date(2026, 1, 7), reply_by=date(2026, 1, 21), what="请说明文件名称"
    )
    services.application_lapse_correction(application=lapsed, actor=alice, on=date(2026, 1, 22))
    unpaid, _ = submit(received_on=date(2026, 1, 5), channel="post", **_org("research_institution"))
    notice = services.application_send_fee_notice(application=unpaid, actor=alice, on=date(2026, 1, 8), pages=120)
    letters.letter_send(letter=notice, actor=alice, on=date(2026, 1, 8), method="email")
    services.application_lapse_fee(application=unpaid, actor=alice, on=date(2026, 2, 12))
    # Carried out: still open at the end (received 2026, undecided).
    submit(received_on=date(2026, 2, 27), channel="post", **_org("legal_service_org"))
    # Appeals: one reconsideration closed (corrected), one lawsuit pending, one from 2025 closed in 2026, and one
    # closed in 2025 (not counted in 2026).
    first = Application.objects.filter(outcome="withheld_third_party").get()
    services.appeal_register(application=first, actor=alice, kind="reconsideration", filed_on=date(2026, 1, 25))
    appeal = first.appeals.get()
    services.appeal_decide(appeal=appeal, actor=alice, result="corrected", closed_on=date(2026, 2, 20))
    services.appeal_register(
        application=first, actor=alice, kind="litigation_after_reconsideration", filed_on=date(2026, 2, 25)
    )
    old = services.appeal_register(
        application=decided_2025, actor=alice, kind="litigation_direct", filed_on=date(2025, 12, 1)
    )
    services.appeal_decide(appeal=old, actor=alice, result="upheld", closed_on=date(2026, 2, 2))
    gone = services.appeal_register(
        application=decided_2025, actor=alice, kind="reconsideration", filed_on=date(2025, 11, 25)
    )
    services.appeal_decide(appeal=gone, actor=alice, result="upheld", closed_on=date(2025, 12, 20))


def test_it_keeps_the_rules_and_matches_the_export(submit, agency, alice, django_assert_max_num_queries, capsys):
    _year(submit, alice)
    with django_assert_max_num_queries(2):
        b = selectors.table_b_counts(agency=agency, year=2026)
        c = selectors.table_c_counts(agency=agency, year=2026)
    assert b["carried_over"]["total"] == 2
    assert b["new_received"]["total"] == len(RESULT_ROW_KEYS_2021) - 2 + 3
    assert b["carried_forward"]["total"] == 1
    assert all(b[row]["total"] >= 1 for row in RESULT_ROW_KEYS_2021)
    assert b["other_unpaid_fee"]["research_institution"] == 1
    assert c["reconsideration"] == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert c["litigation_after_reconsideration"]["pending"] == 1
    assert c["litigation_direct"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}

    report = selectors.report_tables(agency=agency, year=2026)
    findings = [f for f in check_report(report) if f.rule in ("B1", "B2", "B3", "C1")]
    assert findings == []
    previous = selectors.report_tables(agency=agency, year=2025)
    assert previous.get("table_b.carried_forward.total") == report.get("table_b.carried_over.total") == 2
    assert previous.get("table_c.litigation_direct.pending") == 1  # open on 31 December 2025

    assert main(["export", "applications", "--agency", str(agency.pk), "--year", "2026", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == b["new_received"]["total"] + b["carried_over"]["total"]
    assert sum(r["carried_over"] == "yes" for r in rows) == b["carried_over"]["total"]
    assert sum(r["carried_forward"] == "yes" for r in rows) == b["carried_forward"]["total"]
    for row in RESULT_ROW_KEYS_2021:
        assert sum(r["outcome"] == row for r in rows) == b[row]["total"], row
    for column in TYPES:
        assert sum(r["applicant_type"] == column for r in rows) == (
            b["new_received"][column] + b["carried_over"][column]
        )


def test_it_counts_fees_paid_in_the_year(submit, agency, alice):
    application, _ = submit(received_on=date(2026, 1, 5), channel="post")
    services.application_send_fee_notice(application=application, actor=alice, on=date(2026, 1, 6), pages=40)
    services.application_record_payment(application=application, actor=alice, on=date(2026, 1, 9))
    assert selectors.fees_charged(agency=agency, year=2026) == {"count": 1, "amount_yuan": 100}
