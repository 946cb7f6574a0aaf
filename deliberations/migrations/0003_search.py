"""Full-text search on deliberations (issue: public portal).

PostgreSQL: a `french_unaccent` text search configuration (the `french` stemmer after the
`unaccent` dictionary), a trigger that keeps `search_vector` up to date on every insert and
update (to_tsvector with unaccent is not IMMUTABLE, so a generated column is not possible),
and a GIN index. Other databases (SQLite in development) only get the nullable column:
DeliberationQuerySet.search() falls back to matching in Python there.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD_SQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION deliberations_deliberation_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('french_unaccent', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('french_unaccent',
                   coalesce(NEW.theme, '') || ' ' || coalesce(NEW.act_number, '')), 'B')
            || setweight(to_tsvector('french_unaccent',
                   coalesce(NEW.report, '') || ' ' || coalesce(NEW.decision, '')), 'C');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER deliberations_deliberation_search_vector_trg
    BEFORE INSERT OR UPDATE ON deliberations_deliberation
    FOR EACH ROW EXECUTE FUNCTION deliberations_deliberation_search_vector()
    """,
    # Fill the vector of the rows that already exist (the trigger does the work).
    "UPDATE deliberations_deliberation SET title = title",
    "CREATE INDEX deliberation_search_idx ON deliberations_deliberation USING gin (search_vector)",
]

BACKWARD_SQL = [
    "DROP INDEX IF EXISTS deliberation_search_idx",
    "DROP TRIGGER IF EXISTS deliberations_deliberation_search_vector_trg "
    "ON deliberations_deliberation",
    "DROP FUNCTION IF EXISTS deliberations_deliberation_search_vector()",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("deliberations", "0002_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="deliberation",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(_run(FORWARD_SQL), _run(BACKWARD_SQL)),
    ]
