"""Public twin-town data with hostile content: formula leads, markup, control characters, quotes,
non-Latin names, NFD names, wrong headers, other encodings, missing columns."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph

from asan_kg.core.errors import InputError
from asan_kg.ingest import twins
from asan_kg.ingest.twins_turtle import city_iris, to_turtle, unresolved_tsv
from tests.adversarial.helpers_files import check, digest, files_in, new_files_are_0644, run

pytestmark = pytest.mark.adversarial

HOSTILE_NAMES = [
    ("twins-formula-equals", '=HYPERLINK("http://evil","x")'),
    ("twins-formula-dde", "=cmd|' /C calc'!A0"),
    ("twins-formula-plus", "+1+1"),
    ("twins-formula-at", "@SUM(A1)"),
    ("twins-formula-minus", "-2+3"),
    ("twins-quotes", 'The "Big" City'),
    ("twins-turtle-injection", 'x" . <http://evil> <http://evil> "y'),
    ("twins-angle-brackets", "<script>alert(1)</script>"),
    ("twins-tab-inside", "Tab\tCity"),
    ("twins-backslashes", "C:\\Windows\\"),
    ("twins-rich-markup", "[bold red]Evil[/]"),
    ("twins-bidi-override", "\u202eevil"),
    ("twins-only-chinese", "青岛"),
    ("twins-only-korean", "아산"),
    ("twins-emoji", "🏙️ City"),
]


def _wikipedia(path: Path, sisters: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["", "country", "city", "sister"])
        for i, sister in enumerate(sisters):
            writer.writerow([i, "Korea, South", "Asan", sister])
    return path


@pytest.mark.parametrize("name", [h[1] for h in HOSTILE_NAMES], ids=[h[0] for h in HOSTILE_NAMES])
def test_hostile_names_give_parseable_turtle_and_a_safe_report(tmp_path: Path, name: str) -> None:
    imp = twins.load(_wikipedia(tmp_path / "w.csv", [name, "Other"]))
    graph = Graph().parse(data=to_turtle(imp), format="turtle")
    assert any(name.strip() == str(o) for o in graph.objects())
    for line in unresolved_tsv(imp).splitlines()[1:]:
        cells = line.split("\t")
        assert len(cells) == 3 and not cells[0].startswith(("=", "+", "@", "-")), line


def test_twins_nonlatin_names_get_distinct_iris(tmp_path: Path) -> None:
    imp = twins.load(_wikipedia(tmp_path / "w.csv", ["青岛", "大连", "烟台", "아산", "Москва"]))
    iris = list(city_iris(imp).values())
    assert len(iris) == len(set(iris)) == len(imp.cities)


def test_twins_slug_collisions_get_distinct_iris(tmp_path: Path) -> None:
    imp = twins.load(_wikipedia(tmp_path / "w.csv", ["New York", "New-York", "new_york"]))
    iris = list(city_iris(imp).values())
    assert len(iris) == len(set(iris))


def test_twins_nfd_names_are_one_city(tmp_path: Path) -> None:
    name = "천안"
    imp = twins.load(_wikipedia(tmp_path / "w.csv", [name, unicodedata.normalize("NFD", name)]))
    assert len([c for c in imp.cities.values() if not c.origin]) == 1


BAD_FILES = [
    ("twins-wrong-header", b"a,b\n1,2\n", "unknown layout"),
    ("twins-empty-file", b"", "unknown layout"),
    ("twins-cp949", ",country,city,sister\n0,대한민국,아산,천안\n".encode("cp949"), "not UTF-8"),
    (
        "twins-wikidata-missing-column",
        b"origincityLabel\tsistercityLabel\nA\tB\n",
        "column 'origincountry' is missing",
    ),
]


@pytest.mark.parametrize(("data", "needle"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_bad_twin_files_are_refused_naming_the_file(tmp_path: Path, data: bytes, needle: str) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        twins.load(path)
    assert str(path) in str(caught.value) and needle in str(caught.value)


def test_twins_cli_hostile_names_and_refusals(tmp_path: Path) -> None:
    source = _wikipedia(tmp_path / "w.csv", [h[1] for h in HOSTILE_NAMES])
    out = tmp_path / "out" / "twins.ttl"
    before, files = digest([source]), files_in(tmp_path)
    result = run("import-twins", source, "--out", out, cwd=tmp_path)
    check(result, 0, f"wrote {out}")
    assert digest([source]) == before
    new_files_are_0644(tmp_path, files)
    Graph().parse(out, format="turtle")
    report = out.with_suffix(".unresolved.tsv").read_text(encoding="utf-8")
    assert all(not line.startswith(("=", "+", "@")) for line in report.splitlines())
    again = run("import-twins", source, "--out", out, cwd=tmp_path)
    check(again, 2, str(out), "--force")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,age\n", encoding="utf-8")
    check(
        run("import-twins", wrong, "--out", tmp_path / "x.ttl", cwd=tmp_path),
        2,
        f"{wrong}:1:",
        "unknown layout",
    )
    assert not (tmp_path / "x.ttl").exists()
