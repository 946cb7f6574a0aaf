"""Benchmark of the public pages, feeds and API lists (not part of the test suite).

    .venv/bin/python benchmarks/pages.py [--sizes 10,100,1000] [--samples 7]
    DATABASE_URL=postgres://postgres@127.0.0.1/portal_bench .venv/bin/python benchmarks/pages.py

Sets Django up (portal.settings_test) on a temporary SQLite file, or on the database named by
DATABASE_URL, which the script creates and drops itself: it refuses a database or a SQLite
file that already exists (except a PostgreSQL database left over by an interrupted run of this
script, recognised by its comment). For each size N it builds N published deliberations with
the real models (bulk_create): two organisations with one body each, 40 members per body,
sessions of 10 deliberations with their attendance per item (late arrival, early departure),
excused and absent members and proxies, plus two upcoming sessions. It then requests every
URL with django.test.Client: one warm-up request, one request under CaptureQueriesContext
(number of SQL queries), then the median time of --samples requests.

The table has one row per URL and one column per size: "queries / median ms". A query count
that changes with N is a per-row query (N+1): the row is flagged and listed under the table.
DEBUG is switched off after setup, as Django's test runner does, so that the timings do not
include the query log.
"""

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BenchmarkDatabase, setup_django  # noqa: E402

MEMBERS_PER_BODY = 40
PER_SESSION = 10
SEARCH = "rapport"

# Realistic objects; two in ten contain the searched word, and so does one report in four.
# Every decision ends with « s'y rapportant », which PostgreSQL's French stemmer reduces to
# « rapport » (every deliberation matches) and the SQLite fallback does not.
TITLES = [
    "Rapport d'activités {year} du service public d'assainissement collectif",
    "Budget principal : décision modificative n° {n}",
    "Attribution d'une subvention de fonctionnement à l'association {commune} Solidarités",
    "Convention de partenariat avec la commune de {commune} pour l'entretien des voiries",
    "Rapport sur le prix et la qualité du service public de l'eau potable {year}",
    "Marché de travaux de voirie communautaire : avenant n° {n} au lot 2",
    "Désignation des représentants au comité syndical du syndicat mixte des transports",
    "Tableau des effectifs : création de deux postes d'adjoint technique territorial",
    "Acquisition d'une parcelle bâtie rue de la République à {commune}",
    "Programme local de l'habitat : bilan à mi-parcours et logements sociaux",
]
THEMES = [
    "ADMINISTRATION GENERALE ET MOYENS GENERAUX",
    "FINANCES",
    "AMENAGEMENT DU TERRITOIRE",
    "ENVIRONNEMENT ET CYCLE DE L'EAU",
    "HABITAT ET COHESION SOCIALE",
]
MATTERS = ["7.1", "7.5", "1.1", "5.3", "3.1", "8.5", "4.1", "8.8", "1.4", "5.7"]
COMMUNES = ["Béthune", "Bruay-la-Buissière", "Lillers", "Auchel", "Nœux-les-Mines",
            "Beuvry", "Houdain", "Isbergues", "Calonne-Ricouart", "Annezin"]
LAST_NAMES = ["DUPONT", "LEFEBVRE", "MARTIN", "DUBOIS", "LECLERCQ", "DELATTRE", "VASSEUR",
              "CARON", "LEROY", "FOURNIER", "MOREL", "DESCAMPS", "LEMAIRE", "PRUVOST",
              "DELEPINE", "WAGON", "HANNEBIQUE", "COQUELLE", "DUHAMEL", "FROIDURE"]
FIRST_NAMES = ["Jean", "Sylvie", "Bernard", "Nathalie", "Olivier", "Isabelle", "Philippe",
               "Corinne", "Alain", "Maryse"]
REPORT = (
    "Monsieur le Président expose à l'Assemblée que la communauté d'agglomération exerce "
    "cette compétence depuis le 1er janvier 2017 et qu'il convient d'en préciser les "
    "modalités pour l'exercice en cours. Les crédits nécessaires sont inscrits au budget "
    "principal, chapitre 65, et la commission thématique a émis un avis favorable lors de "
    "sa réunion préparatoire. Les communes membres ont été associées à la démarche et leurs "
    "observations ont été intégrées au projet soumis à l'Assemblée. "
)
REPORT_SEARCHED = (
    "Le rapport présenté en commission détaille les indicateurs techniques et financiers "
    "de l'année écoulée ; il est tenu à la disposition du public au siège. "
)
DECISION = (
    "Article 1er : APPROUVE les dispositions exposées ci-dessus.\n"
    "Article 2 : AUTORISE le Président ou son représentant à signer tout document s'y "
    "rapportant.\n"
    "Article 3 : DIT que les crédits sont inscrits au budget de l'exercice."
)


