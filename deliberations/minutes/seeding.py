"""Load the records the seed documents hold (../shared/seeds): the CABBALR, its communes,
Conseil and Bureau, their members and mandates, the two sessions with attendance and proxies,
their deliberations, and the Pôle Métropolitain de l'Artois with its members.

Everything that the documents state is read from them with deliberations.minutes.parsing, never
re-typed here; what they do not state is either left blank or chosen below with a comment.
Idempotent: every row is written with update_or_create on a natural key, in one transaction.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from deliberations.minutes.parsing import (
    AttendanceResult,
    DeliberationText,
    ParseError,
    SessionHeader,
    parse_attendance,
    parse_commune_list,
    parse_deliberation,
    parse_session_header,
    parse_vice_presidents,
    split_full_name,
)
from deliberations.models import Attendance, Deliberation, Proxy, Session
from deliberations.services import deliberation_set_status
from portal.kernel import seeds
from portal.kernel.names import name_key, strip_accents
from portal.kernel.seeds import SeedError, seed_file  # noqa: F401 -- seed_file: also for tests
from portal.kernel.wording import items_wording
from portal.models import Body, BodySettings, Commune, Mandate, Member, Organisation

# Seat start date. Seed 000 cites "délibérations du Conseil communautaire en date des
# 15 juillet et 29 septembre 2020": 15 July 2020 is the first known session of the mandate
# that followed the 2020 municipal elections (installation). The seeds give no later date of
# appointment for any member, so every seat starts then.
MANDATE_START = datetime.date(2020, 7, 15)

CABBALR = {
    "slug": "cabbalr",
    "name": "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane",
    "short_name": "CABBALR",
    "kind": Organisation.Kind.AGGLOMERATION,
    "department": "62",
    "arrondissement": "Béthune",
    "sub_prefecture": "Béthune",
    "administrative_court": "tribunal administratif de Lille",
}
PMA = {
    "slug": "pma",
    "name": "Pôle Métropolitain de l'Artois",
    "short_name": "PMA",
    "kind": Organisation.Kind.METROPOLITAN_POLE,
    "department": "62",
}
# The PMA's other members (DOMAIN.md; seeds 001/002 name CALL and CAHC).
PMA_OTHER_MEMBERS = [
    {"slug": "call", "name": "Communauté d'agglomération de Lens-Liévin", "short_name": "CALL",
     "kind": Organisation.Kind.AGGLOMERATION, "department": "62"},
    {"slug": "cahc", "name": "Communauté d'agglomération d'Hénin-Carvin", "short_name": "CAHC",
     "kind": Organisation.Kind.AGGLOMERATION, "department": "62"},
    {"slug": "pas-de-calais", "name": "Département du Pas-de-Calais", "short_name": "",
     "kind": Organisation.Kind.DEPARTMENT, "department": "62"},
]


@dataclass(frozen=True)
class SeedDeliberation:
    """What the extract does not state and must be decided here."""

    prefix: str
    body_slug: str
    slug: str
    # The seeds give no @ctes matière code: these are reasonable classifications.
    # 000 takes note of a syndicat mixte's activity report (5.7 Intercommunalité); 003 adopts
    # the territorial project (8.4 Aménagement du territoire).
    matter_code: str


SEED_DELIBERATIONS = [
    SeedDeliberation("000", "bureau-communautaire",
                     "bureau-communautaire-2022-10-18-rapport-activites-pma", "5.7"),
    SeedDeliberation("003", "conseil-communautaire",
                     "conseil-communautaire-2022-12-06-projet-de-territoire", "8.4"),
]


@dataclass
class SeedSummary:
    organisations: int = 0
    communes: int = 0
    members: int = 0
    mandates: int = 0
    sessions: int = 0
    present: int = 0
    excused: int = 0
    absent: int = 0
    proxies: int = 0
    deliberations: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def attendances(self) -> int:
        return self.present + self.excused + self.absent

    def as_french(self) -> str:
        lines = [
            f"{self.sessions} séances, {self.attendances} présences ({self.present} présents, "
            f"{self.excused} excusés, {self.absent} absents), {self.proxies} procurations, "
            f"{self.deliberations} délibérations.",
            f"{self.organisations} collectivités, {self.communes} communes, {self.members} élus,"
            f" {self.mandates} mandats.",
        ]
        lines += [f"Attention : {warning}" for warning in self.warnings]
        return "\n".join(lines)


@dataclass
class _Extract:
    """One seed extract read once."""

    prefix: str
    text: str
    header: SessionHeader
    attendance: AttendanceResult
    deliberation: DeliberationText

    @classmethod
    def read(cls, seeds_dir: Path, prefix: str) -> _Extract:
        text = seed_file(seeds_dir, prefix)
        return cls(prefix, text, parse_session_header(text), parse_attendance(text),
                   parse_deliberation(text))

    def listed_names(self) -> list[str]:
        """Members of the body named in the extract: present, proxy givers, excused, absent."""
        result = self.attendance
        return ([entry.name for entry in result.present] + [p.giver for p in result.proxies]
                + result.excused + result.absent)

    def minutes(self) -> str:
        """The extract's preamble and attendance block, as the registre gives it."""
        match = re.search(r"La séance est ouverte,?", self.text)
        return self.text[: match.end()].strip() if match else ""


