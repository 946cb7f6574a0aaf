"""The fields of the admin's tabular inlines are named in the HTML the server sends (RGAA 11.1):
a clerk using a screen reader without JavaScript hears each field's column, not "zone de
texte" alone."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.core import checks
from django.urls import reverse

from portal.kernel.admin_inlines import check_tabular_inlines
from tests.factories import BodyFactory, DeliberationFactory, MandateFactory, SessionFactory

pytestmark = pytest.mark.django_db


class _TabularFields(HTMLParser):
    """Per tabular inline table: the column headers and, per row, each field's column and
    accessible name."""

    def __init__(self, empty_rows):
        super().__init__()
        self.empty_rows = empty_rows
        self.headers = {"delete": "Supprimer"}  # the header says "Supprimer ?"
        self.fields, self._table, self._th, self._cell = [], 0, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and attrs.get("data-inline-type") == "tabular":
            self._table = 1
        if not self._table:
            return
        if tag == "th":
            column = next((c[7:] for c in classes if c.startswith("column-")), None)
            self._th = [column, ""]
        elif tag == "td":
            self._cell = next((c[6:] for c in classes if c.startswith("field-")),
                              "delete" if "delete" in classes else None)
        elif tag in {"input", "select", "textarea"} and self._cell and attrs.get(
                "type") != "hidden" and (
                self.empty_rows or "__prefix__" not in attrs.get("name", "")):
            self.fields.append((self._cell, attrs.get("name"), attrs.get("aria-label")))

    def handle_data(self, data):
        if self._th is not None:
            self._th[1] += data

    def handle_endtag(self, tag):
        if tag == "th" and self._th is not None:
            if self._th[0]:
                self.headers[self._th[0]] = re.sub(r"\s+", " ", self._th[1]).strip()
            self._th = None
        elif tag == "td":
            self._cell = None


def _named_fields(html, empty_rows=False):
    parser = _TabularFields(empty_rows)
    parser.feed(html)
    return parser.headers, parser.fields


def test_every_field_of_a_members_mandates_carries_its_column_name(client, clerk,
                                                                   organisation):
    mandate = MandateFactory(body=BodyFactory(organisation=organisation))
    client.force_login(clerk)
    response = client.get(reverse("admin:portal_member_change", args=[mandate.member_id]))
    assert response.status_code == 200
    headers, fields = _named_fields(response.content.decode())
    assert fields, "no tabular field found"
    assert {column for column, _, _ in fields} >= {"body", "role", "start_on", "delete"}
    for column, name, label in fields:
        assert label == headers[column], (name, label, headers[column])
    # The mandate row's body field, spelled out.
    assert ("body", "mandates-0-body", "Assemblée") in fields


def test_the_row_that_ajouter_copies_is_named_too(client, clerk, organisation):
    mandate = MandateFactory(body=BodyFactory(organisation=organisation))
    client.force_login(clerk)
    html = client.get(reverse("admin:portal_member_change", args=[mandate.member_id])).content
    empty_row = re.search(rb'<tr class="form-row\s+empty-form".*?</tr>', html, re.S)[0].decode()
    assert 'name="mandates-__prefix__-role"' in empty_row
    assert re.search(r'<select[^>]*aria-label="Fonction"[^>]*name="mandates-__prefix__-role"'
                     r'|<select[^>]*name="mandates-__prefix__-role"[^>]*aria-label="Fonction"',
                     empty_row)


def test_a_draft_deliberations_inlines_name_their_fields(client, clerk, organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    deliberation = DeliberationFactory(session=session)
    client.force_login(clerk)
    response = client.get(reverse("admin:deliberations_deliberation_change",
                                  args=[deliberation.pk]))
    assert response.status_code == 200
    # A draft has no annex, appointment, vote, notification or project link yet: the rows
    # "Ajouter" copies.
    headers, fields = _named_fields(response.content.decode(), empty_rows=True)
    assert {name.split("-")[0] for _, name, _ in fields} == {
        "annexes", "appointments", "member_votes", "notifications", "project_action_links"}
    for column, name, label in fields:
        assert label == headers[column], (name, label, headers[column])


def test_a_tabular_inline_of_djangos_own_class_is_refused_at_start_up(monkeypatch):
    assert check_tabular_inlines() == []

    class Bare(admin.TabularInline):
        model = admin.models.LogEntry

    model_admin = next(iter(admin.site._registry.values()))
    monkeypatch.setattr(model_admin, "inlines", [*model_admin.inlines, Bare])
    errors = check_tabular_inlines()
    assert [(type(e), e.id, e.msg) for e in errors] == [(
        checks.Error, "portal.E005",
        f"Le formulaire en ligne Bare de {model_admin.model._meta.label} laisse ses champs "
        "sans nom accessible.")]
