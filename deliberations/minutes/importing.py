"""Import of an attendance block read by deliberations.minutes.parsing into a session's rows.

Two steps, as in the admin screen: ``match_names`` ties each name read to an existing member
(never creating one: a misread name must not become a new élu), then ``attendance_import``
replaces the session's attendance and proxies in one transaction.
"""

from __future__ import annotations

import copy
import datetime
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction

from deliberations import selectors
from deliberations.minutes.parsing import AttendanceResult, split_full_name
from deliberations.minutes.parsing.matching import same_person
from deliberations.models import ATTENDANCE_LOCKED, Attendance, Proxy, Session
from portal.kernel.names import name_key
from portal.kernel.wording import items_wording
from portal.models import Member

# Below this similarity of name keys a member is not worth suggesting.
SUGGESTION_CUTOFF = 0.75
MAX_SUGGESTIONS = 3


@dataclass
class Match:
    """A name as read in the registre and the member it designates, if any."""

    name: str
    member: Member | None = None
    suggestions: list[Member] = field(default_factory=list)

    @property
    def matched(self) -> bool:
        return self.member is not None


def match_names(names: Iterable[str], members: Iterable[Member]) -> list[Match]:
    """Match each name on name_key (accents, case, hyphens ignored: "MEY-FROIDT Sylvie" is
    MEYFROIDT Sylvie; "Sylvie MEYFROIDT" too, read surname first). Without an exact match,
    or when two members share the key, the closest members by similarity of their keys are
    offered as suggestions."""
    by_key: dict[str, list[Member]] = {}
    for member in members:
        by_key.setdefault(member.match_key or name_key(member.full_name), []).append(member)
    keys = list(by_key)
    matches = []
    for name in dict.fromkeys(names):
        # Members are keyed "NOM Prénom"; the parser keeps "Prénom NOM" as written.
        key = name_key(" ".join(filter(None, split_full_name(name))))
        exact = by_key.get(name_key(name)) or by_key.get(key, [])
        if len(exact) == 1:
            matches.append(Match(name, exact[0]))
            continue
        close = difflib.get_close_matches(key, keys, n=MAX_SUGGESTIONS,
                                          cutoff=SUGGESTION_CUTOFF)
        suggestions = exact + [member for other in close if other != key
                               for member in by_key[other]]
        matches.append(Match(name, None, suggestions[:MAX_SUGGESTIONS + len(exact)]))
    return matches


def candidate_members(session: Session):
    """Members who hold or held a seat in a body of the session's organisation: a Bureau
    member also sits in the Conseil, a suppléant may sit for a titular member."""
    return Member.objects.filter(
        mandates__body__organisation_id=session.body.organisation_id
    ).distinct().order_by("last_name", "first_name")


def members_not_found(session: Session, matches: Iterable[Match]) -> list[Member]:
    """The members in office in the session's body on its date (the roster) that no name
    read designates: neither present, represented, excused nor absent in the text. The import
    states how many, so that a list the parser read only in part shows."""
    found = {match.member.pk for match in matches if match.member}
    in_office = selectors.in_office_member_ids(session.body_id, session.date)
    return list(Member.objects.filter(pk__in=in_office).exclude(pk__in=found)
                .order_by("last_name", "first_name"))


def not_found_wording(members: list[Member]) -> str:
    """The sentence of the import preview: "2 élus en exercice ne figurent dans aucune liste
    du texte : DURAND Paul, PETIT Luc."."""
    if not members:
        return "Tous les élus en exercice figurent dans une liste du texte."
    names = ", ".join(member.full_name for member in members)
    if len(members) == 1:
        return f"1 élu en exercice ne figure dans aucune liste du texte : {names}."
    return f"{len(members)} élus en exercice ne figurent dans aucune liste du texte : {names}."


@dataclass
class ImportSummary:
    present: int
    excused: int
    absent: int
    proxies: int
    secretary: Member | None
    replaced_attendances: int
    replaced_proxies: int
    other_secretaries: list[Member] = field(default_factory=list)

    def as_french(self) -> str:
        text = (f"{self.present} présents, {self.excused} excusés, {self.absent} absents et "
                f"{self.proxies} procurations importés")
        if self.replaced_attendances or self.replaced_proxies:
            text += (f" (en remplacement de {self.replaced_attendances} présences et "
                     f"{self.replaced_proxies} procurations)")
        if self.secretary:
            text += f" ; secrétaire de séance : {self.secretary}"
        if self.other_secretaries:
            text += " ; autres secrétaires de séance : " + ", ".join(
                str(member) for member in self.other_secretaries)
        return text + "."


