"""Writes for annual reports: save the draft's text, publish (freeze a version), attach the PDF, import a report of
an agency not on the platform. Keyword-only, atomic, `full_clean` before saving; every status change writes a
`ReportEvent` (and an audit entry) in the same transaction."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import has_role, regions_supervised_by
from gongkai.agencies.models import Agency, Region, Role
from gongkai.agencies.services import audit_record
from gongkai.agencies.validators import credit_code_problem
from gongkai.portal import versions as portal_versions
from gongkai.publishing.sanitize import clean_html
from gongkai.report import richtext
from gongkai.report.render.docx import render_docx
from gongkai.report.render.html import render_html
from gongkai.report.render.pdf import PdfUnavailable, docx_to_pdf
from gongkai.report.render.xlsx import render_xlsx
from gongkai.report.rules import check_report
from gongkai.reporting import drafting, gate, selectors
from gongkai.reporting.charts import report_charts
from gongkai.reporting.models import TRANSITIONS, ImportedReport, ReportDraft, ReportEvent, ReportStatus, ReportVersion

SECTION_KEYS = ("1", "2", "3", "4", "5", "6")
SIGNING_ROLES = (Role.LEADER, Role.AGENCY_ADMIN)
EDIT_ROLES = (Role.DRAFTER, Role.AGENCY_ADMIN)  # write the draft's text
REPORT_ROLES = (*EDIT_ROLES, *SIGNING_ROLES)  # open the draft, preview the publication


def _require(actor, agency: Agency, roles) -> None:
    """PermissionDenied unless `actor` holds one of `roles` in the agency. `actor=None` is the platform itself (the
    demo loader, a management command that names no user); a view always passes the signed-in person."""
    if actor is not None and not has_role(actor, agency, *roles):
        raise PermissionDenied


logger = logging.getLogger(__name__)


def _move(draft: ReportDraft, *, actor, to: str, action: str, note: str = "") -> None:
    """The only place a draft's status changes: check the transition, write the event row, then save."""
    if to not in TRANSITIONS[draft.status]:
        raise ValidationError(f"年度报告不能从“{ReportStatus(draft.status).label}”变为“{ReportStatus(to).label}”")
    ReportEvent.objects.create(
        draft=draft, actor=actor, action=action, from_status=draft.status, to_status=to, note=note
    )
    draft.status = to
    draft.full_clean()
    # Only the status: the caller's copy of the text may be older than what was just frozen.
    draft.save(update_fields=["status", "updated_at"])


@transaction.atomic
def draft_start(*, agency: Agency, year: int, actor=None) -> ReportDraft:
    """The draft for the agency-year, created with text drafted from the records the first time it is opened (by
    someone who writes or signs the report)."""
    _require(actor, agency, REPORT_ROLES)
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
def draft_update(
    *, draft: ReportDraft, actor, preamble: str, title: str | None = None, bodies: dict[str, str]
) -> ReportDraft:
    """Save the text staff wrote (the title too, unless None). Each section keeps its official heading; `bodies`
    holds what follows it: HTML from the editor (cleaned here as item bodies are; the section's text is then what
    the rules read of it, `richtext.text_of`) or plain text, a paragraph a line. Only the drafter and the admin."""
    if actor is None:
        raise PermissionDenied  # text is always somebody's
    _require(actor, draft.agency, EDIT_ROLES)
    before = {"preamble": draft.preamble, "sections": dict(draft.sections)}
    sections, sections_html = dict(draft.sections), dict(draft.sections_html or {})
    for key, body in bodies.items():
        if key not in SECTION_KEYS:
            raise ValidationError(f"没有第{key}部分")
        heading = drafting.heading(key)
        if richtext.looks_like_html(body):
            html = clean_html(body)
            text = richtext.text_of(html)
            if text.strip():
                sections_html[key] = html
            else:
                sections_html.pop(key, None)
        else:
            text = "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").strip("\n").split("\n"))
            sections_html.pop(key, None)
        sections[key] = heading + ("\n" + text if text.strip() else "")
    draft.sections, draft.sections_html, draft.preamble = sections, sections_html, preamble.strip()
    if title is not None:
        draft.title = title.strip()
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


