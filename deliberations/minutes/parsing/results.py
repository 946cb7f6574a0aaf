"""What the minutes parser returns: plain dataclasses, no behaviour beyond formatting."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from .text import name_key


class ParseError(ValueError):
    """The text does not hold what was asked for (no attendance section, no preamble...)."""


# --------------------------------------------------------------------------------------------
# Result dataclasses
# --------------------------------------------------------------------------------------------


@dataclass
class PresentEntry:
    """A member present, possibly only from/until an item (question n°)."""

    name: str
    from_item: int | None = None
    until_item: int | None = None
    # Délégué suppléant sitting for this titular member (L5211-6), name as written.
    replaces: str | None = None


@dataclass
class ProxyEntry:
    """A procuration (L2121-20): ``giver`` asks ``holder`` to vote in their name."""

    giver: str
    holder: str
    from_item: int | None = None
    until_item: int | None = None


# French labels of the anomaly kinds, for the user interface.
ANOMALY_LABELS = {
    "empty_entry": "Entrée vide",
    "glued_names": "Noms collés (séparateur manquant)",
    "duplicate_name": "Nom en double",
    "present_and_excused": "Présent et excusé",
    "holder_multiple_proxies": "Mandataire de plusieurs procurations",
    "holder_not_present": "Mandataire absent",
    "proxy_giver_present": "Mandant présent",
    "self_proxy": "Procuration à soi-même",
    "count_mismatch": "Décompte discordant",
    "unparsed_entry": "Entrée non comprise",
    "unparsed_note": "Mention non comprise",
    "guessed_join": "Mot ou nom recollé",
    "guessed_split": "Noms séparés par déduction",
    "commune_heading": "Communes ou groupes écartés",
    "table_pairs": "Procurations lues dans un tableau",
    "ambiguous_name": "Nom ambigu",
    "unknown_name": "Nom inconnu",
    "substitute": "Suppléance",
    "partial_presence": "Présence ou procuration limitée dans le temps",
    "empty_section": "Rubrique sans nom",
    "unread_text": "Noms laissés de côté",
    "several_secretaries": "Plusieurs secrétaires de séance",
    "not_in_roster": "Élus de la liste introuvables",
    "holder_by_office": "Mandataire désigné par sa fonction",
    "heading_guessed": "Intitulé de liste interprété",
    "president_unlisted": "Président de séance hors des listes",
}


@dataclass
class Anomaly:
    """Something a clerk should look at. ``message`` is French, for the user interface."""

    kind: str
    text: str
    message: str

    @property
    def label(self) -> str:
        return ANOMALY_LABELS.get(self.kind, self.kind)


@dataclass
class StatedCounts:
    """Figures the registre states ("Nombre de conseillers en exercice : 36"...)."""

    in_office: int | None = None
    present: int | None = None
    voters: int | None = None
    proxies: int | None = None
    # "Absents : 8" (every member not present, or those not excused: the check tries both)
    # and "Excusés : 3".
    absent: int | None = None
    excused: int | None = None


@dataclass
class AttendanceResult:
    present: list[PresentEntry] = field(default_factory=list)
    proxies: list[ProxyEntry] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    secretary: str | None = None
    stated_counts: StatedCounts = field(default_factory=StatedCounts)
    anomalies: list[Anomaly] = field(default_factory=list)
    # "Secrétaires de séance : Madame X et Monsieur Y": the ones after the first (L2121-15).
    other_secretaries: list[str] = field(default_factory=list)
    # Names read under "Membres suppléants :" (présents or excusés): not members in office,
    # for the check of the stated "en exercice" figure only (not in ``to_dict``).
    suppleants: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON shape printed by ``manage.py parse_attendance``."""
        return {
            "present": [asdict(entry) for entry in self.present],
            "proxies": [asdict(entry) for entry in self.proxies],
            "excused": list(self.excused),
            "absent": list(self.absent),
            "secretary": self.secretary,
            "other_secretaries": list(self.other_secretaries),
            "stated_counts": asdict(self.stated_counts),
            "anomalies": [asdict(anomaly) for anomaly in self.anomalies],
        }

    def all_names(self) -> list[str]:
        """Every distinct person named (present, proxy givers and holders, excused, absent,
        secretary), first spelling kept, in order of appearance."""
        names = [entry.name for entry in self.present]
        names += [entry.replaces for entry in self.present if entry.replaces]
        for proxy in self.proxies:
            names += [proxy.giver, proxy.holder]
        names += self.excused + self.absent
        if self.secretary:
            names.append(self.secretary)
        seen: set[str] = set()
        distinct = []
        for name in names:
            if name_key(name) not in seen:
                seen.add(name_key(name))
                distinct.append(name)
        return distinct


@dataclass
class SessionHeader:
    """The session preamble ("Le mardi 18 octobre 2022, à 17 H 30, le Bureau...")."""

    date: datetime.date
    starts_at: datetime.time | None
    body_name: str
    place: str
    president: str | None
    president_capacity: str
    convened_on: datetime.date | None
    convocation_posted_at: str


@dataclass
class DeliberationText:
    """One deliberation as printed in the extract."""

    body_heading: str
    date: datetime.date | None
    theme: str
    title: str
    report: str
    president_request: str
    vote_wording: str
    decision: str
    appeal_clause: str
    signatory: str | None
    signatory_capacity: str
    received_on: datetime.date | None
    published_on: datetime.date | None
    articles: list[str] = field(default_factory=list)
