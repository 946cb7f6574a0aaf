"""Clerks link deliberations to actions from both sides, scoped to their organisation; the
project in the JSON API (and its OpenAPI document) and in CSV."""

import csv
import io

from django.contrib.auth.models import Group, User
from django.urls import reverse

from portal.models import StaffAssignment
from territory_project.models import Action, ActionDeliberation


def _clerk_of(organisation, username="greffe-pt"):
    user = User.objects.create_user(username, password="mot-de-passe-solide-42",
                                    is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=user, organisation=organisation)
    return user


def test_clerk_links_a_deliberation_from_the_actions_page(client, project):
    client.force_login(_clerk_of(project.organisation))
    action = Action.objects.get(title="Lutter contre les fuites")
    url = reverse("admin:territory_project_action_change", args=[action.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "mise en œuvre par les délibérations" in page.content.decode().lower()
    response = client.post(url, {
        "title": action.title,
        "links-TOTAL_FORMS": "1", "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0", "links-MAX_NUM_FORMS": "1000",
        "links-0-deliberation": str(project.adopted_by.pk), "links-0-note": "adoption",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(action.deliberations.all()) == [project.adopted_by]


def test_deliberation_page_in_the_admin_has_the_project_inline(client, project):
    client.force_login(_clerk_of(project.organisation))
    page = client.get(reverse("admin:deliberations_deliberation_change",
                              args=[project.adopted_by.pk]))
    assert page.status_code == 200
    assert "projet de territoire : actions mises en œuvre" in page.content.decode().lower()


def test_clerk_of_another_organisation_sees_no_action(client, project, organisation):
    client.force_login(_clerk_of(organisation, "greffe-autre"))
    page = client.get(reverse("admin:territory_project_action_changelist"))
    assert page.status_code == 200
    assert "0 actions" in page.content.decode()
    action = Action.objects.first()
    assert client.get(reverse("admin:territory_project_action_change",
                              args=[action.pk])).status_code in (302, 404)
    autocomplete = client.get(reverse("admin:autocomplete"), {
        "app_label": "territory_project", "model_name": "actiondeliberation",
        "field_name": "action", "term": "fuites"})
    assert autocomplete.json()["results"] == []


def test_api_project_tree_and_indicators(client, project):
    action = Action.objects.get(title="Lutter contre les fuites")
    ActionDeliberation.objects.create(action=action, deliberation=project.adopted_by)
    data = client.get(f"/api/v1/projects/{project.slug}/").json()
    assert [p["title"][:20] for p in data["priorities"]] == [
        "Renforcer la coopéra", "S'adapter aux conséq", "Garantir le « bien-v",
        "Accélérer les dynami"]
    actions = [a for p in data["priorities"] for s in p["stakes"] for o in s["objectives"]
               for a in o["actions"]]
    assert len(actions) == 220
    [linked] = [a for a in actions if a["deliberations"]]
    assert linked["title"] == "Lutter contre les fuites"
    assert linked["deliberations"][0]["slug"] == project.adopted_by.slug
    assert len(data["social_functions"]) == 7
    indicators = client.get("/api/v1/indicators/", {"project__slug": project.slug}).json()
    assert indicators["count"] == 23
    waste = next(i for i in indicators["results"] if i["code"] == "dechets-par-habitant")
    assert (waste["baseline_value"], waste["baseline_year"], waste["comparison_value"]) == (
        "770.000", None, "500.000")
    assert [(t["kind"], t["value"], t["unit"], t["year"]) for t in waste["targets"]] == [
        ("change", "-15.000", "%", 2030)]
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/projects/{slug}/" in schema and "/api/v1/indicators/" in schema


def test_csv_exports(client, project):
    response = client.get(f"{project.get_absolute_url()}actions.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["priorite_numero", "priorite", "enjeu_rang", "enjeu"]
    assert len(rows) == 1 + 220
    response = client.get(f"{project.get_absolute_url()}indicateurs.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # 16 cited values and 11 targets, each with its horizon only when stated.
    assert len(rows) == 1 + 27
    assert rows[0][4:10] == ["type", "date_ou_annee", "periode", "qualificatif", "valeur",
                             "unite_valeur"]
    assert rows[-1][0] == "bornes-irve" and rows[-1][4:10] == [
        "cible (niveau à atteindre)", "2024", "", "", "100.000", "bornes"]
    water = next(r for r in rows if r[0] == "pertes-reseau-eau")
    assert water[4:10] == ["reference", "", "", "plus de", "3.700", "millions de m³ par an"]