def signing_role() -> str:
    """The role that confirms a report's publication: GONGKAI_REPORT_SIGNING_ROLE, 分管领导 unless set otherwise."""
    role = getattr(settings, "GONGKAI_REPORT_SIGNING_ROLE", Role.LEADER)
    if role not in SIGNING_ROLES:
        raise ImproperlyConfigured(f"GONGKAI_REPORT_SIGNING_ROLE 应为 {' 或 '.join(SIGNING_ROLES)}，而不是“{role}”")
    return role


def can_sign(user, agency: Agency) -> bool:
    return user is not None and has_role(user, agency, signing_role())


def can_edit(user, agency: Agency) -> bool:
    """Whether `draft_update` would take this person's text (the page disables its fields otherwise)."""
    return user is not None and has_role(user, agency, *EDIT_ROLES)


def publication_may_preview(*, actor, agency: Agency) -> None:
    """PermissionDenied unless `actor` writes or signs the agency's report: the preview shows unpublished files."""
    if actor is None:
        raise PermissionDenied
    _require(actor, agency, REPORT_ROLES)


@dataclass
class Publication:
    """The report as it would be frozen on `on`: its files exactly as publishing would store them, and their
    digest (the preview shows these files; the confirmation binds the digest)."""

    current: selectors.Draft
    on: date
    charts: list
    docx: bytes
    html: bytes
    xlsx: bytes

    @property
    def report(self):
        return self.current.report

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.report.to_json().encode("utf-8")).hexdigest()

    def blockers(self, acknowledgements: dict[str, str] | None = None) -> list[gate.Blocker]:
        return gate.publication_blockers(
            report=self.report, findings=self.current.findings, on=self.on, acknowledgements=acknowledgements
        )


def publication_prepare(*, agency: Agency, year: int, on: date | None = None) -> Publication:
    """What publishing on `on` (today) would freeze: the report with its publication date and its files."""
    on = on or timezone.localdate()
    current = selectors.report_current(agency=agency, year=year, published_on=on)
    charts = report_charts(current.report, current.facts, current.previous, current.previous_facts)
    return Publication(
        current=current,
        on=on,
        charts=charts,
        docx=render_docx(current.report, charts=charts),
        html=render_html(current.report, charts=charts),
        xlsx=render_xlsx(current.report),
    )


@transaction.atomic
def report_publish(
    *,
    draft: ReportDraft,
    actor,
    on: date | None = None,
    note: str = "",
    acknowledgements: dict[str, str] | None = None,
    confirmed: bool = False,
    digest: str | None = None,
) -> ReportVersion:
    """Freeze the report as it stands into the next version (JSON, DOCX, HTML, XLSX; the PDF right after the commit)
    and show it on the portal. Every door (page, command, API) comes here, so the gate holds for all: only the
    signing role, only after an explicit confirmation of the previewed files (`digest`, when the preview's is known),
    only when `gate.publication_blockers` finds nothing. A correction (version 2 or later) must say what it corrects.
    """
    agency = ReportDraft.objects.select_for_update().get(pk=draft.pk).agency
    if actor is None:
        raise PermissionDenied
    _require(actor, agency, REPORT_ROLES)  # outsiders learn nothing; members are told who signs
    if not can_sign(actor, agency):
        raise ValidationError(f"年度报告须由{Role(signing_role()).label}核对后确认公布。")
    if not confirmed:
        raise ValidationError("公布前请预览将要公布的文件（DOCX、PDF、HTML），并勾选确认。")
    publication = publication_prepare(agency=agency, year=draft.year, on=on)
    if digest is not None and digest != publication.digest:
        raise ValidationError("预览之后报告内容已有变化，请重新预览、核对后再确认。")
    acknowledgements = acknowledgements or {}
    blockers = publication.blockers(acknowledgements)
    if blockers:
        raise ValidationError([blocker.message for blocker in blockers])
    number = ReportVersion.objects.filter(agency=agency, year=draft.year).count() + 1
    if number > 1 and not note.strip():
        raise ValidationError({"note": "更正已公布的报告，请说明更正的内容和原因"})
    current = publication.current
    version = ReportVersion(
        draft=draft,
        agency=agency,
        year=draft.year,
        number=number,
        published_on=publication.on,
        published_by=actor,
        note=note.strip(),
        report_json=current.report.to_json(),
        findings_json=json.dumps([f.to_dict() for f in current.findings], ensure_ascii=False, default=str),
        acknowledgements=gate.acknowledged_warnings(current.findings, acknowledgements),
        docx=publication.docx,
        html=publication.html,
        xlsx=publication.xlsx,
    )
    version.full_clean()
    version.save()
    _move(draft, actor=actor, to=ReportStatus.PUBLISHED, action="publish" if number == 1 else "correct", note=note)
    audit_record(actor=actor, agency=agency, action="report_publish", obj=version, after={"number": number})
    # The portal's 年报 column is on the agency home: retire its cached copies in this transaction.
    portal_versions.bump({"site", f"agency:{agency.pk}"})
    # The PDF is made by a worker (gongkai.jobs, docs/scale.md), from a task enqueued in this transaction: it exists
    # exactly when the version does. Until it is made, version_pdf converts on demand; a failure is retried.
    from gongkai.reporting.tasks import report_pdf

    report_pdf.enqueue(version_id=version.pk)
    return version


