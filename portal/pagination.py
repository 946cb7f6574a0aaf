"""Pagination that never counts a whole table (issue 13: lists stay fast at 250 000 acts).

Django's Paginator runs `COUNT(*)` over every matching row on each page; at a few hundred
thousand rows that count alone costs more than the page. CappedPaginator counts at most
COUNT_CAP + 1 rows (a LIMIT inside the count): past the cap the list says « plus de 10 000 »
and offers the first COUNT_CAP / per_page pages, enough to browse; filters narrow the rest.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

COUNT_CAP = 10_000


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
