"""A published act is immutable in the database. The model says so first (save,
full_clean), the admin does not offer the change, and the database triggers
(deliberations/immutability.py) refuse it underneath: a queryset update(), raw SQL. Run on
SQLite and on PostgreSQL (DATABASE_URL)."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from deliberations import immutability, services
from deliberations.models import (
    Annex,
    Appointment,
    AppointmentVote,
    Attendance,
    Deliberation,
    IssuedExtract,
    MemberVote,
    Notification,
    Proxy,
    Session,
    WrittenProxy,
)
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    OrganisationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

ACT_MESSAGE = ("Cette délibération est publiée : son objet, ses textes, son vote et ses dates "
               "ne peuvent plus être modifiés. Corrigez-la par une délibération rectificative.")
PARTS_MESSAGE = ("Cette délibération est publiée : ses annexes, ses votes et ses nominations ne "
                 "peuvent plus être modifiés. Corrigez-la par une délibération rectificative.")
DELETE_MESSAGE = ("Une délibération publiée ne peut être supprimée : elle appartient au "
                  "registre. Corrigez-la par une délibération rectificative.")
EXTRACT_MESSAGE = ("Un extrait certifié émis ne peut être ni modifié ni supprimé : il reste "
                   "vérifiable. Une nouvelle version le remplace.")
SESSION_MESSAGE = ("Cette séance a des délibérations publiées : sa date, son assemblée et son "
                   "état ne peuvent plus être modifiés. Rectifiez-les par une délibération "
                   "rectificative.")
ATTENDANCE_MESSAGE = ("Cette séance a des délibérations publiées : sa liste de présence et ses "
                      "procurations ne peuvent plus être modifiées. Rectifiez-les par une "
                      "délibération rectificative.")


def refused(message):
    """Expect the database to refuse, with this French sentence."""
    return _Refused(message)


class _Refused:
    def __init__(self, message):
        self.message = message

    def __enter__(self):
        self.raises = pytest.raises(IntegrityError)
        self.info = self.raises.__enter__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()

    def __exit__(self, *exc):
        self.atomic.__exit__(*exc)
        handled = self.raises.__exit__(*exc)
        assert immutability.refusal_message(self.info.value) == self.message, self.info.value
        return handled


@pytest.fixture
def record(db):
    """A held session of 18 Oct 2022 (three members present, a proxy used under a written
    proxy), and its act 1 with an annex, a roll-call vote, an appointment and its result,
    entered as a draft then published; act 2 of the same session stays a draft."""
    organisation = OrganisationFactory(slug="cabbalr")
    body = BodyFactory(organisation=organisation, slug="bureau", name="Bureau communautaire")
    members = [MandateFactory(body=body).member for _ in range(4)]
    session = SessionFactory(body=body, date=datetime.date(2022, 10, 18))
    for member in members[:3]:
        AttendanceFactory(session=session, member=member)
    written = WrittenProxy.objects.create(
        body=body, giver=members[3], holder=members[0], signed_on=datetime.date(2022, 10, 1),
        valid_from=datetime.date(2022, 10, 1))
    Attendance.objects.create(session=session, member=members[3], status="excused")
    Proxy.objects.create(session=session, giver=members[3], holder=members[0],
                         written_proxy=written)
    act = DeliberationFactory(session=session, item_number=1, title="Election du Bureau",
                              votes_for=3, result=Deliberation.Result.ADOPTED,
                              published_on=datetime.date(2022, 10, 20))
    annex = Annex.objects.create(deliberation=act, title="Rapport",
                                 url="https://a.example/rapport.pdf")
    vote = MemberVote.objects.create(deliberation=act, member=members[0], choice="for")
    appointment = Appointment.objects.create(deliberation=act, office="Vice-président")
    AppointmentVote.objects.create(appointment=appointment, round=1, candidate=members[1],
                                   votes=3)
    act.non_voting_members.add(members[2])
    Deliberation.objects.filter(pk=act.pk).update(status=Deliberation.Status.PUBLISHED)
    draft = DeliberationFactory(session=session, item_number=2)
    act = Deliberation.objects.get(pk=act.pk)
    return {"act": act, "draft": draft, "session": session, "members": members,
            "annex": annex, "vote": vote, "appointment": appointment, "written": written}


# --- The act itself ---------------------------------------------------------------------------


def test_save_of_a_changed_published_act_is_refused_by_the_model(record):
    act = record["act"]
    act.title = "Election du Bureau (corrigé)"
    act.votes_for = 4
    with pytest.raises(ValidationError) as error:
        act.save()
    assert error.value.message_dict == {"title": [ACT_MESSAGE], "votes_for": [ACT_MESSAGE]}
    with pytest.raises(ValidationError) as error:
        act.full_clean()
    assert error.value.message_dict["title"] == [ACT_MESSAGE]
    assert Deliberation.objects.get(pk=act.pk).title == "Election du Bureau"


def test_save_unchanged_is_allowed(record):
    act = record["act"]
    act.save()  # only updated_at moves (the seed loader's second run does this)
    assert Deliberation.objects.get(pk=act.pk).status == "published"


@pytest.mark.parametrize("changes", [
    {"title": "Autre objet"},
    {"decision": "REJETTE la proposition."},
    {"report": ""},
    {"votes_for": 2},
    {"result": Deliberation.Result.REJECTED},
    {"published_on": datetime.date(2022, 10, 21)},
    {"transmitted_on": datetime.date(2022, 10, 19)},
    {"status": Deliberation.Status.DRAFT},
    {"act_number": "B2022-01"},
    {"slug": "autre-adresse"},
    {"signatory_capacity": "Le Président"},
])
def test_queryset_update_of_a_published_act_is_refused(record, changes):
    act = record["act"]
    with refused(ACT_MESSAGE):
        Deliberation.objects.filter(pk=act.pk).update(**changes)
    stored = Deliberation.objects.get(pk=act.pk)
    assert (stored.title, stored.status, stored.votes_for) == (
        "Election du Bureau", "published", 3)


def test_raw_sql_update_and_delete_of_a_published_act_are_refused(record):
    act = record["act"]
    with refused(ACT_MESSAGE), connection.cursor() as cursor:
        cursor.execute("UPDATE deliberations_deliberation SET title = %s WHERE id = %s",
                       ["Objet réécrit", act.pk])
    with refused(DELETE_MESSAGE), connection.cursor() as cursor:
        cursor.execute("DELETE FROM deliberations_deliberation WHERE id = %s", [act.pk])
    assert Deliberation.objects.get(pk=act.pk).title == "Election du Bureau"


def test_delete_of_a_published_act_is_refused(record):
    bare = DeliberationFactory(session=record["session"], item_number=3, published=True)
    with refused(DELETE_MESSAGE):
        Deliberation.objects.filter(pk=bare.pk).delete()
    with refused(DELETE_MESSAGE):
        bare.delete()
    assert Deliberation.objects.filter(pk=bare.pk).exists()


def test_draft_acts_stay_free(record):
    draft = record["draft"]
    Deliberation.objects.filter(pk=draft.pk).update(title="Nouvel objet")
    MemberVote.objects.create(deliberation=draft, member=record["members"][0], choice="for")
    Annex.objects.create(deliberation=draft, title="Plan", url="https://a.example/plan.pdf")
    draft.delete()
    assert not Deliberation.objects.filter(pk=draft.pk).exists()


def test_receipt_is_recorded_once_after_publication(record):
    act = DeliberationFactory(session=record["session"], item_number=3, published=True,
                              received_on=None)
    services.deliberation_record_receipt(deliberation=act, received_on=datetime.date(2022, 10, 21))
    assert Deliberation.objects.get(pk=act.pk).received_on == datetime.date(2022, 10, 21)
    with refused(ACT_MESSAGE):
        Deliberation.objects.filter(pk=act.pk).update(received_on=datetime.date(2022, 10, 22))
    stored = Deliberation.objects.get(pk=act.pk)
    stored.received_on = datetime.date(2022, 10, 22)
    with pytest.raises(ValidationError) as error:
        stored.save()
    assert error.value.message_dict == {"received_on": [ACT_MESSAGE]}


def test_notifications_stay_open_after_publication(record):
    # L2131-1: an individual decision is notified after it is taken; a fact about the act.
    notification = Notification.objects.create(deliberation=record["act"], addressee="M. X")
    Notification.objects.filter(pk=notification.pk).update(
        notified_on=datetime.date(2022, 10, 25))
    assert record["act"].notifications.get().notified_on == datetime.date(2022, 10, 25)


# --- Its parts: annexes, votes, appointments --------------------------------------------------


def test_annexes_votes_and_appointments_of_a_published_act_are_refused(record):
    act, members = record["act"], record["members"]
    with refused(PARTS_MESSAGE):
        Annex.objects.create(deliberation=act, title="Ajout", url="https://a.example/x.pdf")
    with refused(PARTS_MESSAGE):
        Annex.objects.filter(pk=record["annex"].pk).update(title="Autre rapport")
    with refused(PARTS_MESSAGE):
        record["annex"].delete()
    with refused(PARTS_MESSAGE):
        MemberVote.objects.filter(pk=record["vote"].pk).update(choice="against")
    with refused(PARTS_MESSAGE):
        MemberVote.objects.create(deliberation=act, member=members[1], choice="against")
    with refused(PARTS_MESSAGE):
        Appointment.objects.filter(pk=record["appointment"].pk).update(office="Président")
    with refused(PARTS_MESSAGE):
        AppointmentVote.objects.create(appointment=record["appointment"], round=1,
                                       candidate=members[2], votes=1)
    with refused(PARTS_MESSAGE):
        AppointmentVote.objects.filter(appointment=record["appointment"]).update(votes=4)
    with refused(PARTS_MESSAGE):
        act.non_voting_members.add(members[1])
    with refused(PARTS_MESSAGE):
        act.non_voting_members.clear()
    with refused(PARTS_MESSAGE):
        act.withdrawn_members.add(members[1])
    assert (act.annexes.count(), act.member_votes.get().choice,
            AppointmentVote.objects.get().votes, act.non_voting_members.count()) == (
        1, "for", 3, 1)


# --- Its session: date, body, state, attendance, proxies ---------------------------------------


def test_session_date_and_state_are_refused_its_details_are_not(record):
    session = record["session"]
    with refused(SESSION_MESSAGE):
        Session.objects.filter(pk=session.pk).update(status=Session.Status.DRAFT)
    with refused(SESSION_MESSAGE):
        Session.objects.filter(pk=session.pk).update(date=datetime.date(2022, 10, 17))
    Session.objects.filter(pk=session.pk).update(place="Salle Olof Palme")
    assert Session.objects.get(pk=session.pk).place == "Salle Olof Palme"


def test_attendance_proxies_and_written_proxies_are_refused(record):
    session, members = record["session"], record["members"]
    late = MandateFactory(body=session.body).member
    with refused(ATTENDANCE_MESSAGE):
        Attendance.objects.create(session=session, member=late)
    with refused(ATTENDANCE_MESSAGE):
        session.attendances.filter(member=members[0]).update(until_item=1)
    with refused(ATTENDANCE_MESSAGE):
        session.attendances.filter(member=members[1]).delete()
    with refused(ATTENDANCE_MESSAGE), connection.cursor() as cursor:
        cursor.execute("DELETE FROM deliberations_attendance WHERE session_id = %s",
                       [session.pk])
    with refused(ATTENDANCE_MESSAGE):
        Proxy.objects.filter(session=session).update(holder=members[1])
    with refused(ATTENDANCE_MESSAGE):
        Proxy.objects.create(session=session, giver=late, holder=members[1])
    with refused(immutability.WRITTEN_PROXY_LOCKED):
        WrittenProxy.objects.filter(pk=record["written"].pk).update(
            valid_until=datetime.date(2022, 10, 2))
    assert session.attendances.count() == 4 and session.proxies.get().holder == members[0]
    # A session without published acts is free.
    other = SessionFactory(body=session.body, date=datetime.date(2022, 11, 8))
    AttendanceFactory(session=other, member=late)
    other.attendances.all().delete()


# --- Issued extracts ---------------------------------------------------------------------------


def _extract(act, version, code):
    return IssuedExtract.objects.create(
        deliberation=act, version=version, file=f"extracts/2022/{code}.pdf",
        sha256=f"{version:064x}", code=code, content_fingerprint="f" * 64)


def test_issued_extract_cannot_be_deleted_nor_rewritten(record):
    first = _extract(record["act"], 1, "AAAA2222")
    with refused(EXTRACT_MESSAGE):
        first.delete()
    with refused(EXTRACT_MESSAGE):
        IssuedExtract.objects.filter(pk=first.pk).delete()
    with refused(EXTRACT_MESSAGE), connection.cursor() as cursor:
        cursor.execute("DELETE FROM deliberations_issuedextract WHERE id = %s", [first.pk])
    with refused(EXTRACT_MESSAGE):
        IssuedExtract.objects.filter(pk=first.pk).update(sha256="e" * 64)
    # The next version supersedes it, once.
    second = _extract(record["act"], 2, "BBBB3333")
    IssuedExtract.objects.filter(pk=first.pk).update(superseded_by=second)
    third = _extract(record["act"], 3, "CCCC4444")
    with refused(EXTRACT_MESSAGE):
        IssuedExtract.objects.filter(pk=first.pk).update(superseded_by=third)
    assert IssuedExtract.objects.get(pk=first.pk).superseded_by == second


# --- The admin ---------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, record):
    client.force_login(User.objects.create_superuser("admin", password="x" * 20))
    return client


def test_admin_offers_no_change_and_no_deletion(admin_client, record):
    act = record["act"]
    url = reverse("admin:deliberations_deliberation_change", args=[act.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    assert "title" not in form.fields and "decision" not in form.fields
    inlines = {inline.opts.model: inline for inline in page.context["inline_admin_formsets"]}
    for model in (Annex, MemberVote, Appointment):
        assert not inlines[model].has_add_permission
        assert not inlines[model].has_change_permission
    # Only an individual decision is still notified after publication.
    assert inlines[Notification].has_add_permission is act.is_individual
    # A posted title is refused in French, the act is unchanged.
    refused = admin_client.post(url, {"title": "Objet réécrit", "_save": "1"}, follow=True)
    assert "Rien n&#x27;a été enregistré. Cette délibération est publiée" in (
        refused.content.decode())
    assert Deliberation.objects.get(pk=act.pk).title == "Election du Bureau"
    delete = reverse("admin:deliberations_deliberation_delete", args=[act.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    appointment = reverse("admin:deliberations_appointment_change",
                          args=[record["appointment"].pk])
    response = admin_client.post(appointment, {"office": "Président"})
    assert response.status_code == 403
    written = reverse("admin:deliberations_writtenproxy_delete", args=[record["written"].pk])
    assert admin_client.post(written, {"post": "yes"}).status_code == 403
    extract = _extract(act, 1, "DDDD5555")
    delete = reverse("admin:deliberations_issuedextract_delete", args=[extract.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Appointment.objects.get().office == "Vice-président"
    assert IssuedExtract.objects.filter(pk=extract.pk).exists()


def test_admin_links_a_rectification_both_ways(admin_client, record):
    act = record["act"]
    later = SessionFactory(body=act.session.body, date=datetime.date(2022, 11, 15))
    rectification = services.deliberation_rectify(
        corrected=act, session=later, slug="rectificatif-election-bureau",
        kind=Deliberation.RectificationKind.MATERIAL_ERROR)
    page = admin_client.get(reverse("admin:deliberations_deliberation_change",
                                    args=[act.pk])).content.decode()
    new_url = reverse("admin:deliberations_deliberation_change", args=[rectification.pk])
    assert (f'<a href="{new_url}">Election du Bureau</a> (Rectificatif d&#x27;erreur '
            "matérielle, Bureau communautaire du 15/11/2022, Brouillon)") in page
    form = admin_client.get(new_url).context["adminform"].form
    assert (form["rectifies"].value(), form["rectification_kind"].value()) == (
        act.pk, "material_error")
    # The model refuses to rectify an act that is not published, in French.
    other = Deliberation(session=later, slug="sur-brouillon", title="Objet",
                         rectifies=record["draft"], rectification_kind="material_error")
    with pytest.raises(ValidationError) as error:
        other.full_clean(exclude=["body", "year", "session_date"])
    assert error.value.message_dict["rectifies"] == [
        "Seule une délibération publiée se rectifie : tant qu'elle ne l'est pas, "
        "corrigez-la directement."]
