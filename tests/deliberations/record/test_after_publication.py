"""After publication, what was published does not move: the changes a clerk (or an attacker
with the admin) can still make around a published act leave its public page, its session's
page, the API and a re-issued extract byte for byte the same, or are refused in French."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from deliberations.extracts import issuing
from deliberations.models import (
    SESSION_VALIDITY_LOCKED,
    Deliberation,
    IssuedExtract,
    Session,
)
from deliberations.record.builder import build_record
from portal.models import Body, BodySettings, Mandate, Member, Organisation
from tests.factories import MandateFactory, MemberFactory

pytestmark = pytest.mark.django_db

BUREAU_DAY = datetime.date(2022, 10, 18)
CONSEIL_DAY = datetime.date(2022, 12, 6)
CABBALR = "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane"


def _outputs(client, deliberation) -> dict:
    """Everything the public reads about an act, each fetched afresh (no page cache), and
    its current extract, issued if need be (first: the page links to it): its page, its
    session's page, the API, the SCDL CSV (the extended one: the seeded acts have no act
    number, so the standard file holds only its header) and the Atom feed."""
    extract, _ = issuing.extract_get_or_issue(deliberation=deliberation)
    with extract.file.open("rb") as handle:
        found = {"extract": (extract.pk, extract.version, handle.read())}
    for name, url in (
        ("page", deliberation.get_absolute_url()),
        ("session", deliberation.session.get_absolute_url()),
        ("api", f"/api/v1/deliberations/{deliberation.slug}/"),
        ("api_session", f"/api/v1/sessions/{deliberation.session_id}/"),
        ("csv", reverse("deliberations:deliberation_csv_extended")),
        ("atom", reverse("deliberations:deliberation_feed")),
    ):
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        found[name] = (b"".join(response.streaming_content) if response.streaming
                       else response.content)
    return found


def _csv_row(content: bytes, day: datetime.date) -> dict:
    rows = [row for row in csv.DictReader(io.StringIO(content.decode("utf-8")))
            if row["DELIB_DATE"] == day.isoformat()]
    assert len(rows) == 1
    return rows[0]


def _act(day):
    return Deliberation.objects.published().get(session__date=day)


def test_new_bureau_mandates_and_body_rules_change_nothing_published(seeded, client):
    act = _act(BUREAU_DAY)
    before = _outputs(client, act)
    assert b"atteint" in before["page"] and b"non atteint" not in before["page"]
    bureau = act.session.body
    assert bureau.kind == Body.Kind.BUREAU
    for n in range(19):
        MandateFactory(member=MemberFactory(last_name=f"AJOUTE{n:02d}", slug=f"ajoute-{n}"),
                       body=bureau, role=Mandate.Role.COUNCILLOR,
                       start_on=datetime.date(2020, 7, 15))
    BodySettings.objects.update_or_create(body=bureau, defaults={
        "quorum_counts_represented": False, "proxies_per_holder": 1,
        "convocation_clear_days": 7, "convocation_source": "Statuts, article 9"})
    # The change matters: computed now, the session would lack its quorum.
    live = build_record(act)
    assert live.session.in_office == 122
    assert not all(r.quorum_met for r in live.quorum)
    after = _outputs(client, act)
    assert after == before
    # The CSV states the figures of the day: 103 in office, 74 votes, quorum 52 (live: 122).
    row = _csv_row(after["csv"], BUREAU_DAY)
    assert (row["VOTE_EFFECTIF"], row["VOTE_REEL"], row["QUORUM_REQUIS"]) == ("103", "74", "52")
    assert {r.in_office for r in live.quorum} == {122}
    assert IssuedExtract.objects.filter(deliberation=act).count() == 1


def test_renaming_a_member_changes_nothing_published(seeded, client):
    act = _act(BUREAU_DAY)
    before = _outputs(client, act)
    member = Member.objects.get(last_name="OGIEZ", first_name="Gérard")
    assert b"OGIEZ G\xc3\xa9rard" in before["session"]
    member.last_name = "RENOMME"
    member.save()
    assert any(line.member.name == "RENOMME Gérard"
               for line in build_record(act).session.attendance)
    after = _outputs(client, act)
    assert after == before
    assert b"RENOMME" not in after["api_session"] + after["page"] + after["session"]


def test_a_published_session_refuses_a_new_convocation_date_in_french(seeded, client):
    act = _act(CONSEIL_DAY)
    before = _outputs(client, act)
    session = Session.objects.get(pk=act.session_id)
    session.convened_on = datetime.date(2022, 12, 5)
    with pytest.raises(ValidationError) as refusal:
        session.full_clean()
    assert refusal.value.message_dict == {"convened_on": [SESSION_VALIDITY_LOCKED]}
    with pytest.raises(ValidationError) as refusal:
        session.save()
    assert refusal.value.message_dict == {"convened_on": [SESSION_VALIDITY_LOCKED]}
    assert Session.objects.get(pk=session.pk).convened_on == datetime.date(2022, 11, 30)
    # The place is not a validity condition: it may be corrected, the published acts keep
    # the place they stated.
    session = Session.objects.get(pk=act.session_id)
    session.place = "Ailleurs"
    session.full_clean()
    session.save()
    assert build_record(act).session.place == "Ailleurs"
    after = _outputs(client, act)
    assert after == before
    extracts = IssuedExtract.objects.filter(deliberation=act)
    assert [(e.version, e.superseded_by_id) for e in extracts] == [(1, None)]
    assert b"Ailleurs" not in after["page"] + after["session"] + after["api_session"]


def test_renaming_the_body_and_its_organisation_changes_neither_csv_nor_feed(seeded, client):
    """The CSV's COLL_NOM and the feed's entries (summary, author) name the organisation and
    the body as they were when the act was published."""
    act = _act(BUREAU_DAY)
    before = _outputs(client, act)
    assert _csv_row(before["csv"], BUREAU_DAY)["COLL_NOM"] == CABBALR
    summary = (f"Bureau communautaire — {CABBALR} · séance du 18/10/2022 · DEVELOPPEMENT "
               "ÉCONOMIQUE, EMPLOI ET TRANSITION NUMERIQUE · Prise d'acte")
    assert summary.encode() in before["atom"]
    Body.objects.filter(pk=act.session.body_id).update(name="Bureau renommé")
    Organisation.objects.filter(pk=act.session.body.organisation_id).update(
        name="Agglomération renommée")
    live = build_record(act)
    assert (live.body.name, live.organisation.name) == ("Bureau renommé",
                                                        "Agglomération renommée")
    after = _outputs(client, act)
    assert (after["csv"], after["atom"]) == (before["csv"], before["atom"])
    assert b"renomm" not in after["csv"] + after["atom"]


@pytest.mark.parametrize("field, value", [
    ("starts_at", datetime.time(9, 0)),
    ("urgent", True),
    ("urgency_ruling", "upheld"),
    ("videoconference", True),
])
def test_every_validity_field_is_locked_once_an_act_is_published(seeded, field, value):
    session = Session.objects.get(date=CONSEIL_DAY)
    setattr(session, field, value)
    with pytest.raises(ValidationError) as refusal:
        session.save()
    assert refusal.value.message_dict == {field: [SESSION_VALIDITY_LOCKED]}


def test_president_and_secretary_are_locked_once_an_act_is_published(seeded):
    session = Session.objects.get(date=CONSEIL_DAY)
    other = Member.objects.exclude(pk__in=[session.president_id or 0]).first()
    session.president, session.secretary = other, other
    with pytest.raises(ValidationError) as refusal:
        session.full_clean()
    assert set(refusal.value.message_dict) == {"president", "secretary"}


def test_a_session_without_published_acts_keeps_its_validity_fields_editable(db):
    from tests.factories import SessionFactory

    session = SessionFactory(convened_on=datetime.date(2022, 11, 30),
                             date=datetime.date(2022, 12, 6))
    session.convened_on = datetime.date(2022, 11, 29)
    session.full_clean()
    session.save()
    assert Session.objects.get(pk=session.pk).convened_on == datetime.date(2022, 11, 29)


def test_the_api_states_the_frozen_outcome_and_record_hash(seeded, client):
    act = _act(BUREAU_DAY)
    cache.clear()
    data = json.loads(client.get(f"/api/v1/deliberations/{act.slug}/").content)
    assert data["outcome"] == "noted"
    assert data["outcome_wording"] == "Prise d'acte (A la majorité absolue)."
    assert data["record_sha256"] == act.record.sha256
    assert data["executory_on"] == "2022-10-20"
    assert data["appeal_deadline"] == "2022-12-21"
