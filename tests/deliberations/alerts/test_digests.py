"""Digests through a real SMTP server, on the seed records (Bureau of 18 Oct 2022 published
20 Oct 2022, Conseil of 6 Dec 2022 published 14 Dec 2022, plus a draft in that Conseil)."""

import datetime
import email.utils
import re
import smtplib

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deliberations.alerts import services
from deliberations.alerts.digests import send_digests
from deliberations.alerts.models import DigestLog, Subscriber, Subscription
from deliberations.models import Deliberation
from portal.models import Body, Member
from tests.deliberations.alerts.conftest import header, html_part, text_part

pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db
# A run on 15 Dec 2022 sends what was put online up to 14 Dec 2022.
RUN_DAY = datetime.date(2022, 12, 15)
COUNCIL_TITLE = ("ADOPTION DU PROJET DE TERRITOIRE DE LA COMMUNAUTE D'AGGLOMERATION DE "
                 "BETHUNE-BRUAY, ARTOIS LYS ROMANE – L'AGGLO 100% DURABLE")
BUREAU_TITLE = "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS"


def follow(address, *, covered_through=datetime.date(2022, 10, 19), frequency="daily",
           **target) -> Subscription:
    """A confirmed subscription, as if confirmed the day after `covered_through`."""
    subscription = services.subscription_create(
        email=address, frequency=frequency, label=target.pop("label", "Alerte"), **target)
    services.subscription_confirm(subscription=subscription)
    Subscription.objects.filter(pk=subscription.pk).update(covered_through=covered_through)
    subscription.refresh_from_db()
    return subscription


def titles(message) -> list[str]:
    return [line[2:].rstrip() for line in text_part(message).splitlines()
            if line.startswith("- ")]


@pytest.fixture
def subscriptions(seed_records, draft):
    council = Body.objects.get(name="Conseil communautaire")
    bureau = Body.objects.get(name="Bureau communautaire")
    return {
        "council": follow("conseil@example.net", scope="body", body=council,
                          label="Conseil communautaire (CABBALR)"),
        "bureau": follow("bureau@example.net", scope="body", body=bureau),
        "search": follow("recherche@example.net", scope="search",
                         criteria={"q": "projet de territoire"}),
        "draft_word": follow("brouillon@example.net", scope="search",
                             criteria={"q": "zanzibar"}),
        "weekly": follow("semaine@example.net", scope="body", body=council,
                         frequency="weekly", covered_through=datetime.date(2022, 12, 10)),
    }


def test_each_digest_holds_exactly_the_matching_published_acts(smtp_server, subscriptions,
                                                               client):
    run = send_digests(today=RUN_DAY)
    assert (run.sent, run.empty, run.skipped) == (3, 1, 0)
    [council] = smtp_server.to("conseil@example.net")
    assert titles(council) == [COUNCIL_TITLE]
    [bureau] = smtp_server.to("bureau@example.net")
    assert titles(bureau) == [BUREAU_TITLE]
    # The search digest is what the list shows for the same words, published in the period.
    page = client.get(reverse("deliberations:deliberation_list"),
                      {"q": "projet de territoire", "sort": "date"})
    listed = [act.title for act in page.context["page"].object_list
              if datetime.date(2022, 10, 19) < act.published_on <= datetime.date(2022, 12, 14)]
    [search] = smtp_server.to("recherche@example.net")
    assert titles(search) == listed != []
    # The draft's own word: nothing published matches, so no mail at all.
    assert smtp_server.to("brouillon@example.net") == []
    # Weekly, confirmed on 11 Dec 2022: its first digest is due on 18 Dec.
    assert smtp_server.to("semaine@example.net") == []
    assert len(smtp_server.messages) == 3
    for address in ("conseil@example.net", "bureau@example.net", "recherche@example.net"):
        subscription = Subscription.objects.get(subscriber__email=address)
        assert subscription.covered_through == datetime.date(2022, 12, 14)
        log = subscription.digests.get()
        assert (log.period_end, log.sent_at is not None) == (datetime.date(2022, 12, 14), True)


def test_a_draft_never_appears(smtp_server, subscriptions, draft):
    send_digests(today=RUN_DAY)
    for _, message in smtp_server.messages:
        assert "ZANZIBAR" not in text_part(message).upper()
        assert "ZANZIBAR" not in html_part(message).upper()
    assert draft.status == Deliberation.Status.DRAFT


def test_the_weekly_digest_waits_seven_days(smtp_server, subscriptions):
    send_digests(today=datetime.date(2022, 12, 17))
    assert smtp_server.to("semaine@example.net") == []
    send_digests(today=datetime.date(2022, 12, 18))
    [weekly] = smtp_server.to("semaine@example.net")
    assert len(titles(weekly)) == 1
    assert "Conseil communautaire" in text_part(weekly)


