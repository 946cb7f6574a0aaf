"""Scope in every corner of the admin: list filters offer only the account's organisations,
the staff assignment is edited on the user's page, the first convocation is chosen among the
body's earlier sessions by name and date."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from deliberations.models import Session
from portal.models import StaffAssignment
from tests.factories import BodyFactory, DeliberationFactory, OrganisationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def filter_titles(response) -> list[str]:
    return [str(spec.title) for spec in response.context["cl"].filter_specs
            if spec.has_output()]


def filter_choices(response, title_fragment) -> list[str]:
    for spec in response.context["cl"].filter_specs:
        if title_fragment in str(spec.title):
            return [str(choice["display"]) for choice in spec.choices(response.context["cl"])]
    titles = [str(spec.title) for spec in response.context["cl"].filter_specs]
    raise AssertionError(f"no filter {title_fragment} in {titles}")


def test_list_filters_offer_only_the_clerks_organisations(client, clerk, organisation):
    own = BodyFactory(organisation=organisation, name="Conseil communautaire")
    bureau = BodyFactory(organisation=organisation, name="Bureau communautaire", slug="bur")
    SessionFactory(body=bureau, date=datetime.date(2022, 10, 20))
    others = [BodyFactory(organisation=OrganisationFactory(name=f"Autre {n}", slug=f"autre-{n}",
                                                            short_name=f"AU{n}"))
              for n in range(4)]
    for body in [own, *others]:
        DeliberationFactory(session=SessionFactory(body=body), matter_code="5.7")
    DeliberationFactory(session=SessionFactory(body=own, date=datetime.date(2022, 12, 6)),
                        matter_code="8.4")
    client.force_login(clerk)
    sessions = client.get(reverse("admin:deliberations_session_changelist"))
    # One organisation: no organisation filter at all (Django hides a single choice).
    assert "collectivité" not in filter_titles(sessions)
    assert filter_choices(sessions, "assemblée") == [
        "Tout", "Bureau communautaire (CAT)", "Conseil communautaire (CAT)"]
    # Random tokens (CSP nonces, CSRF) may spell "AU1": left out of the search.
    page = re.sub(r'(nonce|value|content)="[^"]*"', "", sessions.content.decode())
    assert not any(f"Autre {n}" in page or f"AU{n}" in page for n in range(4))
    deliberations = client.get(reverse("admin:deliberations_deliberation_changelist"))
    assert "collectivité" not in filter_titles(deliberations)
    # The subjects in use, with their labels, not the 58 codes of the nomenclature.
    assert filter_choices(deliberations, "matière") == [
        "Tout", "5.7 Intercommunalité", "8.4 Aménagement du territoire"]


def test_staff_assignment_is_edited_on_the_users_page(client, organisation):
    admin = User.objects.create_superuser("admin", "admin@example.org", "mot-de-passe-42-x")
    agent = User.objects.create_user("agent", password="mot-de-passe-42-y", is_staff=True)
    client.force_login(admin)
    url = reverse("admin:auth_user_change", args=[agent.pk])
    page = client.get(url)
    assert "Collectivités de travail" in page.content.decode()
    formset = next(f.formset for f in page.context["inline_admin_formsets"]
                   if f.formset.model is StaffAssignment)
    prefix = formset.prefix
    data = {
        "username": "agent", "first_name": "", "last_name": "", "email": "",
        "is_active": "on", "is_staff": "on", "last_login_0": "", "last_login_1": "",
        "date_joined_0": "02/12/2026", "date_joined_1": "08:00:00",
        f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-organisation": organisation.pk, f"{prefix}-0-user": agent.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(agent.assignments.values_list("organisation__slug", flat=True)) == ["ca-test"]


def test_first_convocation_is_chosen_among_the_bodys_earlier_sessions(client, clerk,
                                                                      organisation):
    body = BodyFactory(organisation=organisation)
    failed = SessionFactory(body=body, date=datetime.date(2022, 10, 14), status="cancelled",
                            convened_on=datetime.date(2022, 10, 8))
    SessionFactory(body=BodyFactory(organisation=organisation, name="Bureau communautaire",
                                    slug="bureau"), date=datetime.date(2022, 10, 13),
                   convened_on=datetime.date(2022, 10, 7))
    later = SessionFactory(body=body, date=datetime.date(2022, 11, 2))
    session = SessionFactory(body=body, date=datetime.date(2022, 10, 18))
    client.force_login(clerk)
    page = client.get(reverse("admin:deliberations_session_change", args=[session.pk]))
    field = page.context["adminform"].form.fields["first_convocation"]
    assert [str(s) for s in field.queryset] == [str(failed)]
    assert field.empty_label == "— aucune (première convocation) —"
    assert later not in field.queryset and Session.objects.count() == 4


def test_view_on_site_of_an_unpublished_act_is_a_staff_preview(client, clerk, organisation):
    draft = DeliberationFactory(session=SessionFactory(body=BodyFactory(
        organisation=organisation)), title="Convention de partenariat en préparation")
    client.force_login(clerk)
    page = client.get(reverse("admin:deliberations_deliberation_change", args=[draft.pk]))
    preview_url = reverse("admin:deliberations_deliberation_preview", args=[draft.pk])
    assert f'href="{preview_url}"' in page.content.decode()
    preview = client.get(preview_url)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Aperçu réservé au personnel — non publié." in text
    assert "Convention de partenariat en préparation" in text
    assert "private, no-store" in preview["Cache-Control"]
    client.logout()
    assert client.get(preview_url).status_code == 302  # staff only
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_first_convocation_is_searched_by_date_among_the_bodys_earlier_sessions(
        client, clerk, organisation):
    other_organisation = OrganisationFactory(name="Autre communauté", slug="autre")
    body = BodyFactory(organisation=organisation)
    SessionFactory(body=body, date=datetime.date(2022, 10, 14), status="cancelled",
                            convened_on=datetime.date(2022, 10, 8))
    older = SessionFactory(body=body, date=datetime.date(2021, 10, 12),
                           convened_on=datetime.date(2021, 10, 6))
    SessionFactory(body=BodyFactory(organisation=organisation, name="Bureau communautaire",
                                    slug="bureau"), date=datetime.date(2022, 10, 13),
                   convened_on=datetime.date(2022, 10, 7))
    SessionFactory(body=body, date=datetime.date(2022, 11, 2),
                   convened_on=datetime.date(2022, 10, 27))
    SessionFactory(body=BodyFactory(organisation=other_organisation),
                   date=datetime.date(2022, 10, 11), convened_on=datetime.date(2022, 10, 5))
    session = SessionFactory(body=body, date=datetime.date(2022, 10, 18),
                             convened_on=datetime.date(2022, 10, 12))
    client.force_login(clerk)
    page = client.get(reverse("admin:deliberations_session_change", args=[session.pk]))
    text = page.content.decode()
    # A search box (the admin's autocomplete), never a numeric id to type.
    assert 'name="first_convocation"' in text
    assert "vForeignKeyRawIdAdminField" not in text
    search_url = f"{reverse('admin:autocomplete')}?seance={session.pk}"
    assert f'data-ajax--url="{search_url}"' in text.replace("&amp;", "&")

    def found(term, seance=session.pk):
        answer = client.get(reverse("admin:autocomplete"), {
            "app_label": "deliberations", "model_name": "session",
            "field_name": "first_convocation", "term": term, "seance": seance})
        assert answer.status_code == 200
        return [result["text"] for result in answer.json()["results"]]

    label = f"{body.name} du 14/10/2022"
    assert found("14/10/2022") == [label]
    assert found("octobre 2022") == [label]
    assert found("10/2022") == [label]
    assert found("2021") == [f"{body.name} du 12/10/2021"] == [str(older)]
    # Every earlier session of the body, latest first; not the later one, not the Bureau's,
    # not another organisation's.
    assert found("") == [label, str(older)]
    assert found("2022 13 45") == []
    # A session of another organisation in the URL does not widen the search.
    foreign = Session.objects.get(body__organisation=other_organisation)
    assert len(found("", seance=foreign.pk)) == 5  # the clerk's own five sessions
    assert str(foreign) not in found("", seance=foreign.pk)
