"""Proactive disclosure (主动公开): the catalog, categories, items with their review events and attachments,
and the yearly figures the annual report needs that no record holds."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.report.format import TABLE_A_2021
from gongkai.workdays import periods

# The official row labels of table A's 第二十条第（一）项, from the one place they are written.
_ITEM_1_LABELS = {row.key: row.label for row in TABLE_A_2021.block("item_1").rows}


class CatalogEntry(models.Model):
    """One indicator of the agency's 政府信息主动公开基本目录 (第22条): level 1, or level 2 under a level-1 one."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="catalog")
    parent = models.ForeignKey(
        "self", verbose_name="一级指标", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField("指标名称", max_length=200)
    content = models.TextField("公开内容", blank=True)
    time_limit = models.CharField(
        "公开时限",
        max_length=200,
        blank=True,
        help_text=f"例如：信息形成或变更之日起{periods.PUBLICATION.workdays}个工作日内",
    )
    method = models.CharField("公开方式", max_length=200, blank=True, help_text="例如：政府网站")
    responsible_unit = models.CharField("公开主体", max_length=200, blank=True, help_text="负责公开的科室或单位")
    position = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "基本目录指标"
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "parent", "name"], name="catalog_unique_name")]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    @property
    def level(self) -> int:
        return 2 if self.parent_id else 1


class Category(models.Model):
    """A heading the agency files its items under (政策文件, 业务动态, …); each agency keeps its own list."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="categories")
    name = models.CharField("名称", max_length=100)
    position = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "信息分类"
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="category_unique_name")]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    HELD = "held", "疑含个人信息，待确认"
    SECTION_REVIEW = "section_review", "待科室负责人审核"
    LEADER_REVIEW = "leader_review", "待分管领导审核"
    SECRECY_REVIEW = "secrecy_review", "待保密审查"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class DocumentType(models.TextChoices):
    """Table A's 第二十条第（一）项 rows come from this."""

    REGULATION = "regulation", _ITEM_1_LABELS["regulations"]
    NORMATIVE = "normative", _ITEM_1_LABELS["normative_documents"]
    OTHER = "other", "其他"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class ItemQuerySet(models.QuerySet):
    def public(self) -> ItemQuerySet:
        """What the portal shows: published and not withdrawn."""
        return self.filter(status=Status.PUBLISHED)

    def published_in(self, year: int) -> ItemQuerySet:
        return self.filter(status__in=[Status.PUBLISHED, Status.WITHDRAWN], published_at__year=year)

    def late(self) -> ItemQuerySet:
        return self.filter(is_late=True)

    def awaiting(self, status: str) -> ItemQuerySet:
        return self.filter(status=status)

    def overdue_unpublished(self, *, on) -> ItemQuerySet:
        """Not yet published and already past the 第26条 limit on date `on`."""
        return self.exclude(status__in=[Status.PUBLISHED, Status.WITHDRAWN]).filter(publish_by__lt=on)


class Item(models.Model):
    """A piece of government information released proactively; withdrawn, never deleted."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="items")
    index_year = models.PositiveSmallIntegerField("索引号年份")
    index_sequence = models.PositiveIntegerField("索引号序号")
    index_number = models.CharField(
        "索引号", max_length=40, unique=True, help_text="统一社会信用代码/年份-序号，系统自动生成。"
    )
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True, help_text="保存时自动清理不安全的 HTML。")
    issuing_body = models.CharField("发布机构", max_length=200)
    document_number = models.CharField("文号", max_length=100, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    formed_on = models.DateField(
        "信息形成或变更日期", help_text=f"第26条：自此日起{periods.PUBLICATION.workdays}个工作日内公开。"
    )
    publish_by = models.DateField("应公开日期", null=True, blank=True)
    published_at = models.DateTimeField("发布日期", null=True, blank=True)
    is_late = models.BooleanField("逾期公开", default=False)
    category = models.ForeignKey(Category, verbose_name="信息分类", on_delete=models.PROTECT, related_name="items")
    catalog_entry = models.ForeignKey(
        CatalogEntry, verbose_name="目录指标", null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    document_type = models.CharField(
        "文件类型", max_length=20, choices=DocumentType.choices, default=DocumentType.OTHER
    )
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)
    valid_from = models.DateField("施行日期", null=True, blank=True)
    invalid_from = models.DateField("失效或废止日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    personal_data_findings = models.JSONField("个人信息扫描结果", default=list, blank=True)
    personal_data_confirmed = models.BooleanField("已确认个人信息可公开", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    is_demo = models.BooleanField("演示数据", default=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "公开信息"
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "index_year", "index_sequence"], name="item_index_unique"),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "published_at"]),
            # The portal pages lists by (published_at, id) within a category or catalog indicator (keyset paging).
            models.Index(fields=["category", "status", "published_at", "id"], name="item_category_public"),
            models.Index(fields=["catalog_entry", "status", "published_at", "id"], name="item_catalog_public"),
            # Table A of the annual report counts an agency's 规章 and 行政规范性文件: a few percent of its items.
            models.Index(fields=["agency", "document_type", "status"], name="item_document_type"),
        ]

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"


class ItemEvent(models.Model):
    """One step of an item's life: who moved it from which status to which, when, and why."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("操作", max_length=30)
    from_status = models.CharField("原状态", max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField("新状态", max_length=20, choices=Status.choices)
    comment = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核记录"
        ordering = ["at", "id"]


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.item.agency_id}/{instance.item.index_year}/{instance.sha256}"


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10, help_text="按文件内容识别：pdf、docx、xlsx、png、jpg")
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    text = models.TextField("提取的文字", blank=True, help_text="用于个人信息扫描")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class YearFigures(models.Model):
    """Numbers for the annual report that no record in gongkai holds, entered (or imported) per agency and year."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="year_figures")
    year = models.PositiveSmallIntegerField("年度")
    licensing_decisions = models.PositiveIntegerField("行政许可处理决定数（第二十条第（五）项）", default=0)
    penalty_decisions = models.PositiveIntegerField("行政处罚处理决定数（第二十条第（六）项）", default=0)
    coercion_decisions = models.PositiveIntegerField("行政强制处理决定数（第二十条第（六）项）", default=0)
    fee_amount = models.DecimalField(
        "行政事业性收费金额（万元，第二十条第（八）项）", max_digits=12, decimal_places=4, default=0
    )
    hotline_orders = models.PositiveIntegerField("答复12345热线等工单数", default=0)
    deputy_suggestions = models.PositiveIntegerField("承办人大代表建议数", default=0)
    cppcc_proposals = models.PositiveIntegerField("承办政协提案数", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度数据"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="year_figures_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度数据"


FIGURE_FIELDS = [
    "licensing_decisions",
    "penalty_decisions",
    "coercion_decisions",
    "fee_amount",
    "hotline_orders",
    "deputy_suggestions",
    "cppcc_proposals",
]