def version_store_pdf(*, version_id: int) -> bool:
    """Convert the version's frozen DOCX and keep the PDF (written once). False when no converter could make it."""
    version = ReportVersion.objects.only("pk", "docx", "pdf").get(pk=version_id)
    if version.pdf:
        return True
    try:
        data = docx_to_pdf(bytes(version.docx))
    except PdfUnavailable:
        logger.warning("report version %s: no PDF (converter missing or failed)", version_id)
        return False
    ReportVersion.objects.filter(pk=version_id, pdf__isnull=True).update(pdf=data)
    return True


def version_pdf(*, version: ReportVersion) -> bytes | None:
    """The version's PDF: the one stored at publication, else converted now and kept; None if none can be made."""
    if version.pdf:
        return bytes(version.pdf)
    if not version_store_pdf(version_id=version.pk):
        return None
    return bytes(ReportVersion.objects.values_list("pdf", flat=True).get(pk=version.pk))


def _normalised_name(name: str) -> str:
    """A name without spaces or brackets: "张店区演示示范局（虚构）", "张店区演示示范局(虚构" and
    "张店区演示示范局 虚构" are one agency (readers of published files lose a closing bracket now and then)."""
    return re.sub(r"[\s（）()【】\[\]]", "", name)


def import_match(*, region: Region, agency_name: str, credit_code: str = "") -> Agency | None:
    """The platform agency an imported report belongs to, if any: by 统一社会信用代码 when one is given, else by
    name (spaces and brackets ignored), among the agencies of the region and the regions under it."""
    agencies = Agency.objects.filter(region__in=region.with_descendants())
    if credit_code:
        found = agencies.filter(credit_code=credit_code.strip().upper()).first()
        if found is not None:
            return found
    wanted = _normalised_name(agency_name)
    return next((a for a in agencies.only("pk", "name") if _normalised_name(a.name) == wanted), None)


@transaction.atomic
def report_import(
    *, region: Region, data: bytes, filename: str, actor, year: int | None = None, credit_code: str = ""
) -> ImportedReport:
    """Read a published report (text, DOCX, HTML, PDF) with `gongkai check`'s readers and keep it for the region.
    A report of an agency on the platform is matched to it (`import_match`): kept for comparison with the platform's
    own figures, never added to the combined report. Replaces an earlier import of the same agency and year. Only
    a supervisor of the region (or of a region above it)."""
    from gongkai.check.read import read_bytes

    if region not in regions_supervised_by(actor):
        raise PermissionDenied

    credit_code = credit_code.strip().upper()
    if credit_code:
        problem = credit_code_problem(credit_code)
        if problem:
            raise ValidationError({"credit_code": problem})
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
            "credit_code": credit_code,
            "agency": import_match(region=region, agency_name=report.agency, credit_code=credit_code),
            "report_json": report.to_json(),
            "findings_json": json.dumps(
                [f.to_dict() for f in [*outcome.reader_findings, *check_report(report)]],
                ensure_ascii=False,
                default=str,
            ),
            "imported_by": actor,
        },
    )
    audit_record(actor=actor, agency=record.agency, action="report_import", obj=record)
    return record
