"""Choosing the member for an unknown name: a search box (the admin autocomplete, limited to
the clerk's organisation) instead of a select of every member, Enter searches, and the page
comes back at the name being searched."""

import datetime
import html
import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from deliberations.models import Session
from portal.models import Member, Organisation, StaffAssignment
from tests.deliberations.minutes.test_import_choices import CONDOM

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau_session(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_seed_records", stdout=io.StringIO())
    bureau = Session.objects.get(body__organisation__slug="cabbalr",
                                 date=datetime.date(2022, 10, 18)).body
    return Session.objects.create(body=bureau, date=datetime.date(2022, 11, 15),
                                  starts_at=datetime.time(17, 30), status="held",
                                  agenda_item_count=10)


def clerk_of(client, slug: str, username: str):
    user = User.objects.create_user(username, password="mot-de-passe-solide-42",
                                    is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    organisation, _ = Organisation.objects.get_or_create(
        slug=slug, defaults={"name": "Autre communauté", "kind": "ca"})
    StaffAssignment.objects.create(user=user, organisation=organisation)
    client.force_login(user)
    return client


def url(session):
    return reverse("admin:deliberations_session_import_attendance", args=[session.pk])


def test_each_unknown_name_gets_a_search_box_not_a_list_of_every_member(client,
                                                                        bureau_session):
    clerk_of(client, "cabbalr", "greffe-cabbalr")
    response = client.post(url(bureau_session), {"text": CONDOM, "action": "Analyser"})
    page = html.unescape(response.content.decode())
    # 30 names: the 29 of the lists and the president named in the preamble.
    assert len(response.context["unknown"]) == 30
    assert page.count('class="admin-autocomplete') == 30
    # The autocomplete asks the admin for the members, as the NameAlias member field does.
    assert 'data-model-name="namealias" data-field-name="member"' in page
    # No member is offered as an option: each search box holds only its empty choice; the
    # other options are the body and the role of the "tout créer" mandate.
    assert ">GACQUERRE Olivier</option>" not in page
    bodies = bureau_session.body.organisation.bodies.count()
    assert page.count("<option") == 30 + bodies + 5


def test_the_search_box_answers_with_the_members_of_the_clerks_organisation(client,
                                                                           bureau_session):
    search = {"app_label": "deliberations", "model_name": "namealias",
              "field_name": "member", "term": "gacquer"}
    clerk_of(client, "cabbalr", "greffe-cabbalr")
    found = client.get(reverse("admin:autocomplete"), search).json()["results"]
    assert [result["text"] for result in found] == ["GACQUERRE Olivier"]

    clerk_of(client, "autre-ca", "greffe-autre")
    assert client.get(reverse("admin:autocomplete"), search).json()["results"] == []


def test_enter_searches_and_the_page_comes_back_at_the_name(client, bureau_session):
    clerk_of(client, "cabbalr", "greffe-cabbalr")
    text = "Présents : GACQUERRE Olivier, LECONTE Maurice, BOSART Steve\n"
    page = html.unescape(client.post(url(bureau_session),
                                     {"text": text, "action": "Analyser"}).content.decode())
    form = page.split('<form method="post" class="import-preview">')[1]
    # The first submit button is the one Enter presses (implicit submission): a search.
    first = re.search(r'<button type="submit"[^>]*>', form).group(0)
    assert 'name="action" value="search"' in first
    assert 'id="nom-bosartsteve"' in form
    assert ('<button type="submit" name="action" value="search" '
            'formaction="#nom-bosartsteve">Rechercher</button>') in form

    # What Enter sends: the typed words and action=search; one member found is chosen.
    found = client.post(url(bureau_session), {"text": text, "action": "search",
                                              "search-bosartsteve": "bossart"})
    bossart = Member.objects.get(last_name="BOSSART", first_name="Steve")
    assert found.context["unknown"][0]["chosen"] == str(bossart.pk)
    assert "BOSSART Steve (choix à confirmer)" in html.unescape(found.content.decode())
