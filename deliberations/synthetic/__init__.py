"""Synthetic records at scale, for benchmarks and load tests (never for production data).

`generate(deliberations=N, seed=S)` builds, with bulk inserts, a realistic set of
organisations (communautés d'agglomération and de communes with a Conseil and a Bureau
deliberating by delegation, syndicats and pôles with a Comité syndical), their communes,
members and mandates (one renewal of the councils in July 2020), held sessions with
attendance per item (late arrivals, early departures, excused and absent members) and
proxies, and N deliberations whose French texts are built from the vocabulary of the real
documents in ../shared/seeds (headings, objects, exposés, articles, voies de recours); one
act in fifty has a long exposé (10 to 20 KB). Most acts are published; those of the last
weeks are adopted or transmitted; each council has an upcoming convened session.

The first organisation's Conseil has 150 members in office, and its latest held session has
40 items, all published: the "150 × 40" session of the benchmarks (`Generated.large_session`).
One act in RARE_EVERY mentions RARE_WORD (a narrow search term); most mention « communauté »
and « rapport » (broad ones).

Deterministic: the same seed and the same `today` give the same rows (only the primary keys
and the created_at/updated_at timestamps depend on the database). The search columns are
filled by the database itself: the trigger of migration 0003_search on PostgreSQL (and any
trigger-fed index on SQLite) sees the bulk inserts as ordinary INSERTs.

On PostgreSQL the rows go in with COPY, the secondary indexes and the published record's
triggers held back until the end, then ANALYZE (_BulkLoad); `copy=False` keeps the INSERT
path, which gives the same rows.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from stdnum import luhn

from deliberations.models import Attendance, Deliberation, Proxy, PublishedRecord, Session
from portal.kernel.names import name_key
from portal.models import Body, Commune, Mandate, Member, Organisation

from .bulk import BATCH, _BulkLoad, _insert
from .vocabulary import (
    APPEAL_CLAUSE,
    ASSOCIATIONS,
    COMMUNES,
    COMPANIES,
    DECISION_ARTICLES,
    EQUIPMENTS,
    FIRST_NAMES,
    LAST_NAMES,
    MAJORITY,
    NOTED_ARTICLE,
    PLACES,
    PLACES_OF_SESSIONS,
    RARE_SUBJECT,
    RARE_WORD,
    REPORT_SENTENCES,
    SUBJECTS,
    THEMES,
    UNANIMOUS,
)

RARE_EVERY = 4000
LARGE_MEMBERS, LARGE_ITEMS = 150, 40
ACTS_PER_ORGANISATION = 6000
MAX_ORGANISATIONS = 40
RENEWAL = datetime.date(2020, 7, 15)
HISTORY_DAYS = 12 * 365  # installation of the councils after the 2020 elections


@dataclass
class Generated:
    """What generate() built: counts, and the objects the benchmarks measure."""

    organisations: list = field(default_factory=list)
    large_session: Session | None = None
    counts: dict = field(default_factory=dict)
    rare_word: str = RARE_WORD


@dataclass
class _BodyPlan:
    body: Body
    acts: int
    kind: str  # "conseil", "bureau" or "comite"
    terms: list  # [(start, end or None, [members in office])]
    roles: dict  # member id -> role shown as capacity (president...)
    communes: list
    org_index: int
    code: str  # act number prefix, unique across the run


def generate(*, deliberations: int, seed: int = 1, today: datetime.date | None = None,
             progress=None, copy: bool | None = None, jobs: int = 1) -> Generated:
    """Build `deliberations` acts and everything around them (see the module docstring).

    `copy` (PostgreSQL only, the default there): bulk load (see _BulkLoad) instead of INSERT
    statements; the rows are the same either way.

    The rows are loaded in one transaction; the published acts' records are frozen after it
    commits, by `jobs` processes on PostgreSQL (freeze_published_records: other connections
    see only committed rows). Called inside a transaction (the tests), everything stays in
    it and one process freezes. Should the freezing stop half-way, the acts are there and
    ``manage.py freeze_published_records`` freezes what is left."""
    if deliberations < LARGE_ITEMS:
        raise ValueError(f"Il faut au moins {LARGE_ITEMS} délibérations (séance de "
                         f"{LARGE_MEMBERS} élus × {LARGE_ITEMS} questions).")
    rng = random.Random(seed)
    today = today or timezone.localdate()
    say = progress or (lambda message: None)
    result = Generated()
    copy = connection.vendor == "postgresql" if copy is None else copy
    if copy and connection.vendor != "postgresql":
        raise ValueError("Le chargement par COPY demande PostgreSQL.")
    with transaction.atomic():
        bulk, counter = _BulkLoad(connection, say, jobs=jobs) if copy else None, {}
        try:
            plans = _load(rng, deliberations, today, counter, result, say, bulk)
        except BaseException as error:
            failure = bulk.stopped() if bulk is not None else None
            if failure is not None and failure is not error:
                raise failure from error  # the first failure: a COPY's
            raise
        # The freezing reads what was just loaded: without statistics of the loaded tables,
        # PostgreSQL planned the quorum inputs of 40 sessions as nested scans of the whole
        # tables (one batch of 1 000 acts took minutes at 250 000 acts).
        _analyze(_LOADED)
        say("statistiques à jour (ANALYZE)")
    # Published acts carry their frozen record, as publication writes it.
    from deliberations.record import freeze_published_records

    told = [0]

    def frozen(count):
        if count - told[0] >= 50_000:
            told[0] = count
            say(f"{count} états publiés figés")
    counter["records"] = freeze_published_records(jobs=jobs, progress=frozen)
    say(f"{counter['records']} états publiés figés")
    # What autovacuum would do after a bulk load. The records' documents are left out: their
    # statistics serve no query, and sampling them decompressed 30 000 documents (10 s).
    _analyze(_LOADED)
    _analyze([PublishedRecord], columns=("deliberation_id", "sha256", "received_on",
                                         "frozen_at"))
    result.counts = {"organisations": len(result.organisations), "bodies": len(plans),
                     "members": counter.pop("members"), **counter}
    return result


# The tables generate() fills.
_LOADED = (Organisation, Commune, Body, Member, Mandate, Session, Attendance, Proxy,
           Deliberation)


def _load(rng, deliberations, today, counter, result, say, bulk) -> list[_BodyPlan]:
    if bulk is not None:
        bulk.prepare()
    plans = _organisations(rng, deliberations, result)
    say(f"{len(result.organisations)} collectivités, {len(plans)} assemblées")
    counter.update(members=_members(rng, plans), acts=0, sessions=0, attendances=0,
                   proxies=0)
    say(f"{counter['members']} élus")
    for index, plan in enumerate(plans):
        _body_records(rng, plan, today, counter, result, large=(index == 0), bulk=bulk)
        if index % 10 == 9 or index == len(plans) - 1:
            say(f"{counter['acts']} délibérations, {counter['sessions']} séances")
    if bulk is not None:
        bulk.finish()
    return plans


def _analyze(models, *, columns=()) -> None:
    """ANALYZE of these tables on PostgreSQL (statistics counting this transaction's own
    rows). Never the whole database: ANALYZE of the shared catalogs inside a transaction
    holds their lock until it ends, and another database's load on the same server waited
    for it (150 s measured)."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    if columns:
        tables += f" ({', '.join(connection.ops.quote_name(c) for c in columns)})"
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def existing() -> Generated:
    """What generate() built earlier in this database (the large session found again), for a
    benchmark run on data already loaded."""
    label = "Communauté d'agglomération " + PLACES[0][0]
    organisation = Organisation.objects.get(name=label)
    large = (Session.objects.filter(body__organisation=organisation, body__kind=Body.Kind.COUNCIL,
                                    status=Session.Status.HELD)
             .select_related("body__organisation", "president").latest("date"))
    counts = {"acts": Deliberation.objects.count(), "sessions": Session.objects.count(),
              "attendances": Attendance.objects.count()}
    return Generated(organisations=[organisation], large_session=large, counts=counts)


