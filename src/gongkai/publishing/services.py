"""Writes in publishing: items through the review chain, attachments. Keyword-only, atomic, validated."""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.agencies.access import has_role
from gongkai.agencies.calendar import platform_calendar
from gongkai.agencies.models import Agency
from gongkai.agencies.services import audit_record, snapshot
from gongkai.publishing import files, pii, public_site, workflow
from gongkai.publishing.models import Attachment, Item, ItemEvent, Status, Validity
from gongkai.publishing.sanitize import clean_html, html_to_text
from gongkai.workdays import UnknownYearError, periods

PUBLICATION_LIMIT_WORKDAYS = periods.PUBLICATION.workdays  # 第26条
ITEM_FIELDS = [
    "title",
    "body",
    "issuing_body",
    "document_number",
    "written_on",
    "formed_on",
    "category",
    "catalog_entry",
    "document_type",
    "validity",
    "valid_from",
    "invalid_from",
]
AUDIT_FIELDS = ["status", *ITEM_FIELDS]


def publication_deadline(formed_on: date) -> date:
    """第26条: within 20 working days of the information being formed or changed (that day not counted)."""
    try:
        return platform_calendar(provisional=False).add_workdays(formed_on, PUBLICATION_LIMIT_WORKDAYS)
    except UnknownYearError as exc:
        message = f"{exc.args[0] if exc.args else ''}：该年度放假安排尚未录入，无法计算第26条公开期限，请管理员先录入"
        raise ValidationError({"formed_on": message}) from None


def _check_consistency(item: Item) -> None:
    errors = {}
    if item.category_id and item.category.agency_id != item.agency_id:
        errors["category"] = "该分类不属于本机关"
    if item.catalog_entry_id and item.catalog_entry.agency_id != item.agency_id:
        errors["catalog_entry"] = "该目录指标不属于本机关"
    if item.validity != "valid" and not item.invalid_from:
        errors["invalid_from"] = "失效或废止的文件须填写失效或废止日期"
    if item.valid_from and item.invalid_from and item.invalid_from < item.valid_from:
        errors["invalid_from"] = "失效或废止日期不能早于施行日期"
    if item.written_on and item.written_on > item.formed_on:
        errors["formed_on"] = "信息形成或变更日期不能早于成文日期"
    if errors:
        raise ValidationError(errors)


def _move(*, item: Item, to: str, actor, action: str, comment: str = "") -> ItemEvent:
    """The only place an item's status changes: checks the transition table and writes the event first."""
    if to not in workflow.TRANSITIONS[item.status]:
        raise ValidationError(f"不能从“{Status(item.status).label}”变为“{Status(to).label}”")
    event = ItemEvent(
        item=item, at=timezone.now(), actor=actor, action=action, from_status=item.status, to_status=to, comment=comment
    )
    event.full_clean()
    event.save()
    before = item.status
    item.status = to
    item.save(update_fields=["status", "published_at", "is_late", "personal_data_findings", "personal_data_confirmed"])
    audit_record(
        actor=actor,
        agency=item.agency,
        action=action,
        obj=item,
        before={"status": before},
        after={"status": to, "comment": comment} if comment else {"status": to},
    )
    if Status.PUBLISHED in (before, to):
        public_site.item_public_changed(item)  # search index and cached pages, in this transaction
    return event


def _require(actor, agency: Agency, roles) -> None:
    if not has_role(actor, agency, *roles):
        raise PermissionDenied


@transaction.atomic
def item_create(
    *,
    agency: Agency,
    actor,
    title: str,
    formed_on: date,
    category,
    issuing_body: str = "",
    body: str = "",
    document_number: str = "",
    written_on: date | None = None,
    catalog_entry=None,
    document_type: str = "other",
    validity: str = "valid",
    valid_from: date | None = None,
    invalid_from: date | None = None,
    is_demo: bool = False,
) -> Item:
    _require(actor, agency, workflow.DRAFT_ROLES)
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # serialise 索引号 sequences
    year = timezone.localdate().year
    last = Item.objects.filter(agency=agency, index_year=year).aggregate(n=Max("index_sequence"))["n"] or 0
    item = Item(
        agency=agency,
        index_year=year,
        index_sequence=last + 1,
        index_number=f"{agency.credit_code}/{year}-{last + 1:05d}",
        title=title.strip(),
        body=clean_html(body),
        issuing_body=issuing_body or agency.name,
        document_number=document_number,
        written_on=written_on,
        formed_on=formed_on,
        publish_by=publication_deadline(formed_on),
        category=category,
        catalog_entry=catalog_entry,
        document_type=document_type,
        validity=validity,
        valid_from=valid_from,
        invalid_from=invalid_from,
        created_by=actor,
        is_demo=is_demo,
    )
    item.full_clean()
    _check_consistency(item)
    item.save()
    ItemEvent.objects.create(
        item=item, at=timezone.now(), actor=actor, action="create", from_status="", to_status=Status.DRAFT
    )
    audit_record(actor=actor, agency=agency, action="新建信息", obj=item, after=snapshot(item, AUDIT_FIELDS))
    return item


