"""Template helpers of the public portal."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.kernel.search import MARK_START, MARK_STOP
from portal.kernel.wording import at_place, items_wording

register = template.Library()


@register.filter
def highlight(text):
    """Escape a search snippet, then turn the search markers into <mark> elements."""
    if not text:
        return ""
    escaped = escape(text)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


@register.filter
def percent(value):
    """0.8571 → "85,7 %" (French notation)."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}".replace(".", ",") + " %"


@register.simple_tag
def item_range(first, last):
    """Items of a quorum range, in words: "question 1", "questions 5 à 13", "à partir de la
    question 14"."""
    if last is None:
        return f"à partir de la question {first}" if first > 1 else "toutes les questions"
    if first == last:
        return f"question {first}"
    return f"questions {first} à {last}"


register.filter("at_place", at_place)


@register.simple_tag
def items_of(row, whole="toute la séance"):
    """The items an attendance or proxy row covers, worded as in the registre
    (portal.kernel.wording.items_wording); `whole` when it covers the whole session."""
    return items_wording(row.from_item, row.until_item) or whole
