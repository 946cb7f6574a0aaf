"""Open data: the SCDL "Délibérations" 2.1.5 CSV (OpenDataFrance), an extended CSV with the
portal's own columns, and the per-item figures of many sessions at once.

The standard export holds exactly the schema's columns (schemas/scdl-deliberations-2.1.5.json,
a transcription of the published schema) and only the acts whose required values the portal
holds: the national validator rejects a row with an empty COLL_SIRET, DELIB_ID or
DELIB_MATIERE_CODE. scdl_coverage says which acts are left out and why; the extended export
holds every published act.

Every legal fact of a row (organisation, act number, session date, matter, title, budget,
prefecture receipt, the members in office and votes available on the item, the vote figures,
and the extended quorum figures) is read from the act's record (deliberations.record): the one
frozen at publication, its text read with the act in the same query and only the values a row
prints decoded from it (record.fields), so a mandate added, a member renamed or a body's rules
changed after the publication leave the file byte for byte the same. Only the addresses stay
live: the act's own URL, and the links to the acts that rectify it, which are later
cross-references published after it (the act it rectifies is named by its record, its
address is that act's page).
"""

import functools
import itertools
import json
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from deliberations import record as published_record
from deliberations.models import Deliberation
from deliberations.record.fields import partial_document, plain_values, values_at
from portal.kernel import reversing
from portal.kernel.csv import Writer, neutralise_formula
from portal.models import Body

SCDL_SCHEMA_PATH = Path(__file__).parent / "schemas" / "scdl-deliberations-2.1.5.json"


@functools.cache
def scdl_schema() -> dict:
    """The SCDL "Délibérations" table schema kept in the repository (source and version in
    it): the one list of the standard export's columns."""
    return json.loads(SCDL_SCHEMA_PATH.read_text(encoding="utf-8"))


SCDL_COLUMNS = [field["name"] for field in scdl_schema()["fields"]]
# The extended export: the SCDL columns, then the portal's own. The figures on the act's item
# (members present, represented, quorum required: empty when they vary over the items the
# act may be, see item_vote_figures), then the address of the act a row rectifies and of the
# published acts that rectify it (space-separated, oldest first).
QUORUM_COLUMNS = ["SEANCE_PRESENTS", "SEANCE_REPRESENTES", "QUORUM_REQUIS"]
RECTIFICATION_COLUMNS = ["DELIB_RECTIFIE_URL", "DELIB_RECTIFIEE_PAR_URL"]
EXTENDED_COLUMNS = SCDL_COLUMNS + QUORUM_COLUMNS + RECTIFICATION_COLUMNS

# The SCDL values that are required and that the portal may not hold, each with the reason a
# reader is given for an act left out of the standard export. COLL_NOM, DELIB_DATE and
# DELIB_OBJET are always held (name, session date, title are required by the models).
SCDL_REQUIRED_HELD = {
    "no_siret": (Q(session__body__organisation__siret=""),
                 "la collectivité n'a pas enregistré son SIRET (COLL_SIRET)"),
    "no_act_number": (Q(act_number=""), "l'acte n'a pas de numéro (DELIB_ID)"),
    "no_matter": (Q(matter_code=""),
                  "l'acte n'a pas de matière @ctes (DELIB_MATIERE_CODE et DELIB_MATIERE_NOM)"),
}
SCDL_INCOMPLETE = functools.reduce(
    lambda left, right: left | right, (q for q, _ in SCDL_REQUIRED_HELD.values()))


def scdl_complete(deliberations: QuerySet) -> QuerySet:
    """The acts whose every required SCDL value is held: the rows of the standard export."""
    return deliberations.exclude(SCDL_INCOMPLETE)


def scdl_coverage(deliberations: QuerySet) -> dict:
    """How many of these acts the standard export holds, and why the others are left out:
    {"total", "exported", "left_out", "reasons": [(count, sentence), ...]}.

    Only the acts left out are read, not every act of the set: those without a number or a
    matter (partial index deliberation_incomplete_idx) and those of the bodies whose
    organisation has no SIRET (one query for those bodies, then their acts through the
    index on the act's body, the session's body copied by Deliberation.save). When none
    is left out, as on a portal whose acts are complete, that is all: the page then states
    nothing, and "total" and "exported" are None. Otherwise the set is counted too, for the
    sentence "N délibérations sur TOTAL" (one query more)."""
    no_siret = list(Body.objects.filter(organisation__siret="").values_list("pk", flat=True))
    missing = {"no_siret": Q(body_id__in=no_siret), "no_act_number": Q(act_number=""),
               "no_matter": Q(matter_code="")}
    if not no_siret:  # an empty IN is no condition: left out of the counts
        del missing["no_siret"]
    incomplete = functools.reduce(lambda left, right: left | right, missing.values())
    counts = deliberations.order_by().filter(incomplete).aggregate(
        left_out=Count("pk"), **{key: Count("pk", filter=q) for key, q in missing.items()})
    left_out = counts["left_out"]
    total = deliberations.order_by().count() if left_out else None
    return {
        "total": total,
        "exported": total - left_out if left_out else None,
        "left_out": left_out,
        "reasons": [(counts[key], reason) for key, (_, reason) in SCDL_REQUIRED_HELD.items()
                    if counts.get(key)],
    }


