"""Partnership health, asked as a council officer would ask it. Golden values come from the
source report (its itemized exchanges and its 2012–2014 tables), not from the program's output."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from typer.testing import CliRunner

from asan_kg.analysis import health
from asan_kg.core import resources
from asan_kg.render import health_cube, health_view, timeline, wording
from asan_kg.store.embedded import KnowledgeGraph
from tests.conftest import ROOT

SCHEME = URIRef("https://w3id.org/asan-kg/vocab/health-indicators")
DEPTH = URIRef("https://w3id.org/asan-kg/vocab/activity-depth")
runner = CliRunner()


@pytest.fixture(scope="module")
def report() -> health.HealthReport:
    return health.assess(KnowledgeGraph.load(), lang="en")


def _ontology() -> Graph:
    graph = Graph()
    for path in resources.ontology_files():
        graph.parse(path, format="turtle")
    return graph


def test_dongguan_exchanges_cover_at_least_five_fields_and_both_directions(
    report: health.HealthReport,
) -> None:
    dongguan = report.tie("asan-dongguan")
    breadth = dongguan.indicators["breadth"]
    # the report itemizes economy (trade missions), tourism (festival), people (secondments,
    # youth camp), culture (art exhibition), education (youth camp) and partnership (MOU)
    assert breadth.value is not None and breadth.value >= 5
    assert breadth.grade == "dated"
    reciprocity = dongguan.indicators["reciprocity"].detail
    assert reciprocity["inbound"] >= 1 and reciprocity["outbound"] >= 1
    assert 0 < (dongguan.value("reciprocity") or 0) <= 1


def test_rongchengs_longest_gap_runs_from_the_council_visit_to_the_end_of_coverage(
    report: health.HealthReport,
) -> None:
    assert report.coverage is not None and report.coverage.end == dt.date(2014, 12, 31)
    gap = report.tie("asan-rongcheng").indicators["longest-gap"]
    assert gap.detail["start"] == dt.date(2012, 4, 13)  # the council delegation came home (2012.4.12~4.13)
    assert gap.detail["end"] == dt.date(2014, 12, 31)
    assert gap.value == (dt.date(2014, 12, 31) - dt.date(2012, 4, 13)).days
    assert gap.rests_on == ("https://w3id.org/asan-kg/id/event/2012-04-12-asan-council-to-rongcheng",)


def test_the_gap_is_the_same_when_asked_as_of_a_later_date() -> None:
    later = health.assess(KnowledgeGraph.load(), dt.date(2015, 10, 12))
    gap = later.tie("asan-rongcheng").indicators["longest-gap"]
    assert (gap.detail["start"], gap.detail["end"]) == (dt.date(2012, 4, 13), dt.date(2014, 12, 31))
    assert later.tie("asan-rongcheng").value("recency") == (dt.date(2015, 10, 12) - dt.date(2012, 4, 13)).days


def test_weifangs_exchanges_are_mostly_economic_and_agricultural(report: health.HealthReport) -> None:
    weifang = report.tie("asan-weifang")
    fields = weifang.indicators["breadth"].detail["fields"]
    top_two = {k.rsplit("/", 1)[-1] for k in list(fields)[:2]}
    assert top_two == {"economy", "agriculture"}
    economic_or_agricultural = [
        e for e in weifang.exchanges if e.field and e.field.rsplit("/", 1)[-1] in ("economy", "agriculture")
    ]
    assert len(economic_or_agricultural) > len(weifang.exchanges) / 2
    assert len(weifang.exchanges) == 5  # the report's 5 exchanges with Weifang in 2012–2014


def test_a_tie_known_only_from_undated_totals_gets_no_invented_dates(report: health.HealthReport) -> None:
    kisumu = report.tie("asan-kisumu")  # 9 exchanges in 2012–2014, none itemized
    for code in ("recency", "regularity", "longest-gap", "trend", "breadth", "depth"):
        assert kisumu.value(code) is None
        assert kisumu.indicators[code].reason == "undated-totals-only"
    intensity = kisumu.indicators["intensity"]
    assert intensity.grade == "reported" and intensity.value and intensity.value > 0
    assert intensity.rests_on == (
        "https://w3id.org/asan-kg/id/observation/exchanges-2012-2014-by-city-kisumu",
    )


def test_a_tie_with_nothing_recorded_says_so(report: health.HealthReport) -> None:
    osh = report.tie("asan-osh")
    assert osh.value("intensity") == 0
    assert osh.indicators["recency"].reason == "nothing-recorded"
    assert osh.indicators["intensity"].grade == "none"


def test_depth_and_dependence_rest_on_named_exchanges_and_actors(report: health.HealthReport) -> None:
    weifang = report.tie("asan-weifang")
    # signing + sister tie are ceremonial; forum, trade mission and fair are substantive
    assert weifang.indicators["depth"].detail["substantive"] == 3
    dependence = weifang.indicators["actor-dependence"]
    # Yeongin Nonghyup signs the sister tie and attends the fair; Asan City signs the friendship
    # and organizes the trade mission; the 2013 forum is *about* Yeongin (reading forum-subjects)
    top = dependence.detail["actor"].rsplit("/", 1)[-1]
    assert top in {"yeongin-nonghyup", "asan-city-government"} and dependence.detail["exchanges"] == 2
    assert dependence.value == pytest.approx(2 / 5)


def test_every_indicator_concept_has_ko_and_en_labels_and_definitions() -> None:
    graph = _ontology()
    concepts = set(graph.subjects(SKOS.inScheme, SCHEME))
    assert {str(c).rsplit("/", 1)[-1] for c in concepts} == set(health.INDICATORS)
    for concept in concepts:
        for prop in (SKOS.prefLabel, SKOS.definition):
            langs = {o.language for o in graph.objects(concept, prop) if isinstance(o, Literal)}
            assert {"ko", "en"} <= langs, (concept, prop)


def test_every_activity_type_is_grouped_as_substantive_or_ceremonial() -> None:
    graph = _ontology()
    types = set(graph.subjects(SKOS.inScheme, URIRef("https://w3id.org/asan-kg/vocab/activity-types")))
    groups = set(graph.subjects(SKOS.inScheme, DEPTH))
    for concept in types:
        assert len({g for g in graph.objects(concept, SKOS.broadMatch) if g in groups}) == 1, concept


def test_the_indicators_are_published_as_a_data_cube(report: health.HealthReport) -> None:
    cube = health_cube.cube(report)
    qb = "http://purl.org/linked-data/cube#"
    datasets = list(cube.subjects(RDF.type, URIRef(qb + "DataSet")))
    assert len(datasets) == 1
    assert str(cube.value(datasets[0], URIRef(qb + "structure"))).endswith("#dsd-partnership-health")
    rows = cube.query(
        """PREFIX akg: <https://w3id.org/asan-kg/def#>
        SELECT ?value ?reason WHERE {
          ?obs akg:assessedPartnership ?tie ; akg:healthIndicator ?ind .
          OPTIONAL { ?obs akg:indicatorValue ?value } OPTIONAL { ?obs akg:unavailableReason ?reason }
        }""",
        initBindings={
            "tie": URIRef("https://w3id.org/asan-kg/id/partnership/asan-kisumu"),
            "ind": URIRef("https://w3id.org/asan-kg/vocab/health-indicators/recency"),
        },
    )
    ((value, reason),) = list(rows)  # type: ignore[misc]
    assert value is None and str(reason).endswith("/undated-totals-only")
    # the DSD it points to is declared, with its components, in the ontology
    assert (
        URIRef("https://w3id.org/asan-kg/def#dsd-partnership-health"),
        RDF.type,
        URIRef(qb + "DataStructureDefinition"),
    ) in _ontology()


def _app() -> Any:
    from asan_kg.cli import app

    return app


@pytest.mark.parametrize("fmt", ["ttl", "json", "csv", "md"])
def test_the_health_command_exports_every_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"health.{fmt}"
    result = runner.invoke(_app(), ["health", "--format", fmt, "--out", str(out), "--lang", "ko"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "ttl":
        assert len(Graph().parse(data=text, format="turtle")) > 100
    elif fmt == "json":
        rows = json.loads(text)
        rongcheng = [
            r
            for r in rows
            if r["partnership"].endswith("/asan-rongcheng") and r["indicator"] == "longest-gap"
        ]
        assert rongcheng[0]["detail"]["start"] == "2012-04-13"
    else:
        assert "아산시–영성시" in text


def test_the_timeline_is_inline_svg_with_a_lane_per_tie_and_no_script(report: health.HealthReport) -> None:
    svg = str(timeline.timeline(report, "ko"))
    assert (
        svg.startswith("<svg")
        and "<script" not in svg
        and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    assert svg.count('class="lane"') == len(report.ties)
    assert "휴면 구간" in svg and "파견" in svg  # legend in Korean
    rongcheng = report.tie("asan-rongcheng")
    assert [(s.start, s.end) for s in timeline.dormant_spells(rongcheng, 730)] == [
        (dt.date(2012, 4, 13), dt.date(2014, 12, 31))
    ]


def test_labels_in_the_timeline_are_escaped() -> None:
    tie = health.TieHealth(
        "https://example.org/p", "<b>x</b>", "https://example.org/c", "<script>alert(1)</script>", "sister-city",
        "", None, None, health.Window(dt.date(2012, 1, 1), dt.date(2013, 1, 1)),
        [health.Exchange("https://example.org/e", "a & <b>", dt.date(2012, 5, 1), dt.date(2012, 5, 2), "inbound",
                         None, "", None)],
        [], {2012: 1}, {},
    )  # fmt: skip
    report = health.HealthReport(dt.date(2013, 1, 1), None, 24, [tie])
    svg = str(timeline.timeline(report, "en"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a &amp; &lt;b&gt;" in svg


@pytest.fixture(scope="module")
def remote_report() -> Iterator[health.HealthReport]:
    from asan_kg.remote.endpoint import EndpointConfig, RemoteStore
    from asan_kg.remote.serve import OxigraphServer

    graph = "https://w3id.org/asan-kg/graph/asan"
    with OxigraphServer() as srv:
        result = runner.invoke(_app(), ["publish", "--endpoint", srv.query_url, "--graph", graph])
        assert result.exit_code == 0, result.output
        yield health.assess(RemoteStore(EndpointConfig(srv.query_url, graph=graph)), lang="ko")


def test_the_same_indicators_come_from_a_remote_oxigraph_server(remote_report: health.HealthReport) -> None:
    local = health.assess(KnowledgeGraph.load(), lang="ko")
    assert remote_report.as_of == local.as_of and remote_report.coverage == local.coverage
    assert health_cube.rows(remote_report) == health_cube.rows(local)
    assert [t.exchanges for t in remote_report.ties] == [t.exchanges for t in local.ties]


def test_the_report_carries_the_scorecard_and_the_timelines(tmp_path: Path) -> None:
    from asan_kg.render import report as report_module

    report_module.write(KnowledgeGraph.load(), tmp_path, "ko")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="health"' in html and 'class="chart timeline"' in html and 'class="spark"' in html
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## 교류 관계 건강 지표" in md
    assert wording.GRADE_MARK["reported"] in md


def test_readme_shows_the_scorecard_and_a_timeline() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Partnership health" in readme
    assert "docs/health-timeline.png" in readme and (ROOT / "docs" / "health-timeline.png").exists()


from tests.test_browser import ARTIFACTS, browser, open_page  # noqa: E402  (fixtures)

__all__ = ["browser", "open_page"]


def test_the_timeline_renders_in_chromium_offline_without_console_errors(
    open_page: Any, report: health.HealthReport, tmp_path: Path
) -> None:
    page_file = tmp_path / "health.html"
    page_file.write_text(
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<title>health</title></head><body style=\"font-family: 'Noto Sans CJK KR', sans-serif\">"
        + str(health_view.section_html(health.assess(KnowledgeGraph.load(), lang="ko"), "ko"))
        + "</body></html>",
        encoding="utf-8",
    )
    visit = open_page(page_file, wait_network=False)
    page = visit.page
    page.wait_for_selector("svg.timeline")
    assert visit.blocked == [] and visit.errors == []
    lanes = page.locator("svg.timeline g.lane").count()
    assert lanes == len(report.ties)
    box = page.locator("svg.timeline").bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 200
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("svg.timeline").screenshot(path=str(ARTIFACTS / "health-timeline.png"))
    page.screenshot(path=str(ARTIFACTS / "health-scorecard.png"), full_page=True)
