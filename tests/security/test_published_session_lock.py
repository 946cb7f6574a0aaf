"""A published act hidden or altered through its session. Setting the session back
to draft made the act 404 everywhere while it stayed published; moving the session date after
the publication was accepted (the acts' copy of the date was not updated, so the database
check was bypassed); deleting an attendance row changed the public quorum figures.
Attendance and proxies are entered on the session's attendance grid (its own screen)."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from deliberations import services
from deliberations.minutes.importing import attendance_import, attendance_import_problems
from deliberations.minutes.parsing import parse_attendance
from deliberations.models import Attendance, Deliberation, Proxy, Session
from tests.factories import BodyFactory, DeliberationFactory, MandateFactory, SessionFactory
from tests.security.conftest import admin_form_data

pytestmark = pytest.mark.django_db

# The exact wording the clerk reads (deliberations.models.SESSION_LOCKED, ATTENDANCE_LOCKED).
SESSION_MESSAGE = (
    "Cette séance a des délibérations publiées : sa date, son assemblée et son état ne "
    "peuvent plus être modifiés. Rectifiez-les par une délibération rectificative."
)
ATTENDANCE_MESSAGE = (
    "Cette séance a des délibérations publiées : sa liste de présence et ses procurations ne "
    "peuvent plus être modifiées. Rectifiez-les par une délibération rectificative."
)


@pytest.fixture
def change_page(client, clerk_cabbalr, published_session):
    client.force_login(clerk_cabbalr)
    url = reverse("admin:deliberations_session_change", args=[published_session.pk])
    page = client.get(url)
    assert page.status_code == 200
    return url, admin_form_data(page)


# The session's page is read-only once an act is published (every field: what the extracts
# certify): a forged POST is refused with this sentence, before any form is read.
PAGE_MESSAGE = (
    "Rien n'a été enregistré. Cette séance a des délibérations publiées : ce qu'elles "
    "certifient (la séance, sa liste de présence et ses procurations) ne peut plus être "
    "modifié ici. Pour corriger une erreur, rectifiez par une délibération rectificative."
)


@pytest.mark.parametrize("field, value", [
    ("status", "draft"),
    ("date", "2022-10-25"),
])
def test_session_with_published_act_refuses_date_body_status_changes(
        client, change_page, published_session, council, field, value):
    url, data = change_page
    assert field not in data  # read-only: no active field
    data[field] = value
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert PAGE_MESSAGE in html.unescape(response.content.decode())
    stored = Session.objects.get(pk=published_session.pk)
    assert (stored.status, stored.date, stored.body_id) == (
        "held", datetime.date(2022, 10, 18), council.pk)
    act = Deliberation.objects.get(session=published_session)
    assert client.get(act.get_absolute_url()).status_code == 200


def test_body_of_a_saved_session_is_read_only(client, change_page, published_session,
                                                        council):
    # The session's body is read-only once saved (clerk's workspace, any session): a body
    # posted anyway is ignored; Session.clean would refuse it too (SESSION_LOCKED_FIELDS).
    url, data = change_page
    assert "body" not in data
    other = BodyFactory(organisation=council.organisation, slug="bureau")
    assert client.post(url, {**data, "body": str(other.pk)}).status_code == 302
    assert Session.objects.get(pk=published_session.pk).body_id == council.pk


def test_other_session_details_are_read_only_too(client, change_page, published_session):
    url, data = change_page
    assert "place" not in data
    data["place"] = "Salle Olof Palme, Béthune"
    assert PAGE_MESSAGE in html.unescape(client.post(url, data, follow=True).content.decode())
    published_session.refresh_from_db()
    assert published_session.place != "Salle Olof Palme, Béthune"


def _grid(client, session):
    """The session's attendance grid (its own screen) and its POST data as shown."""
    url = reverse("admin:deliberations_session_attendance", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {f"{row.key}-{suffix}": value for row in page.context["rows"]
            for suffix, value in zip("sirhp", row.values(), strict=True)}
    return url, page, data


def test_attendance_row_of_published_session_cannot_be_deleted(
        client, clerk_cabbalr, published_session):
    client.force_login(clerk_cabbalr)
    url, page, data = _grid(client, published_session)
    assert ATTENDANCE_MESSAGE in page.content.decode()  # said before any change
    first = published_session.attendances.order_by("pk").first()
    data[f"m{first.member_id}-s"] = ""  # the row emptied: its attendance would be deleted
    response = client.post(url, data)
    assert response.status_code == 200
    # Refused, and the page shows the stored grid, not the emptied row.
    assert response.context["grid"].errors == [f"Rien n'a été enregistré. {ATTENDANCE_MESSAGE}"]
    assert published_session.attendances.count() == 3


def test_attendance_and_proxies_of_published_session_cannot_change(
        client, clerk_cabbalr, published_session, council):
    late = MandateFactory(body=council).member
    client.force_login(clerk_cabbalr)
    url, _, data = _grid(client, published_session)
    first = published_session.attendances.order_by("pk").first()
    changed = {**data, f"m{first.member_id}-s": "excused"}
    assert ATTENDANCE_MESSAGE in client.post(url, changed).content.decode()
    present = published_session.attendances.order_by("pk").last().member
    added = {**data, f"m{late.pk}-s": "represented", f"m{late.pk}-h": present.full_name}
    response = client.post(url, added)
    assert ATTENDANCE_MESSAGE in response.content.decode()
    assert not Proxy.objects.filter(session=published_session).exists()
    assert set(published_session.attendances.values_list("status", flat=True)) == {"present"}
    # Saved unchanged, nothing to refuse.
    assert client.post(url, data).status_code == 302


def test_attendance_service_refuses_the_change(published_session):
    member = published_session.attendances.first().member
    with pytest.raises(ValidationError) as error:
        services.session_attendance_replace(
            session=published_session, members=[member.pk],
            attendances=[Attendance(member=member, status=Attendance.Status.EXCUSED)],
            proxies=[],
        )
    assert error.value.messages == [ATTENDANCE_MESSAGE]
    assert published_session.attendances.get(member=member).status == "present"


def test_model_validation_refuses_the_change(published_session):
    published_session.status = Session.Status.DRAFT
    published_session.date = datetime.date(2022, 11, 30)
    with pytest.raises(ValidationError) as error:
        published_session.full_clean()
    assert error.value.message_dict == {"status": [SESSION_MESSAGE], "date": [SESSION_MESSAGE]}


def test_attendance_import_refused(published_session):
    result = parse_attendance("Présents : M. GACQUERRE Olivier\n")
    assert attendance_import_problems(session=published_session, result=result,
                                      matches=[]) == [ATTENDANCE_MESSAGE]
    with pytest.raises(ValidationError) as error:
        attendance_import(session=published_session, result=result, matches=[])
    assert error.value.messages == [ATTENDANCE_MESSAGE]
    assert published_session.attendances.filter(status=Attendance.Status.PRESENT).count() == 3


def test_session_date_copy_follows_the_session(council):
    session = SessionFactory(body=council, date=datetime.date(2022, 12, 6))
    draft = DeliberationFactory(session=session)
    session.date = datetime.date(2023, 1, 10)
    session.save()
    draft.refresh_from_db()
    assert (draft.session_date, draft.year) == (datetime.date(2023, 1, 10), 2023)


def test_database_refuses_a_session_moved_after_its_publication(published_session):
    # Past the model validation (a script, a shell): the acts' copy of the date follows the
    # session, so the database check "publication not before the session" applies.
    published_session.date = datetime.date(2022, 10, 25)
    with pytest.raises(IntegrityError), transaction.atomic():
        published_session.save()
    published_session.refresh_from_db()
    assert published_session.date == datetime.date(2022, 10, 18)


def test_change_page_says_to_rectify_before_any_change(client, clerk_cabbalr,
                                                                  published_session, council):
    client.force_login(clerk_cabbalr)
    url = reverse("admin:deliberations_session_change", args=[published_session.pk])
    assert ("Pour corriger une erreur, rectifiez par une délibération rectificative."
            in client.get(url).content.decode())
    open_session = SessionFactory(body=council, date=datetime.date(2022, 12, 6))
    page = client.get(reverse("admin:deliberations_session_change", args=[open_session.pk]))
    assert "rectifiez" not in page.content.decode()
