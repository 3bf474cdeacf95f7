"""The desk over HTTP: a real uvicorn on a loopback port, plain requests, the CLI as the reference."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal

from asan_kg.desk import downloads
from asan_kg.desk.i18n import default_lang
from asan_kg.desk.state import DeskConfig
from asan_kg.store.embedded import KnowledgeGraph, ResultTable
from tests.conftest import rows
from tests.desk_helpers import Running, copy_data, running_desk

DONGGUAN = "https://w3id.org/asan-kg/id/place/dongguan"
GRAPH = "https://w3id.org/asan-kg/graph/asan"
CLI = Path(sys.executable).parent / "asan-kg"


def korean_label(place: str) -> str:
    found = rows(
        KnowledgeGraph.load(), f'SELECT ?l WHERE {{ place:{place} rdfs:label ?l FILTER(LANG(?l) = "ko") }}'
    )
    return str(found[0]["l"])


def last_month() -> dt.date:
    first = dt.date.today().replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=15)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A writable desk in Korean over a private copy of the graph."""
    data = copy_data(tmp_path_factory.mktemp("desk") / "data")
    with running_desk(DeskConfig(data=data, lang="ko", user="tester")) as running:
        yield running


def row_of(page: str, label: str) -> str:
    """The table row (<tr>…</tr>) of the home page that names ``label``."""
    for row in re.findall(r"<tr class=\"status-.*?</tr>", page, re.S):
        if html.escape(label) in row:
            return str(row)
    raise AssertionError(f"no row for {label}")


def cli(*args: str) -> str:
    done = subprocess.run([str(CLI), *args], capture_output=True, text=True, check=True, timeout=120)
    return done.stdout


def test_home_in_korean_lists_rongcheng_as_dormant_with_its_evidence(desk: Running) -> None:
    answer = desk.get("/")
    assert answer.status == 200
    assert '<html lang="ko">' in answer.text
    row = row_of(answer.text, korean_label("rongcheng"))
    assert 'class="status-dormant"' in row and "휴면" in row
    assert "기록된 0건" in row and "2012-04-12" in row  # what the verdict rests on, last exchange
    assert re.search(r'<td class="evidence"><div>[^<]+</div>', row), "the evidence is shown"
    assert 'href="/partnership/asan-rongcheng"' in row
    # dormant and low first, then the rest
    statuses = re.findall(r'<tr class="status-(\w+)"', answer.text)
    assert statuses[: statuses.count("dormant")] == ["dormant"] * statuses.count("dormant")
    assert "HHI" in answer.text and "%" in answer.text  # headline concentration


def test_english_on_request_and_by_locale(desk: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    assert '<html lang="en">' in desk.get("/?lang=en").text
    assert "dormant" in desk.get("/?lang=en").text
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "ASAN_KG_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert default_lang() == "ko"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert default_lang() == "en" and default_lang("ko") == "ko"


def test_pages_load_nothing_from_elsewhere(desk: Running) -> None:
    for path in ("/", "/partnership/asan-weifang", "/queries", "/queries/partner-activities", "/records"):
        answer = desk.get(path)
        assert answer.status == 200, path
        csp = answer.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
        assert not re.search(r'(src|href)="(https?:)?//', answer.text), path
        assert (
            "<script>" not in answer.text
            and " style=" not in answer.text
            and " on" + "click=" not in answer.text
        )
    for path in ("/network", "/report"):
        answer = desk.get(path)
        assert answer.status == 200 and "default-src 'none'" in answer.headers["content-security-policy"]
        assert "connect-src" not in answer.headers["content-security-policy"]


def test_a_partnership_page_shows_agreement_exchanges_and_verdict(desk: Running) -> None:
    page = desk.get("/partnership/asan-dongguan").text
    assert 'id="agreement"' in page and 'id="verdict"' in page
    assert page.count("<tr data-iri=") >= 10 and 'class="sortable"' in page
    assert desk.get("/partnership/no-such-thing").status == 404


def test_a_saved_query_becomes_a_form_from_its_header(desk: Running) -> None:
    page = desk.get("/queries/partner-activities").text
    assert "The itemized exchanges with one partner city" in page  # the summary is the title
    assert f'<option value="{DONGGUAN}">{korean_label("dongguan")}</option>' in page  # enumerated
    assert 'type="date" name="p_from"' in page and 'type="date" name="p_to"' in page
    assert re.search(r'<option value="ko" selected>', page)  # the language, filled in
    since = desk.get("/queries/partnerships-without-activity-since").text
    assert 'value="2013-01-01"' in since  # the header's default


def test_query_results_equal_the_cli_and_download(desk: Running) -> None:
    params = f"p_partner={DONGGUAN}&p_from=2014-01-01&p_lang=ko"
    page = desk.get(f"/queries/partner-activities?run=1&{params}").text
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
    )
    bindings = expected["results"]["bindings"]
    assert len(bindings) > 0
    assert page.count("<tr><td>") == len(bindings)
    assert "시작일" in page and "활동명" in page  # column labels in Korean
    csv_answer = desk.get(f"/queries/partner-activities/download/csv?{params}")
    assert csv_answer.body.startswith(b"\xef\xbb\xbf")
    cli_csv = cli(
        "query",
        "partner-activities",
        "-p",
        "partner=place:dongguan",
        "-p",
        "from=2014-01-01",
        "--lang",
        "ko",
        "--format",
        "csv",
    )
    assert csv_answer.body.decode("utf-8-sig").replace("\r\n", "\n") == cli_csv  # (text mode: \n)
    json_answer = desk.get(f"/queries/partner-activities/download/json?{params}")
    assert json.loads(json_answer.body) == expected
    xlsx = desk.get(f"/queries/partner-activities/download/xlsx?{params}")
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.body)).active
    values = [[c.value or "" for c in r] for r in sheet.iter_rows()]
    assert values == list(csv.reader(io.StringIO(cli_csv)))