def _members_by_key(result: AttendanceResult, matches: Iterable[Match]) -> dict[str, Member]:
    """Every name of the result tied to a member, or a ValidationError naming the others."""
    found = {name_key(match.name): match.member for match in matches if match.member}
    unknown = [name for name in result.all_names() if name_key(name) not in found]
    if unknown:
        raise ValidationError(
            [f"Élu inconnu : « {name} ». Rattachez ce nom à un élu existant (ou créez l'élu "
             "et son mandat) avant d'importer ; rien n'a été enregistré." for name in unknown]
        )
    return found


def _attendance_rows(session: Session, result: AttendanceResult,
                     members: dict[str, Member]) -> list[Attendance]:
    rows: dict[int, Attendance] = {}
    for entry in result.present:
        member = members[name_key(entry.name)]
        # A name listed twice was reported as an anomaly; the first reading is kept.
        rows.setdefault(member.pk, Attendance(
            session=session, member=member, status=Attendance.Status.PRESENT,
            from_item=entry.from_item, until_item=entry.until_item,
            replaces=members[name_key(entry.replaces)] if entry.replaces else None,
            note=items_wording(entry.from_item, entry.until_item),
        ))
    for status, names in ((Attendance.Status.EXCUSED, result.excused),
                          (Attendance.Status.ABSENT, result.absent)):
        for name in names:
            member = members[name_key(name)]
            # Present and excused at once was reported; presence wins (it counts for quorum
            # and the clerk saw the anomaly before confirming).
            rows.setdefault(member.pk, Attendance(session=session, member=member,
                                                  status=status))
    return list(rows.values())


def _proxy_rows(session: Session, result: AttendanceResult,
                 members: dict[str, Member]) -> list[Proxy]:
    """One Proxy per giver, tied to the written proxy (pouvoir écrit) of the same giver and
    holder that covers the session date, if the clerk recorded one (L2121-20)."""
    rows: dict[int, Proxy] = {}
    for entry in result.proxies:
        giver = members[name_key(entry.giver)]
        rows.setdefault(giver.pk, Proxy(
            session=session, giver=giver, holder=members[name_key(entry.holder)],
            from_item=entry.from_item, until_item=entry.until_item,
        ))
    documents = selectors.matching_written_proxies(
        session, [(row.giver_id, row.holder_id) for row in rows.values()]
    )
    for row in rows.values():
        row.written_proxy = documents.get((row.giver_id, row.holder_id))
    return list(rows.values())


def _save_all(rows: Iterable[Attendance | Proxy]) -> None:
    for row in rows:
        # The checks of full_clean, which turn the database constraints into the models'
        # French messages, except that each foreign key exists: every member was read from
        # the database in this transaction, and asking again costs a query per key and row.
        row.clean_fields(exclude=[f.name for f in row._meta.fields if f.is_relation])
        row.clean()
        row.validate_constraints(exclude=["session"])
        row.save()


def legal_problems(session: Session) -> list[str]:
    """The presence and proxy problems of the session's stored attendance, item by item
    (rules.py through selectors: L2121-17, L2121-20, L5211-6), each message once, then the
    written proxies used beyond three consecutive sessions (L2121-20)."""
    messages = []
    for item_range in selectors.session_quorum_table(session):
        for problem in item_range.figures.problems:
            if problem.message not in messages:
                messages.append(problem.message)
    messages.extend(selectors.stored_written_proxy_problems(session))
    return messages


def attendance_import_problems(*, session: Session, result: AttendanceResult,
                               matches: Iterable[Match]) -> list[str]:
    """What the import would be refused for, without writing anything: the import is run
    and rolled back, so the preview checks exactly what the confirmation will check."""
    try:
        _check_not_locked(session)
        with transaction.atomic():
            _replace_rows(session, result, _members_by_key(result, list(matches)))
            problems = legal_problems(session)
            transaction.set_rollback(True)
    except ValidationError as error:
        return error.messages
    return problems


def _check_not_locked(session: Session) -> None:
    # The published quorum rests on this attendance: changed only by a rectification.
    if session.has_published_acts():
        raise ValidationError(ATTENDANCE_LOCKED)


