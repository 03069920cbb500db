"""Who may do what: every staff view asks here, and raises PermissionDenied (403) on a no."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gongkai.agencies.models import Agency, Membership, Role

REVIEW_ROLES = (Role.SECTION_HEAD, Role.LEADER, Role.SECRECY_REVIEWER)


def roles_in(user, agency: Agency) -> set[str]:
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_gongkai_roles", None)
    if cache is None:
        cache = {}
        for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
            cache.setdefault(agency_id, set()).add(role)
        user._gongkai_roles = cache
    return cache.get(agency.pk, set())


def has_role(user, agency: Agency, *roles: str) -> bool:
    return bool(roles_in(user, agency) & set(roles))


def is_supervisor_of(user, agency: Agency) -> bool:
    return Agency.objects.supervised_by(user).filter(pk=agency.pk).exists()


def get_agency_for_member(user, agency_id: int, *roles: str) -> Agency:
    """The agency if the user holds one of `roles` in it (any role when none are named), else 403."""
    agency = get_object_or_404(Agency, pk=agency_id)
    held = roles_in(user, agency)
    if not held or (roles and not held & set(roles)):
        raise PermissionDenied
    return agency


def get_agency_for_viewer(user, agency_id: int) -> Agency:
    """Members and the region's supervisors may look at an agency's dashboard and figures."""
    agency = get_object_or_404(Agency, pk=agency_id)
    if roles_in(user, agency) or is_supervisor_of(user, agency):
        return agency
    raise PermissionDenied


def regions_supervised_by(user) -> list:
    """The regions a supervisor sees, each with its sub-regions (first the ones named in their supervisions)."""
    if user is None or not user.is_authenticated:
        return []
    return [r for s in user.supervisions.select_related("region") for r in s.region.with_descendants()]
