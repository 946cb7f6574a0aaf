"""Accumulates the entries of one attendance block into an AttendanceResult: présents with
their notes, excusés and absents, substitutes. Procurations are read by ``proxies._ProxyReading``
and the block is checked by ``anomalies._Checks``, the two mixins of ``_Builder``."""

from __future__ import annotations

import re

from .anomalies import _Checks
from .matching import same_person
from .names import _NameRead, _read_names, _read_note, _split_entry
from .proxies import _ProxyReading
from .results import Anomaly, AttendanceResult, PresentEntry, ProxyEntry
from .text import _GENDER_MARK, _fold

_SUBSTITUTED = re.compile(
    r"^(?P<titular>.+?)\s*,?\s+\(?\s*(?:(?:representee?|remplacee?)\s+par\s+(?:son|sa|le|la)\s+"
    # "Françoise X (Supplée par Mr Y)": the same, written as a note.
    r"suppleante?|suppleee?\s+par)\s*,?\s*(?P<substitute>[^()]+?)\)?$"
)
# Under "Étaient suppléés :", "X par Y"; under "Suppléants remplaçant de droit titulaires
# absents :", "Y (pour X)", the suppléant first.
_SUBSTITUTED_BARE = re.compile(r"^(?P<titular>.+?)\s+par\s+(?P<substitute>.+)$"
                               r"|^(?P<substitute_first>[^()]+?)\s*\(\s*pour\s+"
                               r"(?P<titular_after>[^()]+?)\s*\)$")

_EXCUSED_NOTE = re.compile(r"^\s*excusee?s?\s*$")
# "(suppléant)", "(S)", "(déléguée suppléante)", "(suppléant et non votant)", "(suppléante
# avec voix délibérative)": a suppléant, no member in office (for the check of the stated
# "en exercice" figure).
_SUPPLEANT_NOTE = re.compile(r"^\s*(?:delegue(?:\(?e\)?)?\s+)?(?:suppleant(?:\(?e\)?)?|s)"
                             r"(?:\s+(?:et\s+)?(?:non\s+)?votante?"
                             r"|\s+(?:avec|sans)\s+voix\s+deliberative)?\s*$")
# "(Artenay)", "(Communauté de Communes de la Beauce Loirétaine)": whom the member represents.
_MEMBER_OF = re.compile(r"^[A-ZÀ-Ý][^\W\d_]*(?:[\s'’\-]+[^\W\d_]+){0,9}$")
# "(titulaire)", "(suppléante)", "(T)", "(S)", "(Président)": the member's capacity.
_CAPACITY_NOTE = re.compile(r"^(?:titulaire|suppleante?|t|s|(?:vice-?\s*)?presidente?|"
                            r"demissionnaire|(?:\d+e(?:me)?\s+)?vice-?\s*presidente?)$"
                            # "(titulaire BARBONVILLE)", "(titulaires CHARMOIS)": and its commune
                            r"|^(?:titulaire|suppleante?|delegue)e?s?\s+(?:de\s+|d'|du\s+)?"
                            r"[^\W\d_][^()]*$")
# A presence or a procuration bounded in time or by an event rather than by an item.
_PARTIAL = re.compile(r"^(?:a\s+partir\s+d|jusqu'|des\s|apres\s|avant\s|arrivee?\b|depart\b|"
                      r"partie?\b|quitte\b|sortie?\b|absente?\s+(?:a|de|apres|avant)\b)")

_ARRIVAL_NOTE = re.compile(r"^(?:arrivee?\b|a\s+partir\s+d)")

# The offices a procuration may name instead of a person, as written after a présent's name.
_OFFICE = re.compile(r"(?:^|,|\(|\s)\s*(?P<office>maire|presidente?)\s*\)?\s*$")
_BY_OFFICE = re.compile(r"^(?:m\.?|mme|monsieur|madame)?\s*(?:le|la)\s+"
                        r"(?P<office>maire|presidente?)$")


