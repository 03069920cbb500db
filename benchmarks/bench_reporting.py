"""Annual-report benchmark, on SQLite and on PostgreSQL side by side: one agency-year from 100,000 applications and
1,000,000 items, beside the same tables computed by hand-written raw SQL in the same run (target: at most 3x), and
the combined report of a 500-agency region (target: under 5 s).

Data is bulk-generated once per engine, never in the repository, and reused by later runs: with plain INSERTs into a
temporary SQLite database ($TMPDIR/gongkai-bench-reporting-*/), and with COPY into a database of the PostgreSQL server
benchmarks/pgserver.py starts from the machine's binaries (skipped, and said so, without them).
BENCH_REPORTING_ITEMS / BENCH_REPORTING_APPLICATIONS shrink it; BENCH_REPORTING_ENGINES=sqlite runs one engine.
Each engine is measured in its own process (`bench_reporting.py measure`, which prints its figures as JSON).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pgserver

ITEMS = int(os.environ.get("BENCH_REPORTING_ITEMS", 1_000_000))
APPLICATIONS = int(os.environ.get("BENCH_REPORTING_APPLICATIONS", 100_000))
ENGINES = os.environ.get("BENCH_REPORTING_ENGINES", "sqlite,postgresql").split(",")
AGENCIES = 500
YEAR = 2025
DATA = Path(tempfile.gettempdir()) / f"gongkai-bench-reporting-{ITEMS}-{APPLICATIONS}"
PG_HOME = Path(tempfile.gettempdir()) / "gongkai-bench-pg"
PG_DATABASE = f"reporting_{ITEMS}_{APPLICATIONS}"
os.environ["GONGKAI_DATA_DIR"] = str(DATA)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

if sys.argv[1:] == ["measure"]:  # the child: Django on the engine its environment names
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from gongkai.agencies.models import Agency, Region
    from gongkai.agencies.validators import credit_code_check_char
    from gongkai.report.format import APPLICANT_COLUMN_KEYS, RESULT_ROW_KEYS_2021
    from gongkai.reporting.selectors import combined_report, report_compute

ITEM_COLUMNS = (
    "agency_id, index_year, index_sequence, index_number, title, body, issuing_body, document_number, written_on,"
    " formed_on, publish_by, published_at, is_late, category_id, catalog_entry_id, document_type, validity,"
    " valid_from, invalid_from, status, personal_data_findings, personal_data_confirmed, created_by_id, created_at,"
    " is_demo"
)
APPLICATION_COLUMNS = (
    "agency_id, number, tracking_code_hash, channel, received_on, applicant_type, applicant_name, id_type, id_number,"
    " credit_code, contact_person, phone, email, address, postcode, description, purpose, form, delivery, status,"
    " due_date, pause_reason, extension_workdays, outcome, decided_on, reason, delivered_on, delivered_by, closed_on,"
    " assignee_id, created_at, registered_by_id, applicant_type_reason, provisional, answered_late, pause_ends_on"
)


def item_rows(agency_ids: list[int], categories: list[int], user: int, count: int, first_agency_share: int = 1, *,
              zone: str = "+00"):  # fmt: skip
    """`count` items: `first_agency_share` in `first_agency_share` go to agency_ids[0] (all of them by default), the
    others round the agencies in turn; a few of them 规章 and 规范性文件, some repealed."""
    rnd = random.Random(1)
    types = ["other"] * 98 + ["normative", "regulation"]
    for i in range(count):
        year = 2015 + i % 11
        day = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        kind = types[i % 100]
        repealed = kind != "other" and i % 7 == 0
        agency = agency_ids[0] if i % first_agency_share == 0 else agency_ids[i % len(agency_ids)]
        yield (agency, year, i, f"BENCH/{i}", f"基准信息{i}", "", "基准", "", day, day, day, f"{day} 02:00:00{zone}", 0,
               rnd.choice(categories), None, kind, "repealed" if repealed else "valid", day,
               f"{year + 1}-03-01" if repealed else None, "published", "[]", 0, user, day, 0)  # fmt: skip


def application_rows(big: int, agency_ids: list[int], count: int):
    """`count` applications of agency `big` and `count` more spread over all agencies."""
    for i in range(count * 2):
        agency = big if i < count else agency_ids[i % len(agency_ids)]
        received = f"{2024 + (i % 3 == 0)}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        decided = None if i % 50 == 0 else f"2025-{1 + (i * 7) % 12:02d}-{1 + i % 28:02d}"
        if decided and decided < received:
            decided = None
        outcome = RESULT_ROW_KEYS_2021[i % len(RESULT_ROW_KEYS_2021)] if decided else ""
        # The counting benchmark measures GROUP BY queries, not the event log: rows are inserted whole (their
        # events are not generated), so verify_applications is not meant for this throwaway database.
        yield (agency, f"B-{i}", "x", "online", received, APPLICANT_COLUMN_KEYS[i % 6], "基准", "", "", "", "", "0", "",
               "", "", "x", "", "paper", "post", "closed" if decided else "received", None, "", 0, outcome, decided, "",
               None, "", None, None, received, None, "", 0, 0, None)  # fmt: skip


def bulk_insert(rows_by_table: dict[str, tuple[str, object]]) -> None:
    """Rows into tables: executemany on SQLite; COPY on PostgreSQL, the tables' secondary indexes built after."""
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "sqlite":
        raw.execute("PRAGMA synchronous=OFF")
        for table, (columns, rows) in rows_by_table.items():
            marks = ", ".join("?" * len(columns.split(",")))
            raw.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        raw.commit()
        raw.execute("ANALYZE")
        return
    with pgserver.bulk_loading(raw, list(rows_by_table)), raw.cursor() as cursor:
        for table, (columns, rows) in rows_by_table.items():
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


