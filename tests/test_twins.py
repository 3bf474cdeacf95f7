"""Public twin-town data: import with counts taken from the files themselves, cross-check, suggestions."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asan_kg.cli import app
from asan_kg.ingest import twins
from tests.conftest import ROOT

DATA = ROOT.parent / "shared" / "data" / "twin-towns"
WIKIPEDIA = DATA / "wikipedia-twin-towns.csv"
WIKIDATA = DATA / "wikidata-eu-twin-towns.tsv"
runner = CliRunner()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not WIKIPEDIA.exists():
        pytest.fail(f"the shared twin-town data is missing: {DATA}")
    folder = tmp_path_factory.mktemp("twins")
    out = {}
    for name, path in (("wikipedia", WIKIPEDIA), ("wikidata", WIKIDATA)):
        target = folder / f"{name}.ttl"
        result = runner.invoke(app, ["import-twins", str(path), "--out", str(target)])
        assert result.exit_code == 0, result.output
        out[name] = target
    return out


def test_wikipedia_counts_come_from_the_file() -> None:
    rows = list(csv.DictReader(WIKIPEDIA.open(encoding="utf-8")))
    imp = twins.load(WIKIPEDIA)
    summary = imp.summary()
    assert summary["rows"] == len(rows) == 25_817
    assert summary["countries"] == len({r["country"] for r in rows}) == 165
    origins = {(twins.normalise(r["city"]), r["country"]) for r in rows}
    assert sum(1 for c in imp.cities.values() if c.origin) == len(origins)
    # every sister name is resolved to an origin city, or reported (never dropped)
    origin_names = {twins.normalise(r["city"]) for r in rows}
    for r in rows:
        sister = r["sister"].strip()
        known = (
            twins.normalise(sister) in origin_names or twins.normalise(sister.split(",")[0]) in origin_names
        )
        assert known or sister in imp.unresolved, sister
    assert summary["unresolved"] + summary["ambiguous"] == len(imp.unresolved) > 0


def test_wikidata_counts_come_from_the_file() -> None:
    rows = list(csv.DictReader(WIKIDATA.open(encoding="utf-8"), delimiter="\t"))
    imp = twins.load(WIKIDATA)
    assert imp.summary()["rows"] == len(rows) == 13_081
    table = twins.countries()

    def key(name: str, country: str) -> tuple[str, str]:
        info = table.get(twins.normalise(country))
        return twins.normalise(name), info.canonical if info else country.strip()

    pairs = {
        frozenset(
            (
                key(r["origincityLabel"], r["origincountry"]),
                key(r["sistercityLabel"], r["destination_countryLabel"]),
            )
        )
        for r in rows
    }
    pairs = {p for p in pairs if len(p) == 2}
    assert len(imp.pairs) == len(pairs)
    unknown = {
        r[c]
        for r in rows
        for c in ("origincountry", "destination_countryLabel")
        if twins.normalise(r[c]) not in table
    }
    assert imp.unknown_countries == unknown and len(unknown) == 5  # reported, never guessed


def test_both_directions_of_a_pair_merge_into_one() -> None:
    imp = twins.load(WIKIDATA)
    miskolc = ("miskolc", "Hungary")
    burgas = ("burgas", "Bulgaria")
    pair = imp.pairs[frozenset((miskolc, burgas))]
    assert len(pair.directions) == 2


def test_the_unresolved_report_lists_every_unresolved_name(imported: dict[str, Path]) -> None:
    report = imported["wikipedia"].with_suffix(".unresolved.tsv").read_text(encoding="utf-8").splitlines()
    assert report[0] == "name\tresolution\tcandidate_countries"
    assert len(report) - 1 == len(twins.load(WIKIPEDIA).unresolved)


def test_miskolc_asan_is_found_in_one_source_and_missing_from_the_other(imported: dict[str, Path]) -> None:
    result = runner.invoke(
        app,
        [
            "crosscheck",
            "--twins",
            str(imported["wikipedia"]),
            "--twins",
            str(imported["wikidata"]),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert all({"home", "partner", "source", "finding"} <= set(r) for r in rows)
    miskolc = {r["source"]: r["finding"] for r in rows if r["partner"] == "Miskolc"}
    assert miskolc == {
        "Wikipedia lists of twin towns and sister cities": "missing_in_public",
        "Wikidata twinned administrative bodies (P190) of EU cities": "agrees",
    }
    assert {r["finding"] for r in rows} <= {
        "agrees",
        "missing_in_public",
        "missing_in_ours",
        "name_differs",
        "not_covered",
    }
    # The EU list has no list for Dongguan or Asan: that is not evidence of absence.
    dongguan = [r for r in rows if r["partner"] == "Dongguan" and r["source"].startswith("Wikidata")]
    assert dongguan[0]["finding"] == "not_covered"


def test_suggestions_are_ranked_explained_and_evaluated(imported: dict[str, Path]) -> None:
    result = runner.invoke(
        app,
        [
            "suggest",
            "--twins",
            str(imported["wikipedia"]),
            "--twins",
            str(imported["wikidata"]),
            "--top",
            "5",
            "--evaluate",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    suggestions, evaluation = doc["suggestions"], doc["evaluation"]
    assert len(suggestions) == 5
    assert all({"city", "country", "region", "score", "why"} <= set(s) for s in suggestions)
    assert [s["score"] for s in suggestions] == sorted((s["score"] for s in suggestions), reverse=True)
    ours = {
        "Dongguan",
        "Miskolc",
        "Rongcheng",
        "Weifang",
        "Lansing",
        "Tyler",
        "Mwanza",
        "Osh",
        "Kisumu",
        "Petaling Jaya",
        "Asan",
    }
    assert not ours & {s["city"] for s in suggestions}
    assert all("twinned with" in s["why"] for s in suggestions)
    assert evaluation["hidden"] == 300 and 0 <= evaluation["precision_baseline"] <= 1
    regional = runner.invoke(
        app,
        [
            "suggest",
            "--twins",
            str(imported["wikipedia"]),
            "--region",
            "south-eastern-asia",
            "--format",
            "json",
        ],
    )
    assert all(s["region"] == "south-eastern-asia" for s in json.loads(regional.output))


def test_an_unknown_layout_and_an_existing_output_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["import-twins", str(other), "--out", str(tmp_path / "x.ttl")])
    assert result.exit_code == 2 and "unknown layout" in result.output
    existing = tmp_path / "kept.ttl"
    existing.write_text("# keep\n", encoding="utf-8")
    result = runner.invoke(app, ["import-twins", str(WIKIDATA), "--out", str(existing)])
    assert result.exit_code == 2 and existing.read_text(encoding="utf-8") == "# keep\n"
