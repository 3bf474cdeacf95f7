"""Spreadsheet records: template, import with row-level errors, export, lossless round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from asan_kg.cli import app

runner = CliRunner()
AGREEMENT_HEADER = (
    "id,kind,signed on (YYYY-MM-DD),signing activity id,focus fields (; between),home city (English),"
    "home city (Korean),home country (ISO 3166),partner city (English),partner city (Korean),"
    "partner country (ISO 3166)"
)
ACTIVITY_HEADER = (
    "id,agreement ids (; between),title (English),title (Korean),activity types (; between),"
    "direction,start date (YYYY-MM-DD),end date (YYYY-MM-DD),statistics field,persons"
)


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture()
def empty(tmp_path: Path) -> Path:
    """A data folder with nothing in it but a Turtle file without triples (an empty folder is an
    input error of its own)."""
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "nothing.ttl").write_text("# no triples yet\n", encoding="utf-8")
    return folder


def test_template_writes_blank_sheets_in_korean_and_english(tmp_path: Path) -> None:
    for lang, needle in (("ko", "식별자"), ("en", "agreement ids")):
        code, _ = invoke("template", "--out", str(tmp_path / lang), "--lang", lang)
        assert code == 0
        text = (tmp_path / lang / "activities.csv").read_text(encoding="utf-8-sig")
        assert needle in text and (tmp_path / lang / "records.xlsx").exists()


def test_the_whole_asan_graph_round_trips_losslessly(tmp_path: Path, empty: Path) -> None:
    code, out = invoke("export", "--out", str(tmp_path / "x1"))
    assert code == 0 and "13 agreements, 20 activities" in out
    first = tmp_path / "a" / "records.ttl"
    code, out = invoke(
        "import",
        str(tmp_path / "x1" / "agreements.csv"),
        str(tmp_path / "x1" / "activities.csv"),
        "--into",
        str(first),
        "--data",
        str(empty),
    )
    assert code == 0, out
    code, out = invoke("export", "--data", str(first.parent), "--out", str(tmp_path / "x2"))
    assert code == 0, out
    second = tmp_path / "b.ttl"
    code, out = invoke(
        "import",
        str(tmp_path / "x2" / "agreements.csv"),
        str(tmp_path / "x2" / "activities.csv"),
        "--into",
        str(second),
        "--data",
        str(empty),
    )
    assert code == 0, out
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    for name in ("agreements.csv", "activities.csv"):
        assert (tmp_path / "x1" / name).read_bytes() == (tmp_path / "x2" / name).read_bytes()
    text = first.read_text(encoding="utf-8")
    assert '"2012-09-24"^^xsd:date' in text and "아산시–영성시 우호협력" in text


def test_korean_headers_import_to_the_same_graph_as_english_ones(tmp_path: Path, empty: Path) -> None:
    graphs = []
    for lang in ("ko", "en"):
        folder = tmp_path / lang
        assert invoke("export", "--out", str(folder), "--lang", lang)[0] == 0
        target = tmp_path / f"{lang}.ttl"
        code, out = invoke(
            "import",
            str(folder / "agreements.csv"),
            str(folder / "activities.csv"),
            "--into",
            str(target),
            "--data",
            str(empty),
        )
        assert code == 0, out
        graphs.append(target.read_text(encoding="utf-8"))
    assert "기준 도시" in (tmp_path / "ko" / "agreements.csv").read_text(encoding="utf-8-sig")
    assert graphs[0] == graphs[1]


def test_the_xlsx_workbook_imports_too(tmp_path: Path, empty: Path) -> None:
    assert invoke("export", "--out", str(tmp_path), "--xlsx", "--lang", "ko")[0] == 0
    code, out = invoke(
        "import", str(tmp_path / "records.xlsx"), "--into", str(tmp_path / "x.ttl"), "--data", str(empty)
    )
    assert code == 0, out
    assert "agreements: 13 valid, activities: 20 valid" in out


BAD_ACTIVITIES = [
    (
        "a1,no-such-agreement,Visit,방문,delegation-visit,inbound,2015-03-01,2015-03-02,economy,3",
        "agreements",
        "unknown partner agreement 'no-such-agreement'",
    ),
    (
        "a2,asan-dongguan,Visit,방문,delegation-visit,inbound,2015-02-30,2015-03-02,economy,3",
        "start_date",
        "not a real date",
    ),
    (
        "a3,asan-dongguan,Visit,방문,delegation-visit,inbound,2015-03-05,2015-03-02,economy,3",
        "end_date",
        "ends (2015-03-02) before it starts (2015-03-05)",
    ),
    (
        "a4,asan-dongguan,Visit,방문,delegation-visit,inbound,2015-03-01,2015-03-02,space,3",
        "statistics_field",
        "unknown value 'space'",
    ),
    (
        "a5,asan-dongguan,Dongguan business briefing,동관시 기업설명회,briefing,inbound,2014-09-01,2014-09-01,economy,",
        "id",
        "duplicate of the existing activity",
    ),
    (
        "a6,asan-dongguan,Visit,방문,teleportation,inbound,2015-03-01,2015-03-02,economy,3",
        "types",
        "unknown value 'teleportation'",
    ),
    (
        "a7,asan-dongguan,Visit,방문,delegation-visit,inbound,2015-03-01,2015-03-02,economy,three",
        "persons",
        "not a whole number",
    ),
]


@pytest.mark.parametrize(("line", "column", "reason"), BAD_ACTIVITIES, ids=[b[1] for b in BAD_ACTIVITIES])
def test_each_kind_of_bad_row_is_reported_and_nothing_is_written(
    tmp_path: Path, line: str, column: str, reason: str
) -> None:
    sheet = tmp_path / "activities.csv"
    good = "ok1,asan-dongguan,Visit,방문,delegation-visit,inbound,2015-05-01,2015-05-02,economy,4"
    sheet.write_text(f"{ACTIVITY_HEADER}\n{good}\n{line}\n", encoding="utf-8")
    target = tmp_path / "out.ttl"
    code, out = invoke("import", str(sheet), "--into", str(target))
    assert code == 1, out
    assert f"row 3, column '{column}'" in out and reason in out, out
    assert "nothing written" in out and not target.exists()


def test_skip_invalid_writes_the_valid_rows_and_a_rejects_file(tmp_path: Path) -> None:
    sheet = tmp_path / "activities.csv"
    good = (
        "ok1,asan-dongguan,Visit in 2015,2015년 방문,delegation-visit,inbound,2015-05-01,2015-05-02,economy,4"
    )
    sheet.write_text(f"{ACTIVITY_HEADER}\n{good}\n{BAD_ACTIVITIES[0][0]}\n", encoding="utf-8")
    target = tmp_path / "out.ttl"
    code, out = invoke("import", str(sheet), "--into", str(target), "--skip-invalid")
    assert code == 0, out
    assert "event:ok1" in target.read_text(encoding="utf-8") and "event:a1" not in target.read_text(
        encoding="utf-8"
    )
    rejects = (tmp_path / "out.rejects.csv").read_text(encoding="utf-8-sig")
    assert "unknown partner agreement" in rejects


def test_new_records_extend_the_asan_graph_and_reuse_its_cities(tmp_path: Path) -> None:
    agreements = tmp_path / "agreements.csv"
    agreements.write_text(
        f"{AGREEMENT_HEADER}\nasan-dongguan-education,cooperation-agreement,2015-06-01,,"
        "education,Asan,아산시,KR,Dongguan,동관시,CN\n",
        encoding="utf-8",
    )
    activities = tmp_path / "activities.csv"
    activities.write_text(
        f"{ACTIVITY_HEADER}\nv2015,asan-dongguan-education;asan-dongguan,Teachers' visit,"
        "교사 방문,delegation-visit,outbound,2015-06-02,2015-06-05,education,12\n",
        encoding="utf-8",
    )
    target = tmp_path / "records-2015.ttl"
    code, out = invoke("import", str(agreements), str(activities), "--into", str(target))
    assert code == 0, out
    text = target.read_text(encoding="utf-8")
    assert "akg:partnerPlace place:dongguan" in text and "akg:homePlace place:asan" in text
    assert "akg:partnerParty organization:dongguan-city-government" in text
    assert "Dongguan City Government" not in text  # the existing government, not a new one
    assert "prov:wasDerivedFrom" in text and "activities-row-2" in text


def test_an_existing_target_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "kept.ttl"
    target.write_text("# keep me\n", encoding="utf-8")
    sheet = tmp_path / "activities.csv"
    sheet.write_text(f"{ACTIVITY_HEADER}\n", encoding="utf-8")
    code, out = invoke("import", str(sheet), "--into", str(target))
    assert code == 2 and "--force" in out
    assert target.read_text(encoding="utf-8") == "# keep me\n"


def test_a_file_that_is_not_a_template_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("name,age\nkim,3\n", encoding="utf-8")
    code, out = invoke("import", str(other), "--into", str(tmp_path / "x.ttl"))
    assert code == 2 and "template" in out