def generate() -> None:
    from django.contrib.auth.models import User

    from gongkai.publishing.models import Category

    DATA.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    if Agency.objects.exists():
        return
    print(f"{connection.vendor}: generating {ITEMS:,} items, {APPLICATIONS:,} applications, {AGENCIES} agencies …")
    started = time.perf_counter()
    region = Region.objects.create(name="基准区")
    agencies = [
        Agency(
            name=f"基准机关{i:03d}", credit_code=(c := f"11370399{i:09d}") + credit_code_check_char(c), region=region
        )
        for i in range(AGENCIES)
    ]
    Agency.objects.bulk_create(agencies)
    ids = list(Agency.objects.order_by("pk").values_list("pk", flat=True))
    big = ids[0]
    user = User.objects.create(username="bench", password="!").pk
    categories = [Category.objects.create(agency_id=big, name=f"分类{n}", position=n).pk for n in range(10)]
    zone = "" if connection.vendor == "sqlite" else "+00"  # SQLite keeps UTC without a zone, as Django does
    bulk_insert(
        {
            "publishing_item": (ITEM_COLUMNS, item_rows([big], categories, user, ITEMS, zone=zone)),
            "applications_application": (APPLICATION_COLUMNS, application_rows(big, ids, APPLICATIONS)),
        }
    )
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


# Portable SQL (SQLite 3.30+ and PostgreSQL both have aggregate FILTER), as one would write it by hand.
RAW = {
    "table_a": """SELECT document_type,
        COUNT(*) FILTER (WHERE COALESCE(written_on, formed_on) BETWEEN %(first)s AND %(last)s),
        COUNT(*) FILTER (WHERE validity = 'repealed' AND invalid_from BETWEEN %(first)s AND %(last)s),
        COUNT(*) FILTER (WHERE COALESCE(written_on, formed_on) <= %(last)s AND NOT (validity IN ('expired', 'repealed')
            AND (invalid_from IS NULL OR invalid_from <= %(last)s)))
        FROM publishing_item WHERE agency_id = %(agency)s AND status IN ('published', 'withdrawn')
        AND document_type IN ('regulation', 'normative') GROUP BY document_type""",
    "categories": """SELECT category_id, COUNT(*) FROM publishing_item WHERE agency_id = %(agency)s
        AND status = 'published' AND published_at >= %(first_ts)s AND published_at < %(next_ts)s
        GROUP BY category_id""",
    "table_b": """SELECT applicant_type, outcome, COUNT(*) FILTER (WHERE received_on >= %(first)s),
        COUNT(*) FILTER (WHERE received_on < %(first)s), COUNT(*) FILTER (WHERE decided_on <= %(last)s),
        COUNT(*) FILTER (WHERE decided_on IS NULL OR decided_on > %(last)s)
        FROM applications_application WHERE agency_id = %(agency)s AND received_on <= %(last)s
        AND (decided_on IS NULL OR decided_on >= %(first)s) GROUP BY applicant_type, outcome""",
    "table_c": """SELECT a.kind, COUNT(*) FROM applications_appeal a JOIN applications_application p
        ON p.id = a.application_id WHERE p.agency_id = %(agency)s AND a.filed_on <= %(last)s
        AND (a.closed_on IS NULL OR a.closed_on >= %(first)s) GROUP BY a.kind""",
}