@transaction.atomic
def load_from_seeds(seeds_dir: Path) -> seeds.SeedReport:
    """load_seeds' first loader: organisations, communes, bodies, members, mandates, sessions,
    attendance, proxies and the deliberations of extracts 000 and 003."""
    try:
        summary = load_seed_records(seeds_dir=seeds_dir)
    except ParseError as error:
        raise SeedError(str(error)) from error
    return seeds.SeedReport(summary.as_french())


def load_seed_records(*, seeds_dir: Path, by=None) -> SeedSummary:
    """Create or update every seed record; running it twice changes nothing."""
    bureau_extract = _Extract.read(seeds_dir, "000")
    council_extract = _Extract.read(seeds_dir, "003")
    summary = SeedSummary()

    cabbalr = _organisation({**CABBALR, "seat_address": _seat_address(council_extract.header)})
    _load_pma(cabbalr)
    summary.organisations = 2 + len(PMA_OTHER_MEMBERS)
    communes = _load_communes(cabbalr, council_extract.text)
    summary.communes = len(communes)
    council, bureau = _load_bodies(cabbalr)

    # 000 first: where two spellings share a key, _canonical_spelling decides, not the order.
    extracts = {bureau.pk: bureau_extract, council.pk: council_extract}
    members = _load_members([bureau_extract, council_extract])
    summary.members = len({member.pk for member in members.values()})
    summary.warnings += _similar_names(members, [bureau_extract, council_extract])

    roles = _roles(council_extract.text, members, communes)
    for body in (council, bureau):
        summary.mandates += _load_mandates(body, extracts[body.pk], members, roles)

    for body in (bureau, council):
        extract = extracts[body.pk]
        session = _load_session(body, extract, members)
        counts = _load_attendance(session, extract.attendance, members)
        summary.present += counts[Attendance.Status.PRESENT]
        summary.excused += counts[Attendance.Status.EXCUSED]
        summary.absent += counts[Attendance.Status.ABSENT]
        summary.proxies += _load_proxies(session, extract.attendance, members)
        summary.sessions += 1
    for seed in SEED_DELIBERATIONS:
        extract = bureau_extract if seed.prefix == "000" else council_extract
        body = bureau if seed.body_slug == bureau.slug else council
        session = Session.objects.get(body=body, date=extract.header.date,
                                      starts_at=extract.header.starts_at)
        _load_deliberation(seed, session, extract.deliberation, members, by)
        summary.deliberations += 1
    return summary


# --- Organisations, communes, bodies ---------------------------------------------------------


def _seat_address(header) -> str:
    """The seat as the seeds give it: the convocation is posted at the seat (L2121-10), and the
    Conseil met "en l'Hôtel Communautaire de Béthune": "Hôtel Communautaire, Béthune", so that
    the convocation reads "Fait à Béthune". Blank when the extract does not say it."""
    posted = header.convocation_posted_at
    match = posted and re.fullmatch(rf"{re.escape(posted)} (?:de |d')(.+)", header.place)
    return f"{posted}, {match[1]}" if match else ""


