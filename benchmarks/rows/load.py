"""Load and fault run of the production server: gunicorn on the loopback, its own
PostgreSQL, synthetic data, a mixed public workload.

    .venv/bin/python benchmarks/run.py load [--seconds 60] [--clients 8] [--workers 4]
                                        [--deliberations 20000] [--fault]
                                        [--page-cache on|off|off-on] [--from-database URL]

Starts a private PostgreSQL server (initdb into a temporary directory, port --pg-port, run as
the `postgres` system user when this script runs as root), never the machine's shared one;
migrates it, fills it with deliberations/synthetic/, issues a few certified extracts,
collects the static files, then starts gunicorn (portal.wsgi, production settings: DEBUG off,
behind a simulated TLS proxy — TRUSTED_PROXY=1 and X-Forwarded-Proto: https —, rate
limiting off). --clients threads send, for --seconds, a weighted mix of public requests
(lists and filters, searches, deliberation, session and member pages, CSV/Atom/iCalendar
exports, API, extract downloads, verification), one new connection per request, each with a
--timeout. The table gives requests/s, p50/p95/p99 and errors (anything but the expected
status, a timeout or a refused connection) per kind and in all.

--page-cache off-on makes two passes, the public page cache off then on (gunicorn started
again in between). --from-database copies a database already filled by generate_synthetic
(pg_dump, read only) into the private server instead of generating --deliberations acts.
--database uses such a database where it is, on whatever server holds it, without a copy
(at 1 000 000 acts the copy is 9 GB and longer than the run); it migrates it, issues the
extracts and adds nothing else, and refuses --fault: the harness never stops a server it did
not start.

--fault then runs the same workload again and, a third of the way in, stops PostgreSQL
(pg_ctl stop -m fast), starting it again at two thirds: while it is down every answer should
be the French 503 page (not a 500, no hang), and the portal should recover by itself. It
prints what was answered while the database was down and after it came back, the time to
the first success after the restart, and the count and SHA-256 of every deliberation (all
columns, in id order) before and after. Everything is removed at the end.
"""

import argparse
import collections
import contextlib
import hashlib
import http.client
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from harness.database import ROOT
from harness.timing import percentile

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DATABASE = "portal_load"
EXTRACTS = 12
# (kind, weight): a public portal is mostly read pages and searches, a few exports.
MIX = [
    ("accueil", 8), ("liste", 14), ("liste filtrée", 10), ("recherche", 14),
    ("délibération", 18), ("séance", 8), ("élu", 5), ("API", 6), ("Atom", 3),
    ("iCalendar", 2), ("CSV filtré", 3), ("extrait PDF", 5), ("vérification", 4),
]
SEARCHES = ["rapport", "communauté", "géothermie", "subvention", "voirie", "budget primitif",
            "assainissement", "convention de partenariat", "piscine", "logements sociaux"]


def say(message):
    print(message, file=sys.stderr, flush=True)


# --- Private PostgreSQL -------------------------------------------------------------------------


