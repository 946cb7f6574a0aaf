"""Scale: SQLite full-text search through FTS5, and the indexes of the public lists.

SQLite: `deliberations_search`, a contentless FTS5 table of French Snowball stems (the lexemes
PostgreSQL's `french_unaccent` configuration indexes, see portal.kernel.search), one row per
deliberation (rowid = its id), three columns weighted like the PostgreSQL vector's A, B and C:
title; theme and act number; report and decision. Triggers on insert, update and delete of a
deliberation keep it in step, whatever writes the row (save, bulk_create, update, raw SQL of a
Django connection): they call `portal_french_stems()`, registered on every SQLite connection
by portal.apps. PostgreSQL keeps its stored vector and GIN index (0003_search).

Both databases: partial indexes (published acts) in the lists' order, so that a page reads 20
rows of an index instead of sorting every act, and on the facets (years, themes); the old
(status, published_on) index goes (it led SQLite to sort every published act).
"""

from django.db import migrations, models

from deliberations.search_index import FTS_TABLE, NAMES, TRIGGERS, stems_sql, trigger_sql

# The triggers' SQL lives in deliberations/search_index.py, which also puts them back after
# every migrate (a later table rebuild on SQLite drops them).
FORWARD_SQL = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({NAMES}, content='', "
    "tokenize='unicode61 remove_diacritics 0')",
    *trigger_sql(),
    f"INSERT INTO {FTS_TABLE} (rowid, {NAMES}) "
    f"SELECT id, {stems_sql('deliberations_deliberation')} FROM deliberations_deliberation",
]
BACKWARD_SQL = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in reversed(TRIGGERS)),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        from portal.kernel.search import register_sqlite_functions

        # Already done by portal.apps on connection; again in case the connection predates it.
        register_sqlite_functions(schema_editor.connection.connection)
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('deliberations', '0022_history_rectification'),
        ('portal', '0005_member_birth_date'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='deliberation',
            options={'ordering': ['-session_date', '-session_id', 'item_number', 'id'], 'permissions': [('export_extract', 'Peut émettre et exporter des extraits certifiés')], 'verbose_name': 'délibération', 'verbose_name_plural': 'délibérations'},
        ),
        migrations.AddIndex(
            model_name='deliberation',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['-session_date', '-session_id', 'item_number', 'id'], name='deliberation_list_idx'),
        ),
        migrations.AddIndex(
            model_name='deliberation',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['body', '-session_date', '-session_id', 'item_number', 'id'], name='deliberation_body_list_idx'),
        ),
        migrations.AddIndex(
            model_name='deliberation',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['matter_code', '-session_date', '-session_id', 'item_number', 'id'], name='deliberation_matter_list_idx'),
        ),
        migrations.AddIndex(
            model_name='deliberation',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['-published_on', '-session_date', '-session_id', 'item_number', 'id'], name='deliberation_latest_idx'),
        ),
        migrations.AddIndex(
            model_name='session',
            index=models.Index(fields=['-date', '-starts_at'], name='session_date_idx'),
        ),
        migrations.RemoveIndex(
            model_name='deliberation',
            name='deliberation_public_idx',
        ),
        migrations.AddIndex(
            model_name='deliberation',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['year'], name='deliberation_year_idx'),
        ),
        migrations.AddIndex(
            model_name='deliberation',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['theme'], name='deliberation_theme_idx'),
        ),
        migrations.RunPython(_run(FORWARD_SQL), _run(BACKWARD_SQL)),
    ]
