"""Portal benchmark, on SQLite and on PostgreSQL side by side: 1,000,000 public items (the same rows on both engines,
generated once into a temp dir or a PostgreSQL database and kept between runs), served as deployed (nginx with the
site `gongkai manage portal_nginx` prints, in front of gunicorn on 127.0.0.1), loaded with wrk for the item page, the
last page of a category and searches, beside a plain nginx serving the same item page saved as a file. Prints
throughput, p50/p95/p99 per engine and which targets are met; exits 1 when one is not.

One function per scenario (`scenario_*`, each loading one kind of request against a running site); `main` serves each
engine in turn and runs every scenario against it. PostgreSQL is started from the machine's binaries
(benchmarks/pgserver.py); without them it is skipped, and said so. BENCH_PORTAL_ENGINES=sqlite (or postgresql) runs
one engine only.

Needs wrk and nginx (apt-get install wrk nginx). Loopback only; each load lasts DURATION seconds."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pgserver

ITEMS = int(os.environ.get("BENCH_PORTAL_ITEMS", "1000000"))
DURATION = int(os.environ.get("BENCH_PORTAL_SECONDS", "10"))
CONNECTIONS = 16
# As deployed (docs/deploy.md: --workers 3 --threads 2): threaded workers keep nginx's upstream connections open,
# which sync workers cannot; measured on 2 cores (docs/portal.md) they serve uncached item pages and repeated lists
# faster than sync workers.
WORKERS = int(os.environ.get("BENCH_PORTAL_WORKERS", "3"))
WORKER_CLASS = os.environ.get("BENCH_PORTAL_WORKER_CLASS", "gthread")
THREADS = os.environ.get("BENCH_PORTAL_THREADS", "2")
HOME = Path(tempfile.gettempdir()) / f"gongkai-bench-portal-{ITEMS}"
# PostgreSQL: the server's data (shared with the other benchmarks, one database each) and the app's own data folder
# (page cache, page files) for the PostgreSQL run.
PG_HOME = Path(tempfile.gettempdir()) / "gongkai-bench-pg"
PG_NODE = Path(tempfile.gettempdir()) / f"gongkai-bench-portal-pg-{ITEMS}"
ENGINES = os.environ.get("BENCH_PORTAL_ENGINES", "sqlite,postgresql").split(",")
CATEGORIES = ["政策文件", "业务动态", "通知公告", "人事信息", "财政信息"]
PLACES = ["智慧停车", "垃圾分类", "节能降耗", "公务用车", "办公用房", "公共机构", "机关食堂", "会议服务"]
ACTIONS = [f"{a}{b}" for a in "开展推进加强规范做好落实" for b in ("工作", "管理", "检查", "培训", "宣传")]
LUA = """done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %.1f %.1f %.1f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def django_env(database_url: str = "") -> dict:
    """The environment of the app on SQLite (no URL) or on the PostgreSQL database `database_url`."""
    env = dict(os.environ, GONGKAI_DATA_DIR=str(PG_NODE if database_url else HOME),
               DJANGO_SETTINGS_MODULE="gongkai.site.settings")  # fmt: skip
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def call_command(*args, **options) -> None:
    from django.core.management import call_command as django_call_command

    django_call_command(*args, **options)


def item_rows(now: str):
    """The million items, the same on both engines (one seed): the row of publishing_item in the column order of
    ITEM_COLUMNS, and the search document's text as portal.sync writes it (title, 文号, body without tags)."""
    rng = random.Random(6)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    for i in range(1, ITEMS + 1):
        title = f"关于{rng.choice(ACTIONS)}{rng.choice(PLACES)}的通知（{i}）"
        at = start + timedelta(minutes=5 * i)
        day = at.strftime("%Y-%m-%d")
        topic = f"{rng.choice(PLACES)}{rng.choice(ACTIONS)}"
        body = f"<p>{title}。各科室：现就{topic}有关事项通知如下，请认真贯彻落实。</p>"
        number = f"测发〔2026〕{i}号"
        row = (i, 2026, i, f"11370399000000001X/2026-{i:07d}", title, body, "基准测试局", number, day, day, at, "other",
               "valid", "published", "[]", 0, 0, now, 0, 1, 1 + i % 5, 1)  # fmt: skip
        yield row, f"{title}\n{number}\n{body.removeprefix('<p>').removesuffix('</p>')}"


