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