def _replace_rows(session: Session, result: AttendanceResult, members: dict[str, Member]):
    attendances = _attendance_rows(session, result, members)
    proxies = _proxy_rows(session, result, members)
    replaced_attendances, _ = session.attendances.all().delete()
    replaced_proxies, _ = session.proxies.all().delete()
    _save_all(attendances)
    _save_all(proxies)
    return attendances, proxies, replaced_attendances, replaced_proxies


def _member_named(name: str, result: AttendanceResult,
                  members: dict[str, Member]) -> Member | None:
    """The member a second secretary designates: the same spelling as a name of the lists,
    or the one name of the lists it can be ("Monsieur DRAUAUDIN" for "DRAUAUDIN Pierre")."""
    if name_key(name) in members:
        return members[name_key(name)]
    found = {members[name_key(listed)] for listed in result.all_names()
             if name_key(listed) in members and same_person(name, listed)}
    return found.pop() if len(found) == 1 else None


@transaction.atomic
def attendance_import(*, session: Session, result: AttendanceResult, matches: Iterable[Match],
                      by=None, source_text: str = "") -> ImportSummary:
    """Replace the session's attendance and proxies by those read in the registre.

    Refuses (ValidationError naming the members) when a name is not tied to a member, or when
    the attendance breaks a rule on some item (a proxy to an absent holder, a second proxy,
    a present person who holds no seat...): nothing is then written. The secretary is set
    when the registre names one. With ``by``, the change is recorded in the admin history.
    """
    _check_not_locked(session)
    members = _members_by_key(result, list(matches))
    attendances, proxies, replaced_attendances, replaced_proxies = _replace_rows(
        session, result, members
    )
    problems = legal_problems(session)
    if problems:
        raise ValidationError(problems)

    secretary = members.get(name_key(result.secretary)) if result.secretary else None
    update_fields = []
    if secretary:
        session.secretary = secretary
        update_fields.append("secretary")
    if source_text:
        session.minutes_source = source_text
        update_fields.append("minutes_source")
    if update_fields:
        session.save(update_fields=update_fields)
    others = [member for name in result.other_secretaries
              if (member := _member_named(name, result, members)) and member != secretary]
    if others:
        session.other_secretaries.set(others)

    counts = {status: 0 for status in Attendance.Status.values}
    for row in attendances:
        counts[row.status] += 1
    summary = ImportSummary(
        present=counts[Attendance.Status.PRESENT], excused=counts[Attendance.Status.EXCUSED],
        absent=counts[Attendance.Status.ABSENT], proxies=len(proxies), secretary=secretary,
        replaced_attendances=replaced_attendances, replaced_proxies=replaced_proxies,
        other_secretaries=others,
    )
    if getattr(by, "pk", None):
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=[session], action_flag=CHANGE,
            change_message=f"Liste de présence importée du registre : {summary.as_french()}",
            single_object=True,
        )
    return summary


# --- Resolutions chosen by the clerk in the preview ---------------------------------------

CREATE = "create"


def apply_aliases(matches: list[Match], session: Session) -> None:
    """Names a clerk tied to a member in an earlier import of this body (NameAlias)."""
    from deliberations.models import NameAlias

    unmatched = {name_key(match.name): match for match in matches if not match.matched}
    if not unmatched:
        return
    for alias in NameAlias.objects.filter(body_id=session.body_id,
                                          key__in=list(unmatched)).select_related("member"):
        unmatched[alias.key].member = alias.member


@dataclass
class Ambiguity:
    """A fact the registre states two ways; the import waits for the clerk's choice.

    ``kind``: "present_and_excused" (choices "present" / "excused"), "duplicate_name"
    (choice "same": the same person read twice, or DISTINCT: two members, one of them
    misspelt, which only a corrected text settles) or "holder_multiple_proxies" (choice: the
    giver whose proxy is kept; the others are recorded as excused)."""

    kind: str
    key: str
    name: str
    message: str
    choices: list[tuple[str, str]]
    chosen: str = ""

    @property
    def settled(self) -> bool:
        """Whether the clerk's choice settles the fact (DISTINCT asks for a corrected text)."""
        return self.chosen in dict(self.choices) and self.chosen != DISTINCT

    @property
    def field(self) -> str:
        return f"resolve-{self.kind}-{self.key}"


# The duplicate-name choice "two different members": the text must be corrected first.
DISTINCT = "distinct"