def raw_sql(agency_id: int) -> None:
    params = {
        "agency": agency_id,
        "first": f"{YEAR}-01-01",
        "last": f"{YEAR}-12-31",
        "first_ts": f"{YEAR - 1}-12-31 16:00:00",
        "next_ts": f"{YEAR}-12-31 16:00:00",
    }
    with connection.cursor() as cursor:
        for sql in RAW.values():
            cursor.execute(sql, params)
            cursor.fetchall()


def timed(fn, repeat: int = 5) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def measure() -> dict:
    generate()
    agency = Agency.objects.order_by("pk").first()
    agencies = list(Agency.objects.filter(region=agency.region))
    django_s = timed(lambda: report_compute(agency=agency, year=YEAR))
    raw_s = timed(lambda: raw_sql(agency.pk))
    region_s = timed(lambda: combined_report(name="基准区", agencies=agencies, imported=[], year=YEAR), repeat=3)
    return {"django": django_s, "raw": raw_s, "region": region_s, "agencies": len(agencies)}


def engines():
    if "sqlite" in ENGINES:
        yield "SQLite", {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if "postgresql" in ENGINES:
        if not pgserver.available():
            print("PostgreSQL skipped: no server binaries under /usr/lib/postgresql (apt-get install postgresql)")
            return
        with pgserver.running(PG_HOME, PG_DATABASE) as url:
            yield "PostgreSQL", dict(os.environ, DATABASE_URL=url)


def main() -> int:
    measured = {}
    for name, env in engines():
        out = subprocess.run([sys.executable, __file__, "measure"], env=env, check=True, capture_output=True, text=True)
        sys.stderr.write(out.stderr)
        lines = out.stdout.splitlines()
        print("\n".join(lines[:-1]))
        measured[name] = json.loads(lines[-1])
    names = list(measured)
    print(f"\n{'measure (seconds)':<52}" + "".join(f" {n:>11}" for n in names) + f" {'target':>10}")
    rows = [
        (f"one agency-year ({ITEMS:,} items, {APPLICATIONS:,} applications)", "django", ""),
        ("same tables, hand-written raw SQL (baseline)", "raw", ""),
    ]
    for label, key, target in rows:
        print(f"{label:<52}" + "".join(f" {measured[n][key]:>11.3f}" for n in names) + f" {target:>10}")
    missed = False
    checks = [
        ("ratio Django / raw SQL", lambda m: m["django"] / m["raw"], "≤ 3x", lambda v: v <= 3),
        (f"combined report of {AGENCIES} agencies", lambda m: m["region"], "< 5 s", lambda v: v < 5),
    ]
    for label, value, target, met in checks:
        values = [value(measured[n]) for n in names]
        print(f"{label:<52}" + "".join(f" {v:>11.3f}" for v in values) + f" {target:>10}")
        print(f"{'  met':<52}" + "".join(f" {'met' if met(v) else 'NOT MET':>11}" for v in values))
        missed |= not all(met(v) for v in values)
    return 1 if missed else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["measure"]:
        print(json.dumps(measure()))
    else:
        sys.exit(main())
