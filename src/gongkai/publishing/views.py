"""Staff pages for items: list, create, edit, the review actions, attachments. Thin: permission, form, service."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import get_agency_for_member, has_role, roles_in
from gongkai.common.forms import add_service_errors, message_form_errors, message_service_errors
from gongkai.common.paging import page_of
from gongkai.confirm import ConfirmForm, confirm_token
from gongkai.labels import with_people
from gongkai.publishing import services, workflow
from gongkai.publishing.files import attachment_response
from gongkai.publishing.forms import (
    ActionReasonForm,
    CommentForm,
    ItemForm,
    ReasonForm,
    UploadForm,
    ValidityForm,
)
from gongkai.publishing.models import Attachment, Item, Status, Validity
from gongkai.publishing.selectors import item_search

PUBLISH_ACTION = "item_publish"
WITHDRAW_ACTION = "item_withdraw"


def item_digest(item: Item) -> str:
    """What the reviewer saw when confirming: the text and metadata shown on the detail page and the attachments.
    A confirmation made before any of it changed is refused."""
    parts = [item.title, item.body, item.document_number, str(item.formed_on), item.status]
    parts += [f"{a.pk}:{a.sha256}" for a in item.attachments.all()]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _get_item_for_member(user, pk: int) -> Item:
    """The item if the user works in its agency; drafts never leave the agency."""
    item = get_object_or_404(Item.objects.select_related("agency", "category", "catalog_entry"), pk=pk)
    if not roles_in(user, item.agency):
        raise PermissionDenied
    return item


@login_required
def item_list(request, agency_id: int):
    """The agency's items, paged; searchable by title, 索引号 and 文号; filtered by status, year and overdue."""
    agency = get_agency_for_member(request.user, agency_id)
    items, filters = item_search(agency.items.select_related("category"), request.GET, today=timezone.localdate())
    page, query = page_of(request, items)
    return render(
        request,
        "publishing/item_list.html",
        {
            "agency": agency,
            "page": page,
            "query": query,
            **filters,
            "statuses": Status.choices,
            "years": agency.items.dates("formed_on", "year", order="DESC"),
            "can_draft": has_role(request.user, agency, *workflow.DRAFT_ROLES),
        },
    )


@login_required
def item_new(request, agency_id: int):
    agency = get_agency_for_member(request.user, agency_id, *workflow.DRAFT_ROLES)
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(agency=agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已保存草稿，索引号 {item.index_number}")
            return redirect("item-detail", pk=item.pk)
    return render(request, "publishing/item_form.html", {"agency": agency, "form": form, "item": None})


@login_required
def item_edit(request, pk: int):
    item = _get_item_for_member(request.user, pk)
    if not services.can_edit(request.user, item):
        raise PermissionDenied
    form = ItemForm(request.POST or None, instance=item, agency=item.agency)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in services.ITEM_FIELDS}
        # The form wrote into the instance already; start again from the stored row so a failed save changes nothing.
        stored = Item.objects.get(pk=item.pk)
        try:
            services.item_update(item=stored, actor=request.user, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "已保存修改")
            return redirect("item-detail", pk=item.pk)
    return render(request, "publishing/item_form.html", {"agency": item.agency, "form": form, "item": item})


@login_required
def item_detail(request, pk: int):
    item = _get_item_for_member(request.user, pk)
    user, agency = request.user, item.agency
    in_review = item.status in workflow.STEP_ROLE
    can_review = in_review and has_role(user, agency, workflow.STEP_ROLE[item.status])
    publishes = in_review and workflow.next_status(agency, item.status) == Status.PUBLISHED
    can_withdraw = item.status == Status.PUBLISHED and has_role(user, agency, *workflow.WITHDRAW_ROLES)
    drafter = has_role(user, agency, *workflow.DRAFT_ROLES)
    last = item.events.order_by("-at", "-pk").first()
    context = {
        "agency": agency,
        "item": item,
        "events": with_people(item.events.all()),
        "attachments": item.attachments.all(),
        "steps": [Status(s).label for s in workflow.review_steps(agency)],
        "can_edit": services.can_edit(user, item),
        "can_submit": item.status == Status.DRAFT and drafter,
        "sent_back": item.status == Status.DRAFT and last is not None and last.action == "reject",
        "last_event": last,
        "drafter_on_hold": item.status == Status.HELD and drafter,
        "can_review": can_review,
        "publishes": publishes,
        "can_release": item.status == Status.HELD and has_role(user, agency, *workflow.HOLD_ROLES),
        "can_withdraw": can_withdraw,
        "can_change_validity": item.status == Status.PUBLISHED and has_role(user, agency, *workflow.VALIDITY_ROLES),
        "validity_choices": Validity.choices,
        "comment_form": CommentForm(),
        "reason_form": ReasonForm(),
        "upload_form": UploadForm(),
    }
    if can_review and publishes:
        context["publish_token"] = confirm_token(
            user=user, action=PUBLISH_ACTION, subject=str(item.pk), digest=item_digest(item)
        )
    if can_withdraw:
        context["withdraw_token"] = confirm_token(
            user=user, action=WITHDRAW_ACTION, subject=str(item.pk), digest=item_digest(item)
        )
    return render(request, "publishing/item_detail.html", context)


