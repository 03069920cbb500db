"""PostgreSQL: portal_page_lock(item, space), the page-file writer's lock and token check in one statement
(gongkai.portal.page_files).

It takes the shared advisory locks of every page (`space`) and of the item's page (`space | item`), held by the
session until the writer releases them, and then reads the item's page token. The function is VOLATILE, so its
second query takes a snapshot of its own once the locks are granted: it sees every change that committed while the
writer waited, which one statement alone (its snapshot taken before it waits) would not. NULL: the scope has no
token row. SQLite: nothing."""

from django.db import migrations

FORWARD = """CREATE OR REPLACE FUNCTION portal_page_lock(item bigint, space bigint) RETURNS text
    LANGUAGE sql VOLATILE STRICT AS $$
    SELECT pg_advisory_lock_shared(space), pg_advisory_lock_shared(space | item);
    SELECT token::text FROM portal_pageversion WHERE scope = 'item:' || item $$"""
BACKWARD = "DROP FUNCTION IF EXISTS portal_page_lock(bigint, bigint)"


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_search_bigrams_only")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
