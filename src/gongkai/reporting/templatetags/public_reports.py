"""{% published_reports agency as reports %}: the portal's 年报 column, each year's latest published version.

A template tag, so the portal's agency page shows reporting's data without the portal importing reporting
(reporting builds on the portal: it publishes onto it and bumps its page versions)."""

from django import template

from gongkai.reporting.selectors import published_versions

register = template.Library()


@register.simple_tag
def published_reports(agency) -> list:
    return published_versions(agency=agency)
