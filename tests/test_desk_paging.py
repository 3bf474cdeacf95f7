"""A saved query's page at a national scale: the desk shows one page of rows at a time (asked of
the engine with LIMIT/OFFSET), says so in the page's language, and links to the next page;
the downloads keep every row."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from asan_kg.desk import queryforms
from asan_kg.desk.state import DeskConfig
from asan_kg.sparql import catalog
from asan_kg.store.embedded import KnowledgeGraph
from tests.desk_helpers import Running, running_desk

SMALL_PAGE = 3


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queryforms, "PAGE_ROWS", SMALL_PAGE)


@pytest.fixture(scope="module")
def desk() -> Iterator[Running]:
    with running_desk(DeskConfig(lang="en", read_only=True)) as running:
        yield running


@pytest.mark.parametrize("name", ["timeline", "partners", "organizations", "persons"])
def test_the_pages_of_an_answer_are_the_whole_answer(
    kg: KnowledgeGraph, small_pages: None, name: str
) -> None:
    """Paging neither drops nor repeats a row: the pages, one after the other, are the answer."""
    query = catalog.find(name)
    whole = queryforms.run(kg, query, {}).rows
    assert len(whole) > SMALL_PAGE, "the test needs an answer longer than a page"
    shown, number = [], 0
    while True:
        page = queryforms.run_page(kg, query, {}, number)
        assert len(page.table) <= SMALL_PAGE and page.first == number * SMALL_PAGE
        shown.extend(page.table.rows)
        if not page.more:
            break
        number += 1
    assert sorted(map(repr, shown)) == sorted(map(repr, whole))
    assert number == (len(whole) - 1) // SMALL_PAGE


def test_a_long_answer_shows_one_page_and_says_so(desk: Running, small_pages: None) -> None:
    first = desk.get("/queries/timeline?run=1&p_lang=en")
    assert first.status == 200
    assert first.text.count("<tr><td>") == SMALL_PAGE
    assert f"Showing rows 1–{SMALL_PAGE}" in first.text and "the downloads hold every row" in first.text
    link = re.search(r'id="page-next" href="([^"]+)"', first.text)
    assert link is not None and "page=1" in link.group(1) and "p_lang=en" in link.group(1)
    second = desk.get(link.group(1).replace("&amp;", "&"))
    assert f"Showing rows {SMALL_PAGE + 1}–{2 * SMALL_PAGE}" in second.text
    assert 'id="page-previous"' in second.text
    assert second.text.split("<tbody>")[1] != first.text.split("<tbody>")[1]
    every_row = desk.get("/queries/timeline/download/csv?p_lang=en").body.decode("utf-8-sig")
    assert len(every_row.strip().splitlines()) - 1 > 2 * SMALL_PAGE  # downloads are not paged


def test_the_paging_note_is_in_korean_on_a_korean_page(desk: Running, small_pages: None) -> None:
    page = desk.get("/queries/timeline?run=1&lang=ko&p_lang=ko").text
    assert f"1–{SMALL_PAGE}행을 보여 줍니다" in page and "다음 쪽" in page


def test_a_short_answer_has_no_paging(desk: Running) -> None:
    page = desk.get("/queries/exchanges-by-type?run=1&p_lang=en").text
    assert "Showing rows" not in page and 'id="page-next"' not in page
    assert page.count("<tr><td>") > 0