def search_members(members, text: str) -> list:
    """The members whose name contains every word of ``text``, whatever the accents, case,
    hyphens and word order ("lecl chris" finds LECLERC Christian)."""
    words = [name_key(word) for word in text.split()]
    words = [word for word in words if word]
    if not words:
        return []
    return [member for member in members
            if all(word in name_key(member.full_name) for word in words)]


def ambiguities(result: AttendanceResult) -> list[Ambiguity]:
    """The ambiguous facts of a reading, each with the choices that settle it."""
    found: dict[tuple[str, str], Ambiguity] = {}
    present = {name_key(entry.name) for entry in result.present}
    for name in result.excused + result.absent:
        key = name_key(name)
        if key in present:
            found.setdefault(("present_and_excused", key), Ambiguity(
                "present_and_excused", key, name,
                f"« {name} » figure à la fois parmi les présents et parmi les absents ou "
                "excusés : indiquez où il était.",
                [("present", "Présent"), ("excused", "Absent (excusé)")]))
    lists = [[entry.name for entry in result.present], result.excused, result.absent,
             [proxy.giver for proxy in result.proxies]]
    for names in lists:
        seen = set()
        for name in names:
            key = name_key(name)
            if key in seen:
                found.setdefault(("duplicate_name", key), Ambiguity(
                    "duplicate_name", key, name,
                    f"« {name} » est écrit deux fois dans la même liste.",
                    [("same", "C'est la même personne, écrite deux fois : la compter une "
                      "fois"),
                     (DISTINCT, "Ce sont deux élus différents : je corrige le nom de l'un "
                      "d'eux dans le texte collé")]))
            seen.add(key)
    held: dict[str, list] = {}
    for proxy in result.proxies:
        held.setdefault(name_key(proxy.holder), []).append(proxy)
    for key, proxies in held.items():
        if len(proxies) > 1:
            givers = ", ".join(f"« {proxy.giver} »" for proxy in proxies)
            found[("holder_multiple_proxies", key)] = Ambiguity(
                "holder_multiple_proxies", key, proxies[0].holder,
                f"« {proxies[0].holder} » reçoit plusieurs procurations ({givers}) ; un "
                "mandataire n'en détient qu'une (L2121-20), sauf sur des questions "
                "distinctes : gardez celle qui vaut, les autres mandants seront notés "
                "absents excusés.",
                [(name_key(proxy.giver), f"Garder celle de {proxy.giver}")
                 for proxy in proxies] + [("all", "Garder toutes (questions distinctes)")])
    return list(found.values())


def resolve(result: AttendanceResult, settled: list[Ambiguity]) -> AttendanceResult:
    """A copy of ``result`` with the clerk's choices applied (duplicates are counted once by
    attendance_import already)."""
    import copy

    result = copy.deepcopy(result)
    for ambiguity in settled:
        if ambiguity.kind == "present_and_excused":
            if ambiguity.chosen == "present":
                result.excused = [n for n in result.excused if name_key(n) != ambiguity.key]
                result.absent = [n for n in result.absent if name_key(n) != ambiguity.key]
            elif ambiguity.chosen == "excused":
                result.present = [e for e in result.present
                                  if name_key(e.name) != ambiguity.key]
        elif ambiguity.kind == "holder_multiple_proxies" and ambiguity.chosen != "all":
            dropped = [p for p in result.proxies if name_key(p.holder) == ambiguity.key
                       and name_key(p.giver) != ambiguity.chosen]
            result.proxies = [p for p in result.proxies if p not in dropped]
            result.excused += [p.giver for p in dropped]
    return result


@dataclass
class NewMandate:
    """The seat of a member created by the import, as the clerk confirms it: the registre
    gives neither the body, nor the role, nor the start date of a seat."""

    body_id: int | None = None
    role: str = ""
    start_on: datetime.date | None = None

    @property
    def complete(self) -> bool:
        return bool(self.body_id and self.role and self.start_on)


def flagged_without_given_name(result: AttendanceResult) -> set[str]:
    """Keys of the names the parser flagged as having neither given name nor initial."""
    return {name_key(anomaly.text) for anomaly in result.anomalies
            if anomaly.kind == "unparsed_entry"}


def substitutes_read(result: AttendanceResult) -> set[str]:
    """Keys of the names the text reads as a délégué suppléant sitting for a titular member
    ("remplacé par son suppléant X"): created, they get a suppléant's mandate (L5211-6)."""
    return {name_key(entry.name) for entry in result.present if entry.replaces}


