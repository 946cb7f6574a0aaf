"""Open data: the SCDL "Délibérations" 2.1.5 CSV (OpenDataFrance) and the per-item figures of
many sessions at once.

The figures still come from selectors.session_quorum_table (hence rules.py); only the reads
are grouped, so that an export of any size costs the same handful of queries instead of four
per session.
"""

import itertools

from django.db.models import QuerySet

from deliberations import selectors
from deliberations.models import Deliberation
from portal.kernel.csv import Writer, neutralise_formula

SCDL_COLUMNS = [
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
]
# After the SCDL columns, the portal's own: a reader that takes the SCDL columns
# by name is unaffected. The address of the act a row rectifies, and of the published acts
# that rectify it (space-separated, oldest first).
RECTIFICATION_COLUMNS = ["DELIB_RECTIFIE_URL", "DELIB_RECTIFIEE_PAR_URL"]
CSV_COLUMNS = SCDL_COLUMNS + RECTIFICATION_COLUMNS


def item_vote_figures(deliberation: Deliberation, table) -> tuple[int | None, int | None]:
    """(members in office, votes available) on the deliberation's item, or None when unknown.

    When the registre does not give the item number, the votes available are known only if
    they are the same throughout the session.
    """
    ranges = selectors.deliberation_quorum(deliberation, table)
    if not ranges:
        return None, None
    in_office = {r.figures.in_office for r in ranges}
    available = {r.figures.votes_available for r in ranges}
    return (
        in_office.pop() if len(in_office) == 1 else None,
        available.pop() if len(available) == 1 else None,
    )


def _text(value) -> str:
    # Numbers and dates are written by the portal, never typed: left as they are so that the
    # SCDL columns (VOTE_*, DELIB_DATE, PREF_DATE, BUDGET_ANNEE) stay valid numbers and dates.
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise_formula(" ".join(str(value).split()))


# Rows read and written per step of a streamed export: what the server holds at once, and the
# size of the first chunk sent (its time to first byte).
CHUNK_SIZE = 500


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def scdl_rows(deliberations, *, build_url, chunk_size=CHUNK_SIZE):
    """One SCDL row (a dict keyed by CSV_COLUMNS) per deliberation; ``deliberations`` come
    with DeliberationQuerySet.with_rectifications (else two queries per row).

    A queryset is read in chunks (a server-side cursor on PostgreSQL, QuerySet.iterator), and
    the quorum tables are read for the sessions of each chunk: memory stays flat whatever the
    number of rows, and the queries are a constant number per chunk.
    """
    if isinstance(deliberations, QuerySet):
        deliberations = deliberations.iterator(chunk_size=chunk_size)
    for chunk in _batches(deliberations, chunk_size):
        sessions = {d.session_id: d.session for d in chunk}
        tables = selectors.bulk_quorum_tables(sessions.values(), published_only=True)
        for d in chunk:
            yield _scdl_row(d, tables[d.session_id], build_url)


def _scdl_row(d, table, build_url):
    organisation = d.session.body.organisation
    in_office, available = item_vote_figures(d, table)
    values = [
        organisation.name,
        organisation.siret,
        d.act_number,
        d.session.date,
        d.matter_code,
        d.matter_full_name,
        d.title,
        d.budget_year,
        d.budget_name,
        d.prefecture_act_id,
        d.received_on,
        in_office,
        available,
        d.votes_for,
        d.votes_against,
        d.abstentions,
        build_url(d.get_absolute_url()),
    ]
    links = selectors.rectifications(d)
    values += [
        build_url(links.rectifies.get_absolute_url()) if links.rectifies else "",
        " ".join(build_url(r.get_absolute_url()) for r in links.rectified_by),
    ]
    return dict(zip(CSV_COLUMNS, map(_text, values), strict=True))


def scdl_csv_chunks(deliberations, *, build_url, chunk_size=CHUNK_SIZE):
    """The SCDL CSV (UTF-8, comma-separated, header row then one row per deliberation, SCDL
    2.1.5 then RECTIFICATION_COLUMNS) as text chunks of `chunk_size` rows, for a
    StreamingHttpResponse."""
    writer = Writer(fieldnames=CSV_COLUMNS)
    yield writer.writeheader()
    rows = scdl_rows(deliberations, build_url=build_url, chunk_size=chunk_size)
    for batch in _batches(rows, chunk_size):
        yield "".join(writer.writerow(row) for row in batch)


def write_scdl_csv(stream, deliberations, *, build_url) -> None:
    """The SCDL CSV (SCDL 2.1.5) written to a file-like object."""
    for chunk in scdl_csv_chunks(deliberations, build_url=build_url):
        stream.write(chunk)
