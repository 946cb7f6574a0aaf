"""PostgreSQL: finer statistics on the acts' search vector.

With the default target (100), the planner knows the ~500 most common lexemes and estimates
any other word at half the rarest of them: at 250 000 acts, 571 acts for "géothermie", which
63 acts hold. From that estimate it joins the matches to the sessions by reading every
session (a hash join over 19 043 sessions, then 76 061 at 1 000 000 acts: a narrow search
whose cost grows with the data), where 63 probes of the sessions' key suffice. A target of
1 000 keeps ten times more lexemes: a rare word is estimated from its own frequency. Only
ANALYZE reads more rows (a sample of 300 000 instead of 30 000).
"""

from django.db import migrations

TABLE, COLUMN = "deliberations_deliberation", "search_vector"


def _statistics(target):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite has no per-column statistics target (FTS5 table, 0023)
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {COLUMN} SET STATISTICS {target}")
        schema_editor.execute(f"ANALYZE {TABLE} ({COLUMN})")

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("deliberations", "0034_scdl_incomplete_index"),
    ]

    operations = [
        migrations.RunPython(_statistics(1000), _statistics(-1)),
    ]
