"""gongkai.common.db.prepared_cursor: on PostgreSQL its statements are prepared on the connection from their fifth
run, read timestamps as Django's cursors do, and are seen by Django's query log like any other; on SQLite it is the
ordinary cursor."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.common.db import aware, prepared_cursor
from gongkai.portal.models import PageVersion

pytestmark = pytest.mark.django_db

STATEMENT = "SELECT token, changed_at FROM portal_pageversion WHERE scope = %s"


def test_it_reads_what_the_orm_reads_and_is_logged():
    PageVersion.objects.create(scope="site", token="abc", changed_at=timezone.now())
    expected = PageVersion.objects.values_list("token", "changed_at").get(scope="site")
    with CaptureQueriesContext(connection) as queries, prepared_cursor() as cursor:
        cursor.execute(STATEMENT, ["site"])
        token, changed_at = cursor.fetchone()
    assert (token, aware(changed_at)) == expected
    assert [q["sql"] for q in queries][-1].startswith("SELECT token, changed_at FROM portal_pageversion")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_postgresql_prepares_a_statement_run_often():
    for run in range(6):
        with prepared_cursor() as cursor:
            cursor.execute(STATEMENT, [f"item:{run}"])
            cursor.fetchall()
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans FROM pg_prepared_statements WHERE statement LIKE %s", [
            "SELECT token, changed_at FROM portal_pageversion%"])  # fmt: skip
        plans = [row[0] for row in cursor.fetchall()]
    assert plans and sum(plans) >= 1  # prepared, and run on its generic plan (plan_cache_mode in the settings)
