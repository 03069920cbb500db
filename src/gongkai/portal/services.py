"""Writes the portal owns: the agency's 政府信息公开指南."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.agencies.access import has_role
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.services import audit_record
from gongkai.portal import sync
from gongkai.portal.models import Guide
from gongkai.publishing.sanitize import clean_html

GUIDE_ROLES = (Role.AGENCY_ADMIN,)


@transaction.atomic
def guide_save(*, agency: Agency, actor, body: str) -> Guide:
    if not has_role(actor, agency, *GUIDE_ROLES):
        raise PermissionDenied
    guide = Guide.objects.filter(agency=agency).first() or Guide(agency=agency)
    before = {"body": guide.body} if guide.pk else None
    guide.body = clean_html(body)
    guide.updated_by = actor
    guide.full_clean()
    guide.save()
    audit_record(
        actor=actor, agency=agency, action="修改公开指南", obj=guide, before=before, after={"body": guide.body}
    )
    sync.agency_page_changed(agency.pk)
    return guide
