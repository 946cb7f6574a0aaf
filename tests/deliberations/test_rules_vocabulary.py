"""deliberations.rules.vocabulary: the enums the rules speak, equal to the stored values."""

import pytest

from deliberations import rules
from deliberations.models import Attendance, Deliberation, MemberVote, Session
from deliberations.rules.vocabulary import (
    AttendanceStatus,
    Ballot,
    DeliberationStatus,
    OrganisationKind,
    Role,
    SessionStatus,
    UrgencyRuling,
    VoteChoice,
    VoteKind,
    VoteResult,
)
from portal.models import Mandate, Organisation
from tests.factories import DeliberationFactory


@pytest.mark.parametrize(
    ("vocabulary", "choices"),
    [
        (DeliberationStatus, Deliberation.Status),
        (SessionStatus, Session.Status),
        (AttendanceStatus, Attendance.Status),
        (VoteKind, Deliberation.VoteKind),
        (Ballot, Deliberation.Ballot),
        (VoteResult, Deliberation.Result),
        (VoteChoice, MemberVote.Choice),
        (UrgencyRuling, Session.UrgencyRuling),
        (Role, Mandate.Role),
        (OrganisationKind, Organisation.Kind),
    ],
    ids=lambda value: value.__qualname__,
)
def test_each_enum_has_the_values_the_models_store(vocabulary, choices):
    assert {member.name: member.value for member in vocabulary} == {
        member.name: member.value for member in choices
    }


def test_ballot_values_stay_the_stored_french_ones():
    assert [str(ballot) for ballot in Ballot] == ["show_of_hands", "roll_call", "secret"]


def test_rule_constants_are_vocabulary_members_equal_to_the_stored_strings():
    assert rules.ORDINARY is VoteKind.ORDINARY
    assert rules.TWO_THIRDS_IN_OFFICE == "two_thirds_in_office"
    assert rules.VOTE_KINDS == set(VoteKind)
    assert rules.BALLOTS == {"show_of_hands", "roll_call", "secret"}
    assert rules.VOTE_CHOICES == ("for", "against", "abstention", "not_voting")
    assert rules.BALLOT_WORDING["show_of_hands"] == "à main levée"
    assert rules.ALLOWED_TRANSITIONS["adopted"] == {"transmitted", "published", "draft"}


def test_rules_return_members_that_read_as_the_stored_strings():
    outcome = rules.vote_result(votes_for=30, votes_against=2)
    ballot = rules.required_ballot(present=40, roll_call_requests=10)

    assert outcome.result is VoteResult.ADOPTED
    assert f"{outcome.result}" == "adopted"
    assert ballot is Ballot.ROLL_CALL
    assert f"{ballot}" == "roll_call"


@pytest.mark.django_db
def test_a_vocabulary_member_saved_on_a_model_reads_back_as_the_stored_string():
    deliberation = DeliberationFactory()
    deliberation.result = rules.vote_result(votes_for=3, votes_against=5).result
    deliberation.save(update_fields=["result"])
    deliberation.refresh_from_db()

    assert type(deliberation.result) is str
    assert deliberation.result == "rejected"
