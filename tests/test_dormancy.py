"""Which partnerships have gone quiet, from the report's facts."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from asan_kg.analysis import dormancy
from asan_kg.cli import app
from asan_kg.store.embedded import KnowledgeGraph

D = dt.date


def verdicts(kg: KnowledgeGraph, **kw: object) -> dict[str, dormancy.Verdict]:
    report = dormancy.assess(kg, **kw)  # type: ignore[arg-type]
    return {v.partnership.rsplit("/", 1)[-1]: v for v in report.verdicts}


def test_rongcheng_is_dormant_as_of_2014_12_31_and_agrees_with_the_report(kg: KnowledgeGraph) -> None:
    v = verdicts(kg, as_of=D(2014, 12, 31), window_months=24)["asan-rongcheng"]
    assert v.status == "dormant"
    assert v.last_activity == "2012-04-12"
    assert v.itemized_in_window == 0 and v.itemized == []
    # report l. 455: 영성시 1 exchange in 2012-2014, and that one is the itemized April 2012 visit
    assert [(r.count, r.itemized_inside, r.unitemized) for r in v.reported] == [(1, 1, 0)]
    # a finding (suspended since 2012) and an improvement task (sluggish: "ex : 중국 영성시")
    assert sorted((a.state, a.since, a.agrees) for a in v.assertions) == [
        ("sluggish", None, True),
        ("suspended", "2012", True),
    ]
    assert v.agrees_with_source is True


def test_rongchengs_status_is_given_for_12_24_and_36_month_windows(kg: KnowledgeGraph) -> None:
    v = verdicts(kg, as_of=D(2014, 12, 31))["asan-rongcheng"]
    # the 36-month window reaches back to the council's April 2012 visit: one exchange in three years
    assert v.sensitivity == {"12": "dormant", "24": "dormant", "36": "low"}


def test_dongguan_is_active_and_weifang_new_on_dated_exchanges(kg: KnowledgeGraph) -> None:
    found = verdicts(kg, as_of=D(2014, 12, 31))
    assert found["asan-dongguan"].status == "active" and found["asan-dongguan"].grade == "dated"
    # Weifang's friendship tie was signed 2013-07-05, inside the 24 months to 2014-12-31
    assert found["asan-weifang"].status == "new" and found["asan-weifang"].grade == "dated"


def test_verdicts_from_undated_totals_say_so(kg: KnowledgeGraph) -> None:
    found = verdicts(kg, as_of=D(2014, 12, 31))
    # report l. 455-456: Kisumu 9, Lansing 7, Miskolc 5 exchanges in 2012-2014, none itemized
    for tie, count in (("asan-kisumu", 9), ("asan-lansing", 7), ("asan-miskolc", 5)):
        v = found[tie]
        assert v.status == "active" and v.grade == "undated" and v.evidence == "reported", tie
        assert [(r.count, r.start, r.end) for r in v.reported] == [(count, "2012-01-01", "2014-12-31")]


def test_no_exchange_count_a_user_reads_is_fractional(kg: KnowledgeGraph) -> None:
    for v in dormancy.assess(kg, as_of=D(2014, 12, 31)).verdicts:
        numbers = [v.itemized_in_window] + [n for r in v.reported for n in (r.count, r.unitemized)]
        assert all(isinstance(n, int) for n in numbers), v.partnership


def test_a_reported_total_equal_to_the_itemized_adds_nothing(kg: KnowledgeGraph) -> None:
    v = verdicts(kg, as_of=D(2014, 12, 31))["asan-weifang"]
    assert [r.unitemized for r in v.reported] == [0]  # Weifang: 5 reported in 2012-2014, 5 itemized
    assert v.itemized_in_window == 5 and v.evidence == "itemized+reported"


def test_partners_missing_from_every_table_are_dormant(kg: KnowledgeGraph) -> None:
    found = verdicts(kg, as_of=D(2014, 12, 31))
    assert found["asan-mwanza"].status == "dormant" and found["asan-osh"].status == "dormant"


def test_a_partnership_signed_inside_the_window_is_new(kg: KnowledgeGraph) -> None:
    assert verdicts(kg, as_of=D(2014, 12, 31))["asan-petaling-jaya"].status == "new"  # signed 2014-11-13


def test_a_rare_partner_is_low_and_a_zero_threshold_removes_low(kg: KnowledgeGraph) -> None:
    assert verdicts(kg, as_of=D(2014, 12, 31))["asan-tyler"].status == "low"  # 1 exchange in 3 years
    assert "low" not in {v.status for v in verdicts(kg, as_of=D(2014, 12, 31), threshold_per_year=0).values()}


def test_agreements_of_bodies_of_the_same_two_cities_are_assessed_with_their_city_tie(
    kg: KnowledgeGraph,
) -> None:
    # each is listed in the report's section on its city partnership (reading
    # sectoral-agreements-part-of); their only activities also serve the city tie
    found = verdicts(kg, as_of=D(2014, 12, 31))
    nested = {t: {n.partnership.rsplit("/", 1)[-1] for n in found[t].includes} for t in found}
    assert nested["asan-weifang"] == {"yeongin-nonghyup-shouguang-vegetable-group"}
    assert nested["asan-dongguan"] == {
        "asan-dongguan-tourism-cooperation",
        "asan-council-dongguan-peoples-congress-mou",
    }
    assert "yeongin-nonghyup-shouguang-vegetable-group" not in found


def test_dormant_json_keeps_its_contract() -> None:
    result = CliRunner().invoke(
        app, ["dormant", "--as-of", "2014-12-31", "--window-months", "24", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 10  # the three sectoral agreements are assessed with their city ties
    for row in rows:
        assert {
            "partnership",
            "partner_label",
            "kind",
            "status",
            "last_activity",
            "itemized_in_window",
            "reported",
            "grade",
            "evidence",
            "sensitivity",
            "assertions",
            "agrees_with_source",
        } <= set(row)
    rongcheng = next(r for r in rows if r["partnership"].endswith("asan-rongcheng"))
    assert rongcheng["status"] == "dormant" and "suspended" in {a["state"] for a in rongcheng["assertions"]}
    assert rongcheng["partner_label"] == "Rongcheng"
    assert rongcheng["sensitivity"] == {"12": "dormant", "24": "dormant", "36": "low"}


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


def test_the_default_as_of_date_is_the_end_of_the_records_not_a_planned_date(kg: KnowledgeGraph) -> None:
    report = dormancy.assess(kg)
    # report l. 455: the summary tables cover 2012~14; the 2015-10-12 end of a secondment is planned
    assert report.covered is not None and report.covered.end == D(2014, 12, 31)
    assert report.as_of == D(2014, 12, 31)
    assert report.window.start == D(2013, 1, 1)


def test_no_verdict_changes_merely_because_a_planned_end_date_lies_beyond_coverage(
    kg: KnowledgeGraph,
) -> None:
    from asan_kg.analysis import evidence

    assert evidence.data_horizon(kg) == D(2015, 10, 12)  # the planned end of a secondment is in the data
    default = {v.partnership: v.status for v in dormancy.assess(kg).verdicts}
    at_end = {v.partnership: v.status for v in dormancy.assess(kg, as_of=D(2014, 12, 31)).verdicts}
    assert default == at_end


def test_months_past_the_records_are_not_counted_as_silence(kg: KnowledgeGraph) -> None:
    later = dormancy.assess(kg, as_of=D(2015, 10, 12), window_months=12)
    # the 12 months to 2015-10-12 hold only 2014-10-13..2014-12-31 of recorded time
    assert all(v.days_beyond_coverage == 285 for v in later.verdicts)
    found = {v.partnership.rsplit("/", 1)[-1]: v for v in later.verdicts}
    assert found["asan-dongguan"].status == "active"  # report l. 508: the exchange of 2014-11-03


def test_the_tourism_agreement_is_shown_under_the_dongguan_partnership(kg: KnowledgeGraph) -> None:
    found = verdicts(kg, as_of=D(2014, 12, 31))
    assert "asan-dongguan-tourism-cooperation" not in found
    assert any(
        i.partnership.endswith("asan-dongguan-tourism-cooperation") for i in found["asan-dongguan"].includes
    )


def test_the_reports_asserted_expansion_of_weifang_and_dongguan_agrees_with_the_data(
    kg: KnowledgeGraph,
) -> None:
    found = verdicts(kg, as_of=D(2014, 12, 31))
    for tie in ("asan-weifang", "asan-dongguan"):
        states = {a.state for a in found[tie].assertions}
        assert states & {"expanded", "increased"}, tie
        assert found[tie].agrees_with_source is True, tie


def test_an_agreement_with_an_exchange_of_its_own_is_assessed_on_its_own(tmp_path: Path) -> None:
    # a made-up exchange that serves the tourism agreement only (not the Dongguan tie): the
    # agreement then has a record of its own and gets its own verdict
    for ttl in Path("graph_data").glob("*.ttl"):
        shutil.copy(ttl, tmp_path / ttl.name)
    (tmp_path / "zz-own-exchange.ttl").write_text(
        """@prefix akg: <https://w3id.org/asan-kg/def#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/asan-kg/id/event/test-own-tourism-exchange> a akg:Exchange ;
    schema:startDate "2014-05-01"^^xsd:date ; schema:endDate "2014-05-01"^^xsd:date ;
    akg:servesPartnership <https://w3id.org/asan-kg/id/partnership/asan-dongguan-tourism-cooperation> .
""",
        encoding="utf-8",
    )
    found = verdicts(KnowledgeGraph.load(tmp_path), as_of=D(2014, 12, 31))
    # the 2013-03-22 signing visit (shared with the Dongguan tie) and the exchange of its own
    assert found["asan-dongguan-tourism-cooperation"].itemized_in_window == 2
    nested = {n.partnership.rsplit("/", 1)[-1] for n in found["asan-dongguan"].includes}
    assert nested == {"asan-council-dongguan-peoples-congress-mou"}
