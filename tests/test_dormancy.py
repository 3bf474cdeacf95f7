"""Which partnerships have gone quiet, from the report's facts."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from asan_kg import dormancy
from asan_kg.cli import app
from asan_kg.store import KnowledgeGraph

D = dt.date


def verdicts(kg: KnowledgeGraph, **kw: object) -> dict[str, dormancy.Verdict]:
    report = dormancy.assess(kg, **kw)  # type: ignore[arg-type]
    return {v.partnership.rsplit("/", 1)[-1]: v for v in report.verdicts}


def test_rongcheng_is_dormant_as_of_2014_12_31_and_agrees_with_the_report(kg: KnowledgeGraph) -> None:
    v = verdicts(kg, as_of=D(2014, 12, 31), window_months=24)["asan-rongcheng"]
    assert v.status == "dormant"
    assert v.last_activity == "2012-04-12"
    assert v.expected_in_window == 0 and v.evidence == "none"
    assert v.asserted_status == "suspended" and v.asserted_since == "2012"
    assert v.agrees_with_source is True


def test_dongguan_and_weifang_are_active_as_of_the_data_horizon(kg: KnowledgeGraph) -> None:
    found = verdicts(kg, window_months=24)
    assert found["asan-dongguan"].status == "active"
    assert found["asan-weifang"].status == "active"


def test_the_default_as_of_date_is_the_data_horizon_not_today(kg: KnowledgeGraph) -> None:
    report = dormancy.assess(kg)
    assert report.as_of == D(2015, 10, 12)  # the end of the last secondment, the latest date in the report
    assert report.window.start == D(2013, 10, 13)


def test_a_partner_counted_9_times_with_nothing_itemized_is_not_dormant(kg: KnowledgeGraph) -> None:
    v = verdicts(kg, as_of=D(2014, 12, 31), window_months=24)["asan-kisumu"]
    assert v.status == "active" and v.evidence == "reported"
    # 2013 and 2014 (730 days) of the 1096 days of 2012-2014 (2012 is a leap year)
    assert v.expected_in_window == pytest.approx(9 * 730 / 1096, abs=0.01)


def test_a_reported_total_equal_to_the_itemized_adds_nothing(kg: KnowledgeGraph) -> None:
    v = verdicts(kg, as_of=D(2014, 12, 31), window_months=12)["asan-weifang"]
    assert v.reported_in_window == 0  # Weifang: 5 reported in 2012-2014, 5 itemized
    assert v.itemized_in_window == 2 and v.status == "active"


def test_partners_missing_from_every_table_and_list_are_dormant(kg: KnowledgeGraph) -> None:
    found = verdicts(kg, as_of=D(2014, 12, 31))
    assert found["asan-mwanza"].status == "dormant" and found["asan-osh"].status == "dormant"


def test_a_partnership_signed_inside_the_window_is_new(kg: KnowledgeGraph) -> None:
    assert verdicts(kg, as_of=D(2014, 12, 31))["asan-petaling-jaya"].status == "new"  # signed 2014-11-13


def test_a_rare_partner_is_low_and_a_zero_threshold_removes_low(kg: KnowledgeGraph) -> None:
    assert verdicts(kg, as_of=D(2014, 12, 31))["asan-tyler"].status == "low"  # 1 exchange in 3 years
    assert "low" not in {v.status for v in verdicts(kg, as_of=D(2014, 12, 31), threshold_per_year=0).values()}


def test_organization_level_agreements_get_verdicts_from_their_own_activities(kg: KnowledgeGraph) -> None:
    # Its own activities are the 2013 signing and the 2013 forum that discussed it; the 2014 fair
    # is not tied to it by the report (reading shouguang-fair-partnership).
    v = verdicts(kg, as_of=D(2014, 12, 31))["yeongin-nonghyup-shouguang-vegetable-group"]
    assert v.kind == "organization-agreement" and v.itemized_in_window == 2 and v.reported_in_window == 0
    later = verdicts(kg, as_of=D(2015, 10, 12))["yeongin-nonghyup-shouguang-vegetable-group"]
    assert later.itemized_in_window == 0 and later.status == "dormant"


def test_dormant_json_keeps_its_contract() -> None:
    result = CliRunner().invoke(
        app, ["dormant", "--as-of", "2014-12-31", "--window-months", "24", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 13
    for row in rows:
        assert {
            "partnership",
            "partner_label",
            "kind",
            "status",
            "last_activity",
            "expected_in_window",
            "evidence",
            "asserted_status",
        } <= set(row)
    rongcheng = next(r for r in rows if r["partnership"].endswith("asan-rongcheng"))
    assert rongcheng["status"] == "dormant" and rongcheng["asserted_status"] == "suspended"
    assert rongcheng["partner_label"] == "Rongcheng"


def test_dormant_in_korean_and_fail_on() -> None:
    runner = CliRunner()
    ko = runner.invoke(app, ["dormant", "--as-of", "2014-12-31", "--lang", "ko", "--format", "md"])
    assert ko.exit_code == 0 and "휴면" in ko.output and "아산시–영성시 우호협력" in ko.output
    flagged = runner.invoke(
        app, ["dormant", "--as-of", "2014-12-31", "--fail-on", "dormant", "--format", "json"]
    )
    assert flagged.exit_code == 1
    bad = runner.invoke(app, ["dormant", "--as-of", "31-12-2014"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_both_engines_give_the_same_verdicts() -> None:
    a = dormancy.assess(KnowledgeGraph.load(engine="oxigraph"), D(2014, 12, 31))
    b = dormancy.assess(KnowledgeGraph.load(engine="rdflib"), D(2014, 12, 31))
    assert [v.as_dict() for v in a.verdicts] == [v.as_dict() for v in b.verdicts]