ITEM_COLUMNS = (
    "id, index_year, index_sequence, index_number, title, body, issuing_body, document_number, written_on, formed_on,"
    " published_at, document_type, validity, status, personal_data_findings, personal_data_confirmed, is_late,"
    " created_at, is_demo, agency_id, category_id, created_by_id"
)


def seed() -> None:
    """The agency, its categories and a user through the models (their defaults stay right as the models grow);
    the million items in bulk after them."""
    from django.contrib.auth.models import User

    from gongkai.agencies.models import Agency, Region
    from gongkai.publishing.models import Category

    region = Region.objects.create(name="基准区", code="370399")
    User.objects.create(username="bench", password="!")
    agency = Agency.objects.create(name="基准测试局", credit_code="11370399000000001X", region=region,
                                   address="测试路1号", postcode="255000", phone="0533-1")  # fmt: skip
    Category.objects.bulk_create(Category(agency=agency, name=name, position=n) for n, name in enumerate(CATEGORIES))


def generate_sqlite() -> None:
    db = HOME / "gongkai.sqlite3"
    if (HOME / "ready").exists():
        print(f"SQLite: reusing {ITEMS:,} items in {HOME}")
        # Migrations added since the data was generated (the search's bigram index fills itself).
        call_command("migrate", verbosity=0)
        return
    shutil.rmtree(HOME, ignore_errors=True)
    HOME.mkdir(parents=True)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seed()
    from gongkai.portal.search import index_chars, index_pairs, sort_key

    con = sqlite3.connect(db)
    con.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;")
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")

    def rows():
        for row, _ in item_rows(now):
            yield (*row[:10], row[10].strftime("%Y-%m-%d %H:%M:%S"), *row[11:])

    marks = ", ".join("?" * len(ITEM_COLUMNS.split(",")))
    con.executemany(f"INSERT INTO publishing_item ({ITEM_COLUMNS}) VALUES ({marks})", rows())
    # The search text and sort key; the triggers fill the search index with the functions the app registers on its
    # own connections.
    for name, function in (("gongkai_search_pairs", index_pairs), ("gongkai_search_chars", index_chars)):
        con.create_function(name, 1, function, deterministic=True)
    con.create_function(
        "bench_sort_key", 2, lambda at, pk: sort_key(datetime.fromisoformat(at).replace(tzinfo=UTC), pk)
    )
    con.execute(
        "INSERT INTO portal_searchdocument (item_id, title, text, sort_key) SELECT id, title, title || char(10) ||"
        " document_number || char(10) || replace(replace(body, '<p>', ''), '</p>', ''),"
        " bench_sort_key(published_at, id) FROM publishing_item"
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    (HOME / "ready").write_text("ok")
    print(f"SQLite: generated {ITEMS:,} items in {time.perf_counter() - started:.0f} s ({HOME})")


def generate_postgresql() -> None:
    """The same rows by COPY, with the tables' secondary indexes (trigram, bigram, lists) built after loading."""
    import psycopg
    from django.conf import settings

    from gongkai.portal.search import sort_key
    from gongkai.publishing.models import Item

    call_command("migrate", verbosity=0)
    if Item.objects.exists():
        print(f"PostgreSQL: reusing {Item.objects.count():,} items")
        return
    started = time.perf_counter()
    seed()
    now = datetime.now(UTC)
    db = settings.DATABASES["default"]
    with (
        psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"]) as con,
        pgserver.bulk_loading(con, ["publishing_item", "portal_searchdocument"]),
        con.cursor() as cursor,
    ):
        with cursor.copy(f"COPY publishing_item ({ITEM_COLUMNS}) FROM STDIN") as items:
            for row, _ in item_rows(now):
                items.write_row(row)
        with cursor.copy("COPY portal_searchdocument (item_id, title, text, sort_key) FROM STDIN") as docs:
            for row, text in item_rows(now):
                docs.write_row((row[0], row[4], text, sort_key(row[10], row[0])))
        cursor.execute("SELECT setval('publishing_item_id_seq', (SELECT max(id) FROM publishing_item))")
        con.commit()
    print(f"PostgreSQL: generated {ITEMS:,} items in {time.perf_counter() - started:.0f} s")


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer {url}")


def cold(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


# Every request a new URL (an extra parameter the views ignore, or a random item): what a visitor meets on a page no
# one asked for since its last change, the page cache bypassed.
UNIQUE_URLS = """counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "&n=" .. counter)
end
"""
RANDOM_ITEMS = """math.randomseed(6)
request = function()
  return wrk.format(nil, "/gk/item/" .. math.random(1, %d) .. "/")
end
"""


def load(url: str, requests: str = "", connections: int = CONNECTIONS, seconds: int = DURATION) -> dict:
    script = Path(tempfile.gettempdir()) / f"gongkai-bench-portal-{os.getpid()}.lua"
    script.write_text(LUA + requests)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(next(line.split()[1] for line in out.splitlines() if line.startswith("Requests/sec")))
    _, requests, errors, p50, p95, p99 = next(line for line in out.splitlines() if line.startswith("BENCH")).split()
    return {"rps": rps, "requests": int(requests), "errors": int(errors), "p50": float(p50), "p95": float(p95),
            "p99": float(p99)}  # fmt: skip


def start_nginx(home: Path, name: str, conf_text: str, port: int, probe: str) -> subprocess.Popen:
    conf = home / f"{name}.conf"
    conf.write_text(conf_text)
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(home), "-e", "stderr"])
    wait_for(f"http://127.0.0.1:{port}{probe}")
    return process


