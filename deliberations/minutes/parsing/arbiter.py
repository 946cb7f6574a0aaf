"""The stated figures as arbiter between two readings of a block that contradicts itself.

Minutes contradict their own figures in a few known ways: the présents list also names the
members who gave a proxy, were excused or absent; "X représenté par Y" is a suppléant
sitting for X, not a procuration; the figures count what the lists do not. When the lists
disagree with the figures and one of these patterns explains the whole difference, the
reading that agrees with the figures is taken *and said* (the clerk confirms it); when none
does, the lists stay as written and the disagreement is reported (``_check_counts``). Never
resolved silently, never resolved on a partial fit.
"""

from __future__ import annotations

import re

from .matching import name_parts, same_person
from .presidency import president_in_preamble
from .results import PresentEntry
from .text import _fold, name_key


class _Arbiter:
    """Mixin of ``anomalies._Checks``: needs ``result``, ``anomaly``, ``represented`` (the
    procurations written "représenté par"), ``_effective_range``, ``_presence`` and
    ``_present_as``."""

    def represented_as_substitutes(self) -> None:
        """"X représenté par Y" reads as a procuration; it can only be a suppléant sitting
        for X (L5211-6) — X excused, Y present in X's place — when the figures say so: the
        registre states no procuration, or as many as the *other* procurations, or counts
        among its présents exactly the Ys the présents list does not name. Never for a Y the
        présents list leaves out but the block names elsewhere (a member, such as the
        president in the preamble). Said, since the wording alone does not tell."""
        represented = [proxy for proxy in getattr(self, "represented", [])
                       if proxy in self.result.proxies]
        if not represented:
            return
        stated, result = self.result.stated_counts, self.result
        others = len(result.proxies) - len(represented)
        unlisted = [proxy for proxy in represented
                    if not any(same_person(entry.name, proxy.holder) for entry in result.present)]
        # A holder the présents list does not name but the block names elsewhere (the
        # president in the preamble, "sous la présidence de …") is a member left out of the
        # list, not a suppléant: the figures then disagree, and are said to.
        if not all(self._named_once(proxy.holder) for proxy in unlisted):
            return
        if stated.proxies == 0:
            reason = "le registre n'indiquant aucune procuration"
        elif stated.proxies is not None:
            if stated.proxies != others:
                return  # "Procurations : 4" for 4 "représenté par": procurations indeed
            reason = (f"le registre annonce {stated.proxies} procuration"
                      f"{'s' if stated.proxies > 1 else ''}, autant que les autres")
        elif (stated.present is not None and len(unlisted) == len(represented)
              and stated.present == len(result.present) + len(unlisted)):
            reason = (f"le registre annonce {stated.present} présents, les "
                      f"{len(result.present)} de la liste et les {len(unlisted)} "
                      "représentants")
        else:
            return
        for proxy in represented:
            result.proxies.remove(proxy)
            result.excused.append(proxy.giver)
            sitting = [entry for entry in result.present if same_person(entry.name, proxy.holder)]
            if sitting:
                sitting[0].replaces = sitting[0].replaces or proxy.giver
            else:
                result.present.append(PresentEntry(name=proxy.holder, replaces=proxy.giver))
            self.anomaly("substitute", f"{proxy.giver} → {proxy.holder}",
                         f"« {proxy.giver} représenté par {proxy.holder} » est lu comme une "
                         f"suppléance, {reason} : « {proxy.holder} » siège à la place de "
                         f"« {proxy.giver} ».")

    def presents_listed_elsewhere(self) -> None:
        """Some minutes list every member in office under "Présents", then the proxy givers,
        excusés and absents again: the text contradicts itself. When the stated figures
        settle it — the présents, the votants (présents and procurations), or the members in
        office less the absents, are the count without those members, and not the count with
        them — they did not sit: taken out of the présents, and said. Otherwise the lists
        stay as written (a giver may have arrived during the session) and the contradiction
        is reported by the checks."""
        stated, result = self.result.stated_counts, self.result
        others: dict[str, list[str]] = {}
        for other in [proxy.giver for proxy in result.proxies] + result.excused + result.absent:
            others.setdefault(name_parts(other).surname, []).append(other)
        elsewhere = [entry for entry in result.present
                     if entry.from_item is None and entry.until_item is None
                     and any(same_person(entry.name, other)
                             for other in others.get(name_parts(entry.name).surname, []))]
        if not elsewhere:
            return
        listed, without = len(result.present), len(result.present) - len(elsewhere)
        proxies = len(result.proxies)
        sitting = (stated.in_office - stated.absent
                   if stated.in_office is not None and stated.absent is not None else None)
        if stated.present == listed or stated.voters == listed + proxies or sitting == listed:
            return  # a figure counts them as sitting: the lists stay as written
        settled = []
        if stated.present is not None and stated.present == without != listed:
            settled.append(f"{stated.present} présents")
        if stated.voters is not None and stated.voters == without + proxies != listed + proxies:
            settled.append(f"{stated.voters} votants")
        if sitting is not None and stated.present is None and sitting == without:
            settled.append(f"{stated.in_office} membres en exercice dont {stated.absent} "
                           "absents")
        if not settled:
            return
        result.present[:] = [entry for entry in result.present if entry not in elsewhere]
        self.anomaly("present_and_excused", ", ".join(entry.name for entry in elsewhere),
                     "La liste des présents nomme aussi des mandants, excusés ou absents ("
                     + ", ".join(f"« {entry.name} »" for entry in elsewhere)
                     + f") ; le registre annonce {' et '.join(settled)} : ils n'ont pas siégé "
                     "et sont retirés des présents.")

    def _check_counts(self) -> None:
        """Every stated figure against the lists; a figure no reading explains is said."""
        stated, result = self.result.stated_counts, self.result
        at_opening = [entry for entry in result.present if (entry.from_item or 1) <= 1]
        # Suppléants among the présents: a figure of titulaires présents leaves them out.
        suppleant_keys = {name_key(name) for name in result.suppleants}
        sitting_suppleants = [entry for entry in result.present
                              if entry.replaces or name_key(entry.name) in suppleant_keys]
        if stated.present is not None and stated.present not in {
                len(result.present), len(at_opening),
                len(result.present) - len(sitting_suppleants)}:
            self._count_mismatch("présents", stated.present, len(result.present),
                                 self._why_present(stated.present))
        active_proxies = [proxy for proxy in result.proxies if self._effective_range(proxy)]
        if stated.proxies is not None and stated.proxies not in {len(result.proxies),
                                                                 len(active_proxies)}:
            self._count_mismatch("procurations", stated.proxies, len(result.proxies))
        if stated.voters is not None:
            opening_proxies = [
                proxy for proxy in active_proxies
                if (rng := self._effective_range(proxy)) and rng[0] <= 1
            ]
            # A procuration to a holder who is not present carries no vote (L2121-20).
            held = [proxy for proxy in active_proxies if self._present_holder(proxy)]
            # A suppléant sitting "non votant" beside their titular member casts no vote.
            voting = len(result.present) - len(getattr(self, "non_voting", []))
            candidates = {len(result.present) + len(active_proxies),
                          len(at_opening) + len(opening_proxies),
                          len(result.present) + len(held), voting + len(active_proxies)}
            if stated.voters not in candidates:
                self._count_mismatch("votants", stated.voters, max(candidates))
        if stated.in_office is not None:
            listed = {name_key(entry.name) for entry in result.present}
            listed |= {name_key(proxy.giver) for proxy in result.proxies}
            listed |= {name_key(name) for name in result.excused + result.absent}
            # Suppléants (listed under their heading, marked "(suppléant)", or sitting for a
            # titular member) are no members in office: the figure may count titulaires only.
            suppleants = {name_key(name) for name in result.suppleants}
            suppleants |= {name_key(entry.name) for entry in result.present if entry.replaces}
            titulaires = listed - suppleants
            if stated.in_office not in {len(listed), len(titulaires)}:
                self._count_mismatch("membres en exercice", stated.in_office, len(listed),
                                     self._unlisted_president(stated.in_office - len(listed)))
        givers = len({name_key(proxy.giver) for proxy in result.proxies})
        excused, absent = len(result.excused), len(result.absent)
        # "Excusés : 3" counts the excusés, with or without those who gave a proxy.
        if stated.excused is not None and stated.excused not in {excused, excused + givers}:
            self._count_mismatch("excusés", stated.excused, excused)
        # "Absents : 8" counts the absents alone ("dont excusés : 3" then apart), or every
        # member not present: excusés, and those represented, included or not.
        if stated.absent is not None:
            candidates = {absent, absent + givers}
            if stated.excused is None or stated.excused <= stated.absent:
                candidates |= {absent + excused, absent + excused + givers}
            if stated.absent not in candidates:
                self._count_mismatch("absents", stated.absent, absent + excused + givers)

    def _named_once(self, name: str) -> bool:
        """Whether the surname of ``name`` occurs once in the block: a suppléant is named
        only where they sit for a titular member; a holder named elsewhere too (the
        president in the preamble, "sous la présidence de …") is a member."""
        surname = name_parts(name).surname
        # Letters only, as ``name_parts`` writes surnames ("LE GOFF" → "legoff"); a longer
        # name containing it counts too, which only makes the rule more cautious.
        letters = re.sub(r"[^a-z]", "", _fold(getattr(self, "block_text", "")))
        return bool(surname) and letters.count(surname) <= 1

    def _present_holder(self, proxy) -> bool:
        return bool(self._presence().get(name_key(proxy.holder))
                    or self._present_as(proxy.holder))

    def _why_present(self, stated: int) -> str:
        """What a présents figure the lists do not give may count: the procurations too
        ("présents ou représentés" printed "présents"), or the president named in the
        preamble and in no list. Said to the clerk; the lists stay as written (the corpus
        counts the lists: Chevincourt 2018)."""
        listed = len(self.result.present)
        proxies = len(self.result.proxies)
        if proxies and stated == listed + proxies:
            which = "la procuration" if proxies == 1 else f"les {proxies} procurations"
            return f" Le chiffre compte peut-être aussi {which} (présents ou représentés)."
        return self._unlisted_president(stated - listed)

    def _unlisted_president(self, missing: int) -> str:
        if missing != 1:
            return ""
        president = president_in_preamble(getattr(self, "block_text", ""))
        result = self.result
        # Counted in no list: a holder of a procuration may be the president all the same.
        named = ([entry.name for entry in result.present] + result.excused + result.absent
                 + [proxy.giver for proxy in result.proxies])
        if not president or any(same_person(president, name) for name in named):
            return ""
        return (f" La différence est peut-être « {president} », qui préside la séance "
                "(préambule) et ne figure parmi les présents, mandants, excusés ou absents "
                "d'aucune liste.")

    def _count_mismatch(self, label: str, stated: int, counted: int, why: str = "") -> None:
        self.anomaly("count_mismatch", f"{label} : {stated}",
                     f"Le registre indique {stated} {label}, les listes en donnent {counted}."
                     + why)