def _organisations(rng, total, result) -> list[_BodyPlan]:
    count = max(2, min(MAX_ORGANISATIONS, total // ACTS_PER_ORGANISATION + 2))
    kinds = [Organisation.Kind.AGGLOMERATION, Organisation.Kind.COMMUNITY_OF_COMMUNES,
             Organisation.Kind.COMMUNITY_OF_COMMUNES, Organisation.Kind.SYNDICATE,
             Organisation.Kind.AGGLOMERATION, Organisation.Kind.METROPOLITAN_POLE]
    labels = {
        Organisation.Kind.AGGLOMERATION: ("Communauté d'agglomération", "CA"),
        Organisation.Kind.COMMUNITY_OF_COMMUNES: ("Communauté de communes", "CC"),
        Organisation.Kind.SYNDICATE: ("Syndicat mixte des transports", "SMT"),
        Organisation.Kind.METROPOLITAN_POLE: ("Pôle métropolitain", "PM"),
    }
    organisations, specs = [], []
    for index in range(count):
        kind = kinds[index % len(kinds)] if index else Organisation.Kind.AGGLOMERATION
        place, seat = PLACES[index % len(PLACES)]
        label, short = labels[kind]
        suffix = f" {index // len(PLACES) + 1}" if index >= len(PLACES) else ""
        name = f"{label} {place}{suffix}"
        # Luhn-valid SIREN and SIRET (the model's validators, the SCDL export's COLL_SIRET).
        base = f"2{index + 100:03d}{rng.randrange(10 ** 5) % 10 ** 4:04d}"
        siren = base + luhn.calc_check_digit(base)
        organisations.append(Organisation(
            name=name, short_name=f"{short}{''.join(w[0] for w in place.split() if w[0].isupper())}"
            f"{index + 1}", slug=slugify(name)[:80], kind=kind, siren=siren,
            siret=f"{siren}0001{luhn.calc_check_digit(siren + '0001')}", department="62",
            arrondissement=seat,
            sub_prefecture="Béthune", administrative_court="tribunal administratif de Lille",
            seat_address=f"{rng.randrange(1, 120)} rue de la République, {seat}",
        ))
        specs.append(kind)
    taken = set(Organisation.objects.filter(
        slug__in=[o.slug for o in organisations]).values_list("slug", flat=True))
    if taken:
        raise ValueError("Des collectivités synthétiques existent déjà (" + ", ".join(
            sorted(taken)) + ") : utilisez une base vide.")
    organisations = Organisation.objects.bulk_create(organisations)
    result.organisations = organisations

    communes = []
    for organisation in organisations:
        if organisation.kind in (Organisation.Kind.SYNDICATE,
                                 Organisation.Kind.METROPOLITAN_POLE):
            continue
        size = rng.randint(15, 60) if organisation.kind == Organisation.Kind.COMMUNITY_OF_COMMUNES \
            else rng.randint(40, 100)
        communes += [Commune(organisation=organisation, name=name)
                     for name in rng.sample(COMMUNES, min(size, len(COMMUNES)))]
    communes = Commune.objects.bulk_create(communes)
    by_org = {}
    for commune in communes:
        by_org.setdefault(commune.organisation_id, []).append(commune)

    # Acts shared among organisations (the first one, the large, gets a bigger share).
    weights = [3.0] + [rng.uniform(0.6, 1.6) for _ in organisations[1:]]
    shares = [int(total * w / sum(weights)) for w in weights]
    shares[0] += total - sum(shares)
    councils, bureaus = [], []
    for index, (organisation, share) in enumerate(zip(organisations, shares, strict=True)):
        epci = organisation.kind in (Organisation.Kind.AGGLOMERATION,
                                     Organisation.Kind.COMMUNITY_OF_COMMUNES)
        council = Body(
            organisation=organisation,
            kind=Body.Kind.COUNCIL if epci else Body.Kind.SYNDICATE_COMMITTEE,
            name="Conseil communautaire" if epci else "Comité syndical",
            slug="conseil" if epci else "comite",
        )
        councils.append((index, council, share if not epci else share * 3 // 5, epci))
        if epci:
            bureaus.append((index, Body(organisation=organisation, kind=Body.Kind.BUREAU,
                                        name="Bureau communautaire", slug="bureau"),
                            share - share * 3 // 5))
    Body.objects.bulk_create([council for _, council, _, _ in councils])
    council_of = {index: council for index, council, _, _ in councils}
    for index, bureau, _ in bureaus:
        bureau.delegated_by = council_of[index]
    Body.objects.bulk_create([bureau for _, bureau, _ in bureaus])

    plans = []
    for index, council, acts, epci in councils:
        organisation = organisations[index]
        plans.append(_BodyPlan(
            body=council, acts=acts, kind="conseil" if epci else "comite", terms=[], roles={},
            communes=by_org.get(organisation.pk, []), org_index=index,
            code=f"{organisation.short_name}-{'C' if epci else 'CS'}",
        ))
    for index, bureau, acts in bureaus:
        organisation = organisations[index]
        plans.append(_BodyPlan(
            body=bureau, acts=acts, kind="bureau", terms=[], roles={},
            communes=by_org.get(organisation.pk, []), org_index=index,
            code=f"{organisation.short_name}-B",
        ))
    return plans


def _members(rng, plans) -> int:
    """Members and mandates: two terms per council (renewal in July 2020), a quarter of the
    seats changing hands; the Bureau is the president, the vice-presidents and a few
    councillors of the second term's council."""
    taken = set(Member.objects.values_list("slug", flat=True))
    start = datetime.date(2000, 1, 1)
    members, mandates = [], []
    plan_people = {}

    def person():
        last = rng.choice(LAST_NAMES)
        first, civility = rng.choice(FIRST_NAMES)
        base = slugify(f"{first} {last}")
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        member = Member(last_name=last, first_name=first, civility=civility, slug=slug,
                        match_key=name_key(f"{last} {first}"))
        members.append(member)
        return member

    council_plans = [plan for plan in plans if plan.kind != "bureau"]
    for plan in council_plans:
        if plan.org_index == 0:
            size = LARGE_MEMBERS
        elif plan.kind == "comite":
            size = rng.randint(30, 50)
        else:
            size = rng.randint(40, 90)
        plan_people[plan.body.pk] = (size, [person() for _ in range(size + size // 4)])
    Member.objects.bulk_create(members, batch_size=BATCH)

    bureau_of = {plan.body.delegated_by_id: plan for plan in plans if plan.kind == "bureau"}
    for plan in council_plans:
        size, people = plan_people[plan.body.pk]
        old_only, both, new_only = people[:size // 4], people[size // 4:size], people[size:]
        vice_presidents = min(15, size // 6)
        roles = {both[0].pk: "Président"}
        for rank in range(1, vice_presidents + 1):
            roles[both[rank].pk] = "1er Vice-président" if rank == 1 else f"{rank}e Vice-président"
        plan.roles = roles
        # The president first: roster[0] presides every session.
        plan.terms = [(start, RENEWAL - datetime.timedelta(days=1), both + old_only),
                      (RENEWAL, None, both + new_only)]
        communes = plan.communes
        for k, member in enumerate(people):
            term_start = RENEWAL if member in new_only else start
            term_end = RENEWAL - datetime.timedelta(days=1) if member in old_only else None
            if k == size // 4:
                role, rank = Mandate.Role.PRESIDENT, None
            elif size // 4 < k <= size // 4 + vice_presidents:
                role, rank = Mandate.Role.VICE_PRESIDENT, k - size // 4
            else:
                role, rank = Mandate.Role.COUNCILLOR, None
            mandates.append(Mandate(
                member=member, body=plan.body, role=role, vice_president_rank=rank,
                commune=communes[k % len(communes)] if communes else None,
                start_on=term_start, end_on=term_end,
            ))
        bureau = bureau_of.get(plan.body.pk)
        if bureau is not None:
            extra = rng.randint(3, 8)
            seated = both[:1 + vice_presidents + extra]
            bureau.roles = dict(roles)
            bureau.terms = [(start, None, seated)]
            for k, member in enumerate(seated):
                mandates.append(Mandate(
                    member=member, body=bureau.body,
                    role=(Mandate.Role.PRESIDENT if k == 0 else Mandate.Role.VICE_PRESIDENT
                          if k <= vice_presidents else Mandate.Role.BUREAU_MEMBER),
                    vice_president_rank=k if 0 < k <= vice_presidents else None,
                    start_on=start,
                ))
    Mandate.objects.bulk_create(mandates, batch_size=BATCH)
    return len(members)


def _in_office(plan, date):
    for start, end, people in plan.terms:
        if start <= date and (end is None or date <= end):
            return people
    return plan.terms[-1][2]


def _body_records(rng, plan, today, counter, result, *, large: bool, bulk) -> None:
    """The sessions of one body, newest first, until its share of acts is used, with their
    attendance, proxies and deliberations; one upcoming convened session."""
    kind = plan.kind
    spacing = {"conseil": (28, 49), "bureau": (14, 28), "comite": (42, 70)}[kind]
    per_session = {"conseil": (15, 35), "bureau": (6, 18), "comite": (5, 12)}[kind]
    # Closer sessions for a body with many acts, so that its history stays within about
    # HISTORY_DAYS (never less than a week apart: one session per body, date and hour).
    sessions_needed = plan.acts / (sum(per_session) / 2)
    widest = HISTORY_DAYS / max(sessions_needed, 1)
    spacing = (max(7, min(spacing[0], int(widest * 0.7))),
               max(7, min(spacing[1], int(widest * 1.3))))
    latest = today - datetime.timedelta(days=45 if large else rng.randint(10, 60))
    sessions, items = [], []
    date, remaining = latest, plan.acts
    while remaining > 0:
        count = LARGE_ITEMS if large and not sessions else rng.randint(*per_session)
        count = min(count, remaining)
        roster = _in_office(plan, date)
        president = roster[0]
        sessions.append(Session(
            body=plan.body, date=date,
            starts_at=datetime.time(18, 0) if kind == "conseil" else datetime.time(17, 30),
            place=rng.choice(PLACES_OF_SESSIONS).format(
                commune=plan.communes[0].name if plan.communes else "Béthune"),
            convened_on=date - datetime.timedelta(days=rng.randint(7, 12)),
            convocation_posted_at="au siège de la collectivité",
            president=president, president_capacity="Président",
            secretary=roster[rng.randint(1, len(roster) - 1)],
            agenda_item_count=count, status=Session.Status.HELD,
        ))
        items.append(count)
        remaining -= count
        date -= datetime.timedelta(days=rng.randint(*spacing))
    if kind != "bureau":
        sessions.append(Session(
            body=plan.body, date=today + datetime.timedelta(days=rng.randint(7, 30)),
            starts_at=datetime.time(18, 0), place="Hôtel communautaire",
            convened_on=today, status=Session.Status.CONVENED,
        ))
    if bulk is not None:
        bulk.written()  # the connection is used by one thread at a time
    sessions = Session.objects.bulk_create(sessions, batch_size=BATCH)
    counter["sessions"] += len(sessions)
    if large:
        result.large_session = sessions[0]

    attendances, proxies, acts = [], [], []
    act_numbers = {}
    for session, count in zip(sessions, items, strict=False):  # held sessions only
        roster = _in_office(plan, session.date)
        present, represented = _attendance(rng, session, roster, count, attendances, proxies,
                                           large=large and session is sessions[0])
        for item in range(1, count + 1):
            year = session.date.year
            act_numbers[year] = act_numbers.get(year, 0) + 1
            acts.append(_deliberation(rng, plan, session, item, act_numbers[year], present,
                                      represented, today, counter,
                                      large=large and session is sessions[0]))
        if len(attendances) >= BATCH * 5 or len(acts) >= BATCH:
            _flush(attendances, proxies, acts, counter, bulk=bulk)
    _flush(attendances, proxies, acts, counter, bulk=bulk)


def _attendance(rng, session, roster, items, attendances, proxies, *, large):
    """Per-item attendance of one session: who is present (some arriving late or leaving
    early), excused (about half of them giving a proxy to a member present throughout, one
    proxy per holder) or absent. Returns (present, represented) head counts."""
    keep = {session.president_id, session.secretary_id}
    present_all, present_count, givers = [], 0, []
    for member in roster:
        draw = rng.random()
        if member.pk in keep or draw < 0.80:
            present_count += 1
            late = early = None
            if member.pk not in keep and items > 3:
                if draw < 0.04:
                    late = rng.randint(2, items)
                elif draw < 0.08:
                    early = rng.randint(1, items - 1)
            attendances.append(dict(
                session_id=session.pk, member_id=member.pk, status=Attendance.Status.PRESENT,
                from_item=late, until_item=early,
                note=f"arrivé(e) à la question {late}" if late else
                (f"parti(e) après la question {early}" if early else ""),
            ))
            if late is None and early is None:
                present_all.append(member)
        elif draw < 0.93:
            attendances.append(dict(session_id=session.pk, member_id=member.pk,
                                    status=Attendance.Status.EXCUSED))
            if rng.random() < 0.55 or large:
                givers.append(member)
        else:
            attendances.append(dict(session_id=session.pk, member_id=member.pk,
                                    status=Attendance.Status.ABSENT))
    holders = [m for m in present_all if m.pk not in keep]
    rng.shuffle(holders)
    for giver, holder in zip(givers, holders, strict=False):
        proxies.append(dict(session_id=session.pk, giver_id=giver.pk, holder_id=holder.pk))
    return present_count, min(len(givers), len(holders))


def _deliberation(rng, plan, session, item, number, present, represented, today, counter, *,
                  large) -> dict:
    index = counter["acts"]
    counter["acts"] += 1
    rare = index % RARE_EVERY == 17
    theme, matter, nature, outcome, template = RARE_SUBJECT if rare else rng.choice(SUBJECTS)
    year = session.date.year
    communes = plan.communes or [None]
    commune = rng.choice(communes)
    title = template.format(
        year=year, prev=year - 1, n=rng.randint(1, 9),
        commune=commune.name if commune else "Béthune", assoc=rng.choice(ASSOCIATIONS),
        company=rng.choice(COMPANIES), equipment=rng.choice(EQUIPMENTS),
        amount=f"{rng.randint(2, 90) * 50_000:,}".replace(",", " "),
        section=rng.choice("ABCDEHKZ"), parcel=rng.randint(10, 999),
    )
    long = rng.random() < 0.02
    sentences = rng.choices(REPORT_SENTENCES, k=rng.randint(60, 120) if long
                            else rng.randint(3, 8))
    report = " ".join(sentences)
    if rare:
        report += (f" La {RARE_WORD} de minime importance permettrait d'alimenter le réseau de "
                   "chaleur des équipements communautaires.")
    noted = outcome == "noted"
    articles = [NOTED_ARTICLE] if noted else rng.sample(DECISION_ARTICLES, rng.randint(1, 3))
    decision = "\n".join(
        f"Article {'1er' if k == 0 else k + 1} : {text}" for k, text in enumerate(articles)
    )
    cast = present + represented
    against = 0 if rng.random() < 0.8 else rng.randint(1, max(1, cast // 8))
    abstentions = 0 if rng.random() < 0.85 else rng.randint(1, max(1, cast // 10))
    for_votes = max(cast - against - abstentions, against + 1)

    age = (today - session.date).days
    act_number = f"{plan.code}-{year}-{number:03d}"
    if age > 30 or large:  # the 150 × 40 session (45 days old) is published
        status = Deliberation.Status.PUBLISHED
        transmitted = session.date + datetime.timedelta(days=rng.randint(1, 6))
        received = transmitted + datetime.timedelta(days=rng.randint(0, 2))
        published = max(received, min(today, received + datetime.timedelta(
            days=rng.randint(0, 7))))
    elif age > 10:
        status = Deliberation.Status.TRANSMITTED
        transmitted = session.date + datetime.timedelta(days=rng.randint(1, 6))
        received = published = None
    else:
        status, transmitted, received, published = Deliberation.Status.ADOPTED, None, None, None
    vice_presidents = [pk for pk, role in plan.roles.items() if "Vice" in role]
    return dict(
        session_id=session.pk, body_id=session.body_id, year=year, session_date=session.date,
        item_number=item, act_number=act_number,
        slug=f"{slugify(title)[:80]}-{slugify(act_number)}",
        theme=THEMES[theme], title=title, report=report, decision=decision,
        appeal_clause=APPEAL_CLAUSE,
        vote_wording="" if noted else (UNANIMOUS if not against else MAJORITY),
        nature=nature, matter_code=matter, ballot=Deliberation.Ballot.SHOW_OF_HANDS,
        votes_for=None if noted else for_votes, votes_against=None if noted else against,
        abstentions=None if noted else abstentions,
        result=Deliberation.Result.NOTED if noted else Deliberation.Result.ADOPTED,
        rapporteur_id=rng.choice(vice_presidents) if vice_presidents else session.president_id,
        signatory_id=session.president_id, signatory_capacity="Le Président",
        prefecture_act_id=f"062-{plan.body.organisation.siren}-{session.date:%Y%m%d}-"
                          f"{slugify(act_number).upper()}-DE",
        transmitted_on=transmitted, received_on=received, published_on=published,
        status=status,
    )


def _flush(attendances, proxies, acts, counter, *, bulk) -> None:
    for model, objects in ((Attendance, attendances), (Proxy, proxies), (Deliberation, acts)):
        if bulk is not None:
            bulk.copy(model, objects)
        else:
            _insert(model, objects)
    if acts and bulk is None and connection.vendor == "postgresql":
        # The published record's triggers (immutability.py) look up the session's published
        # acts for every attendance and proxy row inserted. On a table that grows from empty
        # without statistics, PostgreSQL keeps the plan it made when the table was empty (a
        # sequential scan): each insert then reads every act, and 20 000 acts took eight
        # minutes instead of seconds. ANALYZE refreshes the statistics and the cached plan.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE deliberations_deliberation")
    counter["attendances"] += len(attendances)
    counter["proxies"] += len(proxies)
    attendances.clear()
    proxies.clear()
    acts.clear()
