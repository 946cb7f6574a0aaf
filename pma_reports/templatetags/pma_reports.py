from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def with_figures(action):
    """The action's text, escaped, with its key figures in <strong class="figure">."""
    text = escape(action.text)
    for figure in getattr(action, "figures", []):
        quoted = escape(figure.text)
        text = text.replace(quoted, f'<strong class="figure">{quoted}</strong>', 1)
    return mark_safe(text)  # noqa: S308 - built from escaped parts only
