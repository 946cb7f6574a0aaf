"""Addresses formatted once learnt are the strings Django's reverse gives, or Django's own."""

import pytest
from django.urls import NoReverseMatch, reverse

from portal.kernel import reversing

CASES = [
    ("deliberations:deliberation_detail",
     {"organisation": "ca-artois", "year": 2025, "slug": "budget_2025-primitif"}),
    ("deliberations:deliberation_detail",
     {"organisation": "ca-artois", "year": "2024", "slug": "x"}),
    ("deliberations:session_detail", {"pk": 354}),
    ("portal:body_detail", {"organisation": "smtvs", "slug": "comite"}),
    ("portal:member_detail", {"slug": "christine-quennesson"}),
    ("api:deliberation-detail", {"slug": "a-1"}),
    # Values Django quotes or refuses: handed to Django's reverse.
    ("portal:member_detail", {"slug": "élu"}),
]


def test_formatted_addresses_are_django_s():
    for viewname, kwargs in CASES:
        for _ in range(2):  # learnt, then formatted
            try:
                expected = reverse(viewname, kwargs=kwargs)
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    reversing.reverse(viewname, **kwargs)
                continue
            assert reversing.reverse(viewname, **kwargs) == expected


def test_a_value_a_converter_refuses_fails_as_in_django():
    reversing.reverse("deliberations:session_detail", pk=1)
    with pytest.raises(NoReverseMatch):
        reversing.reverse("deliberations:session_detail", pk="abc")
    with pytest.raises(NoReverseMatch):
        reversing.reverse("deliberations:deliberation_detail", organisation="a", year="20x5",
                          slug="b")
    with pytest.raises(NoReverseMatch):
        reversing.reverse("portal:member_detail", slug="a b")


def test_the_address_follows_the_script_prefix():
    from django.urls import set_script_prefix

    assert reversing.reverse("portal:member_detail", slug="m") == "/elus/m/"
    set_script_prefix("/portail/")
    try:
        assert reversing.reverse("portal:member_detail", slug="m") == "/portail/elus/m/"
    finally:
        set_script_prefix("/")
    assert reversing.reverse("portal:member_detail", slug="m") == "/elus/m/"
