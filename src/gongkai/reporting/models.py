"""An agency-year's annual report: the draft staff edit, the versions publication froze, the events between them,
and reports of agencies not on the platform imported from files.

The draft holds only what people write (title, preamble, the six sections' text). Table numbers are never stored in
a draft: they are computed from the records each time (`reporting.selectors.report_compute`), so nobody can edit
them. A published `ReportVersion` freezes the whole report (JSON and rendered files) and is never changed.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency, Region
from gongkai.report.model import Report, report_from_dict


class ReportStatus(models.TextChoices):
    DRAFTING = "drafting", "起草中"
    PUBLISHED = "published", "已公布"


# The one place the draft's status may change: publishing the first version, publishing a correction.
TRANSITIONS: dict[str, set[str]] = {
    ReportStatus.DRAFTING: {ReportStatus.PUBLISHED},
    ReportStatus.PUBLISHED: {ReportStatus.PUBLISHED},
}


class ReportDraftQuerySet(models.QuerySet):
    def for_year(self, year: int) -> ReportDraftQuerySet:
        return self.filter(year=year)


class ReportDraft(models.Model):
    """The narrative of one agency's report for one year, as staff write it (the numbers come from the records)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="report_drafts")
    year = models.PositiveSmallIntegerField("报告年度")
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFTING)
    title = models.CharField(
        "标题", max_length=300, blank=True, help_text="初稿为“机关名称+年度+报告名称”；公布前不能为空。"
    )
    preamble = models.TextField("引言", blank=True, help_text="统计期限和联系方式。")
    sections = models.JSONField(
        "各部分文字", default=dict, help_text="键为“1”至“6”，每部分以标题行开头，其后为正文各段。"
    )
    # The sections written in the editor, as cleaned HTML (the body after the heading); `sections` then holds their
    # text, which the rules read. A section without an entry here (written before the editor) is plain text.
    sections_html = models.JSONField("各部分正文（HTML）", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportDraftQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "年度报告草稿"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="report_draft_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告"


class ReportVersionQuerySet(models.QuerySet):
    def with_has_pdf(self) -> ReportVersionQuerySet:
        """`has_pdf` without reading the PDF itself."""
        return self.annotate(has_pdf=models.Q(pdf__isnull=False))


class ReportVersion(models.Model):
    """A published report, frozen: the report JSON and its files as they were published. Never edited; a correction
    is the next version."""

    draft = models.ForeignKey(ReportDraft, on_delete=models.PROTECT, related_name="versions")
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="report_versions")
    year = models.PositiveSmallIntegerField("报告年度")
    number = models.PositiveSmallIntegerField("版本")
    published_on = models.DateField("公布日期")
    published_at = models.DateTimeField("公布时间", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="公布人"
    )
    note = models.TextField("更正说明", blank=True)
    report_json = models.TextField("报告数据（JSON）")
    findings_json = models.TextField("公布时的检查结果（JSON）", default="[]")
    acknowledgements = models.JSONField(
        "保留的警告及理由", default=list, blank=True, help_text="公布时仍有的每条警告，以及确认公布的人写明的理由。"
    )
    docx = models.BinaryField("DOCX")
    html = models.BinaryField("HTML")
    xlsx = models.BinaryField("XLSX")
    # The PDF is LibreOffice's conversion of the frozen DOCX, made right after publication (or, if that failed, at
    # the first download) and then kept.
    pdf = models.BinaryField("PDF", null=True, blank=True)

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "已公布的年度报告"
        ordering = ["agency", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "number"], name="report_version_unique"),
        ]
        indexes = [models.Index(fields=["agency", "year", "number"], name="report_version_latest")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告 第{self.number}版"

    def report(self) -> Report:
        return report_from_dict(json.loads(self.report_json), source=str(self))


class ReportEvent(models.Model):
    """One step of a report's life (saved, published, corrected): who, when, from which status to which, why."""

    draft = models.ForeignKey(ReportDraft, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField("操作", max_length=30)
    from_status = models.CharField("原状态", max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField("新状态", max_length=20, choices=ReportStatus.choices)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告记录"
        ordering = ["at", "id"]


class ImportedReport(models.Model):
    """A report read from its published file by `gongkai check`'s readers: of an agency that does not use gongkai
    (the region's combined report includes it), or of one that does (compared with the platform's figures)."""

    region = models.ForeignKey(Region, verbose_name="区域", on_delete=models.PROTECT, related_name="imported_reports")
    agency_name = models.CharField("机关名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    # An imported report of an agency that is on the platform after all: matched by name or 统一社会信用代码, shown
    # beside the platform's own figures, and never added to the combined report a second time.
    agency = models.ForeignKey(
        Agency,
        verbose_name="对应的平台机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="imported_reports",
        help_text="导入的报告属于平台上的机关时填写；汇总时只计平台的数据。",
    )
    year = models.PositiveSmallIntegerField("报告年度")
    source = models.CharField("文件名", max_length=300)
    report_json = models.TextField("读取的报告数据（JSON）")
    findings_json = models.TextField("检查结果（JSON）", default="[]")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "导入的年度报告"
        ordering = ["region", "year", "agency_name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "agency_name", "year"], name="imported_report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_name} {self.year}年度报告（导入）"

    def report(self) -> Report:
        return report_from_dict(json.loads(self.report_json), source=self.source)

    def finding_counts(self) -> tuple[int, int]:
        """(errors, warnings) among the findings kept at import."""
        severities = [finding["severity"] for finding in json.loads(self.findings_json or "[]")]
        return severities.count("error"), severities.count("warning")