class _Builder(_ProxyReading, _Checks):
    """Accumulates the reading of one attendance block and its anomalies."""

    def __init__(self) -> None:
        self.result = AttendanceResult()
        # Procurations written "X représenté par Y": a suppléant when the registre states
        # that there is no procuration (see ``arbiter._Arbiter.represented_as_substitutes``).
        self.represented: list[ProxyEntry] = []
        # "M. X, Maire, …" among the présents: who holds the office a procuration may name
        # instead of a person ("… donne pouvoir à M. le Maire").
        self.offices: dict[str, str] = {}
        # The block as read, for the rules that ask whether a name occurs elsewhere in it.
        self.block_text = ""
        # Présents who arrived during the session at a time or event that names no item.
        self.arrived: list[str] = []
        # Présents marked "(suppléant et non votant)", "(suppléant sans voix délibérative)":
        # sitting beside their titular member, not counted among the votants.
        self.non_voting: list[str] = []

    def anomaly(self, kind: str, text: str, message: str) -> None:
        self.result.anomalies.append(Anomaly(kind=kind, text=text.strip(), message=message))

    # -- entries ----------------------------------------------------------------------------

    def add_present(self, raw: str) -> None:
        if self._maybe_proxy(raw, bare=False, present=True):
            return
        entry = _split_entry(raw)
        read = _read_names(entry.text)
        if not read.valid or not read.names:
            self._unparsed(raw, "présent")
            return
        people = [PresentEntry(name=name) for name in read.names]
        for tokens_before, note_text in entry.notes:
            target = self._note_target(read, tokens_before)
            self._apply_present_note(people, target, note_text, raw)
        if len(read.names) > 1:
            self._glued(raw, read)
        self.result.present.extend(people)

    def _apply_present_note(self, people: list[PresentEntry], target: int, note_text: str,
                            raw: str) -> None:
        note = _read_note(note_text)
        person = people[target]
        if _SUPPLEANT_NOTE.match(_fold(note_text).strip("() ")):
            self.result.suppleants.append(person.name)
            if re.search(r"non\s+votante?|sans\s+voix", _fold(note_text)):
                self.non_voting.append(person.name)
        # "(arrivé en cours de séance)", "(à partir de 19 h)": present from an arrival that
        # names no item (said as partial_presence); an absent listing of them is the time
        # before it (``_Checks.absent_until_arrival``).
        if note.from_item is None and _ARRIVAL_NOTE.match(_fold(note_text).strip("() ")):
            self.arrived.append(person.name)
        if note.from_item is not None:
            person.from_item = note.from_item
        if note.until_item is not None:
            person.until_item = note.until_item
        if note.replaces:
            person.replaces = note.replaces
        if note.replaced_by:
            # "X (remplacée par Y)": Y sits for X, so Y is the one present.
            person.replaces, person.name = person.name, note.replaced_by
        if note.proxy_from:
            self.result.proxies.append(ProxyEntry(giver=note.proxy_from, holder=person.name))
        if not note.understood and note_text.strip():
            self.note_not_understood(raw, note_text)

    def note_not_understood(self, raw: str, note_text: str, *, proxy: bool = False) -> None:
        """A note the lists cannot hold. A presence or a procuration bounded by an hour or
        an event ("jusqu'à 11 heures", "à partir de l'élection du 5ème Vice-Président") is
        not silently taken for the whole session: the clerk is asked for the items."""
        note_text = note_text.strip()
        if note_text.startswith("(") and note_text.endswith(")"):
            note_text = note_text[1:-1].strip()
        if _PARTIAL.search(_fold(note_text)):
            what = "Procuration" if proxy else "Présence"
            self.anomaly("partial_presence", raw,
                         f"{what} limitée « {note_text} » : l'heure ou l'événement ne désigne "
                         "aucune question ; elle est comptée pour toute la séance, précisez les "
                         "questions concernées.")
            return
        if _MEMBER_OF.match(note_text) or _CAPACITY_NOTE.match(_fold(note_text)):
            return  # "(Artenay)", "(Communauté de Communes de …)", "(titulaire)", "(T)"
        self.anomaly("unparsed_note", raw, f"Mention non comprise et ignorée : « {note_text} ».")

    @staticmethod
    def _note_target(read: _NameRead, tokens_before: int) -> int:
        target = 0
        for index, start in enumerate(read.starts):
            if start < tokens_before:
                target = index
        return target

    def add_absent(self, raw: str, *, excused: bool) -> None:
        if self._substitute(raw):
            return
        if self._maybe_proxy(raw, bare=False):
            return
        entry = _split_entry(raw)
        read = _read_names(entry.text)
        if not read.valid or not read.names:
            self._unparsed(raw, "excusé" if excused else "absent")
            return
        if len(read.names) > 1:
            self._glued(raw, read)
        # "Absent non représenté : X (excusée)": the note says excused.
        if any(_EXCUSED_NOTE.match(_fold(note)) for _, note in entry.notes):
            excused = True
        for tokens_before, note in entry.notes:
            if _SUPPLEANT_NOTE.match(_fold(note).strip("() ")):
                self.result.suppleants.append(read.names[self._note_target(read, tokens_before)])
        target = self.result.excused if excused else self.result.absent
        target.extend(read.names)

    def add_substitution(self, raw: str) -> None:
        """An entry under "Étaient suppléés :": "X par Y"."""
        if not self._substitute(raw, bare=True):
            self._unparsed(raw, "suppléance")

    def _substitute(self, raw: str, *, bare: bool = False) -> bool:
        """"X, représenté par sa suppléante, Mme Y", "X, suppléé par Y": X is excused and Y
        sits in X's place (L5211-6) — a substitution, not a procuration."""
        cleaned = _GENDER_MARK.sub("", raw)
        folded = _fold(cleaned)
        match = _SUBSTITUTED.match(folded) or (_SUBSTITUTED_BARE.match(folded) if bare else None)
        if not match:
            return False
        # Spans of the folded text slice the text it was folded from, and the substitute
        # stops before the note's closing bracket ("X (Suppléé par Mr Y)").
        first = match.groupdict().get("substitute_first") is not None
        titular_group, substitute_group = (("titular_after", "substitute_first") if first
                                           else ("titular", "substitute"))
        titular = _read_names(cleaned[match.start(titular_group):match.end(titular_group)])
        substitute = _read_names(cleaned[match.start(substitute_group):
                                         match.end(substitute_group)])
        if not (titular.valid and titular.names and substitute.valid and substitute.names):
            return False
        # "Absents et excusés : … RAYER Bernadette … Suppléants remplaçant … : GRORAIN Basile
        # (pour RAYER Bernadette)": a titular the excused list names already counts once.
        if not any(same_person(titular.names[0], name) for name in self.result.excused):
            self.result.excused.append(titular.names[0])
        sitting = [entry for entry in self.result.present
                   if same_person(entry.name, substitute.names[0])]
        if sitting:
            sitting[0].replaces = sitting[0].replaces or titular.names[0]
        else:
            self.result.present.append(PresentEntry(name=substitute.names[0],
                                                    replaces=titular.names[0]))
            self.anomaly("substitute", raw,
                         f"Suppléant(e) « {substitute.names[0]} » absent(e) de la liste des "
                         "présents : ajouté(e) aux présents.")
        return True

    def _unparsed(self, raw: str, what: str) -> None:
        self.anomaly("unparsed_entry", raw,
                     f"Entrée de la liste ({what}) non comprise : « {raw.strip()} ». "
                     "Elle n'a pas été retenue.")

    def _glued(self, raw: str, read: _NameRead) -> None:
        message = ("Séparateur manquant : plusieurs noms collés dans une même entrée, lus "
                   "comme " + ", ".join(f"« {name} »" for name in read.names) + ".")
        if read.stray:
            message += (" Mot isolé écarté : " + ", ".join(f"« {w} »" for w in read.stray)
                        + ".")
        self.anomaly("glued_names", raw, message)

    def note_office(self, piece: str) -> None:
        """Remembers the présent just read as the holder of the office written beside the
        name ("M. Jacques VARLILLAC, Maire", "Hubert X, Président")."""
        office = _OFFICE.search(_fold(_GENDER_MARK.sub("", piece)))
        if office and self.result.present:
            self.offices.setdefault(office["office"], self.result.present[-1].name)

    def holders_by_office(self) -> None:
        """"Mme X donne pouvoir à M. le Maire": the holder named by an office is the présent
        written with that office, when one is; said, since the text names no one."""
        for proxy in self.result.proxies:
            named = _BY_OFFICE.match(_fold(proxy.holder))
            if not named or named["office"] not in self.offices:
                continue
            holder = self.offices[named["office"]]
            self.anomaly("holder_by_office", f"{proxy.giver} → {proxy.holder}",
                         f"Mandataire « {proxy.holder} » lu comme « {holder} », inscrit avec "
                         "cette fonction parmi les présents.")
            proxy.holder = holder

    # -- checks ------------------------------------------------------------------------------
