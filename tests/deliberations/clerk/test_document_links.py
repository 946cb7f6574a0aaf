"""Every document is downloadable where it is shown: the session and deliberation admin
pages link each document to a view that checks rights (never a raw /media/ path, which is
not served), and every link of those pages answers."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.urls import reverse

from deliberations.documents import services
from deliberations.extracts import issuing
from deliberations.models import Annex
from tests.factories import DeliberationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def links(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'<a\s[^>]*href="([^"]+)"', page)]


@pytest.fixture
def documented(conseil_session, cabbalr_clerk):
    """The Conseil of 6 December 2022 with its list of deliberations, its procès-verbal
    (adopted at a later session), the registre of 2022 and the extract of its act."""
    services.deliberation_list_publish(session=conseil_session, by=cabbalr_clerk)
    later = SessionFactory(body=conseil_session.body, date=datetime.date(2022, 12, 15),
                           status="held")
    minutes = services.minutes_draft(session=conseil_session, by=cabbalr_clerk)
    services.minutes_approve(minutes=minutes, at_session=later, by=cabbalr_clerk)
    services.minutes_publish(minutes=minutes, signed_on=datetime.date(2022, 12, 15),
                             by=cabbalr_clerk)
    services.registre_generate(body=conseil_session.body, year=2022, by=cabbalr_clerk)
    act = conseil_session.deliberations.get(status="published")
    issuing.extract_get_or_issue(deliberation=act, by=cabbalr_clerk)
    return conseil_session, act


def test_every_link_of_the_session_and_act_pages_answers(client, cabbalr_clerk, documented):
    session, act = documented
    client.force_login(cabbalr_clerk)
    pages = {
        "séance": reverse("admin:deliberations_session_change", args=[session.pk]),
        "délibération": reverse("admin:deliberations_deliberation_change", args=[act.pk]),
    }
    seen = set()
    for name, url in pages.items():
        page = client.get(url)
        assert page.status_code == 200
        found = [href for href in links(page.content.decode())
                 if href.startswith("/") and not href.startswith("//")]
        assert not [href for href in found if href.startswith("/media/")], name
        for href in found:
            if href in seen:
                continue
            seen.add(href)
            response = client.get(href, follow=True)
            assert response.status_code == 200, (name, href)
    # The session's documents are among them, each a PDF served with its rights checked.
    session_page = html.unescape(client.get(pages["séance"]).content.decode())
    for label in ("Liste des délibérations publiée le ", "Procès-verbal publié le ",
                  "Registre 2022 du Conseil communautaire, version 1"):
        assert label in session_page, label
    downloads = [href for href in seen if href.endswith("/fichier/")]
    assert len(downloads) == 4  # list, PV, registre, extract
    for href in downloads:
        response = client.get(href)
        assert response["Content-Type"] == "application/pdf", href
        assert b"".join(response.streaming_content).startswith(b"%PDF"), href


def test_documents_of_another_organisation_are_refused(client, documented):
    session, _ = documented
    stranger = User.objects.create_user("autre-greffe", password="mot-de-passe-solide-42",
                                        is_staff=True)
    stranger.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    client.force_login(stranger)
    listing = session.deliberation_list
    registre = session.body.registres.get()
    for url in (reverse("admin:deliberations_deliberationlist_file", args=[listing.pk]),
                reverse("admin:deliberations_minutes_file", args=[session.minutes.pk]),
                reverse("admin:deliberations_registre_file", args=[registre.pk])):
        assert client.get(url).status_code in (403, 404), url
    client.logout()
    assert client.get(reverse("admin:deliberations_registre_file",
                              args=[registre.pk])).status_code == 302  # to the login


def test_an_annex_links_to_the_staff_download(client, cabbalr_clerk, conseil_session):
    draft = DeliberationFactory(session=conseil_session, item_number=2)
    annex = Annex(deliberation=draft, position=1, title="Plan de financement")
    annex.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    client.force_login(cabbalr_clerk)
    page = client.get(reverse("admin:deliberations_deliberation_change", args=[draft.pk]))
    url = reverse("admin:deliberations_deliberation_annex", args=[draft.pk, annex.pk])
    assert f'href="{url}"' in page.content.decode()
    assert "/media/" not in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
