"""Facets of the public deliberation list, shared by the HTML list, the API, the Atom feed and
the SCDL CSV export, so that a filtered URL means the same thing everywhere."""

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from deliberations.models import MATTER_CHOICES, Deliberation
from deliberations.publication import rows
from deliberations.querysets import LIST_ORDER
from portal.kernel.widgets import Select
from portal.models import Body, Organisation


def _public():
    return Deliberation.objects.published()


def _year_choices():
    # Read from every published act's index (distinct_values): computed once per cache
    # generation and day (rows.value: invalidated by any publication, on with the row cache),
    # not on each list, feed, API or CSV request.
    return rows.value("facets:years", _compute_year_choices)


def _compute_year_choices():
    years = reversed(_public().distinct_values("year"))
    return [(str(year), str(year)) for year in years]


def _theme_choices():
    return rows.value("facets:themes", _compute_theme_choices)


def _compute_theme_choices():
    return [(theme, theme) for theme in _public().distinct_values("theme")]


def _organisations(request):
    return Organisation.objects.filter(bodies__isnull=False).distinct()


def _bodies(request):
    return Body.objects.select_related("organisation")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(django_filters.ChoiceFilter):
    """A year among those of the published deliberations (choices read at form time)."""


class DeliberationFilter(django_filters.FilterSet):
    SORT_CHOICES = [
        ("pertinence", "Pertinence"),
        ("date", "Date de séance (récentes d'abord)"),
        ("date_asc", "Date de séance (anciennes d'abord)"),
    ]
    EXECUTORY_CHOICES = [("oui", "Exécutoires"), ("non", "Pas encore exécutoires")]

    q = django_filters.CharFilter(label="Rechercher", method="filter_search")
    organisation = django_filters.ModelChoiceFilter(
        label="Collectivité", field_name="session__body__organisation", to_field_name="slug",
        queryset=_organisations, empty_label="Toutes", widget=Select,
    )
    body = django_filters.ModelChoiceFilter(
        label="Assemblée", field_name="body", queryset=_bodies, empty_label="Toutes",
        widget=Select,
    )
    year = YearFilter(
        label="Année", field_name="session_date__year", choices=_year_choices,
        empty_label="Toutes", widget=Select,
    )
    date_from = django_filters.DateFilter(
        label="Séance du", field_name="session_date", lookup_expr="gte", widget=DateInput,
    )
    date_to = django_filters.DateFilter(
        label="Séance au", field_name="session_date", lookup_expr="lte", widget=DateInput,
    )
    theme = django_filters.ChoiceFilter(
        label="Thématique", choices=_theme_choices, empty_label="Toutes", widget=Select,
    )
    matter = django_filters.ChoiceFilter(
        label="Matière @ctes", field_name="matter_code", empty_label="Toutes",
        choices=[(code, f"{code} {label}") for code, label in MATTER_CHOICES],
        widget=Select,
    )
    executory = django_filters.ChoiceFilter(
        label="Caractère exécutoire", choices=EXECUTORY_CHOICES, method="filter_executory",
        empty_label="Toutes", widget=Select,
    )
    sort = django_filters.ChoiceFilter(
        label="Trier par", choices=SORT_CHOICES, method="filter_noop", empty_label=None,
        widget=Select,
    )

    class Meta:
        model = Deliberation
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Deliberation.objects.published().with_public_relations()
        if data is not None and not data.get("sort"):
            # Show the sort actually applied: relevance with a query, newest first without.
            data = data.copy()
            data["sort"] = "pertinence" if (data.get("q") or "").strip() else "date"
        super().__init__(data=data, queryset=queryset, **kwargs)
        # The sort select always shows a value; "pertinence" only means something with a query.
        self.form.fields["sort"].required = False

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_executory(self, queryset, name, value):
        if value == "oui":
            return queryset.executory()
        return queryset.not_executory()

    def filter_noop(self, queryset, name, value):
        return queryset

    def _cleaned(self, name):
        if not self.is_bound:
            return None
        self.form.is_valid()  # fields that fail validation are left out of cleaned_data
        return self.form.cleaned_data.get(name)

    @property
    def search_query(self) -> str:
        return (self._cleaned("q") or "").strip()

    @property
    def sort_order(self) -> str:
        """"pertinence" by default with a query, else newest first."""
        sort = self._cleaned("sort") or ("pertinence" if self.search_query else "date")
        if sort == "pertinence" and not self.search_query:
            sort = "date"
        return sort

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.sort_order == "pertinence":
            return queryset.best_first()
        if self.sort_order == "date_asc":
            return queryset.order_by("session_date", "session_id", "item_number", "id")
        # LIST_ORDER, read from the lists' indexes (Deliberation.Meta.indexes).
        return queryset.order_by(*LIST_ORDER)
