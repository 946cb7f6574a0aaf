"""The alert form on the pages that can be followed, leading to the subscription page with
what it will follow."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.models import Body, Member

pytestmark = pytest.mark.django_db
SECTION = "Recevoir les nouvelles délibérations par courriel</h2>"


def _follow_form(client, response):
    """Submit the page's alert form as a browser would (its hidden fields, daily)."""
    assert SECTION in response.text
    section = response.text.split(SECTION, 1)[1].split("</section>", 1)[0]
    fields = dict(__import__("re").findall(
        r'<input type="hidden" name="(\w+)" value="([^"]*)">', section))
    page = client.get(reverse("deliberations:alert_subscribe"),
                      {**{k: v.replace("&amp;", "&") for k, v in fields.items()},
                       "frequency": "daily"})
    assert page.status_code == 200
    return fields, page


def test_the_list_offers_to_follow_its_search_and_filters(client):
    response = client.get(reverse("deliberations:deliberation_list"),
                          {"q": "logement", "executory": "oui", "page": "1"})
    fields, page = _follow_form(client, response)
    assert fields["scope"] == "search"
    assert "page=" not in fields["criteria"]
    assert "Vous suivrez : <strong>Délibérations « logement », exécutoire oui</strong>" in (
        page.text)


def test_a_body_a_member_a_priority_and_the_reports_can_be_followed(client):
    call_command("load_seed_records", verbosity=0)
    call_command("load_territorial_project", verbosity=0)
    council = Body.objects.select_related("organisation").get(name="Conseil communautaire")
    _, page = _follow_form(client, client.get(council.get_absolute_url()))
    assert "Vous suivrez : <strong>Conseil communautaire (CABBALR)</strong>" in page.text

    member = Member.objects.with_public_record().order_by("last_name").first()
    fields, page = _follow_form(client, client.get(member.get_absolute_url()))
    assert (fields["scope"], fields["target"]) == ("member", str(member.pk))
    assert f"Vous suivrez : <strong>Assemblées où siège {member}</strong>" in page.text

    from django.apps import apps
    priority = apps.get_model("territory_project", "Priority").objects.order_by("number").first()
    fields, page = _follow_form(client, client.get(priority.get_absolute_url()))
    assert (fields["scope"], fields["target"]) == ("priority", str(priority.pk))
    assert f"Projet de territoire, priorité {priority}" in page.text

    fields, page = _follow_form(client, client.get(reverse("pma_reports:report_list")))
    assert fields == {"scope": "reports"}
    assert "Délibérations prenant acte d&#x27;un rapport d&#x27;activités" in page.text