def item_vote_figures(ranges) -> tuple[int | None, int | None]:
    """(members in office, votes available) on the act's item, from the quorum ranges of its
    record (record.quorum, as its document holds them: one mapping per range), or None when
    unknown.

    When the registre does not give the item number, the votes available are known only if
    they are the same throughout the session.
    """
    if not ranges:
        return None, None
    in_office = {r["in_office"] for r in ranges}
    available = {r["votes_available"] for r in ranges}
    return (
        in_office.pop() if len(in_office) == 1 else None,
        available.pop() if len(available) == 1 else None,
    )


def _text(value) -> str:
    # Numbers and dates are written by the portal, never typed: left as they are so that the
    # SCDL columns (VOTE_*, DELIB_DATE, PREF_DATE, BUDGET_ANNEE) stay valid numbers and dates.
    # A date comes as the ISO text its record holds (record.fields), which no formula starts.
    if type(value) is str:  # most values, first
        return neutralise_formula(" ".join(value.split()))
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


# The values of its record a row prints, by their path in the record's document: read from
# the frozen text as far as they need (record.fields.partial_document: not the session's
# attendance, four fifths of the 18 KB), from the record object for one built live.
ROW_PATHS = (
    ("schema",),
    ("record", "organisation", "name"),
    ("record", "organisation", "siret"),
    ("record", "act", "act_number"),
    ("record", "session", "date"),
    ("record", "act", "matter_code"),
    ("record", "act", "matter_name"),
    ("record", "act", "title"),
    ("record", "act", "budget_year"),
    ("record", "act", "budget_name"),
    ("record", "publication", "prefecture_act_id"),
    ("record", "publication", "received_on"),
    ("record", "vote", "votes_for"),
    ("record", "vote", "votes_against"),
    ("record", "vote", "abstentions"),
    ("record", "quorum"),
)
# An act's address, from its organisation's slug (live, as Deliberation.get_absolute_url).
_ADDRESS = ("session__body__organisation__slug", "year", "slug")


def scdl_rows(deliberations: QuerySet, *, build_url, extended=False, chunk_size=CHUNK_SIZE):
    """One row (the values of SCDL_COLUMNS, or EXTENDED_COLUMNS, in order) per
    deliberation. The standard rows are those of scdl_complete; the extended ones are every
    act given, with the addresses of the acts each rectifies and of those that rectify it.

    The queryset is read in chunks (a server-side cursor on PostgreSQL, QuerySet.iterator)
    as plain values: each act's address parts and its frozen record's text, of which only
    the values at ROW_PATHS are decoded (record.fields), not the session's attendance. An
    act without a frozen record (published before records were frozen) has its record
    built live for its chunk at once (record.records_for). Memory stays flat whatever the
    number of rows, and the queries are a constant number per chunk: one for the acts built
    live when there are any (and build_records' own), two for the rectification links of
    the extended export.
    """
    if not extended:
        deliberations = scdl_complete(deliberations)
    rows = deliberations.prefetch_related(None).values_list(
        "pk", *_ADDRESS, "record__pk", "rectifies_id", "record__document")
    # Read inside a transaction: PostgreSQL's server-side cursor is then declared without
    # hold and sends rows as they are read. Outside one (autocommit) Django declares it WITH
    # HOLD, and PostgreSQL runs the whole query and copies every row, documents
    # decompressed, into a temporary store before the first one is sent (1.4 s for the 364
    # MB of documents of 20 000 acts; a million acts' on the server's disk). The transaction
    # only reads; it ends with the export, or when the client goes away (the generator is
    # closed: rolled back).
    with transaction.atomic(using=rows.db):
        yield from _scdl_rows(rows, build_url=build_url, extended=extended,
                              chunk_size=chunk_size)


