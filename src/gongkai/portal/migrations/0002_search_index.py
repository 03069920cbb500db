"""The full-text index over SearchDocument, one per database:

SQLite: an FTS5 table with the trigram tokenizer (SQLite 3.34+), external content = portal_searchdocument, kept in sync
by triggers, so Chinese text needs no word splitting. PostgreSQL: pg_trgm (trusted, in Debian's postgresql package)
and a GIN trigram index on the text, which serves ILIKE '%词%' for terms of three characters or more."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE portal_search_fts USING fts5(
        title, text, content='portal_searchdocument', content_rowid='item_id', tokenize='trigram')""",
    """CREATE TRIGGER portal_search_ai AFTER INSERT ON portal_searchdocument BEGIN
        INSERT INTO portal_search_fts(rowid, title, text) VALUES (new.item_id, new.title, new.text); END""",
    """CREATE TRIGGER portal_search_ad AFTER DELETE ON portal_searchdocument BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, title, text)
        VALUES ('delete', old.item_id, old.title, old.text); END""",
    """CREATE TRIGGER portal_search_au AFTER UPDATE ON portal_searchdocument BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, title, text)
        VALUES ('delete', old.item_id, old.title, old.text);
        INSERT INTO portal_search_fts(rowid, title, text) VALUES (new.item_id, new.title, new.text); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER portal_search_au",
    "DROP TRIGGER portal_search_ad",
    "DROP TRIGGER portal_search_ai",
    "DROP TABLE portal_search_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX portal_search_text_trgm ON portal_searchdocument USING gin (text gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX portal_search_text_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
