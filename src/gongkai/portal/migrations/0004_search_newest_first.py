"""Search that reads the newest matches straight off the index (gongkai.portal.search).

SearchDocument gets `sort_key` (newest first, one integer). On SQLite the trigram table (0002) and the bigram table
(0003) give way to one FTS5 table whose rowid is that key: `pairs`, every pair of adjacent characters within a run of
letters and digits, in order, runs separated by a token that is never a pair; `chars`, every character once. Kept in
sync by triggers, like the tables it replaces. PostgreSQL keeps its indexes; only the column is added."""

from importlib import import_module

from django.db import migrations, models

SQLITE_DROP_EARLIER = [
    "DROP TRIGGER IF EXISTS portal_search_au",
    "DROP TRIGGER IF EXISTS portal_search_ad",
    "DROP TRIGGER IF EXISTS portal_search_ai",
    "DROP TABLE IF EXISTS portal_search_fts",
    "DROP TRIGGER IF EXISTS portal_search_bigram_au",
    "DROP TRIGGER IF EXISTS portal_search_bigram_ad",
    "DROP TRIGGER IF EXISTS portal_search_bigram_ai",
    "DROP TABLE IF EXISTS portal_search_bigram",
]
_COLUMNS = "gongkai_search_pairs({0}.title || ' ' || {0}.text), gongkai_search_chars({0}.title || ' ' || {0}.text)"
SQLITE_INDEX = [
    """CREATE VIRTUAL TABLE portal_search_index USING fts5(
        pairs, chars, content='', tokenize='unicode61 remove_diacritics 0')""",
    f"""INSERT INTO portal_search_index(rowid, pairs, chars)
        SELECT sort_key, {_COLUMNS.format("d")} FROM portal_searchdocument d""",
    f"""CREATE TRIGGER portal_search_index_ai AFTER INSERT ON portal_searchdocument BEGIN
        INSERT INTO portal_search_index(rowid, pairs, chars) VALUES (new.sort_key, {_COLUMNS.format("new")}); END""",
    f"""CREATE TRIGGER portal_search_index_ad AFTER DELETE ON portal_searchdocument BEGIN
        INSERT INTO portal_search_index(portal_search_index, rowid, pairs, chars)
        VALUES ('delete', old.sort_key, {_COLUMNS.format("old")}); END""",
    f"""CREATE TRIGGER portal_search_index_au AFTER UPDATE ON portal_searchdocument BEGIN
        INSERT INTO portal_search_index(portal_search_index, rowid, pairs, chars)
        VALUES ('delete', old.sort_key, {_COLUMNS.format("old")});
        INSERT INTO portal_search_index(rowid, pairs, chars) VALUES (new.sort_key, {_COLUMNS.format("new")}); END""",
]
# Undoing this migration brings back the earlier tables, filled.
SQLITE_RESTORE_EARLIER = [
    *import_module("gongkai.portal.migrations.0002_search_index").SQLITE_FORWARD,
    "INSERT INTO portal_search_fts(portal_search_fts) VALUES ('rebuild')",
    *import_module("gongkai.portal.migrations.0003_search_bigrams").SQLITE_FORWARD,
]
SQLITE_INDEX_BACKWARD = [
    "DROP TRIGGER portal_search_index_au",
    "DROP TRIGGER portal_search_index_ad",
    "DROP TRIGGER portal_search_index_ai",
    "DROP TABLE portal_search_index",
]


def _sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def fill_sort_keys(apps, schema_editor):
    from gongkai.portal.search import sort_key

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.item_id, i.published_at FROM portal_searchdocument d"
            " JOIN publishing_item i ON i.id = d.item_id ORDER BY d.item_id"
        )
        rows = cursor.fetchall()
    converter = connection.ops.convert_datetimefield_value if connection.vendor == "sqlite" else None
    keys = []
    for item_id, published_at in rows:
        if converter:
            published_at = converter(published_at, None, connection)
        keys.append((sort_key(published_at, item_id), item_id))
    with connection.cursor() as cursor:
        for start in range(0, len(keys), 10_000):
            cursor.executemany(
                "UPDATE portal_searchdocument SET sort_key = %s WHERE item_id = %s", keys[start : start + 10_000]
            )


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_search_bigrams"), ("publishing", "0003_item_document_type_index")]

    operations = [
        migrations.RunPython(_sqlite(SQLITE_DROP_EARLIER), _sqlite(SQLITE_RESTORE_EARLIER)),
        migrations.AddField(
            model_name="searchdocument",
            name="sort_key",
            field=models.BigIntegerField(null=True, unique=True),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
        migrations.RunPython(_sqlite(SQLITE_INDEX), _sqlite(SQLITE_INDEX_BACKWARD)),
    ]
