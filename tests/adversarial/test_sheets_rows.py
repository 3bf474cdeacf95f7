"""Hostile spreadsheets, read and imported in-process: formula cells, stale dimensions,
duplicate ids, NFD names, names without Latin letters, impossible, Excel-serial and full-width
dates, empty sheets, wrong headers, protected or corrupt workbooks, CSV in other encodings."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import pytest

from asan_kg.core.errors import InputError
from asan_kg.ingest.records import Importer
from asan_kg.ingest.records_reference import Reference
from asan_kg.ingest.records_sheets import import_parts
from asan_kg.ingest.records_template import SheetRows, read_sheets
from asan_kg.store.embedded import KnowledgeGraph
from tests.adversarial.helpers_files import ACTIVITY_HEADER, AGREEMENT_HEADER, GOOD_ACTIVITY, write_xlsx

pytestmark = pytest.mark.adversarial


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.of(KnowledgeGraph.load())


def _import(reference: Reference, path: Path) -> Importer:
    import copy

    parts = read_sheets(path)
    return import_parts(Importer(copy.deepcopy(reference), parts), parts)


BAD_DATES = [
    ("sheets-date-impossible", "2015-02-30", "not a real date"),
    ("sheets-date-excel-serial", "42125", "Excel date number"),
    ("sheets-date-fullwidth", "２０１５-０５-０１", "digits 0-9"),
    ("sheets-date-dotted", "2015.5.1", "not a date written YYYY-MM-DD"),
    ("sheets-date-slashes", "05/01/2015", "not a date written YYYY-MM-DD"),
    ("sheets-date-korean", "2015년 5월 1일", "not a date written YYYY-MM-DD"),
    ("sheets-date-year-1899", "1899-12-31", "outside 1900–2100"),
    ("sheets-date-year-2101", "2101-01-01", "outside 1900–2100"),
    ("sheets-date-year-0001", "0001-01-01", "outside 1900–2100"),
    ("sheets-date-year-9999", "9999-12-31", "outside 1900–2100"),
    ("sheets-date-month-13", "2015-13-01", "not a real date"),
    ("sheets-date-with-time", "2015-05-01T10:00", "not a date written YYYY-MM-DD"),
]


@pytest.mark.parametrize(("date", "reason"), [b[1:] for b in BAD_DATES], ids=[b[0] for b in BAD_DATES])
def test_bad_dates_are_row_errors_naming_file_row_and_column(
    tmp_path: Path, reference: Reference, date: str, reason: str
) -> None:
    sheet = tmp_path / "activities.csv"
    bad = f"a1,asan-dongguan,Visit,방문,delegation-visit,inbound,{date},2015-05-02,economy,3"
    sheet.write_text(f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY}\n{bad}\n", encoding="utf-8")
    problems = [str(p) for p in _import(reference, sheet).problems]
    assert len(problems) == 1, problems
    assert f"{sheet} [activities] row 3, column 'start_date'" in problems[0] and reason in problems[0]


BAD_CELLS = [
    ("sheets-persons-fullwidth", "persons", "３", "digits 0-9"),
    ("sheets-persons-negative", "persons", "-3", "whole number"),
    ("sheets-persons-decimal", "persons", "3.5", "whole number"),
    ("sheets-title-nul", "title_en", "Vis\x00it", "U+0000"),
    ("sheets-title-escape", "title_en", "Visit\x1b[2J", "U+001B"),
    ("sheets-id-uppercase", "id", "A1", "lower-case letters"),
    ("sheets-id-korean", "id", "방문1", "lower-case letters"),
    ("sheets-id-slash", "id", "a/b", "lower-case letters"),
]


@pytest.mark.parametrize(
    ("column", "value", "reason"), [b[1:] for b in BAD_CELLS], ids=[b[0] for b in BAD_CELLS]
)
def test_bad_cells_are_row_errors(
    tmp_path: Path, reference: Reference, column: str, value: str, reason: str
) -> None:
    sheet = tmp_path / "activities.csv"
    row = dict(
        id="a1", agreements="asan-dongguan", title_en="Visit", title_ko="방문", types="delegation-visit",
        direction="inbound", start_date="2015-03-01", end_date="2015-03-02", statistics_field="economy", persons="3",
    )  # fmt: skip
    row[column] = value
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([ACTIVITY_HEADER.split(","), list(row.values())])
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    problems = [str(p) for p in _import(reference, sheet).problems]
    assert problems and f"row 2, column '{column}'" in problems[0] and reason in problems[0], problems


@pytest.mark.parametrize("rows", [2, 3, 5], ids=lambda n: f"sheets-duplicate-ids-{n}-rows")
def test_two_rows_with_one_id_are_refused_naming_both_rows(
    tmp_path: Path, reference: Reference, rows: int
) -> None:
    sheet = tmp_path / "activities.csv"
    lines = [
        f"dup,asan-dongguan,Visit {i},방문 {i},delegation-visit,inbound,2015-05-0{i + 1},2015-05-0{i + 1},economy,1"
        for i in range(rows)
    ]
    sheet.write_text("\n".join([ACTIVITY_HEADER, *lines]) + "\n", encoding="utf-8")
    problems = [str(p) for p in _import(reference, sheet).problems]
    assert len(problems) == rows - 1
    assert "duplicate id 'dup': row 2 has the same id" in problems[0] and "row 3, column 'id'" in problems[0]


def _agreements(tmp_path: Path, partners: list[tuple[str, str]], country: str = "CN") -> Path:
    sheet = tmp_path / "agreements.csv"
    lines = [
        f"asan-new-{i},friendship-city,2015-06-01,,,Asan,아산시,KR,{en},{ko},{country}"
        for i, (en, ko) in enumerate(partners)
    ]
    sheet.write_text("\n".join([AGREEMENT_HEADER, *lines]) + "\n", encoding="utf-8")
    return sheet


NON_LATIN = [
    ("sheets-nonlatin-chinese", [("青岛", "칭다오"), ("大连", "다롄"), ("烟台", "옌타이")]),
    ("sheets-nonlatin-korean-in-english", [("칭다오", "칭다오"), ("다롄", "다롄"), ("옌타이", "옌타이")]),
    ("sheets-nonlatin-arabic", [("القاهرة", "카이로"), ("الجيزة", "기자")]),
    ("sheets-nonlatin-cyrillic", [("Москва", "모스크바"), ("Казань", "카잔")]),
    ("sheets-nonlatin-mixed", [("Xi'an 西安", "시안"), ("Xi'an 錫安", "시안2")]),
]


@pytest.mark.parametrize("partners", [n[1] for n in NON_LATIN], ids=[n[0] for n in NON_LATIN])
def test_cities_named_in_any_script_get_distinct_iris(
    tmp_path: Path, reference: Reference, partners: list[tuple[str, str]]
) -> None:
    from rdflib.namespace import RDF, SDO

    imp = _import(reference, _agreements(tmp_path, partners))
    assert imp.problems == []
    cities = set(imp.graph.subjects(RDF.type, SDO.City))
    assert len(cities) == len(partners) and not any(str(c).endswith("/place/cn") for c in cities)


@pytest.mark.parametrize(
    "pair",
    [("New York", "New-York"), ("Saint Étienne", "Saint-Etienne"), ("a  b", "a-b")],
    ids=["sheets-slug-collision-hyphen", "sheets-slug-collision-accent", "sheets-slug-collision-space"],
)
def test_two_names_that_would_share_an_iri_are_refused(
    tmp_path: Path, reference: Reference, pair: tuple[str, str]
) -> None:
    imp = _import(reference, _agreements(tmp_path, [(pair[0], "가"), (pair[1], "나")]))
    assert any("already used by" in str(p) and "row 3" in str(p) for p in imp.problems), imp.problems


@pytest.mark.parametrize("form", ["NFD", "NFKD"], ids=["sheets-nfd-name", "sheets-nfkd-name"])
def test_a_korean_name_in_nfd_is_the_same_city(tmp_path: Path, reference: Reference, form: str) -> None:
    from rdflib.namespace import RDF, SDO

    decomposed = unicodedata.normalize("NFD" if form == "NFD" else "NFKD", "칭다오")
    imp = _import(reference, _agreements(tmp_path, [("Qingdao", "칭다오"), ("", decomposed)]))
    assert len(set(imp.graph.subjects(RDF.type, SDO.City))) == 1, imp.problems


def test_sheets_stale_dimension_every_row_is_read(tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    rows = [ACTIVITY_HEADER.split(",")] + [
        [
            f"a{i}",
            "asan-dongguan",
            "Visit",
            "방문",
            "delegation-visit",
            "inbound",
            "2015-05-01",
            "2015-05-02",
            "economy",
            "1",
        ]
        for i in range(3)
    ]
    write_xlsx(path, rows)
    _stale_dimension(path, "A1:J2")
    parts = read_sheets(path)
    assert [len(p.rows) for p in parts] == [3]


def _stale_dimension(path: Path, ref: str) -> None:
    with zipfile.ZipFile(path) as zin:
        items = {name: zin.read(name) for name in zin.namelist()}
    import re

    sheet = "xl/worksheets/sheet1.xml"
    items[sheet] = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), items[sheet])
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in items.items():
            zout.writestr(name, data)


HEADERS = [
    ("sheets-wrong-header", "name,age\nkim,3\n", "matches neither"),
    (
        "sheets-unknown-extra-column",
        ACTIVITY_HEADER + ",colour\n" + GOOD_ACTIVITY + ",red\n",
        "'colour' is not a template column",
    ),
    ("sheets-duplicate-column", ACTIVITY_HEADER + ",id\n" + GOOD_ACTIVITY + ",x\n", "are both 'id'"),
    ("sheets-empty-file", "", "empty"),
    ("sheets-blank-header", ",,,\n1,2,3,4\n", "no header row"),
    ("sheets-unclosed-quote", ACTIVITY_HEADER + '\n"a1,asan-dongguan\n', None),
]


@pytest.mark.parametrize(("text", "needle"), [h[1:] for h in HEADERS], ids=[h[0] for h in HEADERS])
def test_files_that_are_not_templates_are_refused_naming_the_file(
    tmp_path: Path, text: str, needle: str | None
) -> None:
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    if needle is None:  # an unclosed quote swallows the rest: one row, or a refusal, never a crash
        try:
            read_sheets(path)
        except InputError as exc:
            assert str(path) in str(exc)
        return
    with pytest.raises(InputError) as caught:
        read_sheets(path)
    assert str(path) in str(caught.value) and needle in str(caught.value)


ENCODINGS = [
    ("sheets-csv-cp949", "cp949", "not UTF-8"),
    ("sheets-csv-euc-kr", "euc-kr", "not UTF-8"),
    ("sheets-csv-utf16", "utf-16", "UTF-16"),
    ("sheets-csv-latin1", "latin-1", None),
]


@pytest.mark.parametrize(("encoding", "needle"), [e[1:] for e in ENCODINGS], ids=[e[0] for e in ENCODINGS])
def test_csv_in_other_encodings(tmp_path: Path, encoding: str, needle: str | None) -> None:
    path = tmp_path / "activities.csv"
    text = f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY.replace('방문', 'Besuch é')}\n"
    if encoding.startswith("cp") or encoding.startswith("euc"):
        text = f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY}\n"
    path.write_bytes(text.encode(encoding))
    if needle is None:
        with pytest.raises(InputError, match="line 2 is not UTF-8"):
            read_sheets(path)
        return
    with pytest.raises(InputError) as caught:
        read_sheets(path)
    assert str(path) in str(caught.value) and needle in str(caught.value)


WORKBOOKS = [
    ("sheets-xlsx-not-a-zip", b"this is not a workbook"),
    ("sheets-xlsx-password-protected", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
    ("sheets-xlsx-truncated-zip", b"PK\x03\x04" + b"\x00" * 40),
    ("sheets-xlsx-empty-file", b""),
]


@pytest.mark.parametrize("data", [w[1] for w in WORKBOOKS], ids=[w[0] for w in WORKBOOKS])
def test_corrupt_or_protected_workbooks_are_refused_by_name(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "records.xlsx"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_sheets(path)
    assert str(path) in str(caught.value) and "workbook" in str(caught.value)


def test_sheets_xlsx_zip_without_workbook(tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="workbook"):
        read_sheets(path)


@pytest.mark.parametrize(
    "formula",
    ['=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0", "=1+1", "@SUM(1)", "+1+1", "-1+1"],
    ids=[
        "sheets-formula-hyperlink",
        "sheets-formula-dde",
        "sheets-formula-sum",
        "sheets-formula-at",
        "sheets-formula-plus",
        "sheets-formula-minus",
    ],
)
def test_formula_cells_in_a_workbook_are_read_as_their_text(tmp_path: Path, formula: str) -> None:
    path = tmp_path / "records.xlsx"
    row = [
        "a1",
        "asan-dongguan",
        formula,
        "방문",
        "delegation-visit",
        "inbound",
        "2015-05-01",
        "2015-05-02",
        "economy",
        "1",
    ]
    write_xlsx(path, [ACTIVITY_HEADER.split(","), row])
    (part,) = read_sheets(path)
    assert part.rows[0][1]["title_en"] == formula


@pytest.mark.parametrize(
    "kind", ["header-only", "blank-sheet"], ids=["sheets-xlsx-header-only", "sheets-xlsx-blank"]
)
def test_empty_workbooks_give_no_rows(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "records.xlsx"
    write_xlsx(path, [ACTIVITY_HEADER.split(",")] if kind == "header-only" else [])
    assert all(not p.rows for p in read_sheets(path))


def test_sheets_provenance_differs_for_two_files_of_one_name(tmp_path: Path, reference: Reference) -> None:
    sources = []
    for folder, when in (("a", "2015-05-01"), ("b", "2015-06-01")):
        (tmp_path / folder).mkdir()
        sheet = tmp_path / folder / "activities.csv"
        sheet.write_text(
            f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY.replace('2015-05-01', when)}\n", encoding="utf-8"
        )
        sources.append(next(iter(_import(reference, sheet).sources.values())))
    assert sources[0] != sources[1]


def test_sheets_parts_keep_their_file(tmp_path: Path) -> None:
    sheet = tmp_path / "activities.csv"
    sheet.write_text(f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY}\n", encoding="utf-8")
    assert read_sheets(sheet) == [SheetRows(sheet, "activities", read_sheets(sheet)[0].rows)]