def test_a_bad_parameter_is_shown_next_to_its_field(desk: Running) -> None:
    answer = desk.get(f"/queries/partner-activities?run=1&p_partner={DONGGUAN}&p_from=2014-02-30")
    assert answer.status == 422
    field = re.search(r'id="field-from">.*?</div>', answer.text, re.S)
    assert field and "달력에 없는 날짜" in field.group(0)


def test_downloads_never_carry_formulas() -> None:
    table = ResultTable(
        ["name", "n"], [(Literal("=HYPERLINK(1)"), Literal(3)), (Literal("@SUM"), Literal(2.5))]
    )
    text = downloads.to_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "'@SUM" in text
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx(table, "t"))).active
    assert sheet["A2"].value == "'=HYPERLINK(1)" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 3 and sheet["B3"].value == 2.5


def _activity(desk: Running, start: str, title: str, **extra: str) -> dict[str, str]:
    return {
        "_token": desk.desk.token,
        "agreements": "asan-weifang",
        "title_ko": title,
        "title_en": "Weifang delegation visits (desk test)",
        "types": "delegation-visit",
        "direction": "inbound",
        "start_date": start,
        "user": "tester",
        **extra,
    }


def test_an_exchange_entered_shows_at_once_with_its_provenance(desk: Running) -> None:
    day = last_month().isoformat()
    title = "웨이팡시 대표단 방문 (데스크 시험)"
    answer = desk.post("/records/activities", _activity(desk, day, title), Origin=desk.url)
    assert answer.status == 303, answer.text
    assert desk.get(answer.headers["location"]).status == 200
    page = desk.get("/partnership/asan-weifang").text
    assert html.escape(title) in page and day in page
    home = desk.get("/").text
    row = re.search(r'<tr class="status-\w+" data-iri="[^"]+/asan-weifang">.*?</tr>', home, re.S)
    assert row and day in row.group(0)  # the verdict's last exchange
    written = desk.desk.records_file().read_text(encoding="utf-8")
    assert title in written and 'dcterms:creator "tester"' in written
    assert 'dcterms:bibliographicCitation "asan-kg desk"' in written and "dcterms:created" in written
    assert cli("validate", "--data", str(desk.desk.data_dir())).strip()


def test_an_impossible_date_is_refused_in_korean_next_to_the_field(desk: Running) -> None:
    before = desk.desk.records_file().read_bytes() if desk.desk.records_file().exists() else b""
    answer = desk.post("/records/activities", _activity(desk, "2014-02-30", "없는 날"), Origin=desk.url)
    assert answer.status == 422
    field = re.search(r'id="activities-field-start_date">.*?</div>', answer.text, re.S)
    assert field and "2014-02-30" in field.group(0) and "달력에 없는 날짜" in field.group(0)
    after = desk.desk.records_file().read_bytes() if desk.desk.records_file().exists() else b""
    assert after == before


def test_state_changing_requests_need_the_origin_and_the_token(desk: Running) -> None:
    before = desk.desk.records_file().read_bytes() if desk.desk.records_file().exists() else b""
    good = _activity(desk, "2015-01-05", "교차 출처")
    assert desk.post("/records/activities", good, Origin="http://evil.example").status == 403
    assert desk.post("/records/activities", good, Referer="http://evil.example/x").status == 403
    assert desk.post("/records/activities", good).status == 403  # neither Origin nor Referer
    assert desk.post("/records/activities", {**good, "_token": ""}, Origin=desk.url).status == 403
    assert desk.post("/records/activities", {**good, "_token": "guess"}, Origin=desk.url).status == 403
    assert desk.get("/", headers={"Host": "evil.example"}).status == 400  # no DNS rebinding
    after = desk.desk.records_file().read_bytes() if desk.desk.records_file().exists() else b""
    assert after == before


