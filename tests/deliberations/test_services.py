import datetime

import pytest
from django.core.exceptions import ValidationError

from deliberations import services
from deliberations.models import Deliberation
from tests.factories import DeliberationFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_lifecycle_draft_adopted_transmitted_published_with_history():
    deliberation = DeliberationFactory(signatory=MemberFactory(), result="adopted",
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
        "Passage impossible de l'état « Brouillon » à « Publiée »."
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
