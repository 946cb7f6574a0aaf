"""Executory dates, legal time, working days and appeal and prefect deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .sources import Holidays, follows

# --- Dates ------------------------------------------------------------------------------------


@follows("CGCT L2131-1 (via L5211-3), rédaction de l'ordonnance 2021-1310",
         dated=date(2022, 7, 1))
def executory_on(
    *,
    published_on: date | None,
    received_on: date | None,
    subject_to_transmission: bool = True,
) -> date | None:
    """L2131-1 (via L5211-3): executory once published and, if it must be transmitted to the
    prefect (L2131-2), once received there. None while a required date is missing."""
    if not subject_to_transmission:
        return published_on
    if published_on is None or received_on is None:
        return None
    return max(published_on, received_on)


def _last_day_of_month(year: int, month: int) -> int:
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return (next_month - timedelta(days=1)).day


@follows("Calcul « de quantième à quantième » des délais en mois (art. 641 CPC)",
         dated=date(1976, 1, 1))
def add_months(d: date, months: int) -> date:
    """The same calendar day ``months`` later, or the month's last day when it does not exist
    (a period in months ends "de quantième à quantième", art. 641 CPC)."""
    month_index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(d.day, _last_day_of_month(year, month)))


def is_working_day(d: date, holidays: Holidays) -> bool:
    """Neither a Saturday, a Sunday nor a public holiday of the given calendar."""
    return d.weekday() < 5 and d not in holidays


@follows("Art. 642 CPC (délai expirant un samedi, dimanche ou jour férié prorogé), appliqué par "
         "le juge administratif ; jours fériés : Code du travail L3133-1 et droit local "
         "d'Alsace-Moselle", dated=date(2008, 5, 1))
def next_working_day(d: date, holidays: Holidays) -> date:
    """``d`` itself when it is a working day, else the next one (not Saturday, Sunday or a
    public holiday of ``holidays``, the calendar of the organisation's department), as a
    deadline is extended (art. 642 CPC, applied by the administrative courts)."""
    while not is_working_day(d, holidays):
        d += timedelta(days=1)
    return d


@follows("Délai franc de deux mois : R421-1 CJA ; CE 29 déc. 2006 n° 289818 ; "
         "CE 19 sept. 2014 n° 362568 ; art. 642 CPC", dated=date(2014, 9, 19))
def last_day_of_clear_months(start: date, months: int, holidays: Holidays) -> date:
    """The last day to act in a "délai franc" of ``months`` months that starts from ``start``
    (publication, notification, receipt).

    Neither the starting day nor the day of expiry counts: the period runs from the day
    after ``start`` and the last day is that day's calendar date ``months`` later, clamped to
    the month's last day (CE 29 Dec 2006 n° 289818; CE 19 Sept 2014 n° 362568), moved to the
    next working day when it falls on a Saturday, Sunday or public holiday (art. 642 CPC).
    """
    return next_working_day(add_months(start + timedelta(days=1), months), holidays)


@follows("R421-1 CJA (deux mois à compter de la publication), délai franc : CE 29 déc. 2006 "
         "n° 289818, CE 19 sept. 2014 n° 362568", dated=date(2014, 9, 19))
def appeal_deadline(published_on: date, *, holidays: Holidays) -> date:
    """The last day a recours contentieux may be filed against a deliberation (R421-1 CJA).

    Two months from publication, a délai franc (``last_day_of_clear_months``): published
    14 Dec 2022 → 15 Feb 2023 inclusive; 20 Oct 2022 → 21 Dec 2022; 30 Dec → 28/29 Feb;
    31 Dec → 1 Mar. ``holidays``: the calendar of the organisation's department.
    """
    return last_day_of_clear_months(published_on, 2, holidays)


@follows("CGCT L2131-6 (déféré préfectoral dans les deux mois suivant la transmission), "
         "délai franc du contentieux administratif (CE 29 déc. 2006 n° 289818)",
         dated=date(2014, 9, 19))
def prefect_review_deadline(received_on: date, *, holidays: Holidays) -> date:
    """The last day the prefect may refer the act to the administrative court (déféré
    préfectoral, L2131-6): two months from receipt in the prefecture, counted as the other
    contentious periods (délai franc, next working day). A recours gracieux by the prefect
    within that period extends it; the portal does not record one."""
    return last_day_of_clear_months(received_on, 2, holidays)


@follows("Jours francs (L2121-12 CGCT : « cinq jours francs au moins avant celui de la "
         "réunion ») : ni le jour de l'envoi ni celui de la réunion ne comptent",
         dated=date(1996, 2, 24))
def clear_days_between(earlier: date, later: date) -> int:
    """The number of clear days ("jours francs") between two dates: the whole days strictly
    between them, neither the first nor the last counting (0 when they are adjacent or in
    the wrong order). Every "N jours francs" rule of the portal goes through it."""
    return max(0, (later - earlier).days - 1)


# --- Individual decisions (L2131-1) -----------------------------------------------------------


@follows("CGCT L2131-1 (rédaction de l'ordonnance 2021-1310, en vigueur le 1er juillet 2022) : "
         "exécutoire dès la notification aux intéressés et la transmission au représentant de "
         "l'État ; R421-1 CJA (deux mois à compter de la notification)", dated=date(2022, 7, 1))
def individual_executory_on(
    *,
    notified_on: Iterable[date | None],
    received_on: date | None,
    subject_to_transmission: bool = True,
) -> date | None:
    """When an individual decision is executory (L2131-1): once notified to the person
    concerned and, when it must be transmitted to the prefect, once received there; its
    publication plays no part. With several addressees, the act is executory for each one
    from their own notification; this returns the date it is executory for all of them (the
    latest), None while one is not notified or the receipt is missing. The appeal period of
    each addressee runs from their notification (``appeal_deadline`` of that date)."""
    dates = list(notified_on)
    if not dates or any(day is None for day in dates):
        return None
    if subject_to_transmission:
        if received_on is None:
            return None
        dates.append(received_on)
    return max(dates)
