"""Tabular inlines whose fields are named without JavaScript (RGAA 11.1, WCAG 1.3.1/4.1.2).

Django's tabular inline shows a field's name only in its column header: the input itself has
no label, so a screen reader announces "zone de texte" alone. Every field of every row
(the empty row that "Ajouter" copies included, and the deletion box) carries its column's
name as ``aria-label`` in the HTML the server sends. portal.E005 asks every registered
tabular inline to be one of these.
"""
from django.contrib import admin
from django.core import checks
from django.forms import MultiWidget
from django.utils.text import capfirst


def _name(widget, name: str) -> None:
    inner = getattr(widget, "widget", widget)  # RelatedFieldWidgetWrapper wraps the widget
    widgets = inner.widgets if isinstance(inner, MultiWidget) else [inner]
    for each in widgets:
        each.attrs.setdefault("aria-label", name)


class _LabelledFormSetMixin:
    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if not field.widget.is_hidden and field.label:
                _name(field.widget, str(capfirst(field.label)))


class TabularInline(admin.TabularInline):
    """The project's tabular inline: use it instead of ``admin.TabularInline``."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (_LabelledFormSetMixin, formset), {})


def check_tabular_inlines(app_configs=None, **kwargs):
    """portal.E005: every registered tabular inline names its fields without JavaScript."""
    errors = []
    for site in admin.sites.all_sites:
        for model, model_admin in site._registry.items():
            for inline in model_admin.inlines:
                if issubclass(inline, admin.TabularInline) and not issubclass(
                        inline, TabularInline):
                    errors.append(checks.Error(
                        f"Le formulaire en ligne {inline.__name__} de {model._meta.label} "
                        "laisse ses champs sans nom accessible.",
                        hint="Faites-le hériter de portal.kernel.admin_inlines.TabularInline.",
                        obj=inline, id="portal.E005"))
    return errors