# A new query on every request, as visitors type them: two words (a place, in about a quarter of the items, and an
# action, in about 3 %: together in 0.7 %) or a rare one (a 文号's last digits, in a handful), never the same URL twice.
NEW_QUERIES = """math.randomseed(7)
local places = {%s}
local actions = {%s}
counter = 0
request = function()
  counter = counter + 1
  local q
  if counter %% 2 == 0 then
    q = places[math.random(#places)] .. "+" .. actions[math.random(#actions)]
  else
    q = math.random(10000, %d) .. "%%E5%%8F%%B7"
  end
  return wrk.format(nil, "/search/?q=" .. q .. "&n=" .. counter)
end
"""


@dataclass
class Site:
    """One engine's site under test: nginx in front of gunicorn, gunicorn alone, and a plain nginx for the baseline."""

    front: str
    app: str
    static: str
    home: Path


ITEM_PAGE = f"/gk/item/{ITEMS // 2}/"
LIST_PAGE = "/gk/1/c/2/?last=1"
SEARCH_PAGE = "/search/?q=" + urllib.parse.quote("智慧停车 节能")


def scenario_item_page(site: Site) -> dict:
    return {"item page": load(site.front + ITEM_PAGE)}


def scenario_category_last_page(site: Site) -> dict:
    return {"category, last page": load(site.front + LIST_PAGE)}


def scenario_search_repeated(site: Site) -> dict:
    return {"search 智慧停车 节能": load(site.front + SEARCH_PAGE)}


def scenario_item_page_gunicorn(site: Site) -> dict:
    return {"item page, gunicorn alone": load(site.app + ITEM_PAGE)}


def scenario_random_items(site: Site) -> dict:
    return {"item page, uncached random ids": load(site.front + "/", RANDOM_ITEMS % ITEMS)}


def scenario_search_new_url(site: Site) -> dict:
    return {"search, uncached": load(site.front + SEARCH_PAGE, UNIQUE_URLS)}


def scenario_search_new_query(site: Site) -> dict:
    words = [", ".join(f'"{urllib.parse.quote(w)}"' for w in group) for group in (PLACES, ACTIONS)]
    return {"search, a new query every request": load(site.front + "/", NEW_QUERIES % (*words, ITEMS))}


def scenario_search_new_query_two_connections(site: Site) -> dict:
    """The same at two connections (one per core): the search's own time, without 16 requests queueing for 2 cores."""
    words = [", ".join(f'"{urllib.parse.quote(w)}"' for w in group) for group in (PLACES, ACTIONS)]
    return {"search, a new query, 2 connections": load(site.front + "/", NEW_QUERIES % (*words, ITEMS), 2)}


