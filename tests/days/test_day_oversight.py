"""The people who look over: the supervisor of 张店区 finds, by clicking from 待我处理, the seed agency's overdue
application and the 2025 report with an error (Y1 against the published 2024 report); the agency admin finds the
working-day calendar and next year's schedule; the system admin's home leads to every agency, the calendar and the
system administration, never to a dead end."""

from __future__ import annotations

import pytest

from .conftest import DAY, OVERDUE_DESCRIPTION, REPORT_YEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_supervisor_finds_an_overdue_application_and_a_report_with_an_error(day, office):
    page, seed, overdue = day.page, office["seed"], office["overdue"]
    day.sign_in("frank")
    row = page.locator("#overview tr", has_text=seed.name)
    assert row.locator("td").nth(1).text_content() == "1"  # 超期未答复
    assert int(row.locator("td").nth(5).text_content()) >= 1  # 错误: Y1, per column that disagrees
    day.axe()
    day.shot("supervisor-1-home")

    row.locator("a").click()
    page.wait_for_selector("#overdue-applications")
    listed = page.locator("#overdue-applications tr", has_text=overdue.number)
    assert listed.count() == 1 and "个工作日" in listed.text_content()
    assert OVERDUE_DESCRIPTION not in page.text_content("main") and "钱七" not in page.text_content("main")
    nav = page.text_content("nav.agency-nav")  # only the pages a supervisor may open: no 403 behind a link
    assert "依申请公开" not in nav and "操作记录" not in nav and "年度报告" in nav
    day.axe()
    day.shot("supervisor-2-agency")

    page.click("#nav-inbox")
    page.click(f"#overview >> text={REPORT_YEAR}年度报告：状态、检查结果、汇总报告")
    page.wait_for_selector("#agencies")
    day.axe()
    day.shot("supervisor-3-region")
    page.click(f"#agencies >> text={seed.name}")
    page.wait_for_selector("#findings")
    error = page.locator("#findings li.error[data-rule='Y1']")
    assert error.count() >= 1 and "错误" in error.first.text_content()
    assert page.locator("#save").count() == 0  # a supervisor reads, does not edit
    day.axe()
    day.shot("supervisor-4-report-error", at="#findings")


def test_the_agency_admin_finds_next_years_calendar(day, office):
    page = day.page
    day.sign_in("erin")
    day.axe()
    day.shot("admin-1-home")
    page.click("#nav-calendar")
    next_year = DAY.year + 1
    page.wait_for_selector(f"#year-{next_year}")
    assert f"{next_year}年" in page.text_content(f"#year-{next_year}-heading")
    assert page.locator(f"#year-{next_year} table tr").count() >= 1
    day.axe()
    day.shot("admin-2-calendar")
    page.click(f"#year-{next_year} a:has-text('{next_year}年放假安排')")
    page.wait_for_selector("#id_notice")
    day.axe()
    day.shot("admin-3-calendar-enter")


def test_the_system_admins_home_leads_somewhere(day, office):
    page = day.page
    day.sign_in("root")
    assert page.locator("#no-role").count() == 0
    rows = page.locator("#overview tr", has_text=office["seed"].name)
    assert rows.count() == 1
    day.axe()
    day.shot("sysadmin-1-home")
    page.click("#nav-calendar")
    page.wait_for_selector(f"#year-{DAY.year + 1}")
    page.click("#nav-inbox")
    page.click("#admin-links >> text=系统管理")
    page.wait_for_selector("#content-main, #site-name")
    assert "/admin/" in page.url
    page.go_back()  # the Django admin has its own header: back to 待我处理 as a person would
    page.click(f"#overview >> text={office['agency'].name}")
    page.wait_for_selector("h1")
    assert page.text_content("h1") == office["agency"].name