def test_the_mail_as_the_subscriber_gets_it(smtp_server, subscriptions):
    before = timezone.now().replace(microsecond=0)
    send_digests(today=RUN_DAY)
    [message] = smtp_server.to("conseil@example.net")
    assert header(message, "Subject") == (
        "1 nouvelle délibération : Conseil communautaire (CABBALR)")
    assert header(message, "From") == "Registre des délibérations <assemblees@example.org>"
    assert header(message, "To") == "conseil@example.net"
    # "-0000": a time in UTC (RFC 5322, EMAIL_USE_LOCALTIME off).
    sent = email.utils.parsedate_to_datetime(header(message, "Date")).replace(tzinfo=datetime.UTC)
    assert before <= sent <= timezone.now() + datetime.timedelta(seconds=1)
    assert re.fullmatch(r"<[^@<>\s]+@deliberations\.example\.org>",
                        header(message, "Message-ID"))
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain", "text/html"]
    unsubscribe = re.fullmatch(r"<(https://deliberations\.example\.org/alertes/desabonner/"
                               r"[^>]+/)>", header(message, "List-Unsubscribe"))
    assert unsubscribe
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    text, html = text_part(message), html_part(message)
    act = Deliberation.objects.published().get(body__name="Conseil communautaire")
    url = "https://deliberations.example.org" + act.get_absolute_url()
    assert ("Conseil communautaire (CABBALR), séance du 6 décembre 2022" in text)
    assert "Adoptée — publiée le 14 décembre 2022" in text
    assert url in text and f'href="{url}"' in html
    assert '<html lang="fr">' in html
    assert f"<title>{header(message, 'Subject')}</title>" in html
    assert unsubscribe.group(1) in text


def test_one_click_unsubscribe_by_the_header_post(smtp_server, subscriptions):
    extra = follow("conseil@example.net", scope="search", criteria={"q": "habitat"})
    send_digests(today=RUN_DAY)
    [message] = smtp_server.to("conseil@example.net")
    address = header(message, "List-Unsubscribe")[1:-1].removeprefix(
        "https://deliberations.example.org")
    # What a mail client does (RFC 8058): a POST without cookie nor CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(address, "List-Unsubscribe=One-Click",
                                content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscriptions["council"].pk).exists()
    # The address stays while it follows something else, and goes with its last alert.
    assert Subscriber.objects.filter(email="conseil@example.net").exists()
    services.subscription_delete(subscription=extra)
    assert not Subscriber.objects.filter(email="conseil@example.net").exists()
    # The same link again: already done, said plainly.
    again = mail_client.post(address, "List-Unsubscribe=One-Click",
                             content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200
    assert "vous êtes déjà désabonné" in again.text


def test_a_second_run_sends_nothing_twice(smtp_server, subscriptions):
    call_command("send_alert_digests", "--date", "2022-12-15", stdout=(first := _out()))
    assert first.getvalue() == ("3 courriel(s) envoyé(s), 1 alerte(s) sans nouvel acte, "
                                "0 déjà envoyée(s).\n")
    call_command("send_alert_digests", "--date", "2022-12-15", stdout=(second := _out()))
    assert second.getvalue() == ("0 courriel(s) envoyé(s), 0 alerte(s) sans nouvel acte, "
                                 "0 déjà envoyée(s).\n")
    # The next day: nothing new was published on 15 Dec 2022, so nothing is sent either.
    send_digests(today=RUN_DAY + datetime.timedelta(days=1))
    assert len(smtp_server.messages) == 3


def test_a_crash_in_the_middle_then_a_rerun(smtp_server, subscriptions):
    smtp_server.refuse_at = 2  # the server fails on the second digest of the run
    with pytest.raises(smtplib.SMTPDataError):
        send_digests(today=RUN_DAY, batch_size=2)
    assert len(smtp_server.messages) == 1
    assert DigestLog.objects.filter(sent_at__isnull=False).count() == 1
    assert DigestLog.objects.count() == 1  # the refused one released its claim
    smtp_server.refuse_at = None
    run = send_digests(today=RUN_DAY, batch_size=2)
    assert run.sent == 2
    recipients = sorted(rcpt[0] for rcpt, _ in smtp_server.messages)
    assert recipients == ["bureau@example.net", "conseil@example.net", "recherche@example.net"]


def test_a_member_follows_the_bodies_where_they_sit(smtp_server, seed_records):
    both = (Member.objects.filter(mandates__body__name="Conseil communautaire")
            .filter(mandates__body__name="Bureau communautaire").distinct().first())
    follow("elu@example.net", scope="member", member=both)
    send_digests(today=RUN_DAY)
    [message] = smtp_server.to("elu@example.net")
    assert sorted(titles(message)) == sorted(
        Deliberation.objects.published().values_list("title", flat=True))
    assert len(titles(message)) == 2


def _out():
    import io
    return io.StringIO()


def test_a_long_digest_lists_the_newest_then_links_to_the_rest(smtp_server, seed_records,
                                                                settings):
    settings.ALERTS_DIGEST_MAX_ACTS = 1
    council = Body.objects.get(name="Conseil communautaire")
    both = (Member.objects.filter(mandates__body=council)
            .filter(mandates__body__name="Bureau communautaire").distinct().first())
    follow("elu@example.net", scope="member", member=both)
    send_digests(today=RUN_DAY)
    [message] = smtp_server.to("elu@example.net")
    assert header(message, "Subject").startswith("2 nouvelles délibérations : ")
    assert titles(message) == [COUNCIL_TITLE]  # newest first (session of 6 Dec 2022)
    assert ("… et 1 autre délibération : "
            "https://deliberations.example.org/deliberations/?sort=date") in text_part(message)