def choice_problems(*, session: Session, result: AttendanceResult, matches: list[Match],
                    choices: dict[str, str], mandates: dict[str, NewMandate]) -> list[str]:
    """What refuses the clerk's choices themselves, before any rule: a name without a given
    name cannot become a member, a member is created only with a confirmed mandate in a body
    of the session's organisation."""
    from portal.models import Body, Mandate

    flagged = flagged_without_given_name(result)
    substitutes = substitutes_read(result)
    bodies = None
    problems = []
    for match in matches:
        key = name_key(match.name)
        if match.matched or choices.get(key) != CREATE:
            continue
        if key in flagged or not split_full_name(match.name)[1]:
            problems.append(
                f"« {match.name} » n'a ni prénom ni initiale : un élu ne peut pas être créé "
                "sous ce nom. Rattachez-le à un élu existant ou corrigez le texte collé.")
            continue
        mandate = mandates.get(key) or NewMandate()
        if bodies is None:
            bodies = set(Body.objects.filter(organisation_id=session.body.organisation_id)
                         .values_list("pk", flat=True))
        if not mandate.complete:
            problems.append(
                f"Pour créer « {match.name} », confirmez l'assemblée, la fonction et la date "
                "de début de son mandat.")
        elif mandate.body_id not in bodies or mandate.role not in Mandate.Role.values:
            problems.append(f"Mandat de « {match.name} » : assemblée ou fonction inconnue.")
        elif key in substitutes and mandate.role != Mandate.Role.SUBSTITUTE:
            # The text is the only source: it says this person sat as a suppléant.
            problems.append(
                f"« {match.name} » siège comme suppléant d'après le texte : créez-le avec la "
                "fonction « Délégué suppléant » (L5211-6), ou corrigez le texte collé.")
    return problems


@transaction.atomic
def unknown_names_resolve(*, session: Session, matches: list[Match], choices: dict[str, str],
                          mandates: dict[str, NewMandate] | None = None,
                          result: AttendanceResult | None = None, by=None) -> list[Member]:
    """Apply the clerk's choice for each unknown name: an existing member (remembered as a
    NameAlias of the body for the next import) or CREATE (a new member with the mandate the
    clerk confirmed in ``mandates``). Returns the members created; refuses (ValidationError,
    nothing written) what choice_problems refuses."""
    from portal.models import Mandate

    mandates = mandates or {}
    problems = choice_problems(session=session, result=result or AttendanceResult(),
                               matches=matches, choices=choices, mandates=mandates)
    if problems:
        raise ValidationError(problems)
    created = []
    by_pk = None
    aliases: dict[str, tuple[str, Member]] = {}
    for match in matches:
        key = name_key(match.name)
        choice = choices.get(key, "")
        if match.matched or not choice:
            continue
        if choice == CREATE:
            # The parser keeps a name as written: "Sophie ROLLIN" as well as "ROLLIN Sophie".
            last_name, first_name = split_full_name(match.name)
            # Created by the session's organisation: its clerks keep it in their scope.
            member = Member(last_name=last_name, first_name=first_name,
                            created_by_organisation_id=session.body.organisation_id)
            member.slug = _free_slug(member.full_name)
            member.save()
            mandate = mandates[key]
            # The clerk typed the start date: the pages may state it (start_stated).
            Mandate.objects.create(member=member, body_id=mandate.body_id, role=mandate.role,
                                   start_on=mandate.start_on, start_stated=True)
            created.append(member)
        else:
            if by_pk is None:
                by_pk = {str(member.pk): member for member in candidate_members(session)}
            member = by_pk.get(choice)
            if member is None:
                raise ValidationError(f"Choix inconnu pour « {match.name} ».")
            aliases[key] = (match.name, member)
        match.member = member
    _aliases_save(session, aliases, by)
    return created


def _aliases_save(session: Session, aliases: dict[str, tuple[str, Member]], by) -> None:
    """Remember each spelling the clerk tied to a member (NameAlias of the body), in three
    queries whatever the number of names."""
    from deliberations.models import NameAlias

    if not aliases:
        return
    existing = {alias.key: alias for alias in NameAlias.objects.filter(
        body_id=session.body_id, key__in=list(aliases))}
    created_by = by if getattr(by, "pk", None) else None
    new = []
    for key, (name, member) in aliases.items():
        if key in existing:
            existing[key].name, existing[key].member = name, member
            existing[key].created_by = created_by
        else:
            new.append(NameAlias(body_id=session.body_id, key=key, name=name, member=member,
                                 created_by=created_by))
    NameAlias.objects.bulk_create(new)
    if existing:
        NameAlias.objects.bulk_update(list(existing.values()), ["name", "member", "created_by"])


