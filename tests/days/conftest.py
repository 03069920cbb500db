"""A day's work for each persona, in a real Chromium, from the login page (or the portal's home page) by clicking.

The office: the demo's two agencies in 张店区 (the seed agency and the invented 演示示范局), with a person for each role
at the invented agency, a supervisor of 张店区 and the system admin. The clock runs from Monday 12 January 2026, in
the weeks when the 2025 annual reports are written and published: one application at the seed agency, received in
November, is past its due date, and the seed agency's published 2024 report carries over a number its 2025 records
do not take up (rule Y1), so there is an overdue application and a report with an error for the supervisor to find.

`day` is the page with three duties: it refuses a typed URL (page.goto anywhere but the portal's home and the login
page), it runs axe-core on a page when asked, and it saves screenshots for docs/guide when GONGKAI_SCREENSHOTS
names a folder: `GONGKAI_SCREENSHOTS=docs/guide/img pytest tests/days` regenerates the guide's pictures.
"""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User

from gongkai.agencies.models import Agency, Region, Role, Supervision
from personas import PASSWORD, TZ, paper_application, person
from reporting.helpers import published_with_wrong_carry_over

DAY = datetime(2026, 1, 12, 9, 0, tzinfo=TZ)  # a Monday; the 2025 reports are due by 31 January
REPORT_YEAR = 2025
VIEWPORT = {"width": 1280, "height": 800}
ENTRY_PATHS = ("/", "/accounts/login/")  # where a person starts: the portal's home page and the login page

# username: (full name as the header shows it, role at the invented agency, or None)
STAFF = {
    "alice": ("李明", Role.DRAFTER),  # 起草人
    "bob": ("王强", Role.SECTION_HEAD),  # 科室负责人
    "cindy": ("陈静", Role.LEADER),  # 分管领导 (signs the annual report)
    "dave": ("赵磊", Role.SECRECY_REVIEWER),  # 保密审查
    "erin": ("刘洋", Role.AGENCY_ADMIN),  # 机关管理员
    "hui": ("孙慧", Role.DRAFTER),  # 信息公开工作人员: handles applications (HANDLER_ROLES)
}
OVERDUE_DESCRIPTION = "2025年本单位办公用房维修项目的招标文件和中标结果"


@pytest.fixture(autouse=True)
def _clock(time_machine):
    # The clock moves (tick=True) from DAY: Chromium and the live server need time to pass. Cookies carry Max-Age,
    # which Chromium prefers to Expires, so a server clock behind the browser's keeps the session.
    time_machine.move_to(DAY, tick=True)


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _overdue_application(agency: Agency):
    """A letter received on 3 November 2025 and never answered: 20 working days ran out in December."""
    return paper_application(
        agency, received_on=date(2025, 11, 3), description=OVERDUE_DESCRIPTION, address="张店区测试路8号"
    )


@pytest.fixture
def office(db) -> dict:
    from gongkai.site.demo_data import demo_load

    demo_load()
    invented = Agency.objects.get(name__contains="演示示范局")
    seed = Agency.objects.get(name="淄博市张店区机关事务服务中心")
    people = {name: person(name, invented, role, name=full) for name, (full, role) in STAFF.items()}
    people["frank"] = person("frank", name="周健")  # 监督人: supervises 张店区
    Supervision.objects.create(user=people["frank"], region=Region.objects.get(name="张店区"))
    people["root"] = User.objects.create_superuser("root", password=PASSWORD, first_name="系统管理员")
    return {
        "agency": invented,
        "seed": seed,
        "people": people,
        "overdue": _overdue_application(seed),
        "wrong_2024": published_with_wrong_carry_over(seed, REPORT_YEAR - 1),
    }


class Day:
    """The page a persona works in: sign in, click, and (when asked) check accessibility and take screenshots."""

    def __init__(self, page, shots: Path | None):
        self.page = page
        self.shots = shots
        self.visited_axe: list[str] = []

    def sign_in(self, username: str) -> None:
        from personas import sign_in

        sign_in(self.page, username)

    def shot(self, name: str, at: str | None = None) -> None:
        """Save the page as docs/guide's `name`.png (1280x800, palette PNG) when GONGKAI_SCREENSHOTS is set, scrolled
        so that the element `at` (a selector) starts the picture."""
        if self.shots is None:
            return
        from PIL import Image

        self.page.wait_for_load_state()
        if at is not None:
            self.page.locator(at).first.evaluate("e => e.scrollIntoView({block: 'start'})")
        raw = self.page.screenshot(full_page=False)
        image = Image.open(io.BytesIO(raw)).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        self.shots.mkdir(parents=True, exist_ok=True)
        image.save(self.shots / f"{name}.png", optimize=True)

    def axe(self) -> None:
        """Fail on any axe-core violation on the page as it stands, whatever its impact (minor ones included)."""
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state()
        results = Axe().run(self.page)
        assert not results.response["violations"], f"{self.page.url}\n" + results.generate_report()
        self.visited_axe.append(urlsplit(self.page.url).path)


def _refuse_typed_urls(page) -> None:
    """After this, page.goto may only open the entry pages; every other page must be reached by a click."""
    goto = page.goto

    def guarded(url: str, **kwargs):
        path = urlsplit(url).path
        assert path in ENTRY_PATHS, f"typed URL {path}: a person reaches it by clicking, never by typing it"
        return goto(url, **kwargs)

    page.goto = guarded


@pytest.fixture
def day(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(20000)
    page.base = live_server.url
    violations: list[str] = []  # Content-Security-Policy, as every browser test checks (tests/conftest.py)
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    _refuse_typed_urls(page)
    shots = os.environ.get("GONGKAI_SCREENSHOTS")
    yield Day(page, Path(shots) if shots else None)
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
