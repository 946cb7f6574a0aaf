"""Records about an élu who sits in two organisations: an appointment names only members of
the organisation that appoints, and each organisation keeps its own convocation address, so
that a clerk of the CABBALR cannot redirect the PMA's convocations (and their
acknowledgement links) to an address of their choice."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from deliberations.documents import services
from deliberations.models import AgendaItem, Appointment, ConvocationAddress, ConvocationDelivery
from tests.factories import DeliberationFactory, MandateFactory, SessionFactory
from tests.security.conftest import admin_form_data

pytestmark = pytest.mark.django_db

PMA_ADDRESS = "olivier.gacquerre@pma.example.org"


def test_an_appointment_names_only_members_of_the_appointing_organisation(
        client, clerk_cabbalr, council, committee):
    draft = DeliberationFactory(session=SessionFactory(body=council),
                                title="Désignation des représentants au SDE")
    outsider = MandateFactory(body=committee).member  # sits in the PMA only
    client.force_login(clerk_cabbalr)
    url = reverse("admin:deliberations_deliberation_change", args=[draft.pk])
    page = client.get(url)
    formset = next(inline.formset for inline in page.context["inline_admin_formsets"]
                   if inline.formset.model is Appointment)
    assert outsider not in formset.empty_form.fields["single_candidate"].queryset
    data = admin_form_data(page)
    row = f"{formset.prefix}-{formset.total_form_count()}"
    data.update({f"{formset.prefix}-TOTAL_FORMS": str(formset.total_form_count() + 1),
                 f"{row}-position": "1", f"{row}-office": "Représentant au SDE",
                 f"{row}-secret_ballot_waived": "on",
                 f"{row}-single_candidate": str(outsider.pk)})
    response = client.post(url, data)
    assert response.status_code == 200
    errors = next(inline.formset for inline in response.context["inline_admin_formsets"]
                  if inline.formset.model is Appointment).forms[-1].errors
    assert errors["single_candidate"] == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."]
    assert not Appointment.objects.filter(deliberation=draft).exists()


@pytest.fixture
def pma_address(pma, shared_member):
    return ConvocationAddress.objects.create(member=shared_member, organisation=pma,
                                             email=PMA_ADDRESS)


def test_a_clerk_cannot_change_another_organisations_convocation_address(
        client, clerk_cabbalr, cabbalr, pma, shared_member, pma_address):
    client.force_login(clerk_cabbalr)
    listing = client.get(reverse("admin:deliberations_convocationaddress_changelist"))
    assert list(listing.context["cl"].queryset) == []
    change = reverse("admin:deliberations_convocationaddress_change", args=[pma_address.pk])
    assert client.get(change).status_code == 302  # "does not exist" for this clerk
    client.post(change, {"member": shared_member.pk, "organisation": pma.pk,
                         "email": "attaquant@example.net"})
    add = reverse("admin:deliberations_convocationaddress_add")
    refused = client.post(add, {"member": shared_member.pk, "organisation": pma.pk,
                                "email": "attaquant@example.net"})
    assert refused.status_code == 200
    assert "organisation" in refused.context["adminform"].form.errors
    pma_address.refresh_from_db()
    assert pma_address.email == PMA_ADDRESS
    # The CABBALR's own address for the same élu: its business, not the PMA's.
    created = client.post(add, {"member": shared_member.pk, "organisation": cabbalr.pk,
                                "email": "o.gacquerre@cabbalr.example.org"})
    assert created.status_code == 302
    assert sorted(ConvocationAddress.objects.filter(member=shared_member)
                  .values_list("organisation__slug", "email")) == [
        ("cabbalr", "o.gacquerre@cabbalr.example.org"), ("pma", PMA_ADDRESS)]


def test_an_organisation_convenes_at_its_own_address_for_a_shared_member(
        settings, tmp_path, cabbalr, committee, shared_member, pma_address):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ConvocationAddress.objects.create(member=shared_member, organisation=cabbalr,
                                      email="attaquant@example.net")
    session = SessionFactory(body=committee, status="draft", convened_on=None,
                             date=timezone.localdate() + datetime.timedelta(days=10))
    AgendaItem.objects.create(session=session, position=1, title="Rapport d'activités 2021")
    convocation, missing = services.convocation_send(session=session)
    assert missing == []
    assert list(ConvocationDelivery.objects.filter(convocation=convocation)
                .values_list("email", flat=True)) == [PMA_ADDRESS]
    assert [message.to for message in mail.outbox] == [[PMA_ADDRESS]]


@pytest.mark.django_db(transaction=True)
def test_existing_addresses_are_kept_for_every_organisation_of_the_member():
    """The migration to one address per organisation copies an élu's former single address
    to each organisation where they hold or held a mandate: no convocation loses its
    addressee; an address of a member of no organisation goes."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before = [("deliberations", "0024_ballot_values_in_english")]
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    # The models as the database now holds them (the other apps stay at their latest).
    apps = MigrationExecutor(connection)._create_project_state(
        with_applied_migrations=True).apps
    Organisation = apps.get_model("portal", "Organisation")
    Body = apps.get_model("portal", "Body")
    Member = apps.get_model("portal", "Member")
    Mandate = apps.get_model("portal", "Mandate")
    Address = apps.get_model("deliberations", "ConvocationAddress")
    bodies = {}
    for slug in ("cabbalr", "pma"):
        organisation = Organisation.objects.create(name=slug.upper(), slug=slug,
                                                   short_name=slug.upper(), kind="ca")
        bodies[slug] = Body.objects.create(organisation=organisation, name="Assemblée",
                                           slug="assemblee", kind="conseil")
    shared = Member.objects.create(last_name="GACQUERRE", first_name="Olivier", slug="g-o")
    alone = Member.objects.create(last_name="SANS", first_name="Mandat", slug="s-m")
    for body in bodies.values():
        Mandate.objects.create(member=shared, body=body, role="councillor",
                               start_on=datetime.date(2020, 7, 15))
    Address.objects.create(member=shared, email="o.gacquerre@example.org")
    Address.objects.create(member=alone, email="sans.mandat@example.org")

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    assert sorted(ConvocationAddress.objects.values_list(
        "member__slug", "organisation__slug", "email")) == [
        ("g-o", "cabbalr", "o.gacquerre@example.org"),
        ("g-o", "pma", "o.gacquerre@example.org")]


def test_a_member_is_renamed_by_the_organisations_where_they_sit_now(
        client, clerk_cabbalr, clerk_pma, council, committee):
    """The shared-record rule counts the seats held now: an élu who left the PMA in 2020 and
    sits in the CABBALR is the CABBALR's to correct, no longer the PMA's."""
    member = MandateFactory(body=council, start_on=datetime.date(2020, 7, 15)).member
    MandateFactory(member=member, body=committee, start_on=datetime.date(2014, 4, 1),
                   end_on=datetime.date(2020, 7, 14))
    url = reverse("admin:portal_member_change", args=[member.pk])
    client.force_login(clerk_pma)
    assert "last_name" not in client.get(url).context["adminform"].form.fields
    client.force_login(clerk_cabbalr)
    page = client.get(url)
    data = admin_form_data(page)
    data["last_name"] = "NOM-CORRIGÉ"
    assert client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.last_name == "NOM-CORRIGÉ"
