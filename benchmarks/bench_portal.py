"""Portal benchmark: 1,000,000 public items in a SQLite database under a temp dir (kept between runs), served as
deployed (nginx with the site `gongkai manage portal_nginx` prints, in front of gunicorn on 127.0.0.1), loaded with
wrk for the item page, the last page of a category and a search, beside a plain nginx serving the same item page
saved as a file. Prints throughput, p50/p95/p99 and which targets are met.

Needs wrk and nginx (apt-get install wrk nginx). Loopback only; each load lasts DURATION seconds."""

from __future__ import annotations

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
from datetime import UTC, datetime, timedelta
from pathlib import Path

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


def django_env() -> dict:
    env = dict(os.environ, GONGKAI_DATA_DIR=str(HOME), DJANGO_SETTINGS_MODULE="gongkai.site.settings")
    env.pop("DATABASE_URL", None)
    return env


def generate() -> None:
    from gongkai.portal.search import index_chars, index_pairs, sort_key

    db = HOME / "gongkai.sqlite3"
    if (HOME / "ready").exists():
        print(f"reusing {ITEMS:,} items in {HOME}")
        # Migrations added since the data was generated (the search's bigram index fills itself).
        subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=django_env(), check=True)
        return
    shutil.rmtree(HOME, ignore_errors=True)
    HOME.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=django_env(), check=True)
    # The agency, its categories and a user through the models (their defaults stay right as the models grow);
    # the million items below in raw SQL.
    from django.contrib.auth.models import User

    from gongkai.agencies.models import Agency, Region
    from gongkai.publishing.models import Category

    region = Region.objects.create(name="基准区", code="370399")
    User.objects.create(username="bench", password="!")
    agency = Agency.objects.create(name="基准测试局", credit_code="11370399000000001X", region=region,
                                   address="测试路1号", postcode="255000", phone="0533-1")  # fmt: skip
    Category.objects.bulk_create(Category(agency=agency, name=name, position=n) for n, name in enumerate(CATEGORIES))
    con = sqlite3.connect(db)
    con.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;")
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    rng = random.Random(6)
    start = datetime(2015, 1, 1, tzinfo=UTC)

    def rows():
        for i in range(1, ITEMS + 1):
            title = f"关于{rng.choice(ACTIONS)}{rng.choice(PLACES)}的通知（{i}）"
            at = (start + timedelta(minutes=5 * i)).strftime("%Y-%m-%d %H:%M:%S")
            topic = f"{rng.choice(PLACES)}{rng.choice(ACTIONS)}"
            body = f"<p>{title}。各科室：现就{topic}有关事项通知如下，请认真贯彻落实。</p>"
            yield (
                i,
                2026,
                i,
                f"11370399000000001X/2026-{i:07d}",
                title,
                body,
                "基准测试局",
                f"测发〔2026〕{i}号",
                at[:10],
                at[:10],
                at,
                "other",
                "valid",
                "published",
                "[]",
                0,
                0,
                now,
                0,
                1,
                1 + i % 5,
                1,
            )

    con.executemany(
        "INSERT INTO publishing_item (id, index_year, index_sequence, index_number, title, body, issuing_body,"
        " document_number, written_on, formed_on, published_at, document_type, validity, status,"
        " personal_data_findings, personal_data_confirmed, is_late, created_at, is_demo, agency_id, category_id,"
        " created_by_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    # The search text as portal.sync writes it (title, 文号, body without tags) and its sort key; the triggers fill
    # the search index with the functions the app registers on its own connections.
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
    print(f"generated {ITEMS:,} items in {time.perf_counter() - started:.0f} s ({HOME})")


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


def load(url: str, requests: str = "") -> dict:
    script = HOME / "report.lua"
    script.write_text(LUA + requests)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "10s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(next(line.split()[1] for line in out.splitlines() if line.startswith("Requests/sec")))
    _, requests, errors, p50, p95, p99 = next(line for line in out.splitlines() if line.startswith("BENCH")).split()
    return {"rps": rps, "requests": int(requests), "errors": int(errors), "p50": float(p50), "p95": float(p95),
            "p99": float(p99)}  # fmt: skip


def start_nginx(name: str, conf_text: str, port: int, probe: str) -> subprocess.Popen:
    conf = HOME / f"{name}.conf"
    conf.write_text(conf_text)
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(HOME), "-e", "stderr"])
    wait_for(f"http://127.0.0.1:{port}{probe}")
    return process


