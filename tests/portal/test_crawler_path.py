"""The item page nobody has asked for since its last change (what crawlers hit) is rendered before sessions, auth and
URL resolution run, from a few SQL statements, and written as its file; it is the same page the view renders."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.portal import page_files
from gongkai.portal.models import PageVersion
from gongkai.publishing import services
from gongkai.publishing.models import Attachment


def test_the_first_visit_reads_no_session_and_writes_the_file(client, publish):
    item = publish()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/gk/item/{item.pk}/")
    assert response.status_code == 200 and item.title in response.text
    sql = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]  # the test's own transaction
    assert not any("django_session" in s or "auth_user" in s for s in sql), sql
    assert not any(verb in s.upper() for s in sql for verb in ("INSERT", "UPDATE", "DELETE")), sql  # nothing written
    # Item, token, neighbours and whether there are attachments (there are none); the token again under the page's
    # lock (on PostgreSQL an advisory lock: taken with the token's read, then released).
    assert len(sql) == (2 if connection.vendor == "sqlite" else 3), sql
    assert page_files.path_of(item.pk).read_bytes() == response.content


def test_it_is_the_page_the_view_renders(client, publish, staff):
    item = publish("关于“节能”的<通知> & 'A'")
    anonymous = client.get(f"/gk/item/{item.pk}/").text  # the fast path
    client.force_login(staff["alice"])
    signed_in = client.get(f"/gk/item/{item.pk}/").text  # the view, through every middleware
    assert anonymous == signed_in
    assert "关于“节能”的&lt;通知&gt; &amp; &#x27;A&#x27;" in anonymous  # escaped as Django's engine escapes


def test_a_file_that_exists_is_sent_in_one_query_with_the_same_etag(client, publish, django_assert_num_queries):
    item = publish()
    first = client.get(f"/gk/item/{item.pk}/")
    with django_assert_num_queries(1):
        again = client.get(f"/gk/item/{item.pk}/")  # no nginx in front: Django sends the file
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]


def test_an_item_without_a_token_row_gets_its_file_and_loses_it_on_withdrawal(client, publish, staff):
    item = publish()
    PageVersion.objects.filter(scope=f"item:{item.pk}").delete()  # as after a bulk load
    assert client.get(f"/gk/item/{item.pk}/").status_code == 200
    assert page_files.path_of(item.pk).exists()
    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    assert not page_files.path_of(item.pk).exists()
    assert client.get(f"/gk/item/{item.pk}/").status_code == 404


def test_a_page_read_without_a_token_is_not_written_once_a_change_gave_one(client, publish, staff):
    item = publish()
    PageVersion.objects.filter(scope=f"item:{item.pk}").delete()
    content = client.get(f"/gk/item/{item.pk}/").content
    page_files.path_of(item.pk).unlink()
    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    assert page_files.store_item(item.pk, None, content, None) is None
    assert not page_files.path_of(item.pk).exists()


def test_the_attachments_are_listed_in_order_with_one_statement_more(client, publish):
    item = publish()
    for name in ("附件一.pdf", "附件二.docx"):
        kind = name.rsplit(".", 1)[1]
        Attachment.objects.create(item=item, file=f"a/{name}", name=name, kind=kind, size=2048, sha256="0")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/gk/item/{item.pk}/").text
    assert page.index("附件一.pdf") < page.index("附件二.docx")
    assert "（PDF，2.0\xa0KB）" in page  # Django's filesizeformat
    sql = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert sum("publishing_attachment WHERE item_id" in s for s in sql) == 1
    assert len(sql) == (3 if connection.vendor == "sqlite" else 4), sql