@dataclass
class ImportCheck:
    """Everything the preview states about the clerk's current choices, computed by running
    the choices and the import in a transaction rolled back: the confirmation checks the same.

    ``in_office_before``/``in_office_after``: members in office in the session's body on its
    date before and after the members created (L2121-17: the quorum rests on that number)."""

    problems: list[str]
    in_office_before: int
    in_office_after: int
    not_found: list[Member]
    not_in_roster: list[str]
    resolved: dict[str, str]

    @property
    def in_office_changes(self) -> bool:
        return self.in_office_before != self.in_office_after

    def in_office_wording(self, body_name: str) -> str:
        return (f"Avec les élus créés, l'assemblée « {body_name} » compterait "
                f"{self.in_office_after} membres en exercice à la date de la séance au lieu de "
                f"{self.in_office_before} : le quorum de chacune de ses séances en dépend. "
                f"Si c'est exact, tapez {self.in_office_after} pour le confirmer.")


def import_check(*, session: Session, result: AttendanceResult, matches: list[Match],
                 choices: dict[str, str], mandates: dict[str, NewMandate]) -> ImportCheck:
    """Re-run every check with the clerk's choices (aliases, created members, ambiguities
    settled in ``result``), in a transaction rolled back."""
    before = selectors.in_office_member_ids(session.body_id, session.date)
    not_in_roster = [match.name for match in matches
                     if not match.member or match.member.pk not in before]
    provisional = [copy.copy(match) for match in matches]
    resolved: dict[str, str] = {}
    with transaction.atomic():
        try:
            created = unknown_names_resolve(session=session, matches=provisional,
                                            choices=choices, mandates=mandates, result=result)
        except ValidationError as error:
            problems = error.messages
            created = []
        else:
            problems = []
        after = selectors.in_office_member_ids(session.body_id, session.date)
        created_pks = {member.pk for member in created}
        for match in provisional:
            if match.member and name_key(match.name) in choices:
                resolved[name_key(match.name)] = (
                    "nouvel élu" if match.member.pk in created_pks else str(match.member))
        if not problems and all(match.matched for match in provisional):
            problems = attendance_import_problems(session=session, result=result,
                                                  matches=provisional)
        not_found = members_not_found(session, provisional)
        transaction.set_rollback(True)
    return ImportCheck(problems=problems, in_office_before=len(before),
                       in_office_after=len(after), not_found=not_found,
                       not_in_roster=not_in_roster, resolved=resolved)


def not_in_roster_wording(names: list[str]) -> str:
    """The sentence of the preview on the names read that designate no member in office."""
    if not names:
        return "Chaque nom lu désigne un élu en exercice de cette assemblée."
    listed = ", ".join(f"« {name} »" for name in names)
    if len(names) == 1:
        return f"1 nom lu ne désigne aucun élu en exercice de cette assemblée : {listed}."
    return (f"{len(names)} noms lus ne désignent aucun élu en exercice de cette assemblée : "
            f"{listed}.")


@transaction.atomic
def attendance_import_with_choices(*, session: Session, result: AttendanceResult,
                                   matches: list[Match], choices: dict[str, str],
                                   mandates: dict[str, NewMandate], in_office_confirmed: str,
                                   by=None, source_text: str = ""):
    """The confirmation: the clerk's choices, then the import, in one transaction; refused
    (nothing written) when the number of members in office would change and the clerk did
    not type the new number. Returns (summary, members created)."""
    before = len(selectors.in_office_member_ids(session.body_id, session.date))
    created = unknown_names_resolve(session=session, matches=matches, choices=choices,
                                    mandates=mandates, result=result, by=by)
    after = len(selectors.in_office_member_ids(session.body_id, session.date))
    if after != before and in_office_confirmed.strip() != str(after):
        raise ValidationError(
            f"Le nombre de membres en exercice passerait de {before} à {after} : tapez "
            f"{after} pour le confirmer ; rien n'a été enregistré.")
    summary = attendance_import(session=session, result=result, matches=matches, by=by,
                                source_text=source_text)
    return summary, created


def _free_slug(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:100] or "elu"
    slug, n = base, 1
    while Member.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
