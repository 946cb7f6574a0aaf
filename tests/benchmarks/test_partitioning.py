"""The pure parts of the partitioning benchmark (benchmarks/rows/partitioning.py): the indexes
of the partitioned copy and the variant of a query that names the partition key."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from rows import partitioning  # noqa: E402


def test_a_unique_index_gets_the_partition_key_and_a_partial_one_keeps_its_predicate():
    unique = partitioning.partitioned_index(
        "CREATE UNIQUE INDEX deliberations_deliberation_slug_key "
        "ON public.deliberations_deliberation USING btree (slug)")
    assert unique == ("CREATE UNIQUE INDEX deliberations_deliberation_slug_key "
                      "ON part.deliberations_deliberation USING btree (slug, year)")
    partial = partitioning.partitioned_index(
        "CREATE INDEX deliberation_year_idx ON public.deliberations_deliberation "
        "USING btree (year) WHERE ((status)::text = 'published'::text)")
    assert partial == ("CREATE INDEX deliberation_year_idx ON part.deliberations_deliberation "
                       "USING btree (year) WHERE ((status)::text = 'published'::text)")
    with_year = partitioning.partitioned_index(
        "CREATE UNIQUE INDEX deliberation_unique_act_number ON "
        "public.deliberations_deliberation USING btree (body_id, year, act_number) "
        "WHERE (NOT ((act_number)::text = ''::text))")
    assert "(body_id, year, act_number) WHERE" in with_year


def test_a_whole_year_of_session_dates_gets_a_variant_naming_the_year():
    sql = ('SELECT 1 FROM "deliberations_deliberation" WHERE '
           '"deliberations_deliberation"."session_date" BETWEEN '
           "'2025-01-01'::date AND '2025-12-31'::date")
    queries = partitioning.with_year([("list 2025", sql), ("other", "SELECT 2")])
    assert [label for label, _ in queries] == ["list 2025", "list 2025 + year", "other"]
    assert queries[1][1].endswith(
        "'2025-12-31'::date AND \"deliberations_deliberation\".\"year\" = 2025")