def _organisation(values: dict) -> Organisation:
    defaults = {key: value for key, value in values.items() if key != "slug"}
    organisation, _ = Organisation.objects.update_or_create(slug=values["slug"],
                                                            defaults=defaults)
    return organisation


# The PMA's committee follows its statutes where the CGCT leaves room (syndicat mixte:
# L5711-1 via L5731-3; CE 18 Oct 2018 n° 421197). The seeds quote the statutes only through
# their last amendment (seed 000: "modification des statuts du PMA (arrêté préfectoral du
# 21 octobre 2021)") and none of their clauses, so the record keeps the CGCT values and says
# so: a clerk holding the statutes corrects a value and its source in the admin.
PMA_STATUTES = "Statuts du PMA (arrêté préfectoral du 21 octobre 2021), article à vérifier"
PMA_COMMITTEE_SETTINGS = {
    "quorum_counts_represented": False,
    "quorum_source": f"{PMA_STATUTES} ; à défaut CGCT L2121-17 (via L5711-1)",
    "proxies_per_holder": 1,
    "proxies_source": f"{PMA_STATUTES} ; à défaut CGCT L2121-20 (via L5711-1)",
    "convocation_clear_days": 5,
    "convocation_source": f"{PMA_STATUTES} ; à défaut CGCT L2121-12 (via L5711-1)",
}


def _load_pma(cabbalr: Organisation) -> Organisation:
    pma = _organisation(PMA)
    others = [_organisation(values) for values in PMA_OTHER_MEMBERS]
    pma.member_organisations.set([cabbalr, *others])
    # Same key as pma_reports' loader (organisation and slug): whichever runs first creates it.
    committee, _ = Body.objects.update_or_create(
        organisation=pma, slug="comite-syndical",
        defaults={"kind": Body.Kind.SYNDICATE_COMMITTEE, "name": "Comité syndical"},
    )
    BodySettings.objects.update_or_create(body=committee, defaults=PMA_COMMITTEE_SETTINGS)
    return pma


def _load_communes(cabbalr: Organisation, text: str) -> dict[str, Commune]:
    names = parse_commune_list(text)
    if len(names) != 100:
        raise SeedError(f"La liste des communes de 003 compte {len(names)} noms au lieu de 100.")
    # No INSEE code: the seeds do not give them (left blank, see Commune).
    return {
        name_key(name): Commune.objects.update_or_create(organisation=cabbalr, name=name)[0]
        for name in names
    }


def _load_bodies(cabbalr: Organisation) -> tuple[Body, Body]:
    council, _ = Body.objects.update_or_create(
        organisation=cabbalr, slug="conseil-communautaire",
        defaults={"kind": Body.Kind.COUNCIL, "name": "Conseil communautaire"},
    )
    bureau, _ = Body.objects.update_or_create(
        organisation=cabbalr, slug="bureau-communautaire",
        defaults={"kind": Body.Kind.BUREAU, "name": "Bureau communautaire",
                  "delegated_by": council},
    )
    return council, bureau


# --- Members and mandates --------------------------------------------------------------------


def _canonical_spelling(spellings: list[str]) -> str:
    """The spelling kept for a member written several ways ("MEY-FROIDT" / "MEYFROIDT",
    "Dorothee" / "Dorothée"): layout adds hyphens at line breaks and typing drops accents,
    so prefer the most accented, then the least hyphenated, then the first seen."""
    def score(spelling: str) -> tuple[int, int]:
        accents = sum(1 for char in spelling if strip_accents(char) != char)
        return (-accents, spelling.count("-"))

    return min(spellings, key=lambda spelling: (score(spelling), spellings.index(spelling)))


def _load_members(extracts: list[_Extract]) -> dict[str, Member]:
    """Members keyed by name_key, created once whatever the spelling."""
    spellings: dict[str, list[str]] = {}
    for extract in extracts:
        for name in extract.attendance.all_names():
            spellings.setdefault(name_key(name), []).append(name)
    members: dict[str, Member] = {}
    for key, names in spellings.items():
        last_name, first_name = split_full_name(_canonical_spelling(names))
        member = Member.objects.filter(match_key=key).order_by("pk").first()
        if member is None:
            member = Member(slug=_free_member_slug(f"{last_name} {first_name}"))
        member.last_name, member.first_name = last_name, first_name
        member.save()
        members[key] = member
    return members