def _action(request, pk: int, call, *, success: str, form=None):
    """A review action posted from the detail page: its form checked, the service called, the outcome as a message."""
    item = _get_item_for_member(request.user, pk)
    if form is not None and not form.is_valid():
        message_form_errors(request, form)
        return redirect("item-detail", pk=item.pk)
    try:
        call(item)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(request, success)
    return redirect("item-detail", pk=item.pk)


def _confirmed(request, item: Item, action: str) -> None:
    ConfirmForm(request.POST, user=request.user, action=action, subject=str(item.pk), digest=item_digest(item)).check()


@require_POST
@login_required
def item_submit(request, pk: int):
    return _action(request, pk, lambda item: services.item_submit(item=item, actor=request.user), success="已提交审核")


@require_POST
@login_required
def item_pass(request, pk: int):
    """A review step passes; the last step publishes, which needs the confirmation (gongkai.confirm) made on the
    detail page for exactly the text shown there."""
    form = CommentForm(request.POST)

    def call(item):
        if workflow.publishes(item):
            services.item_may_pass(item=item, actor=request.user)  # who may publish, before the confirmation
            _confirmed(request, item, PUBLISH_ACTION)
        services.item_pass(item=item, actor=request.user, comment=form.cleaned_data["comment"])

    return _action(request, pk, call, success="审核通过", form=form)


@require_POST
@login_required
def item_reject(request, pk: int):
    form = ActionReasonForm(request.POST)
    return _action(
        request,
        pk,
        lambda item: services.item_reject(item=item, actor=request.user, reason=form.cleaned_data["reason"]),
        success="已退回起草人",
        form=form,
    )


@require_POST
@login_required
def item_confirm(request, pk: int):
    form = CommentForm(request.POST)
    return _action(
        request,
        pk,
        lambda item: services.item_confirm_personal_data(
            item=item, actor=request.user, comment=form.cleaned_data["comment"]
        ),
        success="已确认可以公开，进入审核",
        form=form,
    )


@require_POST
@login_required
def item_withdraw(request, pk: int):
    form = ActionReasonForm(request.POST)

    def call(item):
        reason = form.cleaned_data["reason"]
        services.item_may_withdraw(item=item, actor=request.user, reason=reason)  # before the confirmation
        _confirmed(request, item, WITHDRAW_ACTION)
        services.item_withdraw(item=item, actor=request.user, reason=reason)

    return _action(request, pk, call, success="已撤回，公众页面不再显示", form=form)


@require_POST
@login_required
def item_validity(request, pk: int):
    form = ValidityForm(request.POST)
    return _action(
        request,
        pk,
        lambda item: services.item_set_validity(
            item=item,
            actor=request.user,
            validity=form.cleaned_data["validity"],
            on=form.cleaned_data["invalid_from"],
            reason=form.cleaned_data["reason"],
        ),
        success="有效性已变更，公开页面和年度报告随之更新",
        form=form,
    )


@require_POST
@login_required
def attachment_upload(request, pk: int):
    item = _get_item_for_member(request.user, pk)
    if not services.can_edit(request.user, item):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择文件")
        return redirect("item-detail", pk=pk)
    upload = form.cleaned_data["file"]
    max_bytes = settings.GONGKAI_MAX_ATTACHMENT_MB * 1024 * 1024
    if upload.size > max_bytes:
        messages.error(request, f"文件过大：不能超过 {settings.GONGKAI_MAX_ATTACHMENT_MB} MB")
        return redirect("item-detail", pk=pk)
    return _action(
        request,
        pk,
        lambda item: services.attachment_add(
            item=item, actor=request.user, name=upload.name, data=upload.read(), max_bytes=max_bytes
        ),
        success="已上传附件",
    )


@login_required
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("item__agency"), pk=pk)
    _get_item_for_member(request.user, attachment.item_id)
    return attachment_response(attachment)