def crawler(base: str, pages_dir: Path) -> None:
    """The crawler case (issue 17, item 5): every request a different item page that no one asked for before, so
    there is no page file and no cache entry; beside it, its baseline, the same pages asked again, now sent by nginx
    from the files the first pass wrote. Target: >= 1,000 req/s with p99 < 50 ms."""
    for page in pages_dir.glob("gk/item/*.html"):
        page.unlink()  # no item has a page file: whatever earlier loads asked for is unseen again
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
    crawl = load(base + "/", walk.replace("FIRST", str(random.randrange(ITEMS))).replace("ITEMS", str(ITEMS)))
    time.sleep(1)  # requests wrk gave up on at its end may still be writing their files
    written = sorted(int(page.stem) for page in pages_dir.glob("gk/item/*.html"))
    # The baseline walks the pages the first pass wrote, round and round.
    replay = load(
        base + "/",
        f"ids = {{{','.join(map(str, written or [1]))}}}"
        + """
init = function(args) counter = 0 end
request = function()
  counter = counter + 1
  return wrk.format(nil, "/gk/item/" .. ids[counter % #ids + 1] .. "/")
end
""",
    )
    unchanged = len(written) == sum(1 for _ in pages_dir.glob("gk/item/*.html"))
    print(f"\ncrawler case: {crawl['requests']:,} requests, each a different item page with no file and no cache entry;"
          f" {len(written):,} files written")  # fmt: skip
    print(f"{'page':34} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, r in (("item page, crawler (unseen ids)", crawl), ("the same pages again, from files", replay)):
        print(f"{name:34} {r['rps']:9.0f} {r['p50']:8.2f} {r['p95']:8.2f} {r['p99']:8.2f} {r['errors']:7}")
    print(f"  {'' if unchanged else '(the replay reached Django: its figures are not all from files) '}"
          f"crawler / from files: {crawl['rps'] / replay['rps']:.2f}")  # fmt: skip
    met = crawl["rps"] >= 1000 and crawl["p99"] < 50 and crawl["errors"] == 0
    print(f"  {'MET    ' if met else 'NOT MET'} crawler case >= 1,000 req/s and p99 < 50 ms, no errors\n")


def main() -> None:
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is missing: apt-get install {tool}")
    generate()
    from gongkai.portal import nginx as site

    pages_dir = HOME / "pages"
    shutil.rmtree(pages_dir, ignore_errors=True)  # every run starts with no page files
    port, front_port, static_port = free_port(), free_port(), free_port()
    env = dict(django_env(), GONGKAI_PAGE_FILES_DIR=str(pages_dir))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "gongkai.site.wsgi", "-w", str(WORKERS), "-k", WORKER_CLASS,
         "--threads", THREADS, "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    processes = [server]
    try:
        wait_for(f"http://127.0.0.1:{port}/robots.txt")
        # The deployment: nginx with the site `gongkai manage portal_nginx` prints, in front of gunicorn.
        front = site.site(listen=f"127.0.0.1:{front_port}", upstream=f"127.0.0.1:{port}", page_files=pages_dir)
        front_conf = site.standalone(home=HOME, servers=front, name="front")
        processes.append(start_nginx("front", front_conf, front_port, "/robots.txt"))
        base = f"http://127.0.0.1:{front_port}"
        item_id = ITEMS // 2
        pages = {
            "item page": f"/gk/item/{item_id}/",
            "category, last page": "/gk/1/c/2/?last=1",
            "search 智慧停车 节能": "/search/?q=" + urllib.parse.quote("智慧停车 节能"),
        }
        colds = {name: cold(base + path) for name, path in pages.items()}
        static = HOME / "static"
        static.mkdir(exist_ok=True)
        (static / "item.html").write_bytes(urllib.request.urlopen(base + pages["item page"]).read())
        plain_server = f"types {{ text/html html; }} server {{ listen 127.0.0.1:{static_port}; root {static}; }}\n"
        plain = site.standalone(home=HOME, servers=plain_server, name="static")
        processes.append(start_nginx("static", plain, static_port, "/item.html"))
        load_before = " ".join(f"{x:.2f}" for x in os.getloadavg()[:2])
        results = {name: load(base + path) for name, path in pages.items()}
        results["item page, gunicorn alone"] = load(f"http://127.0.0.1:{port}{pages['item page']}")
        results["item page, uncached random ids"] = load(base + "/", RANDOM_ITEMS % ITEMS)
        results["search, uncached"] = load(base + pages["search 智慧停车 节能"], UNIQUE_URLS)
        results["nginx, same item page as a file"] = load(f"http://127.0.0.1:{static_port}/item.html")
        crawler(base, pages_dir)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)

    print(
        f"\nportal under load: {ITEMS:,} items, SQLite, nginx (the site gongkai prints) in front of gunicorn"
        f" {WORKERS} {WORKER_CLASS} workers x {THREADS} threads, wrk 2 threads x"
        f" {CONNECTIONS} connections x {DURATION} s on 127.0.0.1, {os.cpu_count()} cores shared with wrk and nginx"
    )
    print(f"load average before: {load_before}, after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    print(f"{'page':34} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'first ms':>9}")
    for name, r in results.items():
        first = f"{colds[name]:9.1f}" if name in colds else f"{'':9}"
        print(f"{name:34} {r['rps']:9.0f} {r['p50']:8.2f} {r['p95']:8.2f} {r['p99']:8.2f} {r['errors']:7} {first}")
    item, listing = results["item page"], results["category, last page"]
    search, static_result = results["search 智慧停车 节能"], results["nginx, same item page as a file"]
    ratio = item["rps"] / static_result["rps"]
    print(f"\nitem page / nginx throughput: {ratio:.2f}")
    targets = [
        ("item page >= 500 req/s and p99 < 50 ms", item["rps"] >= 500 and item["p99"] < 50),
        ("category last page >= 500 req/s and p99 < 50 ms", listing["rps"] >= 500 and listing["p99"] < 50),
        ("item page >= half of nginx throughput", ratio >= 0.5),
        ("search p95 < 100 ms (repeated query, from the page cache)", search["p95"] < 100),
        ("search p95 < 100 ms (every request a new URL)", 0 < results["search, uncached"]["p95"] < 100),
        ("no errors", all(r["errors"] == 0 for r in results.values())),
    ]
    for label, met in targets:
        print(f"  {'MET    ' if met else 'NOT MET'} {label}")


if __name__ == "__main__":
    os.environ.update(django_env())
    import django

    django.setup()
    main()
