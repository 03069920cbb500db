"""SQLite: the search index's `pairs` column also holds every four digits in a row (gongkai.portal.search.index_pairs),
as PostgreSQL's bigram index does since 0007. A 文号's number was the phrase of its digit pairs, each in a tenth of
the documents, which FTS5 evaluated over whole doclists (8.7 ms a number at a million documents); with its fours
beside the phrase it reads from the few documents holding them.

The triggers compute the column with the app's function, which now gives more tokens, and a contentless FTS5 table
can only delete a row given the tokens it was indexed with: so every row is indexed again here, before any trigger
runs with the new function. The fours come after a run break, so a phrase of pairs matches what it matched before.
PostgreSQL: nothing."""

from django.db import migrations

_COLUMNS = "gongkai_search_pairs(d.title || ' ' || d.text), gongkai_search_chars(d.title || ' ' || d.text)"
REINDEX = [
    "INSERT INTO portal_search_index(portal_search_index) VALUES ('delete-all')",
    f"INSERT INTO portal_search_index(rowid, pairs, chars) SELECT sort_key, {_COLUMNS} FROM portal_searchdocument d",
]


def reindex(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in REINDEX:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_search_digit_grams")]

    # Backwards the index keeps its fours: the earlier code's phrases match as before.
    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
