"""The SQLite full-text index of the deliberations: its triggers, installed again after every
migrate.

Migration 0023_search_fts_list_indexes creates `deliberations_search` (a contentless FTS5
table of French stems) and the triggers that keep it in step with deliberations_deliberation.
On SQLite a later migration that rebuilds that table (a column's type or length changed)
drops its triggers without a word, and search would stop finding new or changed acts: the
triggers are therefore put back after every migrate (apps.py), as the immutability triggers
are. The index's rows survive a rebuild (they are keyed by the act's id). PostgreSQL keeps
its stored vector (0003_search) and needs nothing here. Imports no model.
"""

FTS_TABLE = "deliberations_search"
COLUMNS = {
    "title": "{row}.title",
    "theme": "coalesce({row}.theme, '') || ' ' || coalesce({row}.act_number, '')",
    "body": "coalesce({row}.report, '') || ' ' || coalesce({row}.decision, '')",
}
NAMES = ", ".join(COLUMNS)
TRIGGERS = ("deliberations_search_insert", "deliberations_search_delete",
            "deliberations_search_update")


def stems_sql(row: str) -> str:
    return ", ".join(f"portal_french_stems({expr.format(row=row)})" for expr in COLUMNS.values())


def trigger_sql() -> list[str]:
    """CREATE TRIGGER statements, the same as migration 0023's."""
    return [
        f"""
        CREATE TRIGGER deliberations_search_insert AFTER INSERT ON deliberations_deliberation
        BEGIN
            INSERT INTO {FTS_TABLE} (rowid, {NAMES}) VALUES (new.id, {stems_sql("new")});
        END
        """,
        # A contentless table forgets a row by being given the indexed values again.
        f"""
        CREATE TRIGGER deliberations_search_delete AFTER DELETE ON deliberations_deliberation
        BEGIN
            INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {NAMES})
            VALUES ('delete', old.id, {stems_sql("old")});
        END
        """,
        f"""
        CREATE TRIGGER deliberations_search_update
        AFTER UPDATE OF title, theme, act_number, report, decision ON deliberations_deliberation
        BEGIN
            INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {NAMES})
            VALUES ('delete', old.id, {stems_sql("old")});
            INSERT INTO {FTS_TABLE} (rowid, {NAMES}) VALUES (new.id, {stems_sql("new")});
        END
        """,
    ]


def install(connection) -> bool:
    """Put the triggers back on SQLite when the index exists; True if it did."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s",
                       [FTS_TABLE])
        if cursor.fetchone() is None:
            return False
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in trigger_sql():
            cursor.execute(statement)
    return True
