"""Applications for disclosure (依申请公开): the application, its events, letters, fees, appeals, API tokens.

The applicant's personal data lives on `Application` and `IdentityDocument` only; every public page, public API
answer and export reads the fields in `PUBLIC_FIELDS`, never the rest.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.applications.outcomes import AppealKind, AppealResult, ApplicantType, Outcome
from gongkai.applications.workflow import OPEN_STATUSES, PAUSED_STATUSES, Status


class Channel(models.TextChoices):
    """How the application arrived; fixes the receipt date (第31条). Values are gongkai.workdays.Channel's."""

    ONLINE = "online", "网上申请"
    POST = "post", "信函"
    FAX = "fax", "传真"
    IN_PERSON = "in_person", "当面提交"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_TW = "hmt_permit", "港澳台居民居住证或通行证"
    OTHER = "other", "其他有效身份证件"


class Form(models.TextChoices):
    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    ELECTRONIC = "electronic", "光盘或其他电子数据"
    INSPECT = "inspect", "当场查阅、抄录"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上获取"


def open_overdue_q(on: date) -> Q:
    """Open with the due date already past on `on` (the due date assumes an open pause lasts to its legal end)."""
    return Q(status__in=OPEN_STATUSES, due_date__lt=on)


class ApplicationQuerySet(models.QuerySet):
    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def paused(self, *, on: date | None = None) -> ApplicationQuerySet:
        """Paused on `on`: awaiting correction, or a consultation or fee wait not yet past its legal end."""
        paused = self.filter(status__in=PAUSED_STATUSES)
        if on is None:
            return paused
        return paused.filter(Q(pause_ends_on__isnull=True) | Q(pause_ends_on__gte=on))

    def running(self) -> ApplicationQuerySet:
        return self.filter(status=Status.RECEIVED)

    def overdue(self, *, on: date) -> ApplicationQuerySet:
        """逾期: open with the due date already past (a pause that ended by law does not hide it), or answered late.
        The due date assumes an open pause lasts to its legal end, so no pause can hide a missed deadline."""
        return self.filter(open_overdue_q(on) | Q(answered_late=True))

    def open_overdue(self, *, on: date) -> ApplicationQuerySet:
        return self.filter(open_overdue_q(on))

    def due_by(self, *, on: date, last_day: date) -> ApplicationQuerySet:
        """Open applications due between `on` and `last_day` (inclusive), not yet overdue."""
        return self.open().filter(due_date__gte=on, due_date__lte=last_day)

    def open_on(self, day: date) -> ApplicationQuerySet:
        """Received by `day` and not decided by it: what a 31 December carries into the next year."""
        return self.filter(received_on__lte=day).filter(Q(decided_on__isnull=True) | Q(decided_on__gt=day))

    def assigned_to(self, user) -> ApplicationQuerySet:
        return self.filter(assignee=user)


