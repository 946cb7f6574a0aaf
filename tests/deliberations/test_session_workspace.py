"""The session workspace scales: a real 152-member Conseil session is saved unchanged in one
click, and its attendance has a grid screen of its own under Django's field limit."""

import html
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deliberations.immutability import ATTENDANCE_LOCKED
from deliberations.models import Attendance, Session
from portal.models import Organisation, StaffAssignment
from tests.factories import large_session

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The fields a browser would submit from the page's POST form (no button)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.in_form = self.done = False
        self._select = self._textarea = None
        self._selected = None
        # A <select multiple> submits its selected options only (none: no field at all).
        self._multiple: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        # The admin's header holds a logout form: the page's own form is the next one.
        if tag == "form" and attrs.get("method", "").lower() == "post" and (
                attrs.get("id") != "logout-form"):
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        if tag == "input" and attrs.get("name") and attrs.get("type") not in (
                "submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value") or
                                ("on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and attrs.get("name"):
            self._select, self._selected = attrs["name"], None
            self._multiple = [] if "multiple" in attrs else None
        elif tag == "option" and self._select is not None:
            if self._multiple is not None:
                if "selected" in attrs:
                    self._multiple.append(attrs.get("value", ""))
            elif self._selected is None or "selected" in attrs:
                self._selected = attrs.get("value", "")
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            if self._multiple is not None:
                self.fields.extend((self._select, value) for value in self._multiple)
            else:
                self.fields.append((self._select, self._selected or ""))
            self._select = self._multiple = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the newline that follows <textarea>.
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def submitted(response) -> dict:
    parser = FormFields()
    parser.feed(response.content.decode())
    data: dict = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def field_count(response) -> int:
    return sum(len(values) for values in submitted(response).values())


@pytest.fixture
def cabbalr_clerk():
    call_command("load_seed_records", verbosity=0)
    user = User.objects.create_user("greffe", password="mot-de-passe-solide-42", is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=user, organisation=Organisation.objects.get(
        slug="cabbalr"))
    return user


def test_seeded_conseil_session_is_read_only_and_refuses_a_save(client, cabbalr_clerk):
    """Its acts are published: the page has no field nor save button, and a POST (an old
    tab, a forged form) is refused with the reason, not "modifié avec succès"."""
    session = Session.objects.get(body__organisation__slug="cabbalr", date="2022-12-06",
                                  body__slug__startswith="conseil")
    assert session.attendances.count() == 128
    client.force_login(cabbalr_clerk)
    url = reverse("admin:deliberations_session_change", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = submitted(page)
    # The CSRF token only: no field, and no save button.
    assert list(data) == ["csrfmiddlewaretoken"]
    assert 'name="_save"' not in page.content.decode()
    response = client.post(url, {**data, "place": "Ailleurs", "_save": "1"},
                           follow=True)
    assert response.redirect_chain == [(url, 302)]
    text = html.unescape(response.content.decode())
    assert "a été modifié avec succès" not in text
    assert ("Rien n'a été enregistré. Cette séance a des délibérations publiées : ce qu'elles "
            "certifient (la séance, sa liste de présence et ses procurations) ne peut plus "
            "être modifié ici.") in text
    session.refresh_from_db()
    assert session.place != "Ailleurs"
    assert session.attendances.count() == 128
    assert session.proxies.count() == 24


def test_seeded_conseil_attendance_grid_saved_unchanged(client, cabbalr_clerk):
    session = Session.objects.get(body__organisation__slug="cabbalr", date="2022-12-06",
                                  body__slug__startswith="conseil")
    client.force_login(cabbalr_clerk)
    url = reverse("admin:deliberations_session_attendance", args=[session.pk])
    page = client.get(url)
    text = html.unescape(page.content.decode())
    assert "Membres en exercice le 6 décembre 2022 : <strong>152</strong> ; quorum : " \
           "<strong>77</strong>" in text
    assert ("Enregistrés : 104 présents, 24 représentés, 24 absents excusés, 0 absents." in text)
    assert field_count(page) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    # The session has a published act: the grid is read-only (no active field), and a POST
    # of what the page submits is refused with the reason, nothing changed.
    response = client.post(url, submitted(page), follow=True)
    assert ("Cette séance a des délibérations publiées : sa liste de présence et ses "
            "procurations ne peuvent plus être modifiées.") in html.unescape(
        response.content.decode())
    assert response.context["grid"].errors == [f"Rien n'a été enregistré. {ATTENDANCE_LOCKED}"]
    assert session.attendances.filter(status=Attendance.Status.PRESENT).count() == 104
    assert session.proxies.count() == 24


def test_large_session_pages_query_counts_and_field_limit(client, clerk, organisation):
    session = large_session(members=152, items=40, organisation=organisation)
    client.force_login(clerk)
    # Constant budgets, whatever the size (at most 17). Both pages spend six on the
    # admin itself (session, user, organisations, the session, permissions) and one on the
    # published-acts lock; the session page reads the session's deliberations once for the
    # quorum table and its list of acts, and its documents in two (the one-to-one documents,
    # the registre); the attendance screen each table once for the grid and the quorum
    # table.
    for name, most in (("admin:deliberations_session_change", 17),
                       ("admin:deliberations_session_attendance", 13)):
        url = reverse(name, args=[session.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200
        assert len(queries) <= most, (name, len(queries))
        if name == "admin:deliberations_session_change":
            text = html.unescape(page.content.decode())
            # The session's acts, all 40, each a link to its own page.
            assert text.count("convention de partenariat</a>") == 40
            assert "Question n° 40 : convention de partenariat" in text
        assert len(page.content) < 400_000
        assert field_count(page) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    # Every row of the grid in one page: 152 × 5 fields, the CSRF token and the page number.
    assert field_count(page) == 152 * 5 + 2
    # One changed row is saved and the session checked whole (a late arrival moved).
    data = submitted(page)
    member = session.attendances.filter(from_item=5).first().member
    data[f"m{member.pk}-i"] = ["6-"]
    response = client.post(reverse("admin:deliberations_session_attendance",
                                   args=[session.pk]), data)
    assert response.status_code == 302
    assert session.attendances.get(member=member).from_item == 6
