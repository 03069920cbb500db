"""Annual-report benchmark: one agency-year from 100,000 applications and 1,000,000 items, beside the same tables
computed by hand-written raw SQL in the same run (target: at most 3x), and the combined report of a 500-agency region
(target: under 5 s).

Data is bulk-generated with plain INSERTs into a temporary SQLite database ($TMPDIR/gongkai-bench-reporting-*/),
never the repository; later runs reuse it. BENCH_REPORTING_ITEMS / BENCH_REPORTING_APPLICATIONS shrink it.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ITEMS = int(os.environ.get("BENCH_REPORTING_ITEMS", 1_000_000))
APPLICATIONS = int(os.environ.get("BENCH_REPORTING_APPLICATIONS", 100_000))
AGENCIES = 500
YEAR = 2025
DATA = Path(tempfile.gettempdir()) / f"gongkai-bench-reporting-{ITEMS}-{APPLICATIONS}"
os.environ["GONGKAI_DATA_DIR"] = str(DATA)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from gongkai.agencies.models import Agency, Region  # noqa: E402
from gongkai.agencies.validators import credit_code_check_char  # noqa: E402
from gongkai.report.format import APPLICANT_COLUMN_KEYS, RESULT_ROW_KEYS_2021  # noqa: E402
from gongkai.reporting.selectors import combined_report, report_compute  # noqa: E402


def generate() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    if Agency.objects.exists():
        return
    print(f"generating {ITEMS:,} items, {APPLICATIONS:,} applications, {AGENCIES} agencies in {DATA} …", flush=True)
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
    db = sqlite3.connect(DATA / "gongkai.sqlite3")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(
        "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, "
        "is_active, date_joined) VALUES ('!', 0, 'bench', '', '', '', 0, 1, '2025-01-01')"
    )
    user = db.execute("SELECT id FROM auth_user WHERE username='bench'").fetchone()[0]
    categories = []
    for n in range(10):
        db.execute("INSERT INTO publishing_category (agency_id, name, position) VALUES (?, ?, ?)", (big, f"分类{n}", n))
        categories.append(db.execute("SELECT last_insert_rowid()").fetchone()[0])
    rnd = random.Random(1)
    types = ["other"] * 98 + ["normative", "regulation"]

    def items():
        for i in range(ITEMS):
            year = 2015 + i % 11
            day = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            kind = types[i % 100]
            repealed = kind != "other" and i % 7 == 0
            yield (
                big,
                year,
                i,
                f"BENCH/{i}",
                f"基准信息{i}",
                "",
                "基准",
                "",
                day,
                day,
                day,
                f"{day} 02:00:00",
                0,
                rnd.choice(categories),
                None,
                kind,
                "repealed" if repealed else "valid",
                day,
                f"{year + 1}-03-01" if repealed else None,
                "published",
                "[]",
                0,
                user,
                day,
                0,
            )

    db.executemany(
        "INSERT INTO publishing_item (agency_id, index_year, index_sequence, index_number, title, body, issuing_body,"
        " document_number, written_on, formed_on, publish_by, published_at, is_late, category_id, catalog_entry_id,"
        " document_type, validity, valid_from, invalid_from, status, personal_data_findings,"
        " personal_data_confirmed, created_by_id, created_at, is_demo) VALUES"
        " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        items(),
    )

    def applications():
        for i in range(APPLICATIONS * 2):
            agency = big if i < APPLICATIONS else ids[i % AGENCIES]
            received = f"{2024 + (i % 3 == 0)}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            decided = None if i % 50 == 0 else f"2025-{1 + (i * 7) % 12:02d}-{1 + i % 28:02d}"
            if decided and decided < received:
                decided = None
            outcome = RESULT_ROW_KEYS_2021[i % len(RESULT_ROW_KEYS_2021)] if decided else ""
            yield (
                agency,
                f"B-{i}",
                "x",
                "online",
                received,
                APPLICANT_COLUMN_KEYS[i % 6],
                "基准",
                "",
                "",
                "",
                "",
                "0",
                "",
                "",
                "",
                "x",
                "",
                "paper",
                "post",
                "closed" if decided else "received",
                None,
                "",
                0,
                outcome,
                decided,
                "",
                None,
                "",
                None,
                None,
                received,
                None,
            )

    db.executemany(
        "INSERT INTO applications_application (agency_id, number, tracking_code_hash, channel, received_on,"
        " applicant_type, applicant_name, id_type, id_number, credit_code, contact_person, phone, email, address,"
        " postcode, description, purpose, form, delivery, status, due_date, pause_reason, extension_workdays,"
        " outcome, decided_on, reason, delivered_on, delivered_by, closed_on, assignee_id, created_at,"
        " registered_by_id, applicant_type_reason, provisional, answered_late, pause_ends_on)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'',0,0,NULL)",
        # The counting benchmark measures GROUP BY queries, not the event log: rows are inserted whole (their
        # events are not generated), so verify_applications is not meant for this throwaway database.
        applications(),
    )
    db.commit()
    db.execute("ANALYZE")
    db.close()
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


RAW = {
    "table_a": """SELECT document_type,
        SUM(COALESCE(written_on, formed_on) BETWEEN :first AND :last),
        SUM(validity = 'repealed' AND invalid_from BETWEEN :first AND :last),
        SUM(COALESCE(written_on, formed_on) <= :last AND NOT (validity IN ('expired', 'repealed')
            AND (invalid_from IS NULL OR invalid_from <= :last)))
        FROM publishing_item WHERE agency_id = :agency AND status IN ('published', 'withdrawn')
        AND document_type IN ('regulation', 'normative') GROUP BY document_type""",
    "categories": """SELECT category_id, COUNT(*) FROM publishing_item WHERE agency_id = :agency
        AND status = 'published' AND published_at >= :first_ts AND published_at < :next_ts GROUP BY category_id""",
    "table_b": """SELECT applicant_type, outcome, SUM(received_on >= :first), SUM(received_on < :first),
        SUM(decided_on <= :last), SUM(decided_on IS NULL OR decided_on > :last)
        FROM applications_application WHERE agency_id = :agency AND received_on <= :last
        AND (decided_on IS NULL OR decided_on >= :first) GROUP BY applicant_type, outcome""",
    "table_c": """SELECT a.kind, COUNT(*) FROM applications_appeal a JOIN applications_application p
        ON p.id = a.application_id WHERE p.agency_id = :agency AND a.filed_on <= :last
        AND (a.closed_on IS NULL OR a.closed_on >= :first) GROUP BY a.kind""",
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


def main() -> None:
    generate()
    agency = Agency.objects.order_by("pk").first()
    agencies = list(Agency.objects.filter(region=agency.region))
    django_s = timed(lambda: report_compute(agency=agency, year=YEAR))
    raw_s = timed(lambda: raw_sql(agency.pk))
    region_s = timed(lambda: combined_report(name="基准区", agencies=agencies, imported=[], year=YEAR), repeat=3)
    ratio = django_s / raw_s
    print(f"\n{'measure':<52} {'seconds':>9} {'target':>10}  met")
    print(f"{'one agency-year (' + f'{ITEMS:,} items, {APPLICATIONS:,} applications)':<52} {django_s:>9.3f}")
    print(f"{'same tables, hand-written raw SQL':<52} {raw_s:>9.3f}")
    print(f"{'ratio Django / raw SQL':<52} {ratio:>9.2f} {'≤ 3x':>10}  {'yes' if ratio <= 3 else 'NO'}")
    print(
        f"{f'combined report of {len(agencies)} agencies':<52} {region_s:>9.3f} {'< 5 s':>10}  "
        f"{'yes' if region_s < 5 else 'NO'}"
    )


if __name__ == "__main__":
    main()
