"""Meetings by videoconference and remote attendance, by kind of organisation and date."""

from __future__ import annotations

from datetime import date

from .regimes import EXCEPTIONAL_REGIMES, Regimes, regime_on
from .sources import follows
from .vocabulary import OrganisationKind

# L5211-11-1 as created by loi 2019-1461 du 27 décembre 2019, art. 11 (JO of 28 Dec 2019):
# "le président d'un établissement public de coopération intercommunale à fiscalité propre"
# may hold the meetings of the organe délibérant by videoconference: the EPCI à fiscalité
# propre only (communautés de communes, d'agglomération, urbaines, métropoles).
OWN_TAX_EPCI_FROM = date(2019, 12, 28)
OWN_TAX_EPCI = frozenset({
    OrganisationKind.AGGLOMERATION, OrganisationKind.COMMUNITY_OF_COMMUNES,
    OrganisationKind.URBAN_COMMUNITY, OrganisationKind.METROPOLIS,
})
# Loi 2022-217 du 21 février 2022 (3DS), art. 170, in force on 1 August 2022: L5211-11-1 speaks
# of every EPCI, and L5711-1 applies it to the syndicats mixtes fermés (a pôle métropolitain
# among them, L5731-3).
EVERY_EPCI_FROM = date(2022, 8, 1)
OTHER_EPCI = frozenset({OrganisationKind.SYNDICATE, OrganisationKind.METROPOLITAN_POLE})


@follows("CGCT L5211-11-1 : loi 2019-1461 art. 11 (EPCI à fiscalité propre, JO du 28 décembre "
         "2019) ; loi 2022-217 (3DS) art. 170 (tout EPCI et, par L5711-1, syndicats mixtes "
         "fermés, à compter du 1er août 2022) ; ordonnance 2020-391 art. 6, loi 2020-1379 "
         "art. 6, loi 2021-1465 art. 10 (toute assemblée pendant les périodes dérogatoires)",
         dated=date(2022, 8, 1))
def videoconference_allowed_problem(
    *,
    organisation_kind: str,
    on: date,
    department: str = "",
    regimes: Regimes = EXCEPTIONAL_REGIMES,
) -> str:
    """Why a body of this kind of organisation may not meet by videoconference on that date,
    in French; "" when it may.

    During a Covid window whose text allowed remote meetings (``remote_sessions``), every
    deliberating body could. Otherwise L5211-11-1: the EPCI à fiscalité propre from loi
    2019-1461; every EPCI and the syndicats mixtes fermés from 1 August 2022 (loi 3DS art.
    170, L5711-1); never a syndicat mixte ouvert (its statutes, L5721-2), a commune or a
    département. The Bureau is refused by ``videoconference_problems``.
    """
    regime = regime_on(on, regimes, department=department)
    if regime is not None and regime.remote_sessions:
        return ""
    if organisation_kind in OWN_TAX_EPCI and on >= OWN_TAX_EPCI_FROM:
        return ""
    if organisation_kind in OTHER_EPCI and on >= EVERY_EPCI_FROM:
        return ""
    day = f"{on:%d/%m/%Y}"
    if organisation_kind in OTHER_EPCI:
        return (f"Le {day}, hors période dérogatoire, la réunion par téléconférence n'est pas "
                "ouverte à ce syndicat : l'article L5211-11-1 du CGCT, dans sa rédaction issue "
                "de la loi n° 2019-1461, ne vise que les EPCI à fiscalité propre ; la loi "
                "n° 2022-217 (3DS, art. 170) l'étend à tout EPCI et aux syndicats mixtes "
                "fermés (L5711-1) à compter du 1er août 2022.")
    if organisation_kind in OWN_TAX_EPCI:
        return (f"Le {day}, l'article L5211-11-1 du CGCT (loi n° 2019-1461 du 27 décembre "
                "2019) n'était pas encore en vigueur : pas de réunion par téléconférence hors "
                "période dérogatoire.")
    return (f"Le {day}, hors période dérogatoire, l'article L5211-11-1 du CGCT ne permet la "
            "réunion par téléconférence qu'aux EPCI et aux syndicats mixtes fermés : pas à "
            "cette collectivité.")


# Outside the Covid windows, the texts speak of a meeting "en plusieurs lieux" (L5211-11-1)
# whose places the convocation names (décret 2020-904 du 24 juillet 2020): a member at home
# is not at a meeting place. A body may follow the other reading (any place) as a setting
# (BodyRules.remote_from_designated_places), with its source.
DESIGNATED_PLACES_SOURCE = ("CGCT L5211-11-1 (réunion « en plusieurs lieux ») ; décret "
                            "n° 2020-904 du 24 juillet 2020")


@follows("CGCT L5211-11-1 (« en plusieurs lieux ») ; décret 2020-904 ; ordonnance 2020-391 "
         "art. 6, loi 2020-1379 art. 6, loi 2021-1465 art. 10 (depuis tout lieu pendant les "
         "périodes dérogatoires)", dated=date(2022, 8, 1))
def remote_attendance_problem(
    *,
    on: date,
    from_designated_place: bool,
    designated_places_only: bool = True,
    source: str = DESIGNATED_PLACES_SOURCE,
    department: str = "",
    regimes: Regimes = EXCEPTIONAL_REGIMES,
    name: str = "",
) -> str:
    """Why a member attending remotely does not count as present, in French; "" when they do.

    During a Covid window whose text allowed remote meetings, from anywhere. Outside them,
    only from one of the meeting places the convocation designates, when the body follows
    that reading (``designated_places_only``, the default, with its ``source``).
    """
    regime = regime_on(on, regimes, department=department)
    if regime is not None and regime.remote_sessions:
        return ""
    if from_designated_place or not designated_places_only:
        return ""
    who = name or "Ce membre"
    return (f"{who} assiste à distance hors d'un lieu de réunion désigné par la convocation : "
            f"hors période dérogatoire, il n'est pas compté présent ({source}).")


@follows("CGCT L5211-11-1 (réunion « en plusieurs lieux », désignés par la convocation) ; "
         "décret 2020-904 ; hors périodes dérogatoires (ordonnance 2020-391 art. 6, loi "
         "2020-1379 art. 6, loi 2021-1465 art. 10 : depuis tout lieu)", dated=date(2022, 8, 1))
def videoconference_places_problem(
    *,
    on: date,
    places: str,
    designated_places_only: bool = True,
    source: str = DESIGNATED_PLACES_SOURCE,
    department: str = "",
    regimes: Regimes = EXCEPTIONAL_REGIMES,
) -> str:
    """Why a session held by videoconference lacks its meeting places, in French; "" when
    none is missing. Outside the Covid windows the members attend from the places the
    convocation designates (when the body follows that reading), so the session records
    them; during the windows they attended from anywhere."""
    regime = regime_on(on, regimes, department=department)
    if regime is not None and regime.remote_sessions:
        return ""
    if places.strip() or not designated_places_only:
        return ""
    return ("Hors période dérogatoire, une réunion par téléconférence se tient dans les lieux "
            "de réunion que la convocation désigne, d'où les membres y assistent : indiquez-les "
            f"({source}).")
