from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gongkai.demo import seed_report_path as _seed_report_path
from gongkai.report.model import Report, load_report

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path | None:
    """The project's shared folder (reference documents, seed, corpus), beside the clone or named by GONGKAI_SHARED."""
    for candidate in (os.environ.get("GONGKAI_SHARED"), REPO.parent / "shared", REPO.parent.parent / "shared"):
        if candidate and (Path(candidate) / "reference" / "FORMAT.md").exists():
            return Path(candidate)
    return None


@pytest.fixture(autouse=True)
def _page_files_in_temp(settings, tmp_path):
    """Item page files (on by default, beside the data) go to the test's own folder, never ./data/pages: ids repeat
    from one test to the next, and a file left by another test would stand in for a page."""
    settings.GONGKAI_PAGE_FILES_DIR = str(tmp_path / "pages")
    # A page's file from its first visit, so that the tests of files and their locks need one request to make one;
    # tests/portal/test_page_file_visits.py holds the default (the second visit).
    from gongkai.portal import page_files

    settings.GONGKAI_PAGE_FILE_VISITS = 1
    page_files.visits.clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: what one test's data left there (pages, the search's document counts
    and pair statistics) never answers for another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_are_kept_not_run(settings):
    """Enqueued tasks are kept in memory and not run (django-tasks' dummy backend): a publication does not convert
    its PDF in every test that publishes. Tests of a task's effect put the immediate backend (run at enqueue) or the
    database backend with a worker (tests/ops, tests/reporting/test_pdf_task.py) in its place."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("the shared folder (../shared) is not beside this checkout; set GONGKAI_SHARED")
    return path


@pytest.fixture
def seed_report_path() -> Path:
    return _seed_report_path()


@pytest.fixture
def seed_report(seed_report_path: Path) -> Report:
    return load_report(seed_report_path)


# Browser tests: Playwright driving Debian's Chromium (never `playwright install`, never a downloaded browser) against
# pytest-django's live server. One Playwright and one Chromium serve the whole session (see playwright_session).
CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The browser's own language (date fields as 2026/01/12, its validation messages) is a Chinese user's: Chromium on
# Linux reads it from LANGUAGE, and shows it when Debian's chromium-l10n is installed (.ci/run installs it).
CHROMIUM_ENV = {**os.environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"}
# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between steps are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright_session import acquire, release

    yield acquire(CHROMIUM, CHROMIUM_ARGS, CHROMIUM_ENV)
    release()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20000)
    page.base = live_server.url
    # Every page must pass the Content-Security-Policy (docs/security.md): Chromium reports each violation on the
    # console ("Refused to execute inline script because it violates ... Content Security Policy ..."), and any
    # such message fails the test that caused it.
    violations: list[str] = []
    page.csp_violations = violations

    def watch(message) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", watch)
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