def _free_member_slug(full_name: str) -> str:
    base = slugify(full_name)[:110] or "elu"
    slug, suffix = base, 2
    while Member.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _similar_names(members: dict[str, Member], extracts: list[_Extract]) -> list[str]:
    """Distinct keys that look alike (MAESELE / MAESEELE): reported, never merged, because
    the seeds do not say which spelling is right or whether they are one person. Two names
    listed in the same extract are two people (LECONTE and LECOMTE sit side by side in 000)."""
    together = [{name_key(name) for name in extract.listed_names()} for extract in extracts]
    keys = sorted(members)
    warnings = []
    for index, key in enumerate(keys):
        for other in keys[index + 1:]:
            if any(key in listed and other in listed for listed in together):
                continue
            first, second = members[key], members[other]
            if (first.first_name == second.first_name and first.last_name[:3] ==
                    second.last_name[:3] and difflib.SequenceMatcher(None, key, other).ratio()
                    > 0.9):
                warnings.append(f"« {first} » et « {second} » sont peut-être la même personne "
                                "(orthographes différentes dans les extraits) : à vérifier.")
    return warnings


@dataclass(frozen=True)
class _Role:
    role: str
    rank: int | None = None
    delegation: str = ""
    commune: Commune | None = None


def _roles(council_text: str, members: dict[str, Member],
           communes: dict[str, Commune]) -> dict[str, _Role]:
    """Roles the seeds state: the president who chairs both sessions, and the
    vice-presidents the 003 document names with their rank (LECONTE 1er, IDZIAK 14e).

    BOSSART Steve signs 000 as "Vice-président délégué" but no document gives his rank; a
    vice-president's rank is mandatory, so he keeps the ordinary role rather than an
    invented rank.
    """
    header = parse_session_header(council_text)
    roles: dict[str, _Role] = {}
    if header.president:
        roles[name_key(header.president)] = _Role(Mandate.Role.PRESIDENT)
    for holder in parse_vice_presidents(council_text):
        if name_key(holder.name) in members:
            roles[name_key(holder.name)] = _Role(
                Mandate.Role.VICE_PRESIDENT, holder.rank, holder.delegation[:255],
                # A mayor sits for their commune in the Conseil.
                communes.get(name_key(holder.mayor_of)),
            )
    return roles


def _load_mandates(body: Body, extract: _Extract, members: dict[str, Member],
                   roles: dict[str, _Role]) -> int:
    default_role = (Mandate.Role.BUREAU_MEMBER if body.kind == Body.Kind.BUREAU
                    else Mandate.Role.COUNCILLOR)
    keys = list(dict.fromkeys(name_key(name) for name in extract.listed_names()))
    for key in keys:
        role = roles.get(key, _Role(default_role))
        Mandate.objects.update_or_create(
            member=members[key], body=body, start_on=MANDATE_START,
            defaults={"role": role.role, "vice_president_rank": role.rank,
                      "delegation": role.delegation, "commune": role.commune,
                      "end_on": None, "start_stated": False},
        )
    return len(keys)


# --- Sessions, attendance, proxies ---------------------------------------------------------


def _member(members: dict[str, Member], name: str | None) -> Member | None:
    return members.get(name_key(name)) if name else None


def _load_session(body: Body, extract: _Extract, members: dict[str, Member]) -> Session:
    header = extract.header
    session, _ = Session.objects.update_or_create(
        body=body, date=header.date, starts_at=header.starts_at,
        defaults={
            "place": header.place,
            "convened_on": header.convened_on,
            "convocation_posted_at": header.convocation_posted_at,
            "president": _member(members, header.president),
            "president_capacity": header.president_capacity,
            "secretary": _member(members, extract.attendance.secretary),
            "status": Session.Status.HELD,
            "minutes_source": extract.minutes(),
        },
    )
    return session