def can_edit(actor, item: Item) -> bool:
    if item.status == Status.DRAFT:
        return has_role(actor, item.agency, *workflow.DRAFT_ROLES)
    if item.status == Status.HELD:  # the drafter edits the personal data out, or a reviewer does
        return has_role(actor, item.agency, *workflow.HOLD_ROLES, *workflow.DRAFT_ROLES)
    if item.status in workflow.STEP_ROLE:
        return has_role(actor, item.agency, *workflow.roles_that_act_on(item.status))
    return False


def _scan_text(item: Item) -> str:
    parts = [item.title, html_to_text(item.body), item.document_number]
    parts += [a.text for a in item.attachments.all()]
    return "\n".join(parts)


@transaction.atomic
def item_update(*, item: Item, actor, **fields) -> Item:
    """Edit an item. A reviewer's edit re-runs the personal-data scan: clean text releases a held item."""
    if not can_edit(actor, item):
        raise PermissionDenied
    before = snapshot(item, AUDIT_FIELDS)
    shown_before = public_site.scopes_of(item) if item.status == Status.PUBLISHED else set()
    for name, value in fields.items():
        if name not in ITEM_FIELDS:
            raise TypeError(f"unknown item field {name}")
        setattr(item, name, clean_html(value) if name == "body" else value)
    if "formed_on" in fields:
        item.publish_by = publication_deadline(item.formed_on)
    item.full_clean()
    _check_consistency(item)
    item.save()
    audit_record(
        actor=actor, agency=item.agency, action="修改信息", obj=item, before=before, after=snapshot(item, AUDIT_FIELDS)
    )
    if shown_before:
        public_site.item_public_changed(item, also=shown_before)
    if item.status != Status.DRAFT:
        findings = [f.as_dict() for f in pii.scan(_scan_text(item))]
        item.personal_data_findings = findings
        item.personal_data_confirmed = False
        if item.status == Status.HELD and not findings:
            _move(
                item=item,
                to=workflow.first_step(item.agency),
                actor=actor,
                action="edit_release",
                comment="修改后复扫未发现个人信息，重新进入审核",
            )
        elif item.status != Status.HELD and findings:
            _move(item=item, to=Status.HELD, actor=actor, action="hold", comment="修改后扫描发现疑似个人信息")
        else:
            item.save(update_fields=["personal_data_findings", "personal_data_confirmed"])
    return item


@transaction.atomic
def item_submit(*, item: Item, actor) -> Item:
    """Send a draft to review; the personal-data scan runs first and holds the item if it finds anything."""
    _require(actor, item.agency, workflow.DRAFT_ROLES)
    findings = [f.as_dict() for f in pii.scan(_scan_text(item))]
    item.personal_data_findings = findings
    item.personal_data_confirmed = False
    if findings:
        labels = "、".join(sorted({f["label"] for f in findings}))
        _move(item=item, to=Status.HELD, actor=actor, action="hold", comment=f"自动扫描发现疑似{labels}")
    else:
        _move(item=item, to=workflow.first_step(item.agency), actor=actor, action="submit")
    return item


@transaction.atomic
def item_confirm_personal_data(*, item: Item, actor, comment: str) -> Item:
    """A reviewer states the personal data found is lawful to publish (e.g. a public official's work phone)."""
    _require(actor, item.agency, workflow.HOLD_ROLES)
    if item.status != Status.HELD:
        raise ValidationError("该信息没有因个人信息被暂停")
    if not comment.strip():
        raise ValidationError({"comment": "请说明可以公开的理由"})
    item.personal_data_confirmed = True
    _move(item=item, to=workflow.first_step(item.agency), actor=actor, action="confirm_lawful", comment=comment)
    return item


def item_may_pass(*, item: Item, actor) -> None:
    """Raise unless `actor` reviews the item's current step: PermissionDenied for anyone else. The page asks before
    it checks the confirmation of the last step, so that nobody else learns whether theirs would have held."""
    if item.status not in workflow.STEP_ROLE:
        raise ValidationError("该信息不在审核中")
    _require(actor, item.agency, (workflow.STEP_ROLE[item.status],))


@transaction.atomic
def item_pass(*, item: Item, actor, comment: str = "") -> Item:
    """The reviewer of the current step approves; after the last step the item is published."""
    item_may_pass(item=item, actor=actor)
    to = workflow.next_status(item.agency, item.status)
    if to == Status.PUBLISHED:
        item.published_at = timezone.now()
        item.is_late = item.publish_by is not None and timezone.localdate(item.published_at) > item.publish_by
    _move(item=item, to=to, actor=actor, action="publish" if to == Status.PUBLISHED else "pass", comment=comment)
    return item