def scenario_crawler(site: Site) -> dict:
    """The crawler case (issue 17, item 5): every request a different item page that no one asked for before, so
    there is no page file and no cache entry, and a page asked once gets none (portal.page_files.wanted). Target:
    >= 1,000 req/s with p99 < 50 ms."""
    base, pages_dir = site.front, site.home / "pages"
    for page in pages_dir.glob("gk/item/*.html"):
        page.unlink()  # no item has a page file: whatever earlier loads asked for is unseen again
    first = random.randrange(ITEMS)
    # Thread t of wrk's 2 asks first+t, first+t+2, first+t+4, ...: no id twice.
    walk = """local threads = 0
setup = function(thread) thread:set("index", threads); threads = threads + 1 end
init = function(args) counter = 0 end
request = function()
  local id = (FIRST + index + 2 * counter) % ITEMS + 1
  counter = counter + 1
  return wrk.format(nil, "/gk/item/" .. id .. "/")
end
"""
    crawl = load(base + "/", walk.replace("FIRST", str(first)).replace("ITEMS", str(ITEMS)))
    time.sleep(1)  # requests wrk gave up on at its end may still be answering
    unwritten = sum(1 for _ in pages_dir.glob("gk/item/*.html"))
    # Its baseline: 2,000 of the pages it asked for, asked round and round, once until each process's second visit
    # has written their files (not reported), then as nginx sends them from those files.
    replay_script = (
        f"first, count = {first}, {min(crawl['requests'], 2000)}"
        + """
init = function(args) counter = 0 end
request = function()
  counter = counter + 1
  return wrk.format(nil, "/gk/item/" .. (first + counter % count) % ITEMS + 1 .. "/")
end
""".replace("ITEMS", str(ITEMS))
    )
    load(base + "/", replay_script)
    files = sum(1 for _ in pages_dir.glob("gk/item/*.html"))
    replay = load(base + "/", replay_script)
    print(
        f"crawler case: {crawl['requests']:,} requests, each a different item page, which wrote {unwritten:,} files;"
        f" 2,000 of the pages asked again had {files:,} files"
    )
    return {"item page, crawler (unseen ids)": crawl, "the same pages again, from files": replay}


def scenario_plain_nginx(site: Site) -> dict:
    return {"nginx, same item page as a file": load(site.static + "/item.html")}


SCENARIOS = [
    scenario_item_page,
    scenario_category_last_page,
    scenario_search_repeated,
    scenario_item_page_gunicorn,
    scenario_random_items,
    scenario_search_new_url,
    scenario_search_new_query,
    scenario_search_new_query_two_connections,
    scenario_plain_nginx,
    scenario_crawler,  # last: it deletes every page file before it starts
]


def targets(results: dict) -> list[tuple[str, bool]]:
    item, listing = results["item page"], results["category, last page"]
    crawler = results["item page, crawler (unseen ids)"]
    ratio = item["rps"] / results["nginx, same item page as a file"]["rps"]
    return [
        ("item page >= 500 req/s and p99 < 50 ms", item["rps"] >= 500 and item["p99"] < 50),
        ("category last page >= 500 req/s and p99 < 50 ms", listing["rps"] >= 500 and listing["p99"] < 50),
        (f"item page >= half of nginx throughput ({ratio:.2f})", ratio >= 0.5),
        ("search p95 < 100 ms (repeated query, from the page cache)", results["search 智慧停车 节能"]["p95"] < 100),
        ("search p95 < 100 ms (every request a new URL)", 0 < results["search, uncached"]["p95"] < 100),
        (
            "search p95 < 100 ms (a new query every request)",
            0 < results["search, a new query every request"]["p95"] < 100,
        ),
        (
            "crawler case >= 1,000 req/s and p99 < 50 ms (items no one asked for)",
            crawler["rps"] >= 1000 and crawler["p99"] < 50,
        ),
        ("no errors", all(r["errors"] == 0 for r in results.values())),
    ]


@contextlib.contextmanager
def serving(env: dict) -> Iterator[Site]:
    """gunicorn on the engine of `env`, nginx with the printed site in front, and a plain nginx for the baseline."""
    from gongkai.portal import nginx as site

    home = Path(env["GONGKAI_DATA_DIR"])
    pages_dir = home / "pages"
    shutil.rmtree(pages_dir, ignore_errors=True)  # every run starts with no page files
    port, front_port, static_port = free_port(), free_port(), free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "gongkai.site.wsgi", "-w", str(WORKERS), "-k", WORKER_CLASS,
         "--threads", THREADS, "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=dict(env, GONGKAI_PAGE_FILES_DIR=str(pages_dir)),
    )  # fmt: skip
    processes = [server]
    try:
        wait_for(f"http://127.0.0.1:{port}/robots.txt")
        front = site.site(listen=f"127.0.0.1:{front_port}", upstream=f"127.0.0.1:{port}", page_files=pages_dir)
        processes.append(start_nginx(home, "front", site.standalone(home=home, servers=front, name="front"),
                                     front_port, "/robots.txt"))  # fmt: skip
        base = f"http://127.0.0.1:{front_port}"
        static = home / "static"
        static.mkdir(exist_ok=True)
        (static / "item.html").write_bytes(urllib.request.urlopen(base + ITEM_PAGE).read())
        plain_server = f"types {{ text/html html; }} server {{ listen 127.0.0.1:{static_port}; root {static}; }}\n"
        plain = site.standalone(home=home, servers=plain_server, name="static")
        processes.append(start_nginx(home, "static", plain, static_port, "/item.html"))
        yield Site(front=base, app=f"http://127.0.0.1:{port}", static=f"http://127.0.0.1:{static_port}", home=home)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)


