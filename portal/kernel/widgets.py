"""Form widgets whose HTML is written in Python, byte for byte what Django's own widget
templates give.

A public list's filter form carries selects of some hundred options (bodies, years, themes,
@ctes matters); Django renders each option through two template inclusions
(select_option.html, attrs.html), about half of a list page's CPU when no cache holds the
form (measured: docs/capacity.md). The context is still Django's (get_context, optgroups:
same selected option, same attributes); only the templates' loops are done here, with the
templates' escaping (conditional_escape of each value).
"""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

# The templates these functions stand for: a widget given another template is rendered by it.
SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def attributes(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing
    for False."""
    html = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            html.append(f" {conditional_escape(name)}")
        else:
            # |stringformat:'s' gives a plain str, escaped even if the value was safe.
            html.append(f' {conditional_escape(name)}="{escape(value)}"')
    return "".join(html)


def _option(option: dict) -> str:
    # select_option.html, whose final newline the inclusion keeps.
    return (f'<option value="{escape(option["value"])}"'
            f'{attributes(option["attrs"])}>{conditional_escape(option["label"])}</option>\n')


class Select(forms.Select):
    """forms.Select whose HTML is written here (select.html, select_option.html)."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name != SELECT_TEMPLATE or self.option_template_name != OPTION_TEMPLATE:
            return super().render(name, value, attrs, renderer)
        context = self.get_context(name, value, attrs)
        widget = context["widget"]
        if not all(isinstance(option["label"], str)
                   for _name, options, _index in widget["optgroups"] for option in options):
            # A label of another type goes through the template's localisation.
            return self._render(self.template_name, context, renderer)
        html = [f'<select name="{conditional_escape(widget["name"])}"'
                f'{attributes(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                html.append("\n  ")
                html.append(_option(option))
            if group_name:
                html.append("\n  </optgroup>")
        # The renderer strips the template's output (BaseRenderer.render).
        html.append("\n</select>")
        return mark_safe("".join(html).strip())  # noqa: S308 (each value escaped above)
