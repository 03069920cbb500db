"""PostgreSQL: the bigram index also holds every four digits in a row (gongkai.portal.search).

A 文号 or a phone number is made of digit pairs that nearly every document holds (at ten million documents even the
three rarest pairs of "123456号" are each in about a million), so the index answered a rare number slowly (54 ms
at ten million). Its four digits in a row are each in a few thousand. portal_bigrams(text) now gives those too, as
well as every pair it gave before: the arrays only grow, so a search written for pairs (a node not yet upgraded)
is answered by the old index and by the new one alike. The index is then rebuilt with REINDEX CONCURRENTLY
(outside a transaction: searches and publications go on while it builds; minutes at ten million documents).

SQLite: nothing (its FTS5 index is not changed)."""

from django.db import migrations

GRAMS = r"""CREATE OR REPLACE FUNCTION portal_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT (SELECT coalesce(array_agg(DISTINCT pair), '{}') FROM (
            SELECT c || lead(c) OVER (ORDER BY n) AS pair
            FROM unnest(string_to_array(lower(t), NULL)) WITH ORDINALITY AS chars(c, n)) AS pairs
        WHERE pair !~ '\s')
     || (SELECT coalesce(array_agg(DISTINCT substr(run[1], i, 4)), '{}')
        FROM regexp_matches(t, '[0-9]{4,}', 'g') AS run, generate_series(1, length(run[1]) - 3) AS i) $$"""
PAIRS = r"""CREATE OR REPLACE FUNCTION portal_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(DISTINCT pair), '{}') FROM (
        SELECT c || lead(c) OVER (ORDER BY n) AS pair
        FROM unnest(string_to_array(lower(t), NULL)) WITH ORDINALITY AS chars(c, n)) AS pairs
    WHERE pair !~ '\s' $$"""
REINDEX = "REINDEX INDEX CONCURRENTLY portal_search_text_bigrams"


def _run(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    atomic = False  # REINDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("portal", "0006_page_lock_function")]

    operations = [migrations.RunPython(_run(GRAMS, REINDEX), _run(PAIRS, REINDEX))]
