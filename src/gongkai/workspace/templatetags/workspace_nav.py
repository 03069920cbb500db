"""{% agency_links agency as links %}: which of an agency's staff pages the signed-in person may open, so that the
agency's navigation never offers a supervisor (who may read the dashboard, figures and report, not the items, the
applicants' personal data or the audit trail) a link that ends in 403."""

from __future__ import annotations

from django import template

from gongkai.agencies.access import roles_in
from gongkai.agencies.models import Role
from gongkai.applications.workflow import HANDLER_ROLES

register = template.Library()


@register.simple_tag(takes_context=True)
def agency_links(context, agency) -> dict[str, bool]:
    request = context.get("request")
    held = roles_in(request.user, agency) if request is not None else set()
    return {
        "items": bool(held),
        "applications": bool(held & set(HANDLER_ROLES)),
        "audit": Role.AGENCY_ADMIN in held,
    }
