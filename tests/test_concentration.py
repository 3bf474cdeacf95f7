"""Where the exchange is concentrated, reproducing the report's own statement of China's share."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from asan_kg.analysis import concentration
from asan_kg.cli import app
from asan_kg.store.embedded import KnowledgeGraph
from tests.remote_helpers import run_cli

D = dt.date


def groups(result: concentration.Concentration) -> dict[str, concentration.Group]:
    return {g.key.rsplit("/", 1)[-1]: g for g in result.exchanges.groups}


def test_by_country_2012_2014_reproduces_the_reports_china_share(kg: KnowledgeGraph) -> None:
    result = concentration.analyse(kg, "country", D(2012, 1, 1), D(2014, 12, 31))
    found = groups(result)
    assert result.exchanges.total == 48
    assert found["cn"].count == 23 and round(found["cn"].share, 2) == 0.48
    assert {k: g.count for k, g in found.items()} == {"cn": 23, "ke": 9, "us": 8, "hu": 5, "my": 3}
    assert found["cn"].basis == "reported"  # the report's total, itemized activities not added again
    # HHI from the report's own numbers: (23² + 9² + 8² + 5² + 3²) / 48²
    assert result.exchanges.hhi == pytest.approx(708 / 2304, abs=1e-4)
    assert result.exchanges.effective_number == pytest.approx(2304 / 708, abs=0.01)


def test_by_field_uses_the_reports_field_table(kg: KnowledgeGraph) -> None:
    found = groups(concentration.analyse(kg, "field"))
    assert found["education"].count == 11 and found["culture-arts"].count == 1


def test_by_type_counts_itemized_activities(kg: KnowledgeGraph) -> None:
    result = concentration.analyse(kg, "type")
    assert {g.basis for g in result.exchanges.groups} == {"itemized"}


def test_outside_the_reported_period_only_itemized_activities_count(kg: KnowledgeGraph) -> None:
    found = groups(concentration.analyse(kg, "city", D(2015, 1, 1), D(2015, 12, 31)))
    assert {k: g.count for k, g in found.items()} == {"dongguan": 1}  # the secondment running into 2015


def test_a_reported_total_only_partly_inside_the_window_is_listed_not_split(
    kg: KnowledgeGraph,
) -> None:
    result = concentration.analyse(kg, "city", D(2014, 1, 1), D(2014, 12, 31))
    found = groups(result)
    assert "kisumu" not in found  # report l. 455: 9 for 2012-2014, none itemized, dates unknown
    partial = {p.key.rsplit("/", 1)[-1]: p for p in result.exchanges.partial}
    assert partial["kisumu"].reported == 9 and partial["kisumu"].periods == (("2012-01-01", "2014-12-31"),)
    assert all(isinstance(g.count, int) for g in result.exchanges.groups)


def test_partnerships_are_concentrated_too(kg: KnowledgeGraph) -> None:
    result = concentration.analyse(kg, "country")
    by_country = {g.key.rsplit("/", 1)[-1]: g.count for g in result.partnerships.groups}
    assert by_country["cn"] == 3 and sum(by_country.values()) == 10


def test_concentration_json_keeps_its_contract_and_compares_with_the_report() -> None:
    result = CliRunner().invoke(
        app,
        [
            "concentration",
            "--by",
            "country",
            "--from",
            "2012-01-01",
            "--to",
            "2014-12-31",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert {"by", "from", "to", "total", "hhi", "effective_number", "groups"} <= set(doc)
    assert {"key", "label", "count", "share", "basis"} <= set(doc["groups"][0])
    assert doc["groups"][0]["label"] == "China"
    claim = [c for c in doc["asserted_by_source"] if c["key"].endswith("/cn")]
    assert claim and claim[0]["asserted_share"] == 0.48 and round(claim[0]["computed_share"], 2) == 0.48


def test_bad_options_exit_2_without_traceback() -> None:
    for args in (
        ["concentration", "--by", "planet"],
        ["concentration", "--from", "2014-12-31", "--to", "2014-01-01"],
        ["concentration", "--from", "yesterday"],
    ):
        result = run_cli(*args)
        assert result.code == 2, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("error:") and "Traceback" not in result.stderr