def measure(env: dict) -> tuple[dict, dict]:
    """Generate (or reuse) the engine's data, serve it and run every scenario: (results by page, first requests)."""
    subprocess.run([sys.executable, __file__, "generate"], env=env, check=True)
    with serving(env) as site:
        # The first request of each page after a start (no page file, no cache): what one visitor alone waits.
        colds = {"item page": cold(site.front + ITEM_PAGE), "category, last page": cold(site.front + LIST_PAGE),
                 "search 智慧停车 节能": cold(site.front + SEARCH_PAGE)}  # fmt: skip
        warm_up(site)
        results = {}
        for scenario in SCENARIOS:
            results.update(scenario(site))
    return results, colds


def warm_up(site: Site) -> None:
    """Two seconds of load on a list page and on searches, not reported, before the loads that are: a server just
    started answers its first second slowly (every thread of every worker imports, compiles its templates and opens
    its connection), which made the tail of whichever load came first (up to 480 ms at p99 for the category page,
    11 ms when the same load ran again). What one visitor waits for a page after a start is the "first" column.
    The searches' URLs are never those of the loads that follow (`w=` where those count `n=`)."""
    load(site.front + LIST_PAGE, seconds=2)
    load(site.front + SEARCH_PAGE, UNIQUE_URLS.replace('"&n="', '"&w="'), seconds=2)


def engines() -> Iterator[tuple[str, dict]]:
    if "sqlite" in ENGINES:
        yield "SQLite", django_env()
    if "postgresql" in ENGINES:
        if not pgserver.available():
            print("PostgreSQL skipped: no server binaries under /usr/lib/postgresql (apt-get install postgresql)")
            return
        fresh = not (PG_NODE / "ready").exists()
        with pgserver.running(PG_HOME, f"portal_{ITEMS}", fresh=fresh) as url:
            PG_NODE.mkdir(parents=True, exist_ok=True)
            yield "PostgreSQL", django_env(url)
            (PG_NODE / "ready").write_text("ok")


def main() -> int:
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is missing: apt-get install {tool}")
    measured, load_before = {}, " ".join(f"{x:.2f}" for x in os.getloadavg()[:2])
    for name, env in engines():
        measured[name] = measure(env)
    print(
        f"\nportal under load: {ITEMS:,} items, nginx (the site gongkai prints) in front of gunicorn"
        f" {WORKERS} {WORKER_CLASS} workers x {THREADS} threads, wrk 2 threads x"
        f" {CONNECTIONS} connections x {DURATION} s on 127.0.0.1, {os.cpu_count()} cores shared with wrk and nginx"
    )
    print(f"load average before: {load_before}, after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    names = list(measured)
    header = "".join(f" | {n + ': req/s':>18} {'p50':>6} {'p95':>6} {'p99':>6} {'err':>4} {'first':>6}" for n in names)
    print(f"{'page (ms)':34}{header}")
    for page in next(iter(measured.values()))[0]:
        line = f"{page:34}"
        for name in names:
            results, colds = measured[name]
            r = results[page]
            first = f"{colds[page]:6.1f}" if page in colds else f"{'':6}"
            line += f" | {r['rps']:18.0f} {r['p50']:6.1f} {r['p95']:6.1f} {r['p99']:6.1f} {r['errors']:4} {first}"
        print(line)
    missed = False
    print(f"\n{'target':66}" + "".join(f" {n:>10}" for n in names))
    checks = {name: targets(measured[name][0]) for name in names}
    for row in zip(*checks.values(), strict=True):
        label = row[0][0].split(" (")[0] if "nginx throughput" in row[0][0] else row[0][0]
        print(f"{label:66}" + "".join(f" {'met' if met else 'NOT MET':>10}" for _, met in row))
        missed |= not all(met for _, met in row)
    # The figures as JSON too, for docs/scale.md's table.
    (Path(tempfile.gettempdir()) / "gongkai-bench-portal.json").write_text(json.dumps({n: measured[n] for n in names}))
    return 1 if missed else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["generate"]:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
        import django

        django.setup()
        from django.db import connection

        generate_postgresql() if connection.vendor == "postgresql" else generate_sqlite()
    else:
        os.environ.update(django_env())
        import django

        django.setup()
        sys.exit(main())