class Application(models.Model):
    """One application (政府信息公开申请). Its decision is exactly one result row of table B."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="applications")
    number = models.CharField("申请编号", max_length=40, unique=True)
    tracking_code_hash = models.CharField(max_length=64, editable=False)
    channel = models.CharField("申请方式", max_length=10, choices=Channel.choices)
    received_on = models.DateField(
        "收到申请日期", help_text="第31条：当面提交为提交之日；邮寄为签收之日；网上申请、传真为双方确认之日。"
    )
    applicant_type = models.CharField("申请人类型", max_length=30, choices=ApplicantType.choices)
    applicant_type_reason = models.CharField(
        "申请人类型说明",
        max_length=300,
        blank=True,
        help_text="统一社会信用代码所示的登记类别与所选申请人类型不一致时，说明理由（例如登记为企业的律师事务所）。",
    )
    # Personal data: only the agency's application handlers ever see these.
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    # The request itself.
    description = models.TextField("所需信息的内容描述")
    purpose = models.TextField("用途（选填）", blank=True)
    form = models.CharField("获取信息的形式", max_length=20, choices=Form.choices)
    delivery = models.CharField("获取信息的方式", max_length=20, choices=Delivery.choices)
    # Where it stands: a cache of `workdays.derive_case` over the events, rewritten by `services.append_event` in the
    # transaction that appends an event, and checked by `gongkai manage verify_applications`. Never set elsewhere.
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.RECEIVED)
    due_date = models.DateField("答复期限", null=True, blank=True)
    provisional = models.BooleanField("答复期限为暂定", default=False)
    answered_late = models.BooleanField("逾期答复", default=False)
    pause_ends_on = models.DateField("暂停最迟至", null=True, blank=True)
    pause_reason = models.CharField("暂停原因", max_length=200, blank=True)
    extension_workdays = models.PositiveSmallIntegerField("延长工作日数", default=0)
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True)
    decided_on = models.DateField("答复日期", null=True, blank=True, db_index=True)
    reason = models.TextField("答复理由及说明", blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivered_by = models.CharField("送达方式", max_length=20, choices=Delivery.choices, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["agency", "received_on"]), models.Index(fields=["agency", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="", decided_on__isnull=True) | (~Q(outcome="") & Q(decided_on__isnull=False)),
                name="application_outcome_with_date",
            ),
        ]

    def __str__(self) -> str:
        return self.number  # never the applicant: __str__ reaches audit entries and logs

    def clean(self) -> None:
        organisation = self.applicant_type != ApplicantType.NATURAL_PERSON
        errors = {}
        if organisation and not self.credit_code:
            errors["credit_code"] = "法人或其他组织须填写统一社会信用代码"
        if organisation and not self.contact_person:
            errors["contact_person"] = "法人或其他组织须填写联系人"
        if not organisation and not (self.id_type and self.id_number):
            errors["id_number"] = "自然人须填写证件类型和号码"
        if self.delivery == Delivery.EMAIL and not self.email:
            errors["email"] = "选择电子邮件方式须填写电子邮箱"
        if self.delivery == Delivery.POST and not self.address:
            errors["address"] = "选择邮寄方式须填写通信地址"
        from gongkai.applications.applicant import applicant_problems

        errors |= {
            field: message
            for field, message in applicant_problems(
                applicant_type=self.applicant_type,
                id_type=self.id_type,
                id_number=self.id_number,
                credit_code=self.credit_code,
                type_reason=self.applicant_type_reason,
            ).items()
            if field not in errors
        }
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_paused(self, on: date) -> bool:
        """Paused on `on` (as `ApplicationQuerySet.paused(on=)` selects): a pause past its legal end is over."""
        return self.status in PAUSED_STATUSES and (self.pause_ends_on is None or self.pause_ends_on >= on)

    def is_overdue(self, on: date) -> bool:
        """逾期 on `on` (as `ApplicationQuerySet.overdue(on=)` selects): open past the due date, or answered late."""
        return self.answered_late or (self.is_open and self.due_date is not None and self.due_date < on)

    def check_tracking_code(self, code: str) -> bool:
        return secrets.compare_digest(self.tracking_code_hash, hash_code(code or ""))


def hash_code(code: str) -> str:
    """Tracking codes and API tokens are stored hashed: a leaked database does not open any application."""
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class NumberCounter(models.Model):
    """The last sequence number given out per agency and year; rows are locked while a number is taken."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="number_counter_unique")]


class EventKind(models.TextChoices):
    RECEIVED = "received", "收到申请"
    NOTICE_RECEIVED = "notice_received", "对方收到通知"
    SCHEDULE_CHANGED = "schedule_changed", "放假安排变更，期限重算"
    APPEAL_FILED = "appeal_filed", "行政复议或诉讼"
    APPEAL_DECIDED = "appeal_decided", "复议或诉讼结果"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
    CONSULTATION_STARTED = "consultation_started", "征求意见"
    CONSULTATION_ANSWERED = "consultation_answered", "收到意见"
    EXTENSION_APPROVED = "extension_approved", "延期答复"
    REASONS_REQUESTED = "reasons_requested", "要求说明理由（第35条）"
    PERIOD_SET = "period_set", "确定延长的答复期限（第35条）"
    FEE_NOTICE_SENT = "fee_notice_sent", "发出收费通知"
    FEE_PAID = "fee_paid", "缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    ANSWERED = "answered", "作出答复"
    DELIVERED = "delivered", "送达"
    CLOSED = "closed", "办结"
    ASSIGNED = "assigned", "分派承办人"
    LETTER_SENT = "letter_sent", "发出文书"


class ApplicationEvent(models.Model):
    """One step of an application: who, when (the legal date `on`, and the moment recorded), from, to, why.
    The statutory clock is computed from these rows alone."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=EventKind.choices)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    note = models.TextField("说明", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请办理记录"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.application} {self.on} {self.get_kind_display()}"


def _identity_path(instance, filename: str) -> str:
    # Never the uploaded name: it may carry the applicant's name.
    return f"private/identity/{instance.application.agency_id}/{secrets.token_hex(16)}"


class IdentityDocument(models.Model):
    """身份证明: checked by content (PDF, PNG, JPEG only) and served only to the agency's handlers."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="identity_documents")
    file = models.FileField(upload_to=_identity_path)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "身份证明"


