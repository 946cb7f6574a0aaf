"""Pagination that never counts a whole table (lists stay fast at 250 000 acts).

Django's Paginator runs `COUNT(*)` over every matching row on each page; at a few hundred
thousand rows that count alone costs more than the page. CappedPaginator counts at most
COUNT_CAP + 1 rows (a LIMIT inside the count): past the cap the list says « plus de 1 000 »,
and the pages go on as long as there are rows (each page reads one row more than it shows to
know whether a next one exists), so that an API client can follow `next` to the end.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

COUNT_CAP = 1_000


def capped_count(queryset, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(rows of `queryset` counted up to `cap`, whether there are more): one query that reads
    at most cap + 1 keys."""
    found = queryset.order_by().values("pk")[: cap + 1].count()
    return min(found, cap), found > cap


class CappedPaginator(Paginator):
    """A Paginator whose count stops at `cap` (then `capped` is true)."""

    cap = COUNT_CAP

    @cached_property
    def _capped_count(self) -> tuple[int, bool]:
        rows = self.object_list
        if hasattr(rows, "values"):  # a queryset
            return capped_count(rows, self.cap)
        return min(len(rows), self.cap), len(rows) > self.cap

    @cached_property
    def count(self) -> int:
        return self._capped_count[0]

    @property
    def capped(self) -> bool:
        """Whether more rows match than `count` says."""
        return self._capped_count[1]

    def validate_number(self, number):
        if not self.capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("Le numéro de page n'est pas un entier.") from error
        if number < 1:
            raise EmptyPage("Le numéro de page est inférieur à 1.")
        return number

    def get_page(self, number):
        try:
            return super().get_page(number)
        except EmptyPage:  # past the last row: the last counted page, as Django does
            return self.page(self.num_pages)

    def page(self, number):
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom:bottom + self.per_page + 1])
        if not rows:
            raise EmptyPage("Cette page ne contient aucun résultat.")
        return CappedPage(rows[:self.per_page], number, self,
                          more=len(rows) > self.per_page)


class CappedPage(Page):
    """A page past the counted rows: whether a next one exists is known from its rows."""

    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self):
        return self.more

    def end_index(self):
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class CappedPageNumberPagination(PageNumberPagination):
    """The API's pages (REST_FRAMEWORK's default): `count` stops at COUNT_CAP, and
    `count_capped` says when more results exist."""

    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data):
        return Response({
            "count": self.page.paginator.count,
            "count_capped": self.page.paginator.capped,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            f"Nombre de résultats, compté jusqu'à {COUNT_CAP} au plus."
        )
        response["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"Vrai s'il existe plus de {COUNT_CAP} résultats.",
        }
        response["required"] = [*response.get("required", []), "count_capped"]
        return response
