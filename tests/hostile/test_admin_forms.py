"""Random values in the clerk's forms (session, deliberation, attendance grid) and random text
in the import of an attendance list: never a server error, and a form sent back with errors
has saved nothing (every governance table keeps its row count)."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deliberations.models import Session
from portal.kernel.archive import archived_models
from portal.models import Body, Mandate, Member, Organisation

pytestmark = pytest.mark.django_db

NAMES = ["DUPONT Jean", "MEYFROIDT Sylvie", "LECONTE Maurice", "MARTIN Anne", "DURAND Paul"]
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.sampled_from(["", "0", "1", "-1", "on", "9" * 30, "2022-02-30", "2022-12-06",
                     "99999-01-01", "19:00", "25:61", "\x00", "a\x00b", "<script>",
                     "' OR 1=1 --", "1e309"]),
)
FRAGMENTS = st.sampled_from([
    "ETAIENT PRESENTS :", "PROCURATIONS :", "ETAIENT ABSENTS EXCUSES :", "Absents :",
    "donne procuration à", "(à partir de la question 3)", "(jusqu'à la question 99999)",
    "(suppléant de", ")", ", ", "\n", "M.", "Mme", *NAMES, "INCONNU Pierre",
    "est élu Secrétaire", "Nombre de conseillers en exercice : 36", "\x00", "<b>",
])
EXAMPLES = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
FIELD = re.compile(r'<(input|select|textarea)\b([^>]*)>', re.S)
ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')


@pytest.fixture
def session():
    organisation = Organisation.objects.create(name="Agglo test", slug="agglo", kind="ca")
    body = Body.objects.create(organisation=organisation, kind="conseil",
                               name="Conseil communautaire", slug="conseil")
    for index, full_name in enumerate(NAMES):
        last_name, first_name = full_name.split(" ", 1)
        member = Member.objects.create(last_name=last_name, first_name=first_name,
                                       slug=f"elu-{index}")
        Mandate.objects.create(member=member, body=body, start_on=datetime.date(2020, 7, 15))
    return Session.objects.create(body=body, date=datetime.date(2022, 12, 6),
                                  starts_at=datetime.time(19, 0), status="held",
                                  agenda_item_count=5)


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("greffe", "greffe@example.org", "mdp"))
    return client


def _counts():
    return {model._meta.label_lower: model._default_manager.count()
            for model in archived_models()}


def _form_fields(page: str) -> dict[str, str]:
    """The names and current values of the page's form fields (checkboxes that are not
    checked and buttons are left out, as a browser does)."""
    fields = {}
    for _tag, attributes in FIELD.findall(page):
        attrs = dict(ATTRIBUTE.findall(attributes))
        name = attrs.get("name")
        if not name or name == "csrfmiddlewaretoken" or attrs.get("type") == "submit":
            continue
        if attrs.get("type") in ("checkbox", "radio") and "checked" not in attributes:
            continue
        fields.setdefault(name, html.unescape(attrs.get("value", "")))
    return fields


def _post_never_half_saves(client, url, data):
    before = _counts()
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)
    if response.status_code == 200:  # the form again, with its errors: nothing written
        assert _counts() == before, (url, data)
    return response


def _fuzz_form(client, url, extra=None):
    page = client.get(url)
    assert page.status_code == 200
    fields = _form_fields(page.content.decode())
    assert fields, url
    names = sorted(fields)

    @EXAMPLES
    @given(changes=st.dictionaries(st.sampled_from(names), HOSTILE, min_size=1, max_size=6))
    def run(changes):
        _post_never_half_saves(client, url, {**fields, **(extra or {}), **changes})

    run()


def test_session_form(admin_client, session):
    _fuzz_form(admin_client, reverse("admin:deliberations_session_change", args=[session.pk]),
               {"_save": "Enregistrer"})


def test_deliberation_form(admin_client, session):
    _fuzz_form(admin_client, reverse("admin:deliberations_deliberation_add"),
               {"session": str(session.pk), "_save": "Enregistrer"})


def test_attendance_grid(admin_client, session):
    _fuzz_form(admin_client,
               reverse("admin:deliberations_session_attendance", args=[session.pk]))


@EXAMPLES
@given(pieces=st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=25),
       confirm=st.booleans())
def test_attendance_import(admin_client, session, pieces, confirm):
    url = reverse("admin:deliberations_session_import_attendance", args=[session.pk])
    data = {"text": " ".join(pieces)}
    if confirm:
        data["action"] = "confirm"
    _post_never_half_saves(admin_client, url, data)


def test_a_value_that_is_not_a_key_in_an_autocomplete_field_is_a_form_error(
        admin_client, session):
    """Django's autocomplete widget looked "abc" up as a key: a server error before the fix
    (portal.admin.KeysOnlyAutocompleteSelect)."""
    url = reverse("admin:deliberations_session_change", args=[session.pk])
    fields = _form_fields(admin_client.get(url).content.decode())
    before = _counts()
    response = admin_client.post(url, {**fields, "president": "abc", "secretary": "9" * 30,
                                       "other_secretaries": ["x\x00"]})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Sélectionnez un choix valide" in errors["president"][0]
    assert _counts() == before
