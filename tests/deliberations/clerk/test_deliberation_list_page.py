"""The list of deliberations' admin page is readable (a table, not JSON) and says when the
session's acts changed after the list was published."""

import html
import re

import pytest
from django.urls import reverse

from deliberations.documents import services
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db


def test_the_list_page_reads_as_a_table_and_tells_when_it_is_stale(
        client, cabbalr_clerk, conseil_session):
    document = services.deliberation_list_publish(session=conseil_session, by=cabbalr_clerk)
    act = conseil_session.deliberations.get()
    client.force_login(cabbalr_clerk)
    url = reverse("admin:deliberations_deliberationlist_change", args=[document.pk])
    page = html.unescape(client.get(url).content.decode())
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>",
                      page.split('class="deliberation-list-entries"')[1])
    assert rows == [("—", "—", act.title, "Adoptée")]
    assert '"item_number"' not in page
    assert "À jour : la liste publiée reprend les délibérations de la séance." in page

    DeliberationFactory(session=conseil_session, item_number=2, status="adopted",
                        result="adopted", title="Avenant au contrat de ruralité")
    page = html.unescape(client.get(url).content.decode())
    assert ("La liste publiée ne correspond plus aux délibérations de la séance (ajoutée ou "
            "modifiée depuis : Avenant au contrat de ruralité).") in page


def test_a_stale_list_is_republished_as_a_new_version(client, cabbalr_clerk, conseil_session):
    import datetime

    from deliberations.models import DeliberationList

    first = services.deliberation_list_publish(session=conseil_session, by=cabbalr_clerk,
                                               today=datetime.date(2022, 12, 8))
    first_file = first.file.name
    # Unchanged acts: nothing is published.
    assert services.deliberation_list_republish(session=conseil_session) == (first, False)
    DeliberationFactory(session=conseil_session, item_number=2, status="adopted",
                        result="adopted", title="Avenant au contrat de ruralité")
    client.force_login(cabbalr_clerk)
    changelist = reverse("admin:deliberations_deliberationlist_changelist")
    response = client.post(changelist, {"action": "republish", "_selected_action": [first.pk]},
                           follow=True)
    assert ("Nouvelles versions publiées : 1 ; les autres listes étaient à jour."
            in html.unescape(response.content.decode()))
    document = DeliberationList.objects.get(session=conseil_session)
    assert document.version == 2
    titles = [entry["title"] for entry in document.entries]
    assert len(titles) == 2 and "Avenant au contrat de ruralité" in titles
    assert [(row["version"], row["published_on"], row["file"], len(row["entries"]))
            for row in document.earlier_versions] == [(1, "2022-12-08", first_file, 1)]
    assert document.file.name != first_file
    assert document.file.storage.exists(first_file)
    page = html.unescape(client.get(reverse("admin:deliberations_deliberationlist_change",
                                            args=[document.pk])).content.decode())
    assert "version 1 publiée le 08/12/2022 (1 délibération)" in page
    assert "À jour : la liste publiée reprend les délibérations de la séance." in page
