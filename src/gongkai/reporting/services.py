"""Writes for annual reports: save the draft's text, publish (freeze a version), attach the PDF, import a report of
an agency not on the platform. Keyword-only, atomic, `full_clean` before saving; every status change writes a
`ReportEvent` (and an audit entry) in the same transaction."""

from __future__ import annotations

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Region
from gongkai.agencies.services import audit_record
from gongkai.portal import versions as portal_versions
from gongkai.report.render.docx import render_docx
from gongkai.report.render.html import render_html
from gongkai.report.render.pdf import docx_to_pdf
from gongkai.report.render.xlsx import render_xlsx
from gongkai.report.rules import check_report
from gongkai.reporting import drafting, selectors
from gongkai.reporting.charts import report_charts
from gongkai.reporting.models import TRANSITIONS, ImportedReport, ReportDraft, ReportEvent, ReportStatus, ReportVersion

SECTION_KEYS = ("1", "2", "3", "4", "5", "6")


def _move(draft: ReportDraft, *, actor, to: str, action: str, note: str = "") -> None:
    """The only place a draft's status changes: check the transition, write the event row, then save."""
    if to not in TRANSITIONS[draft.status]:
        raise ValidationError(f"年度报告不能从“{ReportStatus(draft.status).label}”变为“{ReportStatus(to).label}”")
    ReportEvent.objects.create(
        draft=draft, actor=actor, action=action, from_status=draft.status, to_status=to, note=note
    )
    draft.status = to
    draft.full_clean()
    draft.save()


@transaction.atomic
def draft_start(*, agency: Agency, year: int, actor=None) -> ReportDraft:
    """The draft for the agency-year, created with text drafted from the records the first time it is opened."""
    existing = ReportDraft.objects.filter(agency=agency, year=year).first()
    if existing is not None:
        return existing
    current = selectors.report_current(agency=agency, year=year)
    draft = ReportDraft(
        agency=agency,
        year=year,
        title=current.report.title,
        preamble=current.report.preamble,
        sections=drafting.official_sections(current.report.sections),
        updated_by=actor,
    )
    draft.full_clean()
    draft.save()
    ReportEvent.objects.create(draft=draft, actor=actor, action="start", to_status=draft.status, note="由记录生成初稿")
    return draft


@transaction.atomic
def draft_update(*, draft: ReportDraft, actor, preamble: str, title: str = "", bodies: dict[str, str]) -> ReportDraft:
    """Save the text staff wrote. Each section keeps its heading line; `bodies` holds what follows it."""
    before = {"preamble": draft.preamble, "sections": dict(draft.sections)}
    sections = dict(draft.sections)
    for key, body in bodies.items():
        if key not in SECTION_KEYS:
            raise ValidationError(f"没有第{key}部分")
        heading = drafting.heading(key)
        text = "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").strip("\n").split("\n"))
        sections[key] = heading + ("\n" + text if text.strip() else "")
    draft.sections, draft.preamble, draft.title = sections, preamble.strip(), title.strip()
    draft.updated_by = actor
    draft.full_clean()
    draft.save()
    audit_record(
        actor=actor,
        agency=draft.agency,
        action="report_edit",
        obj=draft,
        before=before,
        after={"preamble": draft.preamble, "sections": draft.sections},
    )
    return draft


@transaction.atomic
def report_publish(*, draft: ReportDraft, actor, on: date | None = None, note: str = "") -> ReportVersion:
    """Freeze the report as it stands into the next version (JSON, DOCX, HTML, XLSX) and show it on the portal.
    Refused while a rule finds an error; a correction (version 2 or later) must say what it corrects."""
    on = on or timezone.localdate()
    agency = ReportDraft.objects.select_for_update().get(pk=draft.pk).agency
    current = selectors.report_current(agency=agency, year=draft.year, published_on=on)
    if current.errors:
        raise ValidationError("报告有错误，不能公布：" + "；".join(f"{f.rule} {f.message}" for f in current.errors))
    number = ReportVersion.objects.filter(agency=agency, year=draft.year).count() + 1
    if number > 1 and not note.strip():
        raise ValidationError({"note": "更正已公布的报告，请说明更正的内容和原因"})
    charts = report_charts(current.report, current.facts, current.previous, current.previous_facts)
    version = ReportVersion(
        draft=draft,
        agency=agency,
        year=draft.year,
        number=number,
        published_on=on,
        published_by=actor,
        note=note.strip(),
        report_json=current.report.to_json(),
        findings_json=json.dumps([f.to_dict() for f in current.findings], ensure_ascii=False, default=str),
        docx=render_docx(current.report, charts=charts),
        html=render_html(current.report, charts=charts),
        xlsx=render_xlsx(current.report),
    )
    version.full_clean()
    version.save()
    _move(draft, actor=actor, to=ReportStatus.PUBLISHED, action="publish" if number == 1 else "correct", note=note)
    audit_record(actor=actor, agency=agency, action="report_publish", obj=version, after={"number": number})
    # The portal's 年报 column is on the agency home: retire its cached copies in this transaction.
    portal_versions.bump({"site", f"agency:{agency.pk}"})
    return version


def version_pdf(*, version: ReportVersion) -> bytes:
    """The version's PDF: converted from its frozen DOCX the first time it is asked for, then kept."""
    if version.pdf:
        return bytes(version.pdf)
    data = docx_to_pdf(bytes(version.docx))
    # Written once: only where no PDF is stored yet (a concurrent first download stores the same conversion).
    ReportVersion.objects.filter(pk=version.pk, pdf__isnull=True).update(pdf=data)
    return data


@transaction.atomic
def report_import(*, region: Region, data: bytes, filename: str, actor, year: int | None = None) -> ImportedReport:
    """Read a published report (text, DOCX, HTML, PDF) with `gongkai check`'s readers and keep it for the region's
    combined report. Replaces an earlier import of the same agency and year."""
    from gongkai.check.read import read_bytes

    outcome = read_bytes(data, filename)
    if not outcome.ok or outcome.report is None:
        raise ValidationError(f"无法读取 {filename}：{outcome.reason or '不是年度报告'}")
    report = outcome.report
    if not report.agency:
        raise ValidationError(f"{filename} 中没有找到机关名称")
    if year is not None and report.year != year:
        raise ValidationError(f"{filename} 是{report.year}年度的报告，不是{year}年度的")
    record, _ = ImportedReport.objects.update_or_create(
        region=region,
        agency_name=report.agency,
        year=report.year,
        defaults={
            "source": filename[:300],
            "report_json": report.to_json(),
            "findings_json": json.dumps(
                [f.to_dict() for f in [*outcome.reader_findings, *check_report(report)]],
                ensure_ascii=False,
                default=str,
            ),
            "imported_by": actor,
        },
    )
    audit_record(actor=actor, agency=None, action="report_import", obj=record)
    return record
