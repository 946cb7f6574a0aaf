"""The typed record of an act: frozen dataclasses, the same for a draft (computed live) and a
published act (decoded from its frozen JSON).

Everything an output prints about an act's legal facts is here, already computed by the rules
(``deliberations.rules``) through the builder: names as written on the day, figures, outcome
and its wording, dates and deadlines. Templates, the extract, the procès-verbal and the API
read these fields and compute nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# A field added after records were first frozen, left out of the canonical JSON while empty
# (codec._plain): the records that do not use it keep their bytes and their SHA-256.
OMIT_WHEN_EMPTY = {"omit_when_empty": True}


@dataclass(frozen=True)
class PersonRef:
    """A member as the record names them: the name as written at the time, and the slug of
    their public page (a later renaming changes neither)."""

    name: str
    slug: str = ""
    civility: str = ""  # "Madame" or "Monsieur" as the registre writes it, "" when unknown


@dataclass(frozen=True)
class OrganisationFacts:
    name: str
    slug: str
    siret: str
    arrondissement: str
    sub_prefecture: str
    administrative_court: str
    department: str


@dataclass(frozen=True)
class BodyFacts:
    name: str
    slug: str
    kind: str


@dataclass(frozen=True)
class ConvocationFacts:
    """L2121-12: when the convocation was sent, the clear days it left and those required
    (the body's statutes or the CGCT), urgency and the assembly's ruling on it."""

    convened_on: datetime.date | None
    posted_at: str
    clear_days: int | None
    required_clear_days: int
    source: str
    urgent: bool
    urgency_ruling: str
    timely: bool | None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttendanceLine:
    member: PersonRef
    status: str  # Attendance.Status value
    from_item: int | None = None
    until_item: int | None = None
    replaces: PersonRef | None = None
    note: str = ""
    remote: bool = False


@dataclass(frozen=True)
class ProxyLine:
    giver: PersonRef
    holder: PersonRef
    from_item: int | None = None
    until_item: int | None = None


@dataclass(frozen=True)
class VoiceCounts:
    """Weighted votes (statutes): the same figures in voices (rules.VoiceFigures)."""

    in_office: int
    present: int
    represented: int
    available: int
    # In voices when the statutes count the quorum in voices, else None (in members).
    quorum_required: int | None
    source: str


@dataclass(frozen=True)
class QuorumRange:
    """rules.ItemRange as printed: items first_item..last_item (None: and following)."""

    first_item: int
    last_item: int | None
    in_office: int
    present: int
    represented: int
    votes_available: int
    quorum_required: int | None
    quorum_met: bool
    # Only for a body whose statutes weight the votes.
    voices: VoiceCounts | None = field(default=None, metadata=OMIT_WHEN_EMPTY)


@dataclass(frozen=True)
class QuorumRule:
    """Which rule the quorum figures follow: the body's statutes, the CGCT or an exceptional
    regime in force on the session date, worded for the reader."""

    source: str
    counts_represented: bool
    proxies_per_holder: int
    exceptional_regime: str
    wording: str


@dataclass(frozen=True)
class SessionFacts:
    id: int
    date: datetime.date
    starts_at: datetime.time | None
    place: str
    status: str
    convocation: ConvocationFacts
    videoconference: bool
    first_convocation_id: int | None
    first_convocation_date: datetime.date | None
    president: PersonRef | None
    president_capacity: str
    secretaries: tuple[PersonRef, ...]
    in_office: int
    attendance: tuple[AttendanceLine, ...]
    proxies: tuple[ProxyLine, ...]
    # The session's per-item table as the public sees it when the act was frozen.
    quorum: tuple[QuorumRange, ...]
    quorum_rule: QuorumRule | None


@dataclass(frozen=True)
class MemberVoteLine:
    member: PersonRef
    choice: str
    choice_label: str
    for_member: PersonRef | None = None


@dataclass(frozen=True)
class VoteFacts:
    """L2121-20, L2121-21: the vote as recorded and its outcome as the rules decide and word
    it. ``outcome`` and ``wording`` are what every output prints."""

    kind: str
    kind_label: str
    ballot: str
    ballot_label: str
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    blank_or_null: int | None
    president_voted_for: bool | None
    president_abstained: bool
    clerk_wording: str  # "A l'unanimité", as the clerk typed it
    outcome: str  # Deliberation.Result value
    outcome_label: str
    wording: str  # the registre's sentence of the outcome (rules.vote_result), or the clerk's
    computed: bool  # whether ``wording`` comes from the rules (figures recorded)
    special: bool  # not an ordinary vote, or a tie the abstaining president did not break
    problem: str  # why the rules could not decide, when they could not
    not_voting: tuple[PersonRef, ...]
    withdrawn: tuple[PersonRef, ...]
    member_votes: tuple[MemberVoteLine, ...]
    roll_call_requests: int | None
    secret_ballot_requests: int | None


@dataclass(frozen=True)
class AppointmentFacts:
    office: str
    wording: str
    error: str
    rounds: tuple[int, ...]
    candidates: tuple[tuple[str, tuple[int | None, ...]], ...]


@dataclass(frozen=True)
class NotificationFacts:
    addressee: str
    notified_on: datetime.date | None
    executory_on: datetime.date | None
    appeal_deadline: datetime.date | None


@dataclass(frozen=True)
class PublicationFacts:
    """L2131-1, L2131-2, R2131-1, R421-1 CJA: transmission, receipt, publication, the
    executory date and the appeal deadline the rules computed, the signatory."""

    subject_to_transmission: bool
    transmitted_on: datetime.date | None
    prefecture_act_id: str
    received_on: datetime.date | None
    published_on: datetime.date | None
    executory_on: datetime.date | None
    appeal_deadline: datetime.date | None
    is_individual: bool
    notifications: tuple[NotificationFacts, ...]
    signatory: PersonRef | None
    signatory_capacity: str


@dataclass(frozen=True)
class RectifiedActRef:
    """The published act a rectification corrects, as it was when the rectification was
    frozen."""

    kind: str
    kind_label: str
    slug: str
    organisation_slug: str
    year: int
    title: str
    act_number: str
    body: str
    session_date: datetime.date
    published_on: datetime.date | None


@dataclass(frozen=True)
class ActFacts:
    id: int
    slug: str
    year: int
    item_number: int | None
    act_number: str
    theme: str
    title: str
    report: str
    president_request: str
    decision: str
    appeal_clause: str
    nature: str
    nature_label: str
    matter_code: str
    matter_name: str
    rapporteur: PersonRef | None
    budget_year: int | None
    budget_name: str
    is_carried_over: bool
    status: str


@dataclass(frozen=True)
class AnnexRef:
    title: str
    url: str
    is_file: bool


@dataclass(frozen=True)
class DeliberationRecord:
    """An act's complete legal record (schema ``SCHEMA_VERSION`` of record.codec).

    Not in it, on purpose: the links to the territorial project (the actions an act carries
    out, the project it adopts) and to the activity reports it takes note of, and the acts
    that later rectify it. They are not legal facts of the act but cross-references that other
    apps' loaders add after the publication (often years after), so the pages read them live
    (deliberations.views._LINKS); freezing them would hide every later link and certify
    nothing. The act it rectifies, known when it is published, is in it (``rectifies``)."""

    organisation: OrganisationFacts
    body: BodyFacts
    session: SessionFacts
    act: ActFacts
    # The item ranges that apply to this act (the whole session when its number is unknown).
    quorum: tuple[QuorumRange, ...]
    vote: VoteFacts
    appointments: tuple[AppointmentFacts, ...]
    publication: PublicationFacts
    rectifies: RectifiedActRef | None
    annexes: tuple[AnnexRef, ...]
