"""Template helpers of certified extracts."""

from django import template

from deliberations.extracts import issuing

register = template.Library()


@register.simple_tag
def current_extract(deliberation):
    """{% current_extract deliberation as extract %}: the current issued extract of a
    published deliberation, or None (one query; meant for a detail page, not for a list)."""
    return issuing.extract_current(deliberation)
