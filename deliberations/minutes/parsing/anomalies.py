"""Consistency checks run once a block is read: duplicates, proxies, stated counts."""

from __future__ import annotations

from .arbiter import _Arbiter
from .matching import name_parts, same_person
from .names import _token_kind
from .results import PresentEntry, ProxyEntry
from .text import _fold, name_key


class _Checks(_Arbiter):
    """The checks of _Builder, run after every entry is read (mixin: needs ``result`` and
    ``anomaly``)."""

    _presence_cache: dict[str, PresentEntry] | None = None

    def check(self) -> None:
        self._presence_cache = None
        self.holders_as_listed()
        self.merge_repeated_proxies()
        self.represented_as_substitutes()
        self.replaced_titulars_excused()
        self.drop_represented_excused()
        self.drop_replaced_listed_twice()
        self.absent_until_arrival()
        self.presents_listed_elsewhere()
        self._check_surname_pairs()
        self._check_names_without_given_name()
        self._check_duplicates()
        self._check_present_and_excused()
        self._check_proxies()
        self._check_counts()

    def holders_as_listed(self) -> None:
        """"… donne pouvoir à AIMÉ LE VARDESSAC" for the présent "Aimé LE VARDESSAC": the
        same letters in another case are the same person, written as in the présents."""
        def letters(name: str) -> str:
            return " ".join(_fold(name).split())

        present = {letters(entry.name): entry.name for entry in self.result.present}
        for proxy in self.result.proxies:
            proxy.holder = present.get(letters(proxy.holder), proxy.holder)

    def merge_repeated_proxies(self) -> None:
        """One procuration written twice, as a note of its holder among the présents
        ("Salomé X (pouvoir de Faustine Y)") and again in the list of procurations ("Faustine
        Y (pouvoir à Salomé X)"), is one procuration: the same giver, holder and items. Two
        procurations of one giver to different holders, or over different items, stay two
        (and are reported as duplicates)."""
        seen: set[tuple] = set()
        kept = []
        for proxy in self.result.proxies:
            key = (name_key(proxy.giver), name_key(proxy.holder), proxy.from_item,
                   proxy.until_item)
            if key not in seen:
                seen.add(key)
                kept.append(proxy)
        self.result.proxies[:] = kept

    def _check_duplicates(self) -> None:
        lists = {
            "présents": [entry.name for entry in self.result.present],
            "excusés": self.result.excused,
            "absents": self.result.absent,
            "procurations (mandants)": [proxy.giver for proxy in self.result.proxies],
        }
        for label, names in lists.items():
            seen: dict[str, str] = {}
            for name in names:
                key = name_key(name)
                if key in seen:
                    self.anomaly("duplicate_name", name,
                                 f"« {name} » figure deux fois dans la liste des {label}"
                                 f" (déjà lu : « {seen[key]} »).")
                else:
                    seen[key] = name

    def _check_present_and_excused(self) -> None:
        present = {name_key(entry.name): entry.name for entry in self.result.present}
        for name in self.result.excused + self.result.absent:
            if name_key(name) in present:
                self.anomaly("present_and_excused", name,
                             f"« {name} » figure à la fois parmi les présents et parmi les "
                             "absents ou excusés.")

    def _presence(self) -> dict[str, PresentEntry]:
        # Built once per check: the lists do not change while they are checked.
        if self._presence_cache is None:
            self._presence_cache = {name_key(entry.name): entry for entry in self.result.present}
        return self._presence_cache

    def _effective_range(self, proxy: ProxyEntry) -> tuple[int, float] | None:
        """Items the proxy is used on: it lapses where its giver is present."""
        low: int = proxy.from_item or 1
        high: float = proxy.until_item if proxy.until_item is not None else float("inf")
        giver = self._presence().get(name_key(proxy.giver))
        if giver:
            if giver.from_item is None and giver.until_item is None:
                return None
            if giver.from_item is not None:
                high = min(high, giver.from_item - 1)
            if giver.until_item is not None and giver.from_item is None:
                low = max(low, giver.until_item + 1)
        return (low, high) if low <= high else None

    def _check_proxies(self) -> None:
        presence = self._presence()
        ranges: dict[str, list[tuple[ProxyEntry, tuple[int, float]]]] = {}
        for proxy in self.result.proxies:
            text = f"{proxy.giver} → {proxy.holder}"
            if name_key(proxy.giver) == name_key(proxy.holder):
                self.anomaly("self_proxy", text, f"« {proxy.giver} » se donne procuration à "
                             "lui-même.")
                continue
            effective = self._effective_range(proxy)
            if effective is None:
                self.anomaly("proxy_giver_present", text,
                             f"« {proxy.giver} » donne procuration mais figure parmi les "
                             "présents pour toutes les questions.")
                continue
            holder = presence.get(name_key(proxy.holder)) or self._present_as(proxy.holder)
            if holder is None:
                self.anomaly("holder_not_present", text,
                             f"Le mandataire « {proxy.holder} » ne figure pas parmi les "
                             "présents.")
            elif not _covers(holder, effective):
                self.anomaly("holder_not_present", text,
                             f"Le mandataire « {proxy.holder} » n'est pas présent pour toutes "
                             f"les questions couvertes par la procuration de « {proxy.giver} ».")
            ranges.setdefault(name_key(proxy.holder), []).append((proxy, effective))
        for held in ranges.values():
            for index, (first, first_range) in enumerate(held):
                for second, second_range in held[index + 1:]:
                    if max(first_range[0], second_range[0]) <= min(first_range[1],
                                                                   second_range[1]):
                        self.anomaly(
                            "holder_multiple_proxies", f"{first.holder}",
                            f"« {first.holder} » détient deux procurations sur les mêmes "
                            f"questions (de « {first.giver} » et de « {second.giver} ») : "
                            "un mandataire ne peut en détenir qu'une (L2121-20).",
                        )

    def _check_surname_pairs(self) -> None:
        """In a list of surnames alone ("GRUDÉ, BAILLIF, ORY"), an entry of two surnames
        ("LÉPY LECARPENTIER") is a compound surname or two people without their comma: the
        text cannot tell, so it is counted as one and said."""
        lists = {"présents": [entry.name for entry in self.result.present],
                 "excusés": self.result.excused, "absents": self.result.absent}
        for label, names in lists.items():
            kinds = [[_token_kind(token) for token in name.split()] for name in names]
            single = sum(1 for kind in kinds if kind == ["S"])
            if len(names) < 5 or single < 0.6 * len(names):
                continue
            for name, kind in zip(names, kinds, strict=True):
                if kind == ["S", "S"]:
                    self.anomaly("glued_names", name,
                                 f"« {name} » (liste des {label}) est lu comme un seul nom "
                                 "composé ; s'il s'agit de deux personnes, une virgule manque.")

    def _check_names_without_given_name(self) -> None:
        """In a list where (nearly) every name has its given name or initial, one without is
        a commune heading read as a person, or a name cut short: said, not guessed."""
        lists = {"présents": [entry.name for entry in self.result.present],
                 "excusés": self.result.excused, "absents": self.result.absent}
        for label, names in lists.items():
            bare = [name for name in names
                    if not (name_parts(name).given or name_parts(name).initials)]
            if len(names) >= 5 and 0 < len(bare) <= 0.2 * len(names):
                for name in bare:
                    self.anomaly("unparsed_entry", name,
                                 f"« {name} » (liste des {label}) n'a ni prénom ni initiale, "
                                 "contrairement aux autres noms : nom de commune lu comme une "
                                 "personne, ou nom incomplet ?")

    def _present_as(self, name: str):
        """The present entry ``name`` designates in another spelling ("Michel LOUSSOUARN" for
        "M. LOUSSOUARN", "C. LECLERC" for "LECLERC C."), when exactly one fits."""
        surname = name_parts(name).surname
        found = [entry for entry in self.result.present
                 if name_parts(entry.name).surname == surname and same_person(name, entry.name)]
        return found[0] if len(found) == 1 else None

    def replaced_titulars_excused(self) -> None:
        """A titular member whose suppléant sits in their place (L5211-6), named only in the
        suppléant's note ("Y (suppléant de X)", "X remplacé par son suppléant Y"), is absent
        from the session: counted excused, as the corpus counts them, unless a list names
        them already."""
        listed = {name_key(name) for name in self.result.excused + self.result.absent}
        listed |= {name_key(entry.name) for entry in self.result.present}
        listed |= {name_key(proxy.giver) for proxy in self.result.proxies}
        for entry in self.result.present:
            if entry.replaces and name_key(entry.replaces) not in listed and not any(
                    same_person(entry.replaces, name) for name in self.result.excused
                    + self.result.absent + [proxy.giver for proxy in self.result.proxies]):
                self.result.excused.append(entry.replaces)
                listed.add(name_key(entry.replaces))

    def drop_represented_excused(self) -> None:
        """A member who gave a proxy is represented: some minutes list them among the excusés
        as well; they count once, as a proxy giver."""
        givers: dict[str, list[str]] = {}
        for proxy in self.result.proxies:
            givers.setdefault(name_parts(proxy.giver).surname, []).append(proxy.giver)
        kept = []
        for name in self.result.excused:
            same = [giver for giver in givers.get(name_parts(name).surname, [])
                    if same_person(name, giver) or _misspelt(name, giver)]
            if not same:
                kept.append(name)
            elif name_key(same[0]) != name_key(name):
                # "DUPONT" gave a proxy, "DUPONT Marie" is excused: probably one person.
                self.anomaly("duplicate_name", name,
                             f"« {name} » (excusé) est compté comme ayant donné pouvoir, sous "
                             f"le nom « {same[0]} » : vérifiez qu'il s'agit de la même personne.")
        self.result.excused = kept

    def drop_replaced_listed_twice(self) -> None:
        """A titular member replaced by their suppléant ("Mme X remplacée par sa suppléante
        Mme Y") is excused; some minutes also name them among the excusés ("M. DURAND, X,
        …"). Named there first, the substitution finds them listed (``_substitute``); named
        there after it, the second listing is taken out here: one person, counted once and
        said (names that tell two people apart, by their given names, stay two)."""
        result = self.result
        for replaced in dict.fromkeys(entry.replaces for entry in result.present
                                      if entry.replaces):
            same = [index for index, name in enumerate(result.excused)
                    if same_person(name, replaced)]
            if len(same) < 2:
                continue
            for index in reversed(same[1:]):
                del result.excused[index]
            self.anomaly("duplicate_name", replaced,
                         f"« {replaced} », remplacé(e) par son suppléant, figure aussi dans la "
                         "liste des excusés : une seule personne, comptée une fois ; vérifiez "
                         "qu'il ne s'agit pas de deux homonymes.")

    def absent_until_arrival(self) -> None:
        """A présent who arrived during the session ("(arrivé en cours de séance)", "(à
        partir de la question 5)") and is also listed among the absents without a
        procuration: the absent listing is the time before the arrival. Counted present
        (the arrival says from when), taken out of the absents, and said."""
        result = self.result
        arrived = [entry.name for entry in result.present if entry.from_item is not None]
        arrived += getattr(self, "arrived", [])
        if not arrived:
            return
        givers = {name_key(proxy.giver) for proxy in result.proxies}
        for label, names in (("absents", result.absent), ("excusés", result.excused)):
            for name in list(names):
                if name_key(name) in givers:
                    continue
                same = [present for present in arrived if same_person(name, present)]
                if len(same) != 1:
                    continue
                names.remove(name)
                self.anomaly("present_and_excused", name,
                             f"« {name} » figure parmi les présents, arrivé(e) en cours de "
                             f"séance, et parmi les {label} : compté(e) présent(e) à partir de "
                             "son arrivée, retiré(e) des " + label + ".")


def _covers(holder: PresentEntry, effective: tuple[int, float]) -> bool:
    low = holder.from_item or 1
    high = holder.until_item if holder.until_item is not None else float("inf")
    return low <= effective[0] and effective[1] <= high


def _misspelt(first: str, second: str) -> bool:
    """The same surname and given names one letter apart ("Sylvains" for "Sylvain"): the
    same person misspelt once, as far as a list that names them again can tell. Said by the
    caller, never silently merged."""
    a, b = name_parts(first), name_parts(second)
    if not a.surname or a.surname != b.surname or not a.given or not b.given:
        return False
    shorter, longer = sorted((a.given, b.given), key=len)
    if len(shorter) < 4 or len(longer) - len(shorter) > 1:
        return False
    if len(shorter) == len(longer):
        return sum(x != y for x, y in zip(shorter, longer, strict=True)) == 1
    return any(longer[:index] + longer[index + 1:] == shorter for index in range(len(longer)))
