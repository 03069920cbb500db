"""Agencies, the people who work in them and their roles, supervisors over regions, the audit trail, the calendar."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.validators import validate_credit_code, validate_postcode


class Region(models.Model):
    """An administrative area (区、市) whose 政务公开办 supervises the agencies in it and in its sub-regions."""

    name = models.CharField("名称", max_length=100)
    code = models.CharField("行政区划代码", max_length=12, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name="上级区域", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = verbose_name_plural = "区域"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def with_descendants(self) -> list[Region]:
        found, frontier = [self], [self]
        while frontier:
            frontier = list(Region.objects.filter(parent__in=frontier))
            found.extend(frontier)
        return found


class AgencyQuerySet(models.QuerySet):
    def for_user(self, user) -> AgencyQuerySet:
        """Agencies the user works in (any role)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def supervised_by(self, user) -> AgencyQuerySet:
        if not user.is_authenticated:
            return self.none()
        regions = [r for s in Supervision.objects.filter(user=user) for r in s.region.with_descendants()]
        return self.filter(region__in=regions)


class AgencyLevel(models.TextChoices):
    """Who publishes the annual report decides its deadline (条例第49条); values as `report.model.AgencyLevel`."""

    DEPARTMENT = "department", "政府部门（次年1月31日前公布年度报告）"
    GOVERNMENT = "government", "县级以上人民政府（次年3月31日前公布本级政府年度报告）"


class Agency(models.Model):
    """A body that discloses government information (行政机关 or 法律法规授权组织)."""

    name = models.CharField("机关名称", max_length=200, unique=True)
    short_name = models.CharField("简称", max_length=100, blank=True)
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text="18位，含校验位；也用作索引号的前缀。",
    )
    region = models.ForeignKey(Region, verbose_name="所属区域", on_delete=models.PROTECT, related_name="agencies")
    supervising_body = models.CharField("上级主管部门", max_length=200, blank=True)
    address = models.CharField("地址", max_length=300, blank=True)
    postcode = models.CharField("邮编", max_length=6, blank=True, validators=[validate_postcode])
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("邮箱", blank=True)
    review_levels = models.PositiveSmallIntegerField(
        "发布审核层级",
        choices=[(1, "1级：保密审查"), (2, "2级：科室负责人、保密审查"), (3, "3级：科室负责人、分管领导、保密审查")],
        default=3,
        help_text="主动公开信息发布前须经过的审核步骤。保密审查总是最后一步。",
    )
    level = models.CharField(
        "机关类别",
        max_length=20,
        choices=AgencyLevel.choices,
        default=AgencyLevel.DEPARTMENT,
        help_text="决定年度报告的公布期限：政府部门1月31日，县级以上人民政府3月31日。",
    )
    is_demo = models.BooleanField("演示数据", default=False, help_text="由 make demo 生成的虚构数据。")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "机关"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    DRAFTER = "drafter", "信息公开工作人员（起草）"
    SECTION_HEAD = "section_head", "科室负责人"
    LEADER = "leader", "分管领导"
    SECRECY_REVIEWER = "secrecy_reviewer", "保密审查员"
    AGENCY_ADMIN = "agency_admin", "机关管理员"


class Membership(models.Model):
    """One role one person holds in one agency; a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "岗位"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")]

    def __str__(self) -> str:
        from gongkai.labels import person_name  # people by name, never the login name (it reaches the audit trail)

        return f"{person_name(self.user)} · {self.agency} · {self.get_role_display()}"


class Supervision(models.Model):
    """A supervisor (政务公开办) who sees every agency in a region and its sub-regions, read-only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="supervisions"
    )
    region = models.ForeignKey(Region, verbose_name="区域", on_delete=models.CASCADE, related_name="supervisions")

    class Meta:
        verbose_name = verbose_name_plural = "监督关系"
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="supervision_unique")]

    def __str__(self) -> str:
        from gongkai.labels import person_name

        return f"{person_name(self.user)} 监督 {self.region}"


class AuditEntry(models.Model):
    """One thing someone did to a record: append-only, never edited or deleted."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    action = models.CharField("操作", max_length=50)
    object_type = models.CharField("对象类型", max_length=50)
    object_id = models.CharField("对象编号", max_length=50)
    object_repr = models.CharField("对象", max_length=300)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        # The trail is evidence: refuse to rewrite it even by mistake.
        if self.pk is not None:
            raise ValidationError("操作记录只能新增，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("操作记录不能删除")


class LoginFailure(models.Model):
    """A failed sign-in, kept to throttle guessing (by user name and by address)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败记录"


class LoginThrottle(models.Model):
    """Sign-in attempts under one key (a user name, an address, or a user name from one address) in the current
    window. An attempt is reserved here, by one conditional UPDATE, before the password is checked: parallel
    guesses cannot get more checks than the limit."""

    key = models.CharField(max_length=250, unique=True)
    started_at = models.DateTimeField("窗口开始")
    count = models.PositiveIntegerField("尝试次数", default=0)
    last_at = models.DateTimeField("最近一次尝试")

    class Meta:
        verbose_name = verbose_name_plural = "登录限制计数"


class CalendarYear(models.Model):
    """One year's 放假调休安排 as the State Council published it; replaces the built-in schedule for that year."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField(
        "依据", max_length=200, blank=True, help_text="例如：国务院办公厅关于2027年部分节假日安排的通知"
    )

    class Meta:
        verbose_name = verbose_name_plural = "放假安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年放假安排"


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "放假"
        MAKEUP_WORKDAY = "makeup", "调休上班"

    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    day = models.DateField("日期")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("节日", max_length=50, blank=True, help_text="例如：春节")

    class Meta:
        verbose_name = verbose_name_plural = "放假或调休日"
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["calendar_year", "day"], name="calendar_day_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()}"

    def clean(self) -> None:
        """What the working-day calendar would refuse (gongkai.workdays.YearSchedule), said on the form instead of
        failing every deadline page afterwards."""
        try:
            calendar_year = self.calendar_year  # in the admin's inline, the year being entered, maybe not saved yet
        except CalendarYear.DoesNotExist:
            return
        if self.day is None or calendar_year.year is None:
            return
        if self.day.year != calendar_year.year:
            raise ValidationError({"day": f"日期不在{calendar_year.year}年内"})
        if self.kind == self.Kind.MAKEUP_WORKDAY and self.day.weekday() < 5:
            raise ValidationError({"kind": "调休上班日应为周六或周日"})