class Fee(models.Model):
    """信息处理费 under 109号: one method, amount and breakdown fixed when the notice is sent."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="fee")
    method = models.CharField("计收方式", max_length=10, choices=[("count", "按件计收"), ("pages", "按量计收")])
    quantity = models.PositiveIntegerField("数量")
    amount_yuan = models.PositiveIntegerField("金额（元）")
    breakdown = models.JSONField("计算明细", default=list)
    notice_sent_on = models.DateField("收费通知日期")
    pay_by = models.DateField("缴费期限")
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    lapsed_on = models.DateField("逾期日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "信息处理费"


class LetterKind(models.TextChoices):
    CORRECTION = "correction", "补正告知书"
    THIRD_PARTY = "third_party", "征求第三方意见函"
    OTHER_AGENCY = "other_agency", "征求意见函（其他机关）"
    EXTENSION = "extension", "延期答复告知书"
    FEE_NOTICE = "fee_notice", "收费通知书"
    REASONS = "reasons", "说明理由告知书"
    LONGER_PERIOD = "longer_period", "确定答复期限告知书"
    REPLY = "reply", "政府信息公开申请答复书"


class LetterTemplate(models.Model):
    """An agency's wording of one letter (Django template syntax); without one the built-in wording applies."""

    agency = models.ForeignKey(
        Agency,
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="letter_templates",
        help_text="留空：所有机关通用。",
    )
    kind = models.CharField("文书", max_length=20, choices=LetterKind.choices)
    outcome_group = models.CharField(
        "答复类型",
        max_length=20,
        blank=True,
        help_text="仅答复书：granted、partially_granted、withheld、unavailable、not_processed、other。",
    )
    body = models.TextField(
        "正文模板", help_text="空行分段。可用 {{ number }}、{{ applicant }}、{{ received }}、{{ article }} 等，见文档。"
    )

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "outcome_group"], name="letter_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.outcome_group}".strip()


class Letter(models.Model):
    """A letter to the applicant or a consulted party. Editable until sent; then locked, its DOCX kept as sent."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField("文书", max_length=20, choices=LetterKind.choices)
    title = models.CharField("标题", max_length=200)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    body = models.TextField("正文")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_on = models.DateField("发出日期", null=True, blank=True)
    sent_by = models.CharField("发送方式", max_length=20, choices=Delivery.choices, blank=True)
    notice = models.CharField(
        max_length=20, blank=True, editable=False, help_text="the period this letter starts: fee, correction, c1…"
    )
    sent_docx = models.BinaryField(null=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "文书"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()}"

    @property
    def locked(self) -> bool:
        return self.sent_on is not None


class Appeal(models.Model):
    """An administrative reconsideration (行政复议) or lawsuit (行政诉讼) against this agency's handling of an
    application. Counted in table C by `selectors.table_c_counts` (the counting rule is written there)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField("类型", max_length=40, choices=AppealKind.choices)
    filed_on = models.DateField("受理或立案日期")
    body = models.CharField("复议机关或法院", max_length=200, blank=True)
    case_number = models.CharField("案号", max_length=100, blank=True)
    result = models.CharField("结果", max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING)
    closed_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result="pending", closed_on__isnull=True)
                | (~Q(result="pending") & Q(closed_on__isnull=False)),
                name="appeal_result_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.closed_on and self.closed_on < self.filed_on:
            raise ValidationError({"closed_on": "审结日期早于受理日期"})


class ReminderSent(models.Model):
    """What `gongkai remind` sent, so a second run the same day sends nothing again: a period not yet due is
    reminded once per due date (`round` = the due date), one already past once a day (`round` = that day)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField("期限", max_length=20, default="reply")
    due_date = models.DateField()
    round = models.DateField(null=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "到期提醒记录"
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user", "period", "due_date", "round"], name="reminder_once_per_round"
            )
        ]


class SubmissionAttempt(models.Model):
    """A public submission from an address (hashed), for the rate limit."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    source = models.CharField(max_length=64, db_index=True)


class ApiToken(models.Model):
    """A staff member's key for the staff API; only its hash is stored, the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField("前缀", max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField("已停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"


class OutboxMail(models.Model):
    """A mail to an applicant, written in the request and sent later by `mail.send_outbox()`: a mail server that is
    down delays it, never loses it. Each try is kept in `MailAttempt`."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "受理通知"
        LETTER = "letter", "文书送达通知"
        CODE = "code", "查询码"

    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="mails")
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, null=True, blank=True, related_name="mails")
    to = models.EmailField("收件人")
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    next_attempt_at = models.DateTimeField("下次发送时间", db_index=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField("已尝试次数", default=0)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    given_up_at = models.DateTimeField("停止重试时间", null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "待发邮件"
        verbose_name_plural = "待发邮件"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.application.number}"


class MailAttempt(models.Model):
    mail = models.ForeignKey(OutboxMail, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField("时间")
    ok = models.BooleanField("成功")
    error = models.CharField("错误", max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]