def _scdl_rows(rows, *, build_url, extended, chunk_size):
    act_url = _act_url(build_url)
    links = None
    for chunk in _batches(rows.iterator(chunk_size=chunk_size), chunk_size):
        live = _live_values([row[0] for row in chunk if row[4] is None])
        if extended:
            links = _rectification_urls(chunk, act_url)
        for pk, organisation, year, slug, record_pk, rectifies_id, values in chunk:
            values = (live[pk] if record_pk is None
                      else values_at(partial_document(values), ROW_PATHS))
            url = act_url(organisation, year, slug)
            if not extended:
                yield _scdl_row(values, url)
                continue
            rectifies, rectified_by = links
            yield _scdl_row(values, url, rectifies=rectifies.get(rectifies_id, ""),
                            rectified_by=" ".join(rectified_by.get(pk, ())))


def _live_values(pks) -> dict[int, list]:
    """ROW_PATHS of the records of acts without a frozen one, built together."""
    if not pks:
        return {}
    acts = Deliberation.objects.filter(pk__in=pks).select_related("record")
    return {pk: plain_values(record, ROW_PATHS)
            for pk, record in published_record.records_for(acts).items()}


def _act_url(build_url):
    """A function (organisation slug, year, slug) -> build_url(the act's
    get_absolute_url()), the same text, from the address parts read as values: the address
    reversed once and formatted (portal.kernel.reversing, as get_absolute_url)."""

    def act_url(organisation, year, slug):
        return build_url(reversing.reverse("deliberations:deliberation_detail",
                                           organisation=organisation, year=year, slug=slug))

    return act_url


def _rectification_urls(chunk, act_url):
    """The addresses of the published act each act of the chunk rectifies, by its id, and of
    the published acts that rectify each act, oldest first, by the rectified act's id: the
    two reads of DeliberationQuerySet.with_rectifications, as addresses."""
    public = Deliberation.objects.published()
    rectifies = {
        pk: act_url(*address) for pk, *address in public.filter(
            pk__in={row[5] for row in chunk} - {None}).values_list("pk", *_ADDRESS)}
    rectified_by = {}
    for target, *address in (public.filter(rectifies_id__in=[row[0] for row in chunk])
                             .order_by("session__date", "published_on", "pk")
                             .values_list("rectifies_id", *_ADDRESS)):
        rectified_by.setdefault(target, []).append(act_url(*address))
    return rectifies, rectified_by


def item_quorum_figures(ranges) -> list[int | None]:
    """Members present, represented and the quorum required on the act's item (its record's
    quorum ranges), each None when the portal cannot tell which item it is and the figure
    varies over the session."""
    values = []
    for name in ("present", "represented", "quorum_required"):
        found = {r[name] for r in ranges}
        values.append(found.pop() if len(found) == 1 else None)
    return values


def _scdl_row(values, url, *, rectifies=None, rectified_by=None):
    """The row's cells (rectifies and rectified_by given: the extended row)."""
    (schema, organisation_name, siret, act_number, session_date, matter_code, matter_name,
     title, budget_year, budget_name, prefecture_act_id, received_on, votes_for,
     votes_against, abstentions, ranges) = values
    if schema != published_record.SCHEMA_VERSION:
        raise ValueError(f"Version de schéma inconnue : {schema!r}.")
    in_office, available = item_vote_figures(ranges)
    row = [
        organisation_name,
        siret,
        act_number,
        session_date,
        matter_code,
        matter_name,
        title,
        budget_year,
        budget_name,
        prefecture_act_id,
        received_on,
        in_office,
        available,
        votes_for,
        votes_against,
        abstentions,
        url,
    ]
    if rectifies is not None:
        row += item_quorum_figures(ranges)
        row += [rectifies, rectified_by]
    return list(map(_text, row))


def scdl_csv_chunks(deliberations: QuerySet, *, build_url, extended=False,
                    chunk_size=CHUNK_SIZE):
    """The CSV (UTF-8, comma-separated, header row then one row per deliberation: SCDL 2.1.5,
    or the extended columns) as text chunks of `chunk_size` rows, for a
    StreamingHttpResponse (portal.kernel.csv.Writer: no cell runs as a formula)."""
    writer = Writer(fieldnames=EXTENDED_COLUMNS if extended else SCDL_COLUMNS)
    yield writer.writeheader()
    rows = scdl_rows(deliberations, build_url=build_url, extended=extended,
                     chunk_size=chunk_size)
    for batch in _batches(rows, chunk_size):
        yield "".join(writer.writerow(row) for row in batch)


def write_scdl_csv(stream, deliberations: QuerySet, *, build_url, extended=False) -> None:
    """The CSV of scdl_csv_chunks written to a file-like object."""
    for chunk in scdl_csv_chunks(deliberations, build_url=build_url, extended=extended):
        stream.write(chunk)