@transaction.atomic
def item_reject(*, item: Item, actor, reason: str) -> Item:
    """Back to the drafter, with the reason."""
    _require(actor, item.agency, workflow.roles_that_act_on(item.status) if item.status != Status.DRAFT else ())
    if item.status not in (Status.HELD, *workflow.STEP_ROLE):
        raise ValidationError("该信息不在审核中")
    if not reason.strip():
        raise ValidationError({"reason": "退回须说明理由"})
    _move(item=item, to=Status.DRAFT, actor=actor, action="reject", comment=reason)
    return item


def item_may_withdraw(*, item: Item, actor, reason: str) -> None:
    """Raise unless `actor` may withdraw the item with this reason (PermissionDenied, or the missing reason)."""
    _require(actor, item.agency, workflow.WITHDRAW_ROLES)
    if not reason.strip():
        raise ValidationError({"reason": "撤回须说明理由"})


@transaction.atomic
def item_withdraw(*, item: Item, actor, reason: str) -> Item:
    """Remove from every public page at once; the record and its history stay."""
    item_may_withdraw(item=item, actor=actor, reason=reason)
    _move(item=item, to=Status.WITHDRAWN, actor=actor, action="withdraw", comment=reason)
    return item


@transaction.atomic
def item_set_validity(*, item: Item, actor, validity: str, on: date | None, reason: str) -> Item:
    """Record that a published document expired (失效) or was repealed (废止) on a date, or is in force again.

    The item stays published: a repealed document is still public information, marked 废止 on its page. Table A of
    the annual report counts 本年废止 and 现行有效 from `validity` and `invalid_from`, so this is how a document's
    lifecycle reaches the report. The change is an event on the item and an entry in the audit trail."""
    _require(actor, item.agency, workflow.VALIDITY_ROLES)
    if item.status != Status.PUBLISHED:
        raise ValidationError("只有已发布的信息需要在这里变更有效性；草稿和审核中的信息请直接修改")
    if validity not in Validity.values:
        raise ValidationError({"validity": "请选择有效、失效或废止"})
    if not reason.strip():
        raise ValidationError({"reason": "变更有效性须说明依据（如废止决定的文号）"})
    if validity == Validity.VALID:
        on = None
    elif on is None:
        raise ValidationError({"invalid_from": "失效或废止须填写日期"})
    else:
        effective = item.valid_from or item.written_on
        if effective is not None and on < effective:
            raise ValidationError({"invalid_from": f"失效或废止日期不能早于施行日期（{effective:%Y-%m-%d}）"})
        if on > timezone.localdate():
            raise ValidationError({"invalid_from": "失效或废止日期不能晚于今天"})
    before = {"validity": item.validity, "invalid_from": item.invalid_from.isoformat() if item.invalid_from else None}
    item.validity, item.invalid_from = validity, on
    item.full_clean()
    item.save(update_fields=["validity", "invalid_from"])
    after = {"validity": validity, "invalid_from": on.isoformat() if on else None}
    comment = f"有效性：{Validity(before['validity']).label} → {Validity(validity).label}"
    comment += f"（{on:%Y-%m-%d}）：{reason.strip()}" if on else f"：{reason.strip()}"
    event = ItemEvent(
        item=item,
        at=timezone.now(),
        actor=actor,
        action="validity",
        from_status=item.status,
        to_status=item.status,
        comment=comment,
    )
    event.full_clean()
    event.save()
    audit_record(actor=actor, agency=item.agency, action="变更有效性", obj=item, before=before, after=after)
    public_site.item_public_changed(item)  # the item page shows 有效性; its cached copies are renewed
    return item


@transaction.atomic
def attachment_add(*, item: Item, actor, name: str, data: bytes, max_bytes: int) -> Attachment:
    if not can_edit(actor, item):
        raise PermissionDenied
    if len(data) > max_bytes:
        raise ValidationError({"file": f"文件过大：不能超过 {max_bytes // (1024 * 1024)} MB"})
    if not data:
        raise ValidationError({"file": "文件是空的"})
    try:
        kind = files.sniff_kind(data)
        text = files.extract_text(kind, data)
    except files.BadFile as exc:
        raise ValidationError({"file": str(exc)}) from None
    attachment = Attachment(
        item=item, name=name[:200], kind=kind, size=len(data), sha256=hashlib.sha256(data).hexdigest(), text=text
    )
    attachment.file.save(attachment.sha256, ContentFile(data), save=False)
    attachment.full_clean()
    attachment.save()
    if item.status == Status.PUBLISHED:
        public_site.item_public_changed(item)
    audit_record(
        actor=actor,
        agency=item.agency,
        action="上传附件",
        obj=item,
        after={"attachment": attachment.name, "kind": kind, "size": len(data)},
    )
    return attachment
