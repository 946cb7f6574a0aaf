"""The vocabulary of the rules: statuses, vote kinds, ballots, results, vote choices, roles."""

# StrEnum (standard library, so the rules stay pure): each member equals the string stored in
# the database, in English (the French labels people read are the models' choices). The
# deliberations models take their values from here; portal.models.Mandate.Role repeats the
# roles (portal imports no app) and a test holds the two equal.

from enum import StrEnum


class DeliberationStatus(StrEnum):
    """Where an act stands in its lifecycle (L2131-1, L2131-2, R2131-1)."""

    # Being written; never public.
    DRAFT = "draft"
    # Voted by the body.
    ADOPTED = "adopted"
    # Sent to the prefecture through @ctes (L2131-2).
    TRANSMITTED = "transmitted"
    # Put online (R2131-1): public from now on; changed only by a rectification.
    PUBLISHED = "published"


class SessionStatus(StrEnum):
    """Where a session stands (L2121-10, L2121-17)."""

    # Being prepared by the clerks; never shown to the public.
    DRAFT = "draft"
    # Convocation sent (L2121-10): shown as an upcoming session.
    CONVENED = "convened"
    # The session took place.
    HELD = "held"
    # Cancelled, or closed for lack of quorum (then a second convocation follows).
    CANCELLED = "cancelled"


class AttendanceStatus(StrEnum):
    """A member's attendance at a session (L2121-17)."""

    # Present for the items in [from_item, until_item].
    PRESENT = "present"
    # Absent and excused ("absent excusé"); may have given a proxy.
    EXCUSED = "excused"
    # Absent, not excused.
    ABSENT = "absent"


class VoteKind(StrEnum):
    """Which majority decides a vote."""

    # L2121-20: more votes for than against; the president's vote decides a tie.
    ORDINARY = "ordinary"
    # L1612-12: adopted unless a majority votes against; the president withdraws.
    ADMINISTRATIVE_ACCOUNT = "administrative_account"
    # Two thirds of the members in office (e.g. intérêt communautaire, L5216-5 III).
    TWO_THIRDS_IN_OFFICE = "two_thirds_in_office"
    # Two thirds of the votes cast, where the text says so.
    TWO_THIRDS_CAST = "two_thirds_cast"
    # L5211-11: sitting in camera, absolute majority of members present or represented.
    CLOSED_SESSION = "closed_session"
    # "Deux tiers du conseil" (L5216-5 III, L5214-16 IV), on the basis the body's settings
    # choose (TwoThirdsBasis), the source printed with the result.
    TWO_THIRDS_COUNCIL = "two_thirds_council"


class Ballot(StrEnum):
    """How the body votes (L2121-21): "scrutin"."""

    # Vote à main levée (ordinary).
    SHOW_OF_HANDS = "show_of_hands"
    # Scrutin public à la demande du quart des membres présents (L2121-21).
    ROLL_CALL = "roll_call"
    # Scrutin secret: tiers des membres présents, or appointments (L2121-21).
    SECRET = "secret"


class VoteResult(StrEnum):
    """What a vote decided (L2121-20)."""

    # for > against, or a tie broken by the president's vote (not in a secret ballot).
    ADOPTED = "adopted"
    # Not adopted.
    REJECTED = "rejected"
    # The assembly takes note of a report: no decision is voted ("prend acte").
    NOTED = "noted"


class VoteChoice(StrEnum):
    """How one member voted, as the register of a roll-call vote records it (L2121-21)."""

    # Voted for the motion.
    FOR = "for"
    # Voted against.
    AGAINST = "against"
    # Abstained (not a vote cast).
    ABSTENTION = "abstention"
    # Took no part in the vote ("ne prend pas part au vote").
    NOT_VOTING = "not_voting"


class UrgencyRuling(StrEnum):
    """What the assembly said of the urgency the president invoked (L2121-12)."""

    # Not recorded (or no urgency).
    NONE = ""
    # The assembly recognised the urgency at the opening of the session.
    UPHELD = "upheld"
    # The assembly referred all or part of the discussion to a later session.
    REFERRED = "referred"


class Role(StrEnum):
    """The seat a member holds in a body ("fonction")."""

    # Président of the body.
    PRESIDENT = "president"
    # n-th vice-président, with a delegation.
    VICE_PRESIDENT = "vice_president"
    # Other member of the Bureau.
    BUREAU_MEMBER = "bureau_member"
    # Conseiller (délégué titulaire).
    COUNCILLOR = "councillor"
    # Délégué suppléant (L5211-6): sits only when the titular member is absent.
    SUBSTITUTE = "substitute"


class OrganisationKind(StrEnum):
    """What kind of collectivité or groupement an organisation is (portal Organisation.Kind)."""

    # Communauté d'agglomération (EPCI à fiscalité propre, L5216-1).
    AGGLOMERATION = "ca"
    # Communauté de communes (EPCI à fiscalité propre, L5214-1).
    COMMUNITY_OF_COMMUNES = "cc"
    # Communauté urbaine (EPCI à fiscalité propre, L5215-1).
    URBAN_COMMUNITY = "cu"
    # Métropole (EPCI à fiscalité propre, L5217-1).
    METROPOLIS = "metropole"
    # Pôle métropolitain, a syndicat mixte (L5731-1).
    METROPOLITAN_POLE = "pm"
    # Syndicat de communes or syndicat mixte fermé (L5212-1, L5711-1).
    SYNDICATE = "syndicat"
    # Syndicat mixte ouvert (L5721-2): its statutes set its rules.
    OPEN_SYNDICATE = "smo"
    # Département, member of a pôle métropolitain.
    DEPARTMENT = "departement"
    # Commune.
    COMMUNE = "commune"


class TwoThirdsBasis(StrEnum):
    """What "la majorité des deux tiers du conseil" is counted on (L5216-5 III, L5214-16 IV)."""

    # All the seats of the council, vacant ones included (QE 68314, 2006; TA Lille 2004).
    ALL_SEATS = "all_seats"
    # The members in office on the session date.
    IN_OFFICE = "in_office"
    # The votes cast (government statements of 2014-2015).
    VOTES_CAST = "votes_cast"
