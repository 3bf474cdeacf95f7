"""The desk in a real browser: Debian's Chromium driven by Playwright, every request that does not
go to the desk on 127.0.0.1 aborted and recorded. Screenshots go to test-artifacts/."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from asan_kg.desk.state import DeskConfig
from tests.conftest import ROOT
from tests.desk_helpers import Running, copy_data, running_desk
from tests.test_browser import CHROMIUM_FLAGS, _chromium
from tests.test_desk import cli, korean_label, last_month

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()  # skips, saying why, where Chromium is missing (fails under CI)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    data = copy_data(tmp_path_factory.mktemp("desk-browser") / "data")
    with running_desk(DeskConfig(data=data, lang="ko", user="tester")) as running:
        yield running


@dataclass
class Tab:
    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture()
def tab(browser: Any, desk: Running) -> Iterator[Tab]:
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, locale="ko-KR", accept_downloads=True
    )
    page = context.new_page()
    opened = Tab(page)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))

    def route(r: Any) -> None:
        if r.request.url.startswith(desk.url + "/"):
            r.continue_()
        else:
            opened.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    yield opened
    context.close()
    assert opened.blocked == [], f"requests left the desk: {opened.blocked}"
    assert opened.errors == [], f"console errors (a CSP violation shows here): {opened.errors}"


def test_home_in_korean_shows_rongcheng_dormant(tab: Tab, desk: Running) -> None:
    page = tab.page
    page.goto(desk.url + "/")
    row = page.locator("#verdicts tbody tr", has_text=korean_label("rongcheng"))
    assert row.count() == 1
    assert "status-dormant" in (row.get_attribute("class") or "")
    assert "휴면" in row.inner_text() and row.locator("td.evidence div").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "desk-home.png"), full_page=True)
    # sorting by a column is done by the shipped script, under the CSP
    page.locator("#verdicts thead th").nth(4).click()
    assert page.locator("#verdicts thead th").nth(4).get_attribute("aria-sort") == "ascending"
    page.click("#switch-lang")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("#switch-lang")
    assert page.locator("html").get_attribute("lang") == "ko"


def test_saved_query_form_gives_the_cli_rows_and_downloads(tab: Tab, desk: Running) -> None:
    page = tab.page
    page.goto(desk.url + "/queries/partner-activities")
    page.select_option("#p_partner", label=korean_label("dongguan"))
    page.fill("#p_from", "2014-01-01")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "desk-query-form.png"), full_page=True)
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#result-table")
    page.screenshot(path=str(ARTIFACTS / "desk-query-results.png"), full_page=True)
    expected = json.loads(
        cli(
            "query",
            "partner-activities",
            "-p",
            "partner=place:dongguan",
            "-p",
            "from=2014-01-01",
            "--lang",
            "ko",
            "--format",
            "json",
        )
    )["results"]["bindings"]
    shown = page.locator("#result-table tbody tr")
    assert shown.count() == len(expected) > 0
    first = [c.removeprefix("event:") for c in shown.nth(0).locator("td").all_inner_texts()]
    assert (
        expected[0]["activity"]["value"].endswith("/" + first[0])
        and first[1] == expected[0]["start"]["value"]
    )
    with page.expect_download() as csv_download:
        page.click("#download-csv")
    data = csv_download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert len(list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) == len(expected) + 1
    with page.expect_download() as xlsx_download:
        page.click("#download-xlsx")
    import openpyxl

    assert xlsx_download.value.suggested_filename == "partner-activities.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes())).active
    assert sheet.max_row == len(expected) + 1


def test_an_exchange_entered_in_the_form_shows_without_a_restart(tab: Tab, desk: Running) -> None:
    page = tab.page
    day = last_month()
    title = "웨이팡시 대표단 방문 (브라우저 시험)"
    page.goto(desk.url + "/records")
    form = page.locator("#activity-form")
    form.locator("select[name=agreements]").select_option("asan-weifang")
    form.locator("input[name=title_ko]").fill(title)
    form.locator("input[name=title_en]").fill("Weifang delegation (browser test)")
    form.locator("select[name=types]").select_option("delegation-visit")
    form.locator("input[name=start_date]").fill(day.isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#saved")
    page.goto(desk.url + "/partnership/asan-weifang")
    assert page.locator("#exchanges tr", has_text=title).count() == 1
    page.goto(desk.url + "/")
    row = page.locator("#verdicts tbody tr[data-iri$='/partnership/asan-weifang']")
    assert day.isoformat() in row.inner_text()
    written = desk.desk.records_file().read_text(encoding="utf-8")
    assert title in written and 'dcterms:creator "tester"' in written
    assert dt.date.fromisoformat(day.isoformat()) < dt.date.today()