class PrivatePostgres:
    """A PostgreSQL cluster of its own in `directory`, on 127.0.0.1:`port`, trust auth."""

    def __init__(self, directory: Path, port: int):
        self.data, self.port = directory / "pgdata", port
        self.log = directory / "postgres.log"
        self.as_postgres = os.geteuid() == 0  # PostgreSQL refuses to run as root

    def _run(self, *command, check=True):
        command = [str(part) for part in command]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def init(self) -> None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                sys.exit(f"Le port {self.port} est déjà pris : choisissez-en un autre "
                         "(--pg-port).")
        self.data.mkdir()
        self.log.touch()
        if self.as_postgres:
            shutil.chown(self.data, "postgres", "postgres")
            shutil.chown(self.log, "postgres", "postgres")
            os.chmod(self.data.parent, 0o755)
        self._run(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self.start()

    def start(self) -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 "
                  "-c max_connections=100 -c fsync=off", "start")

    def stop(self) -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-w", "-t", "60", "-m", "fast", "stop",
                  check=False)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def create_database(self) -> None:
        self._run(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres",
                  DATABASE)

    def load_from(self, source_url: str) -> None:
        """Copy a database already filled by generate_synthetic (on any server, read only:
        pg_dump takes a snapshot) into this cluster's: pg_dump piped into psql, the data
        loaded before the indexes and triggers, as pg_dump orders it, then ANALYZE."""
        dump = subprocess.Popen([str(PG_BIN / "pg_dump"), "--no-owner", "--no-privileges",
                                 "-d", source_url], stdout=subprocess.PIPE)
        try:
            subprocess.run([str(PG_BIN / "psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h",
                            "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d",
                            DATABASE, "-o", os.devnull], stdin=dump.stdout, check=True)
        finally:
            dump.stdout.close()
            if dump.wait() != 0:
                sys.exit(f"pg_dump de {source_url} a échoué ({dump.returncode}).")
        self._run(PG_BIN / "psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "-d",
                  DATABASE, "-c", "ANALYZE")

    def fingerprint(self) -> tuple[int, str]:
        return fingerprint(self.url)


def count_acts(url: str) -> int:
    import psycopg2

    with contextlib.closing(psycopg2.connect(url)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM deliberations_deliberation")
        return cursor.fetchone()[0]


def fingerprint(url: str) -> tuple[int, str]:
    """(count, SHA-256) of every deliberation, all columns, in id order, followed by
    every frozen record's act id and SHA-256 (what was published, act by act)."""
    import psycopg2

    connection = psycopg2.connect(url)
    try:
        digest = hashlib.sha256()

        class Sink:
            def write(self, data):
                digest.update(data.encode() if isinstance(data, str) else data)

        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM deliberations_deliberation")
            count = cursor.fetchone()[0]
            cursor.copy_expert("COPY (SELECT * FROM deliberations_deliberation ORDER BY id) "
                               "TO STDOUT", Sink())
            cursor.copy_expert("COPY (SELECT deliberation_id, sha256 FROM "
                               "deliberations_publishedrecord ORDER BY deliberation_id) "
                               "TO STDOUT", Sink())
        return count, digest.hexdigest()
    finally:
        connection.close()


# --- Data and server ------------------------------------------------------------------------------


def environment(workdir: Path, database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_BASE_URL": "https://127.0.0.1",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        # Behind a TLS-terminating proxy, which this script plays (X-Forwarded-Proto).
        "TRUSTED_PROXY": "1",
        "RATELIMIT_ENABLED": "0",
        "EXTRACT_SIGNING_P12": "",
        "LOG_LEVEL": "WARNING",
    }


def prepare(env: dict, deliberations: int, seed: int, *, loaded: bool = False) -> dict:
    """Migrate, generate (unless ``loaded``: the data was copied from a generated database),
    collect static files and issue a few extracts (in this process); returns the URLs of the
    workload by kind."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.urls import reverse

    from deliberations import synthetic
    from deliberations.extracts import issuing
    from deliberations.models import Deliberation, Session
    from portal.models import Member

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    data = (synthetic.existing() if loaded
            else synthetic.generate(deliberations=deliberations, seed=seed))
    say(f"Données : {data.counts['acts']} délibérations, {data.counts['sessions']} séances en "
        f"{time.perf_counter() - started:.0f} s")
    call_command("collectstatic", interactive=False, verbosity=0)

    rng = random.Random(seed)
    published = Deliberation.objects.published()
    slugs = list(published.values_list("slug", flat=True))
    sample = [Deliberation.objects.select_related("session__body__organisation").get(slug=slug)
              for slug in rng.sample(slugs, min(300, len(slugs)))]
    extracts = [issuing.extract_get_or_issue(deliberation=act)[0] for act in sample[:EXTRACTS]]
    lists = reverse("deliberations:deliberation_list")
    csv = reverse("deliberations:deliberation_csv")
    bodies = list(published.values_list("body_id", "year").distinct())
    sessions = list(Session.objects.public().values_list("pk", flat=True))
    members = list(Member.objects.values_list("slug", flat=True))
    urls = {
        "accueil": [reverse("portal:home")],
        "liste": [lists] + [f"{lists}?page={n}" for n in range(2, 6)],
        "liste filtrée": [f"{lists}?body={b}&year={y}" for b, y in bodies]
        + [f"{lists}?matter={m}" for m in ("7.5", "8.3", "1.1", "3.1")],
        "recherche": [f"{lists}?{urlencode({'q': q})}" for q in SEARCHES],
        "délibération": [act.get_absolute_url() for act in sample],
        "séance": [reverse("deliberations:session_detail", args=[pk])
                   for pk in rng.sample(sessions, min(100, len(sessions)))],
        "élu": [reverse("portal:member_detail", args=[slug])
                for slug in rng.sample(members, min(100, len(members)))],
        "API": [reverse("api:deliberation-list"), f"{reverse('api:deliberation-list')}?page=2"],
        "Atom": [reverse("deliberations:deliberation_feed")],
        "iCalendar": [reverse("deliberations:session_calendar")],
        "CSV filtré": [f"{csv}?body={b}&year={y}" for b, y in bodies],
        "extrait PDF": [reverse("extracts:download", args=[e.deliberation.slug])
                        for e in extracts],
        "vérification": [reverse("extracts:verify", args=[e.code]) for e in extracts],
    }
    connections.close_all()
    return urls


@contextlib.contextmanager
def gunicorn(env: dict, port: int, workers: int, log: Path):
    command = [str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "30",
               "--graceful-timeout", "5", "--error-logfile", str(log)]
    # Django's own log (errors, tracebacks) goes to the same file as gunicorn's.
    errors = open(log, "ab")  # noqa: SIM115 (closed below, after the process)
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=errors)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = request(port, "/", timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn n'a pas démarré (voir {log}) :\n{log.read_text()[-2000:]}")
            time.sleep(0.5)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        errors.close()


# --- Workload -------------------------------------------------------------------------------------


def request(port: int, path: str, timeout: float) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https",
                                                 "Host": "127.0.0.1",
                                                 "User-Agent": "benchmarks/load.py"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


TRUNCATED = "corps tronqué"
# What a complete body of a streamed export ends with (the format's own closing element).
# The CSV has no such element the SCDL schema allows (no trailer row, no extra column), and a
# size cannot be announced before the rows are read: a reader relies on HTTP/1.1 chunked
# transfer coding, whose final zero-length chunk only a complete response carries. A stream
# cut after its headers ends without it, which http.client reports as IncompleteRead.
ENDINGS = {"iCalendar": b"END:VCALENDAR", "Atom": b"</feed>"}


def outcome_of(port: int, path: str, timeout: float, kind: str = "") -> int | str:
    """The HTTP status of one request, or why there is none: "timeout", "connexion" (refused,
    reset before the status line), TRUNCATED (headers received, body cut: IncompleteRead, or
    a streamed export missing its closing element), or "503 sans la page française"."""
    try:
        status, body = request(port, path, timeout)
    except TimeoutError:
        return "timeout"
    except http.client.IncompleteRead:
        return TRUNCATED
    except (OSError, http.client.HTTPException):
        return "connexion"
    if status == 503 and "Service momentanément indisponible" not in body.decode(
            errors="replace"):
        return "503 sans la page française"
    ending = ENDINGS.get(kind)
    if status == 200 and ending is not None and not body.rstrip().endswith(ending):
        return TRUNCATED
    return status


def workload(port, urls, seconds, clients, timeout, seed, events=None):
    """Returns [(start offset s, kind, duration s, outcome)] where outcome is what
    outcome_of() says (an HTTP status, "timeout", "connexion", TRUNCATED...); one failed
    request never stops a client, so the run always ends with its table. `events`
    [(offset, function)] run during the load."""
    kinds = [kind for kind, _ in MIX]
    weights = [weight for _, weight in MIX]
    results, lock = [], threading.Lock()
    started = time.monotonic()
    deadline = started + seconds

    def client(index):
        rng = random.Random(seed * 1000 + index)
        mine = []
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            path = rng.choice(urls[kind])
            begin = time.monotonic()
            outcome = outcome_of(port, path, timeout, kind)
            mine.append((begin - started, kind, time.monotonic() - begin, outcome))
        with lock:
            results.extend(mine)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(client, index) for index in range(clients)]
        for offset, function in events or []:
            delay = started + offset - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            function()
        for future in futures:
            future.result()
    return sorted(results), time.monotonic() - started


def table(results, elapsed, title) -> None:
    print(f"\n{title}\n")
    print("| requêtes | nombre | req/s | p50 ms | p95 ms | p99 ms | erreurs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    groups = collections.defaultdict(list)
    for _, kind, duration, outcome in results:
        groups[kind].append((duration, outcome))
    for kind, _ in MIX + [("toutes", 0)]:
        rows = [row for rows in groups.values() for row in rows] if kind == "toutes" \
            else groups.get(kind, [])
        if not rows:
            continue
        durations = [duration * 1000 for duration, _ in rows]
        errors = sum(1 for _, outcome in rows if outcome != 200)
        label = f"**{kind}**" if kind == "toutes" else kind
        print(f"| {label} | {len(rows)} | {len(rows) / elapsed:.1f} | "
              f"{percentile(durations, 0.50):.0f} | {percentile(durations, 0.95):.0f} | "
              f"{percentile(durations, 0.99):.0f} | {errors} |")
    outcomes = collections.Counter(str(outcome) for *_, outcome in results)
    print("\nRéponses : " + ", ".join(f"{k} × {v}" for k, v in sorted(outcomes.items())))
    for kind, rows in groups.items():
        failed = collections.Counter(str(outcome) for _, outcome in rows if outcome != 200)
        if failed:
            print(f"- erreurs « {kind} » : " + ", ".join(
                f"{k} × {v}" for k, v in sorted(failed.items())))


def fault_report(results, down_at, up_at, before, after) -> None:
    down = [r for r in results if down_at <= r[0] < up_at]
    later = [r for r in results if r[0] >= up_at]
    slowest_down = max((r[2] for r in down), default=0)
    print(f"\nPanne : PostgreSQL arrêté à t = {down_at:.1f} s, redémarré à t = {up_at:.1f} s.")
    counts = collections.Counter(str(r[3]) for r in down)
    print(f"- Pendant l'arrêt ({len(down)} requêtes) : " + ", ".join(
        f"{k} × {v}" for k, v in sorted(counts.items())) + f" ; réponse la plus lente "
        f"{slowest_down * 1000:.0f} ms")
    print(f"- 500 : {sum(1 for r in results if r[3] == 500)} ; délais dépassés : "
          f"{sum(1 for r in results if r[3] == 'timeout')} ; corps tronqués : "
          f"{sum(1 for r in results if r[3] == TRUNCATED)} ; 503 sans la page française : "
          f"{sum(1 for r in results if r[3] == '503 sans la page française')}")
    first_ok = next((r for r in later if r[3] == 200), None)
    if first_ok is None:
        print("- Après le redémarrage : AUCUNE réponse 200 — le portail ne s'est pas rétabli")
    else:
        recovered = [r for r in later if r[0] >= first_ok[0]]
        failing = collections.Counter(str(r[3]) for r in recovered if r[3] != 200)
        print(f"- Première réponse 200 après le redémarrage : t = {first_ok[0]:.1f} s "
              f"({first_ok[0] - up_at:.1f} s après) ; ensuite {len(recovered)} requêtes dont "
              f"{sum(failing.values())} en erreur" + (
                  " (" + ", ".join(f"{k} × {v}" for k, v in failing.items()) + ")"
                  if failing else ""))
    same = before == after
    print(f"- Délibérations avant : {before[0]}, SHA-256 {before[1]}")
    print(f"- Délibérations après : {after[0]}, SHA-256 {after[1]}")
    print(f"- {'Rien de perdu ni de modifié' if same else 'DIFFÉRENCE avant / après'}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py load", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="processus gunicorn")
    parser.add_argument("--timeout", type=float, default=10, help="délai par requête (s)")
    parser.add_argument("--deliberations", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-port", type=int, default=55433)
    parser.add_argument("--http-port", type=int, default=0, help="0 : un port libre")
    parser.add_argument("--page-cache", choices=("on", "off", "off-on"), default="on",
                        help="cache des pages publiques : actif (300 s, défaut de la "
                        "production), coupé, ou deux passes, coupé puis actif ; la passe "
                        "--fault suit la dernière, avec le même réglage")
    parser.add_argument("--from-database", metavar="URL",
                        help="copie cette base déjà remplie par generate_synthetic (pg_dump, "
                        "lecture seule) dans le PostgreSQL privé au lieu de générer "
                        "--deliberations actes")
    parser.add_argument("--database", metavar="URL",
                        help="mesure cette base déjà remplie par generate_synthetic là où elle "
                        "est, sans copie (ni PostgreSQL privé, ni --fault)")
    parser.add_argument("--fault", action="store_true",
                        help="après la mesure, une seconde passe avec arrêt de PostgreSQL")
    args = parser.parse_args(argv)
    if args.database and (args.fault or args.from_database):
        parser.error("--database mesure une base sans la copier : ni --fault (le banc n'arrête "
                     "jamais un serveur qu'il n'a pas démarré), ni --from-database.")

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        workdir = Path(tmp)
        postgres = None if args.database else PrivatePostgres(workdir, args.pg_port)
        try:
            if postgres:
                say(f"PostgreSQL privé sur le port {args.pg_port} ({workdir})…")
                postgres.init()
                postgres.create_database()
            if args.from_database:
                started = time.perf_counter()
                say(f"Copie de {args.from_database}…")
                postgres.load_from(args.from_database)
                say(f"Copiée en {time.perf_counter() - started:.0f} s")
            database_url = args.database or postgres.url
            env = environment(workdir, database_url)
            urls = prepare(env, args.deliberations, args.seed,
                           loaded=bool(args.from_database or args.database))
            if args.from_database or args.database:
                args.deliberations = count_acts(database_url)
            port = args.http_port or free_port()
            # The page cache (PUBLIC_CACHE_SECONDS, production default 300 s) off, then on,
            # gunicorn started again between the passes (its caches start empty).
            passes = {"off": [0], "on": [300], "off-on": [0, 300]}[args.page_cache]
            for number, seconds in enumerate(passes):
                env["PUBLIC_CACHE_SECONDS"] = str(seconds)
                last = number == len(passes) - 1
                fault = args.fault and last
                say(f"gunicorn sur 127.0.0.1:{port}, {args.workers} processus, cache des pages "
                    f"{'actif' if seconds else 'coupé'}…")
                with gunicorn(env, port, args.workers, workdir / "gunicorn.log"):
                    say(f"Charge : {args.clients} clients pendant {args.seconds:.0f} s…")
                    load = [os.getloadavg()[0]]
                    results, elapsed = workload(port, urls, args.seconds, args.clients,
                                                args.timeout, args.seed)
                    load.append(os.getloadavg()[0])
                    table(results, elapsed,
                          f"Charge — gunicorn ({args.workers} processus), PostgreSQL "
                          f"{'partagé' if args.database else 'privé'}, "
                          f"{args.deliberations} délibérations, {args.clients} clients, "
                          f"{elapsed:.0f} s, cache des pages "
                          f"{f'actif ({seconds} s)' if seconds else 'coupé'}, charge de la "
                          f"machine {min(load):.1f} à {max(load):.1f} pour {os.cpu_count()} "
                          "cœurs")
                    if fault:
                        run_fault(args, postgres, port, urls)
            log = (workdir / "gunicorn.log").read_text()
            if "Traceback" in log:
                print("\nTraces dans le journal de gunicorn :\n" + log[-3000:])
        finally:
            if postgres:
                postgres.stop()


def run_fault(args, postgres, port, urls) -> None:
    """The same workload again, PostgreSQL stopped from a third to two thirds of it."""
    before = postgres.fingerprint()
    down_at, up_at = args.seconds / 3, args.seconds * 2 / 3
    moments = {}

    def stop():
        moments["down"] = time.monotonic()
        say("PostgreSQL arrêté…")
        postgres.stop()

    def start():
        moments["up"] = time.monotonic()
        say("PostgreSQL redémarré…")
        postgres.start()

    say(f"Panne : {args.clients} clients pendant {args.seconds:.0f} s…")
    begin = time.monotonic()
    results, elapsed = workload(port, urls, args.seconds, args.clients,
                                args.timeout, args.seed + 1,
                                events=[(down_at, stop), (up_at, start)])
    after = postgres.fingerprint()
    table(results, elapsed, f"Charge avec panne — PostgreSQL arrêté de "
          f"t = {down_at:.0f} s à t = {up_at:.0f} s")
    # Offsets of the workload start (begin) to the real stop/start moments.
    fault_report(results, moments["down"] - begin, moments["up"] - begin,
                 before, after)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

