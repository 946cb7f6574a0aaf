"""Convocations, documents' deadlines, second convocations, urgency and videoconference."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .dates import (
    add_months,
    clear_days_between,
)
from .figures import (
    ItemRange,
)
from .sources import follows
from .vocabulary import Ballot, UrgencyRuling


@follows("CGCT L2121-12 (via L5211-1) : cinq jours francs, un jour franc en urgence",
         dated=date(1996, 2, 24))
def latest_convocation_date(
    session_on: date,
    *,
    urgent: bool = False,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> date:
    """The last day a convocation may be sent (L2121-12, applied to EPCI by L5211-1).

    "Jours francs": neither the day of sending nor the day of the session counts, so
    ``clear_days`` full days must lie between them (5, or 1 in urgency): the latest day with
    ``clear_days_between(day, session_on) >= days`` (the inverse of that function).
    """
    days = clear_days_urgent if urgent else clear_days
    return session_on - timedelta(days=days + 1)


@follows("CGCT L2121-12 (via L5211-1)", dated=date(1996, 2, 24))
def convocation_is_timely(
    *,
    convened_on: date,
    session_on: date,
    urgent: bool = False,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> bool:
    """Whether a convocation left the required clear days before the session (L2121-12)."""
    required = clear_days_urgent if urgent else clear_days
    return clear_days_between(convened_on, session_on) >= required and convened_on < session_on


@follows("CGCT L2121-12 (via L5211-1) : délai compté depuis l'envoi de la convocation, "
         "jours francs", dated=date(1996, 2, 24))
def convocation_delay_problem(
    *,
    sent_on: date | None,
    session_on: date,
    urgent: bool = False,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> str:
    """Why the convocation of a session is late (L2121-12), in French; "" when it is not.

    ``sent_on``: the day the convocation was actually sent (the recorded sending, never a
    typed date). In an emergency the delay is one clear day and the assembly must rule on the
    emergency at the opening of the session.
    """
    if sent_on is None:
        return "Aucune convocation n'a été envoyée (L2121-12)."
    if convocation_is_timely(convened_on=sent_on, session_on=session_on, urgent=urgent,
                             clear_days=clear_days, clear_days_urgent=clear_days_urgent):
        return ""
    required = clear_days_urgent if urgent else clear_days
    got = clear_days_between(sent_on, session_on)
    return (
        f"Convocation envoyée le {sent_on:%d/%m/%Y} : {got} jour{'s' if got > 1 else ''} "
        f"franc{'s' if got > 1 else ''} avant la séance, il en faut {required}"
        f"{' en urgence' if urgent else ''} (L2121-12)."
    )


@follows("CGCT L2121-25 (rédaction de l'ordonnance 2021-1310) : « Dans un délai d'une semaine, "
         "la liste des délibérations examinées […] est affichée […] et mise en ligne »",
         dated=date(2022, 7, 1))
def deliberation_list_deadline(session_on: date) -> date:
    """The last day the list of deliberations examined at a session may be posted and put
    online (L2121-25): within a week of the session, i.e. seven days after it."""
    return session_on + timedelta(days=7)


@follows("CGCT L2121-15 (rédaction de l'ordonnance 2021-1310) : le procès-verbal est « publié "
         "sous forme électronique […] dans la semaine qui suit » la séance où il est arrêté",
         dated=date(2022, 7, 1))
def minutes_publication_deadline(approved_on: date) -> date:
    """The last day the procès-verbal may be published online (L2121-15): within the week
    following the session where it was adopted ("arrêté")."""
    return approved_on + timedelta(days=7)


@follows("CGCT L5211-40-2 (loi 2019-1461) : les conseillers municipaux des communes membres "
         "sont destinataires de la liste des délibérations « dans un délai d'un mois » et du "
         "procès-verbal", dated=date(2019, 12, 27))
def member_communes_deadline(start: date) -> date:
    """The last day to send the councillors of the member communes the list of deliberations
    (from the session) or the procès-verbal (from its adoption): within a month (L5211-40-2),
    counted from date to date (art. 641 CPC)."""
    return add_months(start, 1)


@follows("CGCT L2121-15 : le procès-verbal est arrêté au commencement de la séance qui suit",
         dated=date(2022, 7, 1))
def minutes_approval_problem(*, session_on: date, approved_on: date) -> str:
    """Why a session cannot adopt the procès-verbal of another one (L2121-15); "" if it can:
    the PV is adopted ("arrêté") at a later session of the same body."""
    if approved_on <= session_on:
        return ("Le procès-verbal est arrêté lors d'une séance postérieure à celle qu'il "
                "relate (L2121-15).")
    return ""


@follows("CGCT L2121-15 (rédaction de l'ordonnance 2021-1310) : le procès-verbal est arrêté "
         "« au commencement de la séance suivante » ; une adoption plus tardive n'entache pas "
         "les délibérations (avertissement, non nullité)", dated=date(2022, 7, 1))
def minutes_approval_warning(*, session_on: date, approved_on: date,
                             body_session_dates: Iterable[date]) -> str:
    """A French warning when the procès-verbal is adopted at a session other than the next
    one of the body (L2121-15 names the following session); "" when it is the next one.

    ``body_session_dates``: the dates of the body's sessions held (the clerk's record). A
    warning, not a refusal: a late adoption does not annul the deliberations it relates.
    """
    between = sorted(day for day in set(body_session_dates) if session_on < day < approved_on)
    if not between:
        return ""
    return (f"Le procès-verbal de la séance du {session_on:%d/%m/%Y} est arrêté le "
            f"{approved_on:%d/%m/%Y}, et non à la séance suivante du {between[0]:%d/%m/%Y} : "
            "l'article L2121-15 du CGCT prévoit son adoption au commencement de la séance qui "
            "suit. L'adoption est enregistrée.")


@follows("CGCT L2131-1 et L2131-2 : pas de délai général de transmission ni de publication "
         "(l'acte n'est exécutoire qu'une fois transmis et publié) ; objectif du greffe",
         dated=date(2022, 7, 1))
def transmission_target(start: date, *, days: int) -> date:
    """The clerk's target date to transmit (or publish) an act, ``days`` after ``start``.

    L2131-1 and L2131-2 set no general deadline: an act untransmitted or unpublished is
    simply not executory. The number of days is the organisation's own target (setting),
    not a legal limit; the calendar says so through its legal basis."""
    return start + timedelta(days=days)


@follows("CGCT L5211-39 : le président adresse chaque année, avant le 30 septembre, au maire de "
         "chaque commune membre un rapport retraçant l'activité de l'établissement",
         dated=date(1999, 7, 12))
def activity_report_deadline(activity_year: int) -> date:
    """The last day the report on a year's activity reaches the members (L5211-39): before
    30 September of the following year. The members' assemblies then take note of it in
    public session, at a date the article does not fix."""
    return date(activity_year + 1, 9, 30)


# CE 16 June 1997, Pfister, n° 142691: "à trois jours au moins d'intervalle" (L2121-17) means
# three clear days between the sending of the new convocation and the second session.
SECOND_CONVOCATION_CLEAR_DAYS = 3


@follows("CGCT L2121-17, 2e alinéa (« à trois jours au moins d'intervalle ») ; CE 16 juin "
         "1997, Pfister, n° 142691 : trois jours francs entre l'envoi de la nouvelle "
         "convocation et la séance", dated=date(1997, 6, 16))
def second_convocation_problems(
    *,
    first_session_on: date,
    first_quorum_failed: bool,
    same_body: bool,
    second_session_on: date,
    convened_on: date | None,
    clear_days: int = SECOND_CONVOCATION_CLEAR_DAYS,
) -> list[str]:
    """Why a session cannot be the second convocation of another one (L2121-17, para. 2).

    Only a session of the same body where the quorum failed opens a second convocation: a
    session closed for lack of quorum, or a held session that lost it at some item (those
    items are carried over, ``items_to_carry_over``). The new convocation is sent after the
    first session and at least three clear days before the second one (CE 16 June 1997,
    Pfister, n° 142691; ``clear_days_between``): sent 18 Oct 2022, the second session can be
    held on 22 Oct, not 21. It then deliberates without quorum on the carried-over items.
    Empty list: the link is valid.
    """
    problems = []
    if not same_body:
        problems.append("La séance initiale doit être une séance de la même assemblée.")
    if not first_quorum_failed:
        problems.append(
            "La séance initiale doit avoir manqué le quorum (séance « Annulée / quorum non "
            "atteint », ou tenue et quorum perdu en cours de séance) : seule une séance sans "
            "quorum ouvre une seconde convocation (L2121-17)."
        )
    if convened_on is None:
        problems.append(
            "Indiquez la date d'envoi de la nouvelle convocation : trois jours francs au moins "
            "doivent la séparer de la seconde séance (L2121-17 ; CE 16 juin 1997, Pfister)."
        )
        return problems
    if convened_on < first_session_on:
        problems.append(
            f"La nouvelle convocation ne peut précéder la séance initiale du "
            f"{first_session_on:%d/%m/%Y} : elle suit le constat de l'absence de quorum."
        )
    if clear_days_between(convened_on, second_session_on) < clear_days:
        earliest = convened_on + timedelta(days=clear_days + 1)
        problems.append(
            f"La seconde convocation se tient à {clear_days} jours francs au moins de l'envoi "
            f"de la nouvelle convocation (L2121-17 ; CE 16 juin 1997, Pfister, n° 142691) : "
            f"convoquée le {convened_on:%d/%m/%Y}, pas avant le {earliest:%d/%m/%Y}."
        )
    return problems


@follows("CGCT L2121-17 (quorum vérifié à chaque question ; questions restantes reportées à "
         "une seconde convocation)", dated=date(1996, 2, 24))
def items_to_carry_over(ranges: Iterable[ItemRange], item_count: int | None = None) -> tuple:
    """The items a session could not deliberate for lack of quorum (L2121-17), to be carried
    over to a second convocation: every item of a range whose quorum is not met. A quorum
    lost at item 15 of 20 gives items 15 to 20; an open last range stops at ``item_count``
    (or at its first item when the agenda size is unknown)."""
    items: list[int] = []
    for item_range in ranges:
        if item_range.figures.quorum_met:
            continue
        last = item_range.last_item
        if last is None:
            last = item_count if item_count is not None else item_range.first_item
        items.extend(range(item_range.first_item, last + 1))
    return tuple(items)


# --- Urgency (L2121-12) -------------------------------------------------------------------------


@follows("CGCT L2121-12, 3e alinéa (via L5211-1) : urgence, un jour franc au moins ; le président "
         "en rend compte dès l'ouverture de la séance et l'assemblée se prononce sur l'urgence",
         dated=date(1996, 2, 24))
def urgency_problems(
    *,
    convened_on: date,
    session_on: date,
    urgent: bool,
    ruling: str,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> list[str]:
    """Why a convocation sent in urgency is not justified (L2121-12): the shorter delay (one
    clear day) stands only when the assembly rules on the urgency at the opening of the
    session (``ruling``: "upheld", or "referred" when it sends the discussion to a later
    session). Empty when the ordinary delay was kept, or the urgency ruled on."""
    short = clear_days_between(convened_on, session_on) < clear_days
    if not short:
        return []
    if not urgent:
        return []  # convocation_is_timely already reports the late convocation
    problems = []
    if clear_days_between(convened_on, session_on) < clear_days_urgent:
        problems.append(
            f"Même en urgence, la convocation part {clear_days_urgent} jour franc au moins "
            "avant la séance (L2121-12)."
        )
    if ruling == UrgencyRuling.NONE:
        problems.append(
            "Convocation en urgence : l'assemblée ne s'est pas prononcée sur l'urgence à "
            "l'ouverture de la séance (L2121-12) ; sans ce vote, le délai d'un jour franc n'est "
            "pas justifié."
        )
    elif ruling == UrgencyRuling.REFERRED:
        problems.append(
            "L'assemblée a renvoyé la discussion à une séance ultérieure (L2121-12) : les "
            "questions renvoyées ne sont pas délibérées à cette séance."
        )
    return problems


# --- Videoconference (L5211-11-1) ---------------------------------------------------------------


@follows("CGCT L5211-11-1 (réunion de l'organe délibérant d'un EPCI à fiscalité propre par "
         "téléconférence : scrutin public seulement, report si le scrutin secret est demandé, "
         "exclusions)", dated=date(2019, 12, 27))
def videoconference_problems(
    *,
    bureau: bool,
    ballot: str,
    secret_requests: int | None = None,
    present: int | None = None,
    executive_election: bool = False,
    initial_budget: bool = False,
    external_appointment: bool = False,
) -> list[str]:
    """Why an item cannot be deliberated in a session held by videoconference (L5211-11-1).

    The article opens videoconference to the organe délibérant only, not the Bureau; votes
    are public only ("le vote se fait au scrutin public"), and when the secret ballot is
    asked for by the members who may obtain it (a third of those present, L2121-21) the
    president postpones the item; the election of the president and the bureau, the initial
    budget and the appointments of L2121-33 are excluded. Members attending remotely count
    as present for quorum: the clerk records them as present (Attendance.remote).
    """
    problems = []
    if bureau:
        problems.append("Le Bureau ne peut se réunir par téléconférence : L5211-11-1 ne vise "
                        "que l'organe délibérant.")
    if ballot == Ballot.SECRET:
        problems.append("En téléconférence, le vote a lieu au scrutin public (L5211-11-1).")
    if secret_requests and present and 3 * secret_requests >= present:
        problems.append("Le scrutin secret est demandé par le tiers des présents : en "
                        "téléconférence, le président reporte la question à une séance "
                        "ultérieure (L5211-11-1).")
    excluded = [label for flag, label in (
        (executive_election, "l'élection du président et du bureau"),
        (initial_budget, "l'adoption du budget primitif"),
        (external_appointment, "les désignations au sein d'organismes extérieurs (L2121-33)"),
    ) if flag]
    if excluded:
        problems.append("Une réunion par téléconférence ne peut porter sur "
                        + ", ".join(excluded) + " (L5211-11-1).")
    return problems
