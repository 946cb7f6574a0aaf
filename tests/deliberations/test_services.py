import datetime

import pytest
from django.core.exceptions import ValidationError

from deliberations import services
from deliberations.models import Deliberation
from tests.factories import (
    AttendanceFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def session_with_attendance(in_office: int, present: int, **session_fields):
    """A held session of a body with `in_office` seats, `present` of them present."""
    session = SessionFactory(**session_fields)
    for index in range(in_office):
        mandate = MandateFactory(body=session.body)
        if index < present:
            AttendanceFactory(session=session, member=mandate.member)
    return session


def test_lifecycle_draft_adopted_transmitted_published_with_history():
    deliberation = DeliberationFactory(session=session_with_attendance(3, 2),
                                       signatory=MemberFactory(), result="adopted",
                                       received_on=datetime.date(2022, 10, 20))
    services.deliberation_set_status(deliberation=deliberation, to_status="adopted")
    services.deliberation_set_status(deliberation=deliberation, to_status="transmitted")
    services.deliberation_publish(deliberation=deliberation,
                                  published_on=datetime.date(2022, 10, 20))
    deliberation.refresh_from_db()
    assert deliberation.status == "published"
    assert deliberation.published_on == datetime.date(2022, 10, 20)
    assert list(deliberation.status_changes.values_list("from_status", "to_status")) == [
        ("draft", "adopted"), ("adopted", "transmitted"), ("transmitted", "published"),
    ]


def test_draft_cannot_be_published_directly():
    deliberation = DeliberationFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.deliberation_publish(deliberation=deliberation)
    assert excinfo.value.messages == [
        "Adoptez d'abord la délibération (bouton « Adopter ») : seule une délibération votée "
        "peut être publiée."
    ]
    deliberation.refresh_from_db()
    assert deliberation.status == "draft" and deliberation.status_changes.count() == 0


def test_published_act_never_goes_back():
    deliberation = DeliberationFactory(published=True)
    with pytest.raises(ValidationError):
        services.deliberation_set_status(deliberation=deliberation, to_status="draft")


def test_publication_requires_signatory_result_and_date_after_session():
    deliberation = DeliberationFactory(status=Deliberation.Status.ADOPTED)
    with pytest.raises(ValidationError) as excinfo:
        services.deliberation_publish(
            deliberation=deliberation,
            published_on=deliberation.session.date - datetime.timedelta(days=1),
        )
    assert excinfo.value.messages == [
        "La publication ne peut précéder la séance.",
        "Indiquez le signataire (nom et qualité) avant de publier (R2131-1).",
        "Indiquez le résultat du vote avant de publier.",
    ]
    deliberation.refresh_from_db()
    assert deliberation.status == "adopted" and deliberation.published_on is None


def test_no_adoption_without_quorum_on_the_item():
    """L2121-17: 5 seats, quorum 3; 2 present → the item must be carried over."""
    deliberation = DeliberationFactory(session=session_with_attendance(5, 2), item_number=1)
    with pytest.raises(ValidationError) as excinfo:
        services.deliberation_set_status(deliberation=deliberation, to_status="adopted")
    assert excinfo.value.messages == [
        "Quorum non atteint à la question 1 : 2 présents pour 3 requis (L2121-17). La question "
        "doit être reportée à une seconde convocation."
    ]
    deliberation.refresh_from_db()
    assert deliberation.status == "draft" and deliberation.status_changes.count() == 0


def test_no_adoption_before_attendance_is_recorded():
    deliberation = DeliberationFactory(session=session_with_attendance(5, 0))
    with pytest.raises(ValidationError) as excinfo:
        services.deliberation_set_status(deliberation=deliberation, to_status="adopted")
    assert excinfo.value.messages == [
        "Saisissez la liste de présence de la séance avant l'adoption : le quorum doit être "
        "vérifié question par question (L2121-17)."
    ]


def test_carried_over_item_of_a_second_convocation_is_adopted_without_quorum():
    first = session_with_attendance(5, 2, status="cancelled")
    second = SessionFactory(body=first.body, date=datetime.date(2022, 10, 25),
                            first_convocation=first)
    AttendanceFactory(session=second, member=first.body.mandates.first().member)
    deliberation = DeliberationFactory(session=second, item_number=1, is_carried_over=True)
    services.deliberation_set_status(deliberation=deliberation, to_status="adopted")
    deliberation.refresh_from_db()
    assert deliberation.status == "adopted"


def test_a_session_still_in_preparation_hides_its_deliberations():
    # An act marked published in a session still in preparation (an import, a script) stays
    # hidden; a held session's published act cannot be hidden by setting its session back
    # to draft (the database refuses, deliberations/immutability.py).
    hidden = DeliberationFactory(published=True, session=SessionFactory(status="draft"))
    shown = DeliberationFactory(published=True)
    assert list(Deliberation.objects.published()) == [shown]
    assert hidden.status == "published"


def test_publication_issues_the_certified_extract_once_committed(
        django_capture_on_commit_callbacks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deliberation = DeliberationFactory(session=session_with_attendance(3, 2),
                                       signatory=MemberFactory(), result="adopted",
                                       status=Deliberation.Status.ADOPTED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.deliberation_publish(deliberation=deliberation,
                                      published_on=deliberation.session.date)
    assert len(callbacks) == 1
    (extract,) = deliberation.extracts.all()
    assert (extract.version, extract.superseded_by) == (1, None)
    assert (tmp_path / extract.file.name).read_bytes()[:5] == b"%PDF-"
