"""The review chain, written down in one place: which status may follow which, and who acts at each step."""

from __future__ import annotations

from gongkai.agencies.models import Agency, Role
from gongkai.publishing.models import Status

# Every allowed move. A status change anywhere else is a bug: services.move() refuses it.
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.HELD, Status.SECTION_REVIEW, Status.LEADER_REVIEW, Status.SECRECY_REVIEW},
    Status.HELD: {Status.SECTION_REVIEW, Status.LEADER_REVIEW, Status.SECRECY_REVIEW, Status.DRAFT},
    Status.SECTION_REVIEW: {Status.LEADER_REVIEW, Status.SECRECY_REVIEW, Status.DRAFT, Status.HELD},
    Status.LEADER_REVIEW: {Status.SECRECY_REVIEW, Status.DRAFT, Status.HELD},
    Status.SECRECY_REVIEW: {Status.PUBLISHED, Status.DRAFT, Status.HELD},
    Status.PUBLISHED: {Status.WITHDRAWN},
    Status.WITHDRAWN: set(),
}

# The steps an item passes, by the agency's configured number of levels; secrecy review (保密审查) is always last.
STEPS_BY_LEVELS: dict[int, list[str]] = {
    3: [Status.SECTION_REVIEW, Status.LEADER_REVIEW, Status.SECRECY_REVIEW],
    2: [Status.SECTION_REVIEW, Status.SECRECY_REVIEW],
    1: [Status.SECRECY_REVIEW],
}

STEP_ROLE: dict[str, str] = {
    Status.SECTION_REVIEW: Role.SECTION_HEAD,
    Status.LEADER_REVIEW: Role.LEADER,
    Status.SECRECY_REVIEW: Role.SECRECY_REVIEWER,
}

# Who may release a held item (confirm the personal data is lawful, or edit it out).
HOLD_ROLES = (Role.SECTION_HEAD, Role.LEADER, Role.SECRECY_REVIEWER)
WITHDRAW_ROLES = (Role.AGENCY_ADMIN, Role.LEADER)
# Who records that a published document has expired (失效) or been repealed (废止), or is in force again.
VALIDITY_ROLES = WITHDRAW_ROLES
DRAFT_ROLES = (Role.DRAFTER,)


def review_steps(agency: Agency) -> list[str]:
    return STEPS_BY_LEVELS[agency.review_levels]


def first_step(agency: Agency) -> str:
    return review_steps(agency)[0]


def next_status(agency: Agency, current: str) -> str:
    steps = review_steps(agency)
    index = steps.index(current)
    return steps[index + 1] if index + 1 < len(steps) else Status.PUBLISHED


def publishes(item) -> bool:
    """Whether passing the item's current review step publishes it (the last step)."""
    return item.status in STEP_ROLE and next_status(item.agency, item.status) == Status.PUBLISHED


def roles_that_act_on(status: str) -> tuple[str, ...]:
    if status in STEP_ROLE:
        return (STEP_ROLE[status],)
    if status == Status.HELD:
        return HOLD_ROLES
    if status == Status.DRAFT:
        return DRAFT_ROLES
    if status == Status.PUBLISHED:
        return WITHDRAW_ROLES
    return ()
