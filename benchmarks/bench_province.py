"""Province scale, on PostgreSQL: 10,000 agencies in 5 regions of 2,000, 10,000,000 public items (1,000 per agency,
over ten years, 5 categories each, with their search documents) and 1,000,000 applications (100 per agency).
Measures one agency's annual report beside hand-written SQL, the combined report of a 2,000-agency region (target
under 30 s), and the portal pages as bench_portal loads them (item page, a category's last page, searches).

Not part of `make bench` (generating takes most of an hour on 2 cores): `make bench-province`. The data is loaded by
COPY into the database `province_<items>` of the benchmark server (benchmarks/pgserver.py), indexes built after,
and kept between runs. BENCH_PROVINCE_ITEMS, BENCH_PROVINCE_AGENCIES and BENCH_PROVINCE_APPLICATIONS shrink it.
Results are printed and written as JSON to $TMPDIR/gongkai-bench-province.json."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ITEMS = int(os.environ.get("BENCH_PROVINCE_ITEMS", 10_000_000))
AGENCIES = int(os.environ.get("BENCH_PROVINCE_AGENCIES", 10_000))
APPLICATIONS = int(os.environ.get("BENCH_PROVINCE_APPLICATIONS", 1_000_000))
REGION_SIZE = min(2_000, AGENCIES)
CATEGORIES_PER_AGENCY = 5
YEAR = 2025
# The portal scenarios come from bench_portal, which reads the number of items from its environment.
os.environ["BENCH_PORTAL_ITEMS"] = str(ITEMS)
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import bench_portal  # noqa: E402
import pgserver  # noqa: E402

NODE = Path(tempfile.gettempdir()) / f"gongkai-bench-province-{ITEMS}"
DATABASE = f"province_{ITEMS}"
RESULTS = Path(tempfile.gettempdir()) / "gongkai-bench-province.json"
START = datetime(2016, 1, 1, tzinfo=UTC)
# Ten years of items, one every `STEP` over all agencies.
STEP = timedelta(seconds=10 * 365 * 86_400 / ITEMS)
ITEM_COLUMNS = (
    "id, agency_id, category_id, index_year, index_sequence, index_number, title, body, issuing_body,"
    " document_number, written_on, formed_on, published_at, document_type, validity, invalid_from, status,"
    " personal_data_findings, personal_data_confirmed, is_late, created_at, is_demo, created_by_id"
)
APPLICATION_COLUMNS = (
    "agency_id, number, tracking_code_hash, channel, received_on, applicant_type, applicant_name, id_type, id_number,"
    " credit_code, contact_person, phone, email, address, postcode, description, purpose, form, delivery, status,"
    " due_date, pause_reason, extension_workdays, outcome, decided_on, reason, delivered_on, delivered_by, closed_on,"
    " assignee_id, created_at, registered_by_id, applicant_type_reason, provisional, answered_late, pause_ends_on"
)


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def item_rows(first_agency: int, first_category: int, user: int):
    """Item i belongs to agency i mod AGENCIES (each agency's items spread over the ten years), in one of its five
    categories; titles and bodies as bench_portal writes them, so that its searches mean the same here. Yields the
    item row and its search document (item_id, title, text, sort_key)."""
    from gongkai.portal.search import sort_key

    rng = random.Random(10)
    types = ["other"] * 98 + ["normative", "regulation"]
    now = datetime.now(UTC)
    for i in range(1, ITEMS + 1):
        agency = i % AGENCIES
        title = f"关于{rng.choice(bench_portal.ACTIONS)}{rng.choice(bench_portal.PLACES)}的通知（{i}）"
        topic = f"{rng.choice(bench_portal.PLACES)}{rng.choice(bench_portal.ACTIONS)}"
        body = f"各科室：现就{topic}有关事项通知如下，请认真贯彻落实。"
        number = f"测发〔2026〕{i}号"
        at = START + STEP * i
        day = at.date()
        kind = types[i % 100]
        repealed = kind != "other" and i % 7 == 0
        row = (i, first_agency + agency, first_category + agency * CATEGORIES_PER_AGENCY + (i // AGENCIES) % 5,
               day.year, i, f"P{agency:05d}/{day.year}-{i:08d}", title, f"<p>{title}。{body}</p>", "基准机关",
               number, day, day, at, kind, "repealed" if repealed else "valid",
               date_after(day) if repealed else None, "published", "[]", False, False, now, False, user)  # fmt: skip
        yield row, (i, title, f"{title}\n{number}\n{title}。{body}", sort_key(at, i))


def date_after(day):
    return day.replace(year=day.year + 1, month=3, day=1)


def application_rows(first_agency: int):
    from gongkai.report.format import APPLICANT_COLUMN_KEYS, RESULT_ROW_KEYS_2021

    for i in range(APPLICATIONS):
        received = f"{2024 + (i % 3 == 0)}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        decided = None if i % 50 == 0 else f"2025-{1 + (i * 7) % 12:02d}-{1 + i % 28:02d}"
        if decided and decided < received:
            decided = None
        outcome = RESULT_ROW_KEYS_2021[i % len(RESULT_ROW_KEYS_2021)] if decided else ""
        # Whole rows, no event log: what the report counts (as in bench_reporting).
        yield (first_agency + i % AGENCIES, f"P-{i}", "x", "online", received, APPLICANT_COLUMN_KEYS[i % 6], "基准", "",
               "", "", "", "0", "", "", "", "x", "", "paper", "post", "closed" if decided else "received", None, "", 0,
               outcome, decided, "", None, "", None, None, received, None, "", False, False, None)  # fmt: skip


def generate() -> None:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from gongkai.agencies.models import Agency, Region
    from gongkai.agencies.validators import credit_code_check_char
    from gongkai.publishing.models import Category, Item

    call_command("migrate", verbosity=0)
    if Item.objects.exists():
        log(f"reusing the data in database {DATABASE}")
        return
    import psycopg

    started = time.perf_counter()
    log(f"generating {AGENCIES:,} agencies, {ITEMS:,} items, {APPLICATIONS:,} applications")
    province = Region.objects.create(name="基准省", code="370000")
    regions = [
        Region.objects.create(name=f"基准市{r + 1}", code=f"37{r + 1:02d}00", parent=province)
        for r in range(-(-AGENCIES // REGION_SIZE))
    ]
    Agency.objects.bulk_create(
        Agency(
            name=f"基准机关{n:05d}",
            credit_code=(c := f"1137{n:013d}") + credit_code_check_char(c),
            region=regions[n // REGION_SIZE],
            address="测试路1号",
            phone="0533-1",
        )
        for n in range(AGENCIES)
    )
    agency_ids = list(Agency.objects.order_by("pk").values_list("pk", flat=True))
    assert agency_ids == list(range(agency_ids[0], agency_ids[0] + AGENCIES))
    Category.objects.bulk_create(
        (
            Category(agency_id=a, name=name, position=n)
            for a in agency_ids
            for n, name in enumerate(bench_portal.CATEGORIES)
        ),
        batch_size=10_000,
    )
    first_category = Category.objects.order_by("pk").values_list("pk", flat=True).first()
    user = User.objects.create(username="bench", password="!").pk
    db = settings.DATABASES["default"]
    with (
        psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"]) as con,
        pgserver.bulk_loading(con, ["publishing_item", "portal_searchdocument", "applications_application"]),
        con.cursor() as cursor,
    ):
        with (
            cursor.copy(f"COPY publishing_item ({ITEM_COLUMNS}) FROM STDIN") as items,
            open(NODE / "documents.copy", "wb") as documents,
        ):
            # The search documents go to a file first: one pass over the generator, one COPY at a time.
            for n, (row, document) in enumerate(item_rows(agency_ids[0], first_category, user), 1):
                items.write_row(row)
                documents.write(_copy_line(document))
                if n % 1_000_000 == 0:
                    log(f"  {n:,} items")
        log("items loaded; search documents")
        with (
            cursor.copy("COPY portal_searchdocument (item_id, title, text, sort_key) FROM STDIN") as copy,
            open(NODE / "documents.copy", "rb") as documents,
        ):
            while chunk := documents.read(1 << 20):
                copy.write(chunk)
        (NODE / "documents.copy").unlink()
        log("search documents loaded; applications")
        with cursor.copy(f"COPY applications_application ({APPLICATION_COLUMNS}) FROM STDIN") as copy:
            for row in application_rows(agency_ids[0]):
                copy.write_row(row)
        cursor.execute("SELECT setval('publishing_item_id_seq', (SELECT max(id) FROM publishing_item))")
        con.commit()
        log("rows loaded; building indexes and vacuuming")
    log(f"generated in {time.perf_counter() - started:.0f} s")


def _copy_line(values: tuple) -> bytes:
    """One line of COPY's text format."""

    def field(value) -> str:
        text = str(value)
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    return ("\t".join(field(v) for v in values) + "\n").encode()


def measure_reports() -> dict:
    """One agency-year beside bench_reporting's hand-written SQL, and a 2,000-agency region's combined report."""
    from django.db import connection

    from gongkai.agencies.models import Agency, Region
    from gongkai.reporting.selectors import combined_report, report_compute

    sys.argv = sys.argv[:1]  # bench_reporting sets Django up only when asked to measure
    import bench_reporting

    agency = Agency.objects.order_by("pk").first()
    params = {"agency": agency.pk, "first": f"{YEAR}-01-01", "last": f"{YEAR}-12-31",
              "first_ts": f"{YEAR - 1}-12-31 16:00:00", "next_ts": f"{YEAR}-12-31 16:00:00"}  # fmt: skip

    def raw():
        with connection.cursor() as cursor:
            for sql in bench_reporting.RAW.values():
                cursor.execute(sql, params)
                cursor.fetchall()

    region = Region.objects.filter(parent__isnull=False).order_by("pk").first()
    agencies = list(Agency.objects.filter(region=region))
    log(f"one agency's report; the combined report of {len(agencies):,} agencies")
    return {
        "agency": bench_reporting.timed(lambda: report_compute(agency=agency, year=YEAR), 5),
        "raw": bench_reporting.timed(raw, 5),
        "region": bench_reporting.timed(
            lambda: combined_report(name=region.name, agencies=agencies, imported=[], year=YEAR), 2
        ),
        "region_agencies": len(agencies),
    }


def main() -> int:
    if not pgserver.available():
        raise SystemExit("PostgreSQL binaries are missing (apt-get install postgresql)")
    NODE.mkdir(parents=True, exist_ok=True)
    fresh = not (NODE / "ready").exists()
    with pgserver.running(pgserver_home(), DATABASE, fresh=fresh) as url:
        env = bench_portal.django_env(url)
        env["GONGKAI_DATA_DIR"] = str(NODE)
        subprocess.run([sys.executable, __file__, "generate"], env=env, check=True)
        (NODE / "ready").write_text("ok")
        out = subprocess.run([sys.executable, __file__, "reports"], env=env, check=True, stdout=subprocess.PIPE,
                             text=True).stdout  # fmt: skip
        reports = json.loads(out.splitlines()[-1])
        log("portal under load")
        os.environ.update(env)  # the nginx site gongkai prints is read from its settings
        import django

        django.setup()
        bench_portal.LIST_PAGE = "/gk/1/c/2/?last=1"
        with bench_portal.serving(env) as site:
            colds = {
                "item page": bench_portal.cold(site.front + bench_portal.ITEM_PAGE),
                "category, last page": bench_portal.cold(site.front + bench_portal.LIST_PAGE),
                "search 智慧停车 节能": bench_portal.cold(site.front + bench_portal.SEARCH_PAGE),
            }
            bench_portal.warm_up(site)
            portal = {}
            for scenario in bench_portal.SCENARIOS:
                portal.update(scenario(site))
        sizes = database_sizes(url)
    RESULTS.write_text(json.dumps({"reports": reports, "portal": portal, "colds": colds, "sizes": sizes}))
    return report(reports, portal, colds, sizes)


def pgserver_home() -> Path:
    return bench_portal.PG_HOME


def database_sizes(url: str) -> dict:
    import psycopg

    with psycopg.connect(url) as con, con.cursor() as cursor:
        cursor.execute(
            "SELECT pg_database_size(current_database()), pg_total_relation_size('publishing_item'),"
            " pg_total_relation_size('portal_searchdocument'), pg_total_relation_size('applications_application')"
        )
        return dict(zip(["database", "items", "search documents", "applications"], cursor.fetchone(), strict=True))


def report(reports: dict, portal: dict, colds: dict, sizes: dict) -> int:
    print(f"\nprovince scale on PostgreSQL: {AGENCIES:,} agencies, {ITEMS:,} items, {APPLICATIONS:,} applications;"
          f" {os.cpu_count()} cores; database {sizes['database'] / 2**30:.1f} GiB")  # fmt: skip
    ratio = reports["agency"] / reports["raw"]
    print(f"{'one agency-year report':52} {reports['agency']:9.3f} s")
    print(f"{'same tables, hand-written SQL (baseline)':52} {reports['raw']:9.3f} s   ratio {ratio:.2f} (≤ 3x)")
    print(f"{'combined report of ' + format(reports['region_agencies'], ',') + ' agencies':52}"
          f" {reports['region']:9.3f} s   (< 30 s)")  # fmt: skip
    print(f"\n{'page (ms)':36} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6} {'first':>7}")
    for page, r in portal.items():
        first = f"{colds[page]:7.1f}" if page in colds else ""
        print(f"{page:36} {r['rps']:8.0f} {r['p50']:7.1f} {r['p95']:7.1f} {r['p99']:7.1f} {r['errors']:6} {first}")
    checks = [
        ("2,000-agency combined report < 30 s", reports["region"] < 30),
        *bench_portal.targets(portal),
    ]
    print()
    for label, met in checks:
        print(f"  {'MET    ' if met else 'NOT MET'} {label}")
    return 0 if all(met for _, met in checks) else 1


if __name__ == "__main__":
    if sys.argv[1:] in (["generate"], ["reports"]):
        import django

        django.setup()
        if sys.argv[1] == "generate":
            generate()
        else:
            print(json.dumps(measure_reports()))
    else:
        sys.exit(main())