def test_an_agreement_can_be_entered(desk: Running) -> None:
    form = {
        "_token": desk.desk.token,
        "id": "desk-test-agreement",
        "kind": "friendship-city",
        "signed_on": "2015-03-02",
        "partner_city_ko": "시험시",
        "partner_city_en": "Testville",
        "partner_country": "CN",
        "user": "tester",
    }
    answer = desk.post("/records/agreements", form, Origin=desk.url)
    assert answer.status == 303, answer.text
    assert "시험시" in desk.get("/").text


def test_read_only_turns_entry_off(tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    with running_desk(DeskConfig(data=data, lang="ko", read_only=True)) as ro:
        assert 'id="entry-disabled"' in ro.get("/records").text
        form = _activity(ro, "2015-01-05", "읽기 전용")
        assert ro.post("/records/activities", form, Origin=ro.url).status == 403
    assert not (data / "desk-records.ttl").exists()


class SlowStore:
    def __init__(self, inner: KnowledgeGraph) -> None:
        self.inner = inner

    def select(self, query: str) -> ResultTable:
        time.sleep(2)
        return self.inner.select(query)


def test_a_request_past_its_deadline_is_stopped() -> None:
    with running_desk(DeskConfig(lang="en", timeout=0.3), store=SlowStore(KnowledgeGraph.load())) as slow:
        answer = slow.get("/")
        assert answer.status == 504 and "0.3 s" in answer.text


def test_the_desk_reads_a_shared_server(tmp_path: Path) -> None:
    from asan_kg.remote.serve import OxigraphServer

    with OxigraphServer() as server:
        cli("publish", "--endpoint", server.query_url, "--graph", GRAPH)
        config = DeskConfig(endpoint=server.query_url, graph=GRAPH, lang="ko")
        with running_desk(config) as remote, running_desk(DeskConfig(lang="ko")) as local:
            statuses = re.findall(r'<tr class="status-(\w+)" data-iri="([^"]+)"', remote.get("/").text)
            assert statuses and sorted(statuses) == sorted(
                re.findall(r'<tr class="status-(\w+)" data-iri="([^"]+)"', local.get("/").text)
            )
            assert "영성시" in remote.get("/partnership/asan-rongcheng").text
            assert f'value="{DONGGUAN}"' in remote.get("/queries/partner-activities").text
            assert 'id="entry-disabled"' in remote.get("/records").text
            form = _activity(remote, "2015-01-05", "원격")
            assert remote.post("/records/activities", form, Origin=remote.url).status == 403


def test_the_command_starts_on_loopback_and_prints_its_address(tmp_path: Path) -> None:
    started = time.monotonic()
    process = subprocess.Popen(
        [str(CLI), "desk", "--no-browser", "--lang", "ko", "--data", str(copy_data(tmp_path / "data"))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + (process.stderr.read() if process.stderr else "")
        from tests.desk_helpers import request

        answer = request(match.group(0))
        assert answer.status == 200 and "휴면" in answer.text
        assert time.monotonic() - started < 30
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_review_decision_entered_in_the_desk_reaches_the_graph_and_the_dossier(desk: Running) -> None:
    form = {
        "_token": desk.desk.token,
        "user": "tester",
        "partnership": "asan-rongcheng",
        "date": "2015-03-02",
        "decision": "re-establish",
        "reasons_ko": "2012년 이후 교류 중단, 관계 재정립 계획 수립",
        "reasons_en": "no exchange since 2012; a plan to re-establish relations",
        "decided_by_ko": "국제교류팀",
        "decided_by_en": "International cooperation team",
        "next_review": "2016-03-01",
    }
    answer = desk.post("/records/reviews", form, Origin=desk.url)
    assert answer.status == 303, answer.text
    written = desk.desk.records_file().read_text(encoding="utf-8")
    assert "re-establish" in written and 'dcterms:creator "tester"' in written
    dossiers = Path(desk.desk.data_dir()).parent / "dossiers"
    cli("review", "--data", str(desk.desk.data_dir()), "--out", str(dossiers), "--all")
    page = next(dossiers.glob("*rongcheng*.md")).read_text(encoding="utf-8")
    assert "2015-03-02" in page and "국제교류팀" in page


def test_an_impossible_review_date_is_refused_next_to_the_field(desk: Running) -> None:
    before = desk.desk.records_file().read_bytes() if desk.desk.records_file().exists() else b""
    form = {
        "_token": desk.desk.token,
        "user": "tester",
        "partnership": "asan-rongcheng",
        "date": "2015-02-30",
        "decision": "continue",
        "decided_by_ko": "국제교류팀",
        "decided_by_en": "International cooperation team",
    }
    answer = desk.post("/records/reviews", form, Origin=desk.url)
    assert answer.status == 422
    assert re.search(r'id="reviews-field-date">.*?class="error"', answer.text, re.S)
    after = desk.desk.records_file().read_bytes() if desk.desk.records_file().exists() else b""
    assert after == before
