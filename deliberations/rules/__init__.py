"""The legal rules of a deliberating body, as pure functions (standard library only)."""

# Quorum, proxies and per-item figures (CGCT L2121-17, L2121-20, L2131-11), the Covid-19
# exceptional regimes as dated configuration, written proxies across sessions (L2121-20), vote
# results (L2121-20), executability (L2131-1, L5211-3), legal time (délai franc of the appeal
# and of the prefect's review, R421-1 CJA, L2131-6; clear days of the convocation, L2121-12;
# working days) and the deliberation lifecycle; designated suppléants (L5211-6, QE n° 49337),
# a body's own rules from its statutes (``BodyRules``), second convocations (L2121-17; CE 16
# June 1997, Pfister), vote kinds (L1612-12, two thirds, L5211-11), appointments (L2121-21),
# individual decisions (L2131-1), ballot requests and roll-call votes, urgency (L2121-12) and
# videoconference (L5211-11-1). Each rule records the text and date it follows in ``RULES``
# (``follows``).
#
# Standard library only: no Django, no ORM. Callers turn model rows into the dataclasses of
# these modules, so the rules are fast to test and shared by views, services, extracts and the
# API (one copy of each rule, STYLE.md). Members are arbitrary hashables (primary keys or
# names); functions that write French messages take ``names`` to print them (default
# ``str(member)``). Every name is re-exported here: ``from deliberations import rules;
# rules.quorum_required`` keeps working whichever module a rule lives in.

# ``rules.Fraction`` is how callers build a regime's quorum fraction.
from fractions import Fraction

from .appointments import (
    MAX_ROUNDS,
    ROUND_ORDINALS,
    AppointmentOutcome,
    appointment_ballot_problems,
    appointment_result,
)
from .attendance import (
    BUREAU_RULES,
    CGCT_RULES,
    BodyRules,
    MandateSpan,
    Presence,
    PresenceProblem,
    is_present,
    item_range_problem,
    members_in_office,
    presence_problems,
    quorum_reached,
    quorum_required,
)
from .convocations import (
    SECOND_CONVOCATION_CLEAR_DAYS,
    activity_report_deadline,
    convocation_delay_problem,
    convocation_is_timely,
    deliberation_list_deadline,
    items_to_carry_over,
    latest_convocation_date,
    member_communes_deadline,
    minutes_approval_problem,
    minutes_publication_deadline,
    second_convocation_problems,
    transmission_target,
    urgency_problems,
    videoconference_problems,
)
from .dates import (
    add_months,
    appeal_deadline,
    clear_days_between,
    executory_on,
    individual_executory_on,
    is_working_day,
    last_day_of_clear_months,
    next_working_day,
    prefect_review_deadline,
)
from .figures import (
    NO_WITHDRAWALS,
    ItemFigures,
    ItemRange,
    breakpoints,
    item_figures,
    session_table,
)
from .lifecycle import ALLOWED_TRANSITIONS, can_transition, rectification_problems
from .proxies import (
    ADMINISTRATIVE_ACCOUNT_WITHDRAWAL,
    PERSONAL_INTEREST,
    WRITTEN_PROXY_MAX_SESSIONS,
    ProxyGrant,
    ProxyProblem,
    designated_substitutes,
    max_proxies_per_holder,
    proxy_covers,
    proxy_problems,
    written_proxy_problem,
)
from .regimes import EXCEPTIONAL_REGIMES, ExceptionalRegime, Regimes, regime_on
from .sources import RULES, Holidays, Names, RuleSource, follows
from .vocabulary import (
    AttendanceStatus,
    Ballot,
    DeliberationStatus,
    Role,
    SessionStatus,
    UrgencyRuling,
    VoteChoice,
    VoteKind,
    VoteResult,
)
from .votes import (
    ADMINISTRATIVE_ACCOUNT,
    BALLOT_WORDING,
    BALLOTS,
    CLOSED_SESSION,
    ORDINARY,
    TWO_THIRDS_CAST,
    TWO_THIRDS_IN_OFFICE,
    VOTE_CHOICES,
    VOTE_KINDS,
    VoteOutcome,
    ballot_request_problems,
    check_vote_counts,
    member_vote_problems,
    required_ballot,
    vote_result,
)

__all__ = [
    "Fraction",
    "Names",
    "Holidays",
    "RuleSource",
    "RULES",
    "follows",
    "ExceptionalRegime",
    "EXCEPTIONAL_REGIMES",
    "Regimes",
    "regime_on",
    "Presence",
    "MandateSpan",
    "members_in_office",
    "BodyRules",
    "CGCT_RULES",
    "BUREAU_RULES",
    "is_present",
    "item_range_problem",
    "quorum_required",
    "quorum_reached",
    "PresenceProblem",
    "presence_problems",
    "ProxyGrant",
    "designated_substitutes",
    "proxy_covers",
    "max_proxies_per_holder",
    "WRITTEN_PROXY_MAX_SESSIONS",
    "written_proxy_problem",
    "ProxyProblem",
    "PERSONAL_INTEREST",
    "ADMINISTRATIVE_ACCOUNT_WITHDRAWAL",
    "proxy_problems",
    "ItemFigures",
    "item_figures",
    "NO_WITHDRAWALS",
    "ItemRange",
    "breakpoints",
    "session_table",
    "executory_on",
    "add_months",
    "is_working_day",
    "next_working_day",
    "last_day_of_clear_months",
    "appeal_deadline",
    "prefect_review_deadline",
    "clear_days_between",
    "individual_executory_on",
    "BALLOTS",
    "VoteOutcome",
    "ORDINARY",
    "ADMINISTRATIVE_ACCOUNT",
    "TWO_THIRDS_IN_OFFICE",
    "TWO_THIRDS_CAST",
    "CLOSED_SESSION",
    "VOTE_KINDS",
    "BALLOT_WORDING",
    "vote_result",
    "check_vote_counts",
    "required_ballot",
    "ballot_request_problems",
    "VOTE_CHOICES",
    "member_vote_problems",
    "ALLOWED_TRANSITIONS",
    "can_transition",
    "rectification_problems",
    "ROUND_ORDINALS",
    "MAX_ROUNDS",
    "AppointmentOutcome",
    "appointment_result",
    "appointment_ballot_problems",
    "latest_convocation_date",
    "convocation_is_timely",
    "convocation_delay_problem",
    "deliberation_list_deadline",
    "minutes_publication_deadline",
    "member_communes_deadline",
    "minutes_approval_problem",
    "transmission_target",
    "activity_report_deadline",
    "SECOND_CONVOCATION_CLEAR_DAYS",
    "second_convocation_problems",
    "items_to_carry_over",
    "urgency_problems",
    "videoconference_problems",
    "AttendanceStatus",
    "Ballot",
    "DeliberationStatus",
    "Role",
    "SessionStatus",
    "UrgencyRuling",
    "VoteChoice",
    "VoteKind",
    "VoteResult",
]
