"""Subscribing without an account: only the confirmation mail until the link's page is
POSTed, unconfirmed requests forgotten after 7 days, CSRF and rate limits on the forms."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deliberations.alerts.models import Subscriber, Subscription
from tests.deliberations.alerts.conftest import header, html_part, text_part
from tests.factories import BodyFactory

pytestmark = pytest.mark.django_db
ADDRESS = "habitante@example.net"
CONFIRM_LINK = re.compile(r"https://deliberations\.example\.org(/alertes/confirmer/[^/\s]+/)")


def subscribe(client, django_capture_on_commit_callbacks, **fields):
    data = {"email": ADDRESS, "frequency": "daily", "scope": "search",
            "criteria": "q=projet de territoire", **fields}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("deliberations:alert_subscribe"), data)


def test_the_page_says_what_will_be_followed(client):
    response = client.get(reverse("deliberations:alert_subscribe"),
                          {"scope": "search", "criteria": "q=logement&theme=",
                           "frequency": "daily"})
    assert response.status_code == 200
    assert "Vous suivrez : <strong>Délibérations « logement »</strong>" in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_a_link_to_a_missing_body_is_refused_in_french(client):
    response = client.get(reverse("deliberations:alert_subscribe"),
                          {"scope": "body", "target": "999999"})
    assert response.status_code == 400
    assert "Cette assemblée n&#x27;existe pas." in response.text


def test_only_the_confirmation_is_sent_until_the_confirm_page_is_posted(
        client, smtp_server, django_capture_on_commit_callbacks):
    response = subscribe(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("deliberations:alert_requested")
    [message] = smtp_server.to(ADDRESS)
    assert header(message, "Subject") == (
        "Confirmez votre alerte : Délibérations « projet de territoire »")
    assert header(message, "From") == "Registre des délibérations <assemblees@example.org>"
    assert "List-Unsubscribe" not in message  # not a list message yet
    subscription = Subscription.objects.get()
    assert subscription.subscriber.email == ADDRESS
    assert subscription.criteria == {"q": "projet de territoire"}
    assert subscription.confirmed_at is None

    path = CONFIRM_LINK.search(text_part(message)).group(1)
    assert path in html_part(message)
    # A mail scanner following the link (GET, HEAD) confirms nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert "<button type=\"submit\">Confirmer l'abonnement</button>" in page.text
    client.head(path)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    assert "Abonnement confirmé" in confirmed.text
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert subscription.covered_through == timezone.localdate() - datetime.timedelta(days=1)
    assert len(smtp_server.messages) == 1  # still only the confirmation


def test_a_forged_confirmation_link_is_refused(client):
    response = client.post(reverse("deliberations:alert_confirm", args=["faux-jeton"]))
    assert response.status_code == 404
    assert "Lien invalide ou expiré" in response.text


def test_an_invalid_address_is_refused_and_nothing_saved(
        client, smtp_server, django_capture_on_commit_callbacks):
    response = subscribe(client, django_capture_on_commit_callbacks, email="pas-une-adresse")
    assert response.status_code == 400
    assert "Cette adresse électronique n&#x27;est pas valide." in response.text
    assert "Délibérations « projet de territoire »" in response.text
    assert not Subscriber.objects.exists()
    assert smtp_server.messages == []


def test_a_body_subscription_follows_that_body(
        client, smtp_server, django_capture_on_commit_callbacks):
    body = BodyFactory(name="Bureau communautaire", organisation__short_name="CABBALR")
    subscribe(client, django_capture_on_commit_callbacks, scope="body", target=str(body.pk),
              criteria="")
    subscription = Subscription.objects.get()
    assert (subscription.body, subscription.label) == (body, "Bureau communautaire (CABBALR)")


def test_the_subscription_form_needs_its_csrf_token(smtp_server):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("deliberations:alert_subscribe"), {
        "email": ADDRESS, "frequency": "daily", "scope": "reports"})
    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_unconfirmed_subscriptions_are_deleted_after_seven_days(
        client, smtp_server, django_capture_on_commit_callbacks):
    subscribe(client, django_capture_on_commit_callbacks)
    subscribe(client, django_capture_on_commit_callbacks, email="autre@example.net")
    Subscription.objects.filter(subscriber__email=ADDRESS).update(
        created_at=timezone.now() - datetime.timedelta(days=7, minutes=1))
    Subscription.objects.filter(subscriber__email="autre@example.net").update(
        created_at=timezone.now() - datetime.timedelta(days=6, hours=23))
    call_command("purge_unconfirmed_alerts", stdout=(out := __import__("io").StringIO()))
    assert out.getvalue() == "1 alerte(s) non confirmée(s) supprimée(s).\n"
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["autre@example.net"]


def test_the_forms_are_rate_limited(client, settings, smtp_server,
                                    django_capture_on_commit_callbacks):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMITS = {**settings.RATELIMITS, "alerts": "3/3600"}
    statuses = [subscribe(client, django_capture_on_commit_callbacks,
                          email=f"personne{n}@example.net").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert Subscription.objects.count() == 3
    assert len(smtp_server.messages) == 3
    # Reading the form is not limited.
    assert client.get(reverse("deliberations:alert_subscribe"),
                      {"scope": "reports"}).status_code == 200
