"""SIREN and SIRET of an organisation: Luhn-checked (python-stdnum), the SIRET starting with
the SIREN; the SCDL export needs the SIRET (COLL_SIRET)."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SIRET_MESSAGE = (
    "Ce SIRET n'est pas valide : 14 chiffres sans espace (SIREN puis NIC) dont la clé de "
    "contrôle (algorithme de Luhn) ne correspond pas. Recopiez-le depuis l'avis de situation "
    "INSEE.")
SIREN_MESSAGE = (
    "Ce SIREN n'est pas valide : 9 chiffres sans espace, dont le dernier est la clé de "
    "contrôle (algorithme de Luhn). Recopiez-le depuis l'avis de situation INSEE.")


@pytest.mark.parametrize(("siren", "siret", "errors"), [
    ("200041655", "20004165500016", {}),
    ("", "", {}),
    ("", "20004165500015", {"siret": [SIRET_MESSAGE]}),  # last digit mistyped
    ("", "2000416550001", {"siret": [SIRET_MESSAGE]}),  # 13 digits
    ("", "2000416550001A", {"siret": [SIRET_MESSAGE]}),
    ("200041656", "", {"siren": [SIREN_MESSAGE]}),
    ("200041655", "21860194600013", {"siret": [
        "Le SIRET commence par le SIREN de la collectivité (200041655) : l'un des deux est "
        "mal recopié."]}),
])
def test_siren_and_siret_are_checked(siren, siret, errors):
    organisation = OrganisationFactory.build(slug="ca-test", name="CA test", siren=siren,
                                             siret=siret)
    try:
        organisation.full_clean()
    except ValidationError as error:
        assert error.message_dict == errors
    else:
        assert errors == {}
