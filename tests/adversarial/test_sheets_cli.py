"""Spreadsheet commands as a user runs them (the real console script): every case checks the exit
code, a message naming the file, row and column, no traceback, inputs unchanged, outputs complete
or absent, and new files 0644."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.adversarial.helpers_files import (
    ACTIVITY_HEADER,
    AGREEMENT_HEADER,
    CLI,
    GOOD_ACTIVITY,
    check,
    digest,
    files_in,
    new_files_are_0644,
    run,
    write_xlsx,
)

pytestmark = pytest.mark.adversarial

HOSTILE = ['=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0", "+SUM(1)", "@A1", "-2+3"]


def _hostile_data(folder: Path) -> Path:
    """A data folder whose labels start with formula leads (the import of a hostile sheet)."""
    folder.mkdir()
    sheet = folder.parent / "hostile.csv"
    lines = [
        f'h{i},asan-dongguan,"{title.replace(chr(34), chr(34) * 2)}",방문 {i},delegation-visit,inbound,2015-05-0{i + 1},2015-05-0{i + 1},economy,1'
        for i, title in enumerate(HOSTILE)
    ]
    sheet.write_text("\n".join([ACTIVITY_HEADER, *lines]) + "\n", encoding="utf-8")
    return sheet


def test_sheets_hostile_labels_never_become_live_formulas_and_round_trip(tmp_path: Path) -> None:
    sheet = _hostile_data(tmp_path / "data")
    into = tmp_path / "data" / "hostile.ttl"
    check(run("import", sheet, "--into", into, cwd=tmp_path, timeout=120), 0, f"wrote {into}")
    # the graph being extended is the packaged one; export it with the hostile records
    data = tmp_path / "all"
    import shutil

    from asan_kg.core import resources

    shutil.copytree(resources.data_dir(), data)
    shutil.copy(into, data / "hostile.ttl")
    before = files_in(tmp_path)
    result = run("export", "--data", data, "--out", tmp_path / "x", "--xlsx", cwd=tmp_path, timeout=120)
    check(result, 0, "activities")
    new_files_are_0644(tmp_path, before)
    csv_text = (tmp_path / "x" / "activities.csv").read_text(encoding="utf-8-sig")
    for title in HOSTILE:
        assert f",{title}," not in csv_text and f'"{title}' not in csv_text.replace("\"'", "")
    with zipfile.ZipFile(tmp_path / "x" / "records.xlsx") as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b't="str"' not in xml
    # our own export imports back to the same titles
    again = tmp_path / "again.ttl"
    empty = tmp_path / "none"
    empty.mkdir()
    (empty / "none.ttl").write_text("# none\n", encoding="utf-8")
    result = run(
        "import", tmp_path / "x" / "records.xlsx", "--into", again, "--data", empty, cwd=tmp_path, timeout=120
    )
    check(result, 0, f"wrote {again}")
    text = again.read_text(encoding="utf-8")
    assert "\"=cmd|' /C calc'!A0\"@en" in text and "\"'=" not in text


@pytest.mark.parametrize("fmt", ["csv", "tsv"], ids=["sheets-query-csv-hostile", "sheets-query-tsv-hostile"])
def test_query_output_guards_formula_leads(tmp_path: Path, fmt: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "h.ttl").write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/asan-kg/id/place/x> rdfs:label "=HYPERLINK(\\"http://e\\")"@en , "@SUM(A1)"@en .\n',
        encoding="utf-8",
    )
    query = tmp_path / "q.rq"
    query.write_text(
        "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }", encoding="utf-8"
    )
    result = run("query", "--file", query, "--data", data, "--format", fmt, cwd=tmp_path)
    check(result, 0)
    for line in result.out.splitlines()[1:]:
        assert not line.startswith(("=", "@", "+")), line


def test_sheets_stale_dimension_cli_reads_all_rows(tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    rows = [ACTIVITY_HEADER.split(",")] + [
        [
            f"s{i}",
            "asan-dongguan",
            f"Visit {i}",
            f"방문 {i}",
            "delegation-visit",
            "inbound",
            f"2015-05-0{i + 1}",
            f"2015-05-0{i + 1}",
            "economy",
            "1",
        ]
        for i in range(3)
    ]
    write_xlsx(path, rows)
    with zipfile.ZipFile(path) as zin:
        items = {n: zin.read(n) for n in zin.namelist()}
    items["xl/worksheets/sheet1.xml"] = items["xl/worksheets/sheet1.xml"].replace(
        b'ref="A1:J4"', b'ref="A1:J2"'
    )
    with zipfile.ZipFile(path, "w") as zout:
        for n, d in items.items():
            zout.writestr(n, d)
    before = digest([path])
    result = run("import", path, "--into", tmp_path / "out.ttl", "--dry-run", cwd=tmp_path, timeout=120)
    check(result, 0, "activities: 3 valid")
    assert digest([path]) == before and not (tmp_path / "out.ttl").exists()


def test_sheets_duplicate_ids_cli(tmp_path: Path) -> None:
    sheet = tmp_path / "activities.csv"
    second = (
        GOOD_ACTIVITY.replace("Visit", "Other visit")
        .replace("방문", "다른 방문")
        .replace("2015-05-0", "2015-06-0")
    )
    sheet.write_text(f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY}\n{second}\n", encoding="utf-8")
    before, files = digest([sheet]), files_in(tmp_path)
    result = run("import", sheet, "--into", tmp_path / "out.ttl", cwd=tmp_path, timeout=120)
    check(
        result, 1, f"{sheet} [activities] row 3, column 'id'", "duplicate id 'ok1': row 2", "nothing written"
    )
    assert digest([sheet]) == before and files_in(tmp_path) == files


def test_sheets_nonlatin_cities_cli_get_distinct_nodes(tmp_path: Path) -> None:
    sheet = tmp_path / "agreements.csv"
    lines = [
        f"asan-cn-{i},friendship-city,2015-06-01,,,Asan,아산시,KR,{name},{name},CN"
        for i, name in enumerate(["青岛", "大连", "烟台"])
    ]
    sheet.write_text("\n".join([AGREEMENT_HEADER, *lines]) + "\n", encoding="utf-8")
    into = tmp_path / "out.ttl"
    check(run("import", sheet, "--into", into, cwd=tmp_path, timeout=120), 0, f"wrote {into}")
    text = into.read_text(encoding="utf-8")
    assert "place:en-cn" not in text and "place:-cn" not in text
    assert (
        len(
            {
                line.split()[0]
                for line in text.splitlines()
                if line.startswith("place:") and "schema:City" in text
            }
        )
        >= 3
    )


@pytest.mark.parametrize(
    "command", ["template", "export"], ids=["sheets-template-no-overwrite", "sheets-export-no-overwrite"]
)
def test_filled_in_files_are_not_replaced_without_force(tmp_path: Path, command: str) -> None:
    out = tmp_path / "records"
    out.mkdir()
    filled = out / "activities.csv"
    filled.write_text(f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY}\n", encoding="utf-8")
    before, files = digest([filled]), files_in(tmp_path)
    result = run(command, "--out", out, cwd=tmp_path, timeout=120)
    check(result, 2, str(filled), "--force")
    assert digest([filled]) == before and files_in(tmp_path) == files
    check(run(command, "--out", out, "--force", cwd=tmp_path, timeout=120), 0)
    new_files_are_0644(tmp_path, set())


def test_sheets_rejects_file_guards_formula_leads(tmp_path: Path) -> None:
    sheet = tmp_path / "activities.csv"
    bad = "=evil(),asan-dongguan,Visit,방문,delegation-visit,inbound,2015-05-01,2015-05-02,economy,x"
    sheet.write_text(f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY}\n{bad}\n", encoding="utf-8")
    into = tmp_path / "out.ttl"
    before = files_in(tmp_path)
    result = run("import", sheet, "--into", into, "--skip-invalid", cwd=tmp_path, timeout=120)
    check(result, 0, "row 3, column 'id'", f"wrote {into}")
    rejects = (tmp_path / "out.rejects.csv").read_text(encoding="utf-8-sig")
    assert all(not cell.startswith("=") for line in rejects.splitlines() for cell in line.split(","))
    new_files_are_0644(tmp_path, before)


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("sheets-cli-cp949", f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY}\n".encode("cp949"), "line 2 is not UTF-8"),
        (
            "sheets-cli-protected-xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
            "password-protected",
        ),
        ("sheets-cli-wrong-header", b"name,age\nkim,3\n", "matches neither"),
        ("sheets-cli-header-only", f"{ACTIVITY_HEADER}\n".encode(), "no rows to import"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.startswith("sheets") else "",
)
def test_unreadable_sheets_exit_2_naming_the_file(
    tmp_path: Path, name: str, data: bytes, needle: str
) -> None:
    path = tmp_path / ("records.xlsx" if "xlsx" in name else "activities.csv")
    path.write_bytes(data)
    before, files = digest([path]), files_in(tmp_path)
    result = run("import", path, "--into", tmp_path / "out.ttl", cwd=tmp_path, timeout=120)
    check(result, 2, str(path), needle)
    assert digest([path]) == before and files_in(tmp_path) == files


def test_sheets_two_concurrent_imports_into_one_file(tmp_path: Path) -> None:
    """Both start before either writes: one writes, the other is refused (never two 'wrote')."""
    import os

    sheets = []
    for i in range(2):
        sheet = tmp_path / f"activities-{i}.csv"
        sheet.write_text(f"{ACTIVITY_HEADER}\n{GOOD_ACTIVITY.replace('ok1', f'c{i}')}\n", encoding="utf-8")
        sheets.append(sheet)
    into = tmp_path / "out.ttl"
    env = {**os.environ, "ASAN_KG_LANG": "en"}
    procs = [
        subprocess.Popen(
            [str(CLI), "import", str(s), "--into", str(into)],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for s in sheets
    ]
    results = [p.communicate(timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    wrote = [out for out, _err in results if "wrote" in out]
    assert len(wrote) == 1, results
    assert sorted(codes) == [0, 2], results
    loser = next(err for (out, err), code in zip(results, codes, strict=True) if code == 2)
    assert str(into) in loser and "Traceback" not in loser
    text = into.read_text(encoding="utf-8")
    assert ("event:c0" in text) != ("event:c1" in text)