# --- Data ----------------------------------------------------------------------------------------


def clear() -> None:
    """Remove what a previous size created (children first: the foreign keys PROTECT)."""
    from deliberations.models import Attendance, Deliberation, Proxy, Session
    from portal.models import Body, Mandate, Member, Organisation

    Deliberation.non_voting_members.through.objects.all().delete()
    for model in (Deliberation, Proxy, Attendance, Session, Mandate, Member, Body,
                  Organisation):
        model.objects.all().delete()


def populate(count: int) -> dict:
    """`count` published deliberations, PER_SESSION per session, with attendance and proxies.

    Returns the objects whose pages are measured (those of the latest held session, the same
    shape at every size).
    """
    from django.db import connection
    from django.utils import timezone
    from django.utils.text import slugify

    from deliberations.models import Attendance, Deliberation, Proxy, Session
    from portal.kernel.names import name_key
    from portal.models import Body, Mandate, Member, Organisation

    clear()
    today = timezone.localdate()
    organisations = Organisation.objects.bulk_create([
        Organisation(name="Communauté d'agglomération de démonstration", short_name="CAD",
                     slug="ca-demonstration", kind=Organisation.Kind.AGGLOMERATION,
                     siret="20004165500015",
                     administrative_court="tribunal administratif de Lille"),
        Organisation(name="Pôle métropolitain de démonstration", short_name="PMD",
                     slug="pm-demonstration", kind=Organisation.Kind.METROPOLITAN_POLE,
                     siret="20005079900012",
                     administrative_court="tribunal administratif de Lille"),
    ])
    bodies = Body.objects.bulk_create([
        Body(organisation=organisations[0], kind=Body.Kind.COUNCIL,
             name="Conseil communautaire", slug="conseil"),
        Body(organisation=organisations[1], kind=Body.Kind.SYNDICATE_COMMITTEE,
             name="Comité syndical", slug="comite"),
    ])

    members = []
    for index in range(MEMBERS_PER_BODY * len(bodies)):
        last = f"{LAST_NAMES[index % len(LAST_NAMES)]}-{index // len(LAST_NAMES) + 1}"
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        members.append(Member(
            last_name=last, first_name=first, civility="Mme" if index % 2 else "M.",
            slug=slugify(f"{last} {first}"), match_key=name_key(f"{last} {first}"),
        ))
    members = Member.objects.bulk_create(members)
    seats = {
        body.pk: members[i * MEMBERS_PER_BODY:(i + 1) * MEMBERS_PER_BODY]
        for i, body in enumerate(bodies)
    }

    session_count = max(1, -(-count // PER_SESSION))
    # Newest held session two months ago, one session a fortnight per body before it.
    latest = today - datetime.timedelta(days=60)
    dates = [latest - datetime.timedelta(days=14 * (i // len(bodies)))
             for i in range(session_count)]
    mandates_from = min(dates) - datetime.timedelta(days=365)
    Mandate.objects.bulk_create([
        Mandate(member=member, body_id=body_pk,
                role=Mandate.Role.PRESIDENT if rank == 0 else Mandate.Role.COUNCILLOR,
                start_on=mandates_from)
        for body_pk, body_members in seats.items()
        for rank, member in enumerate(body_members)
    ])

    held = []
    for i, date in enumerate(dates):
        body = bodies[i % len(bodies)]
        president = seats[body.pk][0]
        held.append(Session(
            body=body, date=date, starts_at=datetime.time(18, 0), place="Hôtel communautaire",
            convened_on=date - datetime.timedelta(days=7), convocation_posted_at="au siège",
            president=president, president_capacity="Président",
            secretary=seats[body.pk][(i % (MEMBERS_PER_BODY - 1)) + 1],
            agenda_item_count=PER_SESSION, status=Session.Status.HELD,
        ))
    upcoming = [
        Session(body=body, date=today + datetime.timedelta(days=10 + 7 * k),
                starts_at=datetime.time(18, 0), place="Hôtel communautaire",
                convened_on=today, status=Session.Status.CONVENED)
        for k, body in enumerate(bodies)
    ]
    sessions = Session.objects.bulk_create(held + upcoming)[:len(held)]

    attendances, proxies = [], []
    for i, session in enumerate(sessions):
        body_members = seats[session.body_id]
        # Rotate who is present, excused and absent from one session to the next; the
        # president and the secretary are always present.
        order = [session.president, session.secretary] + [
            m for m in body_members[i % MEMBERS_PER_BODY:] + body_members[:i % MEMBERS_PER_BODY]
            if m.pk not in (session.president_id, session.secretary_id)
        ]
        present, excused, absent = order[:30], order[30:36], order[36:]
        for k, member in enumerate(present):
            attendances.append(Attendance(
                session=session, member=member, status=Attendance.Status.PRESENT,
                from_item=3 if k == 28 else None, until_item=8 if k == 29 else None,
                note="arrivé à la question 3" if k == 28 else "",
            ))
        for k, member in enumerate(excused):
            attendances.append(Attendance(session=session, member=member,
                                          status=Attendance.Status.EXCUSED))
            if k < 4:  # four proxies, one per holder, the last one for items 1 to 6 only
                proxies.append(Proxy(session=session, giver=member, holder=present[2 + k],
                                     until_item=6 if k == 3 else None))
        attendances += [Attendance(session=session, member=member,
                                   status=Attendance.Status.ABSENT) for member in absent]
    Attendance.objects.bulk_create(attendances)
    Proxy.objects.bulk_create(proxies)

    deliberations, act_numbers = [], {}
    for i in range(count):
        session = sessions[i // PER_SESSION]
        item = i % PER_SESSION + 1
        year = session.date.year
        act_numbers[session.body_id, year] = act_numbers.get((session.body_id, year), 0) + 1
        act = f"{year}/{act_numbers[session.body_id, year]:03d}"
        title = TITLES[i % len(TITLES)].format(
            year=year - 1, n=i % 7 + 1, commune=COMMUNES[i % len(COMMUNES)]
        )
        report = REPORT * 2 + (REPORT_SEARCHED if i % 4 == 0 else "") + REPORT
        deliberations.append(Deliberation(
            session=session, body_id=session.body_id, year=year,  # what save() derives
            session_date=session.date,
            item_number=item, act_number=act, slug=f"{slugify(title)[:90]}-{i + 1}",
            theme=THEMES[i % len(THEMES)], title=title, report=report,
            vote_wording="A l'unanimité" if i % 3 else "A la majorité absolue",
            decision=DECISION, matter_code=MATTERS[i % len(MATTERS)],
            votes_for=33 if i % 3 else 30, votes_against=0 if i % 3 else 2,
            abstentions=0 if i % 3 else 1, result=Deliberation.Result.ADOPTED,
            rapporteur=seats[session.body_id][2 + item], signatory_id=session.president_id,
            signatory_capacity="Le Président",
            prefecture_act_id=f"062-200041655-{session.date:%Y%m%d}-{act.replace('/', '_')}-DE",
            transmitted_on=session.date + datetime.timedelta(days=1),
            received_on=session.date + datetime.timedelta(days=2),
            published_on=session.date + datetime.timedelta(days=7),
            status=Deliberation.Status.PUBLISHED,
        ))
    deliberations = Deliberation.objects.bulk_create(deliberations)
    through = Deliberation.non_voting_members.through
    through.objects.bulk_create([
        through(deliberation_id=d.pk, member_id=seats[d.body_id][10 + k].pk)
        for d in deliberations if d.item_number == 5 for k in range(2)
    ])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load

    newest = sessions[0]
    return {
        "session": newest,
        "deliberation": Deliberation.objects.filter(session=newest).order_by("item_number")[
            (min(count, PER_SESSION) - 1) // 2
        ],
    }


# --- Measures ------------------------------------------------------------------------------------


def pages(objects) -> list[tuple[str, str]]:
    """(label, url) of every measured page; detail pages get a label that does not vary."""
    from django.urls import reverse

    return [
        ("`/`", reverse("portal:home")),
        ("`/deliberations/`", reverse("deliberations:deliberation_list")),
        (f"`/deliberations/?q={SEARCH}`",
         f"{reverse('deliberations:deliberation_list')}?q={SEARCH}"),
        ("`/deliberations/export.csv`", reverse("deliberations:deliberation_csv")),
        ("`/deliberations/flux.atom`", reverse("deliberations:deliberation_feed")),
        ("`/seances/`", reverse("deliberations:session_list")),
        ("`/seances/calendrier.ics`", reverse("deliberations:session_calendar")),
        ("`/api/v1/deliberations/`", reverse("api:deliberation-list")),
        ("`/api/v1/sessions/`", reverse("api:session-list")),
        ("une délibération `/deliberations/<org>/<année>/<slug>/`",
         objects["deliberation"].get_absolute_url()),
        ("une séance `/seances/<pk>/`", objects["session"].get_absolute_url()),
    ]


def fetch(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} : HTTP {response.status_code}")
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def measure(client, url: str, samples: int) -> tuple[int, float]:
    """(SQL queries of one request, median seconds over `samples` requests)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch(client, url)  # warm-up: templates compiled, connection open
    # A full log (a bounded deque) would not grow inside the context.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as context:
        fetch(client, url)
    # Read now: captured_queries slices the log, which the next request empties.
    queries = len(context.captured_queries)
    durations = []
    for _ in range(samples):
        start = time.perf_counter()
        fetch(client, url)
        durations.append(time.perf_counter() - start)
    return queries, statistics.median(durations)


def check_fixture(client, count: int) -> int:
    """The N deliberations are public (API count and CSV rows); returns the search hits."""
    import json

    from django.urls import reverse

    from portal.kernel.pagination import COUNT_CAP

    api = json.loads(fetch(client, reverse("api:deliberation-list")))
    csv_lines = fetch(client, reverse("deliberations:deliberation_csv")).count(b"\r\n")
    # The API counts up to COUNT_CAP (portal.kernel.pagination), and says when there are more.
    if api["count"] != min(count, COUNT_CAP) or csv_lines != count + 1:
        raise SystemExit(f"N = {count} : l'API en compte {api['count']}, "
                         f"le CSV {csv_lines - 1}")
    search = json.loads(fetch(client, f"{reverse('api:deliberation-list')}?q={SEARCH}"))
    return search["count"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000",
                        help="nombres de délibérations publiées, séparés par des virgules")
    parser.add_argument("--samples", type=int, default=7,
                        help="appels chronométrés par page (médiane)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    if not sizes or min(sizes) < 1 or args.samples < 1:
        parser.error("tailles et échantillons doivent être au moins 1")

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        database = BenchmarkDatabase(Path(tmp))
        database.create()
        try:
            setup_django(Path(tmp), database)
            from django.db import connection
            from django.test import Client

            engine = database.describe(connection)
            client = Client()
            results, labels, hits = {}, [], {}
            for size in sizes:
                step = time.perf_counter()
                objects = populate(size)
                built = time.perf_counter() - step
                hits[size] = check_fixture(client, size)
                urls = pages(objects)
                labels = [label for label, _ in urls]
                for label, url in urls:
                    results[label, size] = measure(client, url, args.samples)
                print(f"N = {size} : données en {built:.1f} s, mesures en "
                      f"{time.perf_counter() - step - built:.1f} s", file=sys.stderr)
        finally:
            database.drop()

    print(f"Pages publiques — {engine} — requêtes SQL / médiane de {args.samples} "
          f"appels (ms)\n")
    print("| Page | " + " | ".join(f"N = {size}" for size in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    growing = []
    for label in labels:
        counts = {results[label, size][0] for size in sizes}
        flag = " ⚠" if len(counts) > 1 else ""
        if flag:
            growing.append(label)
        cells = [f"{queries} / {seconds * 1000:.1f}"
                 for queries, seconds in (results[label, size] for size in sizes)]
        print(f"| {label}{flag} | " + " | ".join(cells) + " |")
    print()
    matches = ", ".join(f"{hits[size]} sur {size}" for size in sizes)
    if database.vendor == "sqlite":
        print(f"Recherche `q={SEARCH}` ({matches}, comptés jusqu'à 1 000) : SQLite, table "
              "FTS5 des racines françaises (migration 0040), classement sur les 1 000 "
              "résultats les plus récents au plus (best_first).")
    else:
        print(f"Recherche `q={SEARCH}` ({matches}, comptés jusqu'à 1 000) : PostgreSQL, "
              "search_vector (index GIN), ts_rank sur les 1 000 résultats les plus récents "
              "au plus (best_first).")
    if growing:
        print("⚠ Nombre de requêtes variable avec N (requête par ligne ?) : "
              + ", ".join(growing))
    else:
        print("Nombre de requêtes constant pour chaque page quel que soit N.")
    print(f"Durée totale : {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
