"""An index for two-character terms (二字词 such as 节能), which trigrams cannot serve.

SQLite: a contentless FTS5 table over the character bigrams of each search document (gongkai.portal.search.bigrams,
registered on every connection as gongkai_bigrams), kept in sync by triggers like the trigram table. A term `ab` is
the single token "ab": found through the index, with the meaning of LIKE '%ab%'.
PostgreSQL: an immutable SQL function giving the array of a text's bigrams (pairs of adjacent characters that are not
whitespace, lower-cased) and a GIN index on it; a term is `portal_bigrams(text) @> ARRAY[lower(term)]`."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE portal_search_bigram USING fts5(
        bigrams, content='', detail='none', tokenize='unicode61 remove_diacritics 0')""",
    """INSERT INTO portal_search_bigram(rowid, bigrams)
        SELECT item_id, gongkai_bigrams(title || ' ' || text) FROM portal_searchdocument""",
    """CREATE TRIGGER portal_search_bigram_ai AFTER INSERT ON portal_searchdocument BEGIN
        INSERT INTO portal_search_bigram(rowid, bigrams) VALUES (new.item_id, gongkai_bigrams(new.title || ' ' || new.text));
        END""",
    """CREATE TRIGGER portal_search_bigram_ad AFTER DELETE ON portal_searchdocument BEGIN
        INSERT INTO portal_search_bigram(portal_search_bigram, rowid, bigrams)
        VALUES ('delete', old.item_id, gongkai_bigrams(old.title || ' ' || old.text)); END""",
    """CREATE TRIGGER portal_search_bigram_au AFTER UPDATE ON portal_searchdocument BEGIN
        INSERT INTO portal_search_bigram(portal_search_bigram, rowid, bigrams)
        VALUES ('delete', old.item_id, gongkai_bigrams(old.title || ' ' || old.text));
        INSERT INTO portal_search_bigram(rowid, bigrams) VALUES (new.item_id, gongkai_bigrams(new.title || ' ' || new.text));
        END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER portal_search_bigram_au",
    "DROP TRIGGER portal_search_bigram_ad",
    "DROP TRIGGER portal_search_bigram_ai",
    "DROP TABLE portal_search_bigram",
]
POSTGRES_FORWARD = [
    r"""CREATE FUNCTION portal_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT pair), '{}') FROM (
            SELECT lower(substr(t, i, 2)) AS pair FROM generate_series(1, length(t) - 1) AS i) AS pairs
        WHERE pair !~ '\s' $$""",
    "CREATE INDEX portal_search_text_bigrams ON portal_searchdocument USING gin (portal_bigrams(text))",
]
POSTGRES_BACKWARD = ["DROP INDEX portal_search_text_bigrams", "DROP FUNCTION portal_bigrams(text)"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_search_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