def _load_attendance(session: Session, result: AttendanceResult,
                     members: dict[str, Member]) -> dict[str, int]:
    rows: dict[int, dict] = {}
    for entry in result.present:
        rows[members[name_key(entry.name)].pk] = {
            "status": Attendance.Status.PRESENT, "from_item": entry.from_item,
            "until_item": entry.until_item, "replaces": _member(members, entry.replaces),
            "note": items_wording(entry.from_item, entry.until_item),
        }
    for status, names in ((Attendance.Status.EXCUSED, result.excused),
                          (Attendance.Status.ABSENT, result.absent)):
        for name in names:
            rows.setdefault(members[name_key(name)].pk, {
                "status": status, "from_item": None, "until_item": None, "replaces": None,
                "note": "",
            })
    session.attendances.exclude(member_id__in=rows).delete()
    for member_id, defaults in rows.items():
        Attendance.objects.update_or_create(session=session, member_id=member_id,
                                            defaults=defaults)
    counts = {status: 0 for status in Attendance.Status.values}
    for defaults in rows.values():
        counts[defaults["status"]] += 1
    return counts


def _load_proxies(session: Session, result: AttendanceResult,
                  members: dict[str, Member]) -> int:
    givers = []
    for proxy in result.proxies:
        giver = members[name_key(proxy.giver)]
        givers.append(giver.pk)
        Proxy.objects.update_or_create(
            session=session, giver=giver,
            defaults={"holder": members[name_key(proxy.holder)], "from_item": proxy.from_item,
                      "until_item": proxy.until_item},
        )
    session.proxies.exclude(giver_id__in=givers).delete()
    return len(givers)


# --- Deliberations -----------------------------------------------------------------------------


def _result_of(text: DeliberationText) -> str:
    """"PREND ACTE" takes note of a report (nothing is voted for or against)."""
    first = text.articles[0] if text.articles else ""
    if first.upper().startswith(("PREND ACTE", "PREND NOTE")):
        return Deliberation.Result.NOTED
    return Deliberation.Result.ADOPTED


def _load_deliberation(seed: SeedDeliberation, session: Session, text: DeliberationText,
                       members: dict[str, Member], by) -> Deliberation:
    published = Deliberation.objects.filter(
        slug=seed.slug, status=Deliberation.Status.PUBLISHED).first()
    if published is not None:
        # What was published never changes (a second run included): not even its change time.
        return published
    deliberation, _ = Deliberation.objects.update_or_create(
        slug=seed.slug,
        defaults={
            "session": session,
            "item_number": None,  # not in the seeds
            "act_number": "",  # not in the seeds
            "theme": text.theme,
            "title": text.title,
            "report": text.report,
            "president_request": text.president_request,
            "vote_wording": text.vote_wording,
            "decision": text.decision,
            "appeal_clause": text.appeal_clause,
            "nature": Deliberation.Nature.DELIBERATION,
            "matter_code": seed.matter_code,
            "result": _result_of(text),
            # The extracts say "A la majorité absolue", not how the body voted.
            "ballot_stated": False,
            "subject_to_transmission": True,
            "received_on": text.received_on,
            "published_on": text.published_on,
            "signatory": _member(members, text.signatory),
            "signatory_capacity": text.signatory_capacity,
        },
    )
    _publish(deliberation, by)
    return deliberation


def _publish(deliberation: Deliberation, by) -> None:
    """Walk the lifecycle the extract certifies: voted, received in sous-préfecture,
    published. Already published (second run): nothing to do."""
    steps = {
        Deliberation.Status.DRAFT: (Deliberation.Status.ADOPTED, "Délibérée en séance"),
        Deliberation.Status.ADOPTED: (Deliberation.Status.TRANSMITTED,
                                      "Reçue en sous-préfecture (extrait certifié)"),
        Deliberation.Status.TRANSMITTED: (Deliberation.Status.PUBLISHED,
                                          "Publiée (extrait certifié)"),
    }
    while deliberation.status in steps:
        to_status, note = steps[deliberation.status]
        # The seed documents give no act number: the portal does not invent one.
        deliberation_set_status(deliberation=deliberation, to_status=to_status, by=by,
                                note=f"{note} — chargement des documents sources",
                                assign_act_number=False)
