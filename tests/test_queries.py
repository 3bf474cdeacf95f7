"""Saved queries: well-formed, standard, and the same answers on Oxigraph and rdflib."""

from __future__ import annotations

import json
import re

import pyoxigraph
import pytest
from rdflib.plugins.sparql import prepareQuery

from asan_kg.sparql import catalog, formats, querying
from asan_kg.store.embedded import KnowledgeGraph, ResultTable
from tests.conftest import rows

SAVED = catalog.saved_queries()
#: Values for required parameters, per query, when a test must run every query.
REQUIRED = {"partner-activities": {"partner": "place:dongguan"}, "search-labels": {"text": "dongguan"}}


def test_the_catalog_answers_the_users_questions() -> None:
    names = {q.name for q in SAVED}
    assert {
        "partners",
        "partner-activities",
        "timeline",
        "last-activity",
        "partnerships-without-activity-since",
        "exchanges-by-country",
        "exchanges-by-city",
        "exchanges-by-field",
        "exchanges-by-type",
        "exchanges-by-year",
        "reported-totals",
        "organizations",
        "persons",
        "findings",
    } <= names
    assert len(names) == len(SAVED), "query names must be unique across queries/ and queries/analysis/"


@pytest.mark.parametrize("query", SAVED, ids=lambda q: q.name)
def test_each_saved_query_is_standalone_sparql_with_grlc_headers(query: catalog.SavedQuery) -> None:
    assert query.summary, "needs '#+ summary:'"
    assert query.tags, "needs '#+ tags:'"
    prepareQuery(query.text)
    # Oxigraph's parser knows no prefix by default: every prefix must be declared in the file.
    pyoxigraph.Store().query(querying.prepare(query, REQUIRED.get(query.name, {})))
    assert re.search(r"\bWHERE\s*\{", query.text), "write WHERE so parameters can be bound"
    for p in query.params:
        assert p.type in ("xsd_date", "iri", "lang", "literal", "xsd_integer", "xsd_decimal"), p
        if p.type == "lang":
            assert query.defaults.get("lang") == "en", "?__lang defaults to en"


def _normalise(table: ResultTable) -> list[tuple[str | None, ...]]:
    """Rows as comparable tuples; GROUP_CONCAT order is engine-defined, so its parts are sorted."""
    out = []
    for row in table:
        out.append(
            tuple(
                None if t is None else "; ".join(sorted(str(t).split("; "))) + "|" + type(t).__name__
                for t in row
            )
        )
    return sorted(out)


@pytest.fixture(scope="module")
def both() -> dict[str, KnowledgeGraph]:
    return {e: KnowledgeGraph.load(engine=e) for e in ("oxigraph", "rdflib")}


@pytest.mark.parametrize("query", SAVED, ids=lambda q: q.name)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_each_saved_query_gives_the_same_answer_on_both_engines(
    both: dict[str, KnowledgeGraph], query: catalog.SavedQuery, lang: str
) -> None:
    params = REQUIRED.get(query.name, {})
    ox = querying.run(both["oxigraph"], query, params, lang)
    rd = querying.run(both["rdflib"], query, params, lang)
    assert ox.variables == rd.variables
    assert _normalise(ox) == _normalise(rd)
    if query.name != "search-labels" and "analysis" not in query.tags:
        assert len(ox) > 0, f"{query.name} returned no rows on the Asan graph"


def test_activities_with_dongguan_in_2014(kg: KnowledgeGraph) -> None:
    table = querying.run(
        kg, "partner-activities", {"partner": "place:dongguan", "from": "2014-01-01", "to": "2014-12-31"}
    )
    starts = sorted(str(r["start"]) for r in table.dicts())
    assert starts == [
        "2014-01-06",
        "2014-03-10",
        "2014-04-03",
        "2014-07-21",
        "2014-07-22",
        "2014-09-01",
        "2014-10-13",
        "2014-10-31",
        "2014-11-03",
    ]


def test_partnerships_without_activity_since_2013(kg: KnowledgeGraph) -> None:
    table = querying.run(kg, "partnerships-without-activity-since", {"since": "2013-01-01"})
    names = {str(r["partnership"]).rsplit("/", 1)[-1] for r in table.dicts()}
    assert names == {
        "asan-rongcheng",
        "asan-miskolc",
        "asan-lansing",
        "asan-tyler",
        "asan-mwanza",
        "asan-osh",
        "asan-kisumu",
        "asan-petaling-jaya",
    }
    rongcheng = next(r for r in table.dicts() if str(r["partnership"]).endswith("asan-rongcheng"))
    assert str(rongcheng["last_start"]) == "2012-04-12"


def test_partners_in_korean(kg: KnowledgeGraph) -> None:
    table = querying.run(kg, "partners", lang="ko")
    labels = {str(r["partner_label"]) for r in table.dicts()}
    assert {"영성시", "동관시", "미슈콜츠시", "페탈링자야시"} <= labels
    dongguan = next(r for r in table.dicts() if str(r["partnership"]).endswith("/asan-dongguan"))
    assert set(str(dongguan["focus_fields"]).split("; ")) == {
        "경제교류",
        "교육교류",
        "문화예술교류",
        "관광교류",
    }
    assert str(dongguan["kind_label"]) == "자매결연" and str(dongguan["signed_on"]) == "2012-09-24"


def test_reported_totals_are_the_reports_tables(kg: KnowledgeGraph) -> None:
    table = querying.run(kg, "reported-totals")
    assert sum(int(str(r["exchanges"])) for r in table.dicts()) == 96  # two tables of 48
    assert {str(r["reported_total"]) for r in table.dicts()} == {"48"}


def test_exchanges_by_year_itemized(kg: KnowledgeGraph) -> None:
    found = {str(r["year"]): int(str(r["exchanges"])) for r in querying.run(kg, "exchanges-by-year").dicts()}
    assert found == {"2011": 1, "2012": 3, "2013": 6, "2014": 10}


def test_findings_include_the_rongcheng_status_and_china_share(kg: KnowledgeGraph) -> None:
    table = querying.run(kg, "findings")
    assert any(str(r["status_since"]) == "2012" for r in table.dicts())
    assert any(r["share"] is not None and float(str(r["share"])) == 0.48 for r in table.dicts())


def test_results_serialize_as_w3c_sparql_json_csv_tsv(kg: KnowledgeGraph) -> None:
    table = querying.run(kg, "partners", lang="ko")
    doc = json.loads(formats.to_json(table))
    assert doc["head"]["vars"] == table.variables
    first = doc["results"]["bindings"][0]
    assert first["partnership"]["type"] == "uri"
    assert first["partner_label"] == {
        "type": "literal",
        "value": first["partner_label"]["value"],
        "xml:lang": "ko",
    }
    assert first["signed_on"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    csv_text = formats.to_csv(table)
    assert csv_text.startswith(",".join(table.variables) + "\r\n")
    tsv = formats.to_tsv(table).splitlines()
    assert tsv[0] == "\t".join("?" + v for v in table.variables)
    assert "<https://w3id.org/asan-kg/id/partnership/" in tsv[1] and '"아산시–영성시 우호협력"@ko' in tsv[1]


def test_the_report_lists_exchanges_by_search(kg: KnowledgeGraph) -> None:
    found = rows(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?a a akg:Exchange }")
    assert found[0]["n"] == "20"
