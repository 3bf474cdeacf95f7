"""Saved queries at scale: the faster forms give the same answers as the plain ones.

``organizations`` counts partnerships and activities in subqueries of their own (no partnership
× activity cartesian before grouping); ``asan-kg query --format json`` lets Oxigraph write the
answer; a result table keeps the engine's rows and drops columns only when it converts them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asan_kg.cli import app
from asan_kg.sparql import catalog, formats, querying
from asan_kg.sparql.catalog import SavedQuery
from asan_kg.sparql.params import hidden
from asan_kg.store.embedded import ENGINES, Engine, KnowledgeGraph
from tests.conftest import FIXTURES

REQUIRED = {"partner-activities": {"partner": "place:dongguan"}, "search-labels": {"text": "dongguan"}}

#: The one-GROUP-BY form ``organizations`` had: the definition its answers must keep.
PLAIN_ORGANIZATIONS = """#+ summary: organizations, the plain form
PREFIX akg: <https://w3id.org/asan-kg/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?organization ?organization_label ?type_label
       (COUNT(DISTINCT ?partnership) AS ?partnerships)
       (COUNT(DISTINCT ?activity) AS ?activities)
       (MIN(?start) AS ?first_activity) (MAX(?start) AS ?last_activity)
WHERE {
  ?organization a ?type .
  VALUES ?type { akg:LocalGovernment akg:LocalLegislature org:FormalOrganization org:OrganizationalUnit }
  OPTIONAL { ?partnership akg:homeParty|akg:partnerParty ?organization . }
  OPTIONAL { ?activity schema:attendee|schema:organizer ?organization ; schema:startDate ?start . }
  OPTIONAL { ?organization rdfs:label ?organization_label . FILTER(LANG(?organization_label) = ?__lang) }
  OPTIONAL { ?type rdfs:label ?type_label . FILTER(LANG(?type_label) = ?__lang) }
}
GROUP BY ?organization ?organization_label ?type_label
ORDER BY DESC(?activities) ?organization
"""


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("data", [None, FIXTURES / "second-city"], ids=["asan", "second-city"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_organizations_counts_what_one_group_by_over_everything_counts(
    engine: Engine, data: Path | None, lang: str
) -> None:
    kg = KnowledgeGraph.load(data, engine=engine)
    plain = SavedQuery("plain", Path("plain.rq"), PLAIN_ORGANIZATIONS)
    fast = querying.run(kg, "organizations", lang=lang)
    assert len(fast) > 0
    assert fast == querying.run(kg, plain, lang=lang)


@pytest.fixture(scope="module")
def oxigraph() -> KnowledgeGraph:
    return KnowledgeGraph.load()


@pytest.mark.parametrize("query", catalog.saved_queries(), ids=lambda q: q.name)
def test_the_engine_writes_the_json_our_writer_writes(oxigraph: KnowledgeGraph, query: SavedQuery) -> None:
    text = querying.prepare(query, REQUIRED.get(query.name, {}), "ko")
    ours = formats.to_json(querying.select(oxigraph, text))
    theirs = formats.engine_json(oxigraph.select_json(text), hidden(text))
    if "ORDER BY" not in query.text:  # unordered: two runs may list the same rows differently
        ours, theirs = _sorted_bindings(ours), _sorted_bindings(theirs)
    assert theirs == ours
    assert "__lang" not in json.loads(ours)["head"]["vars"]


def _sorted_bindings(text: str) -> str:
    data = json.loads(text)
    data["results"]["bindings"].sort(key=lambda b: json.dumps(b, sort_keys=True))
    return json.dumps(data, sort_keys=True)


def test_json_results_are_written_as_json_dumps_writes_them() -> None:
    cell = {"type": "literal", "value": 'q"é\t\u2028\\ \x01 😀 =1+1', "xml:lang": "ko"}
    cases: list[tuple[list[str], list[dict[str, dict[str, str]]]]] = [
        ([], []),
        (["a"], []),
        (["a", "b"], [{}]),
        (
            ["a", "b"],
            [{"a": cell}, {}, {"b": {"type": "uri", "value": "x"}, "a": {"type": "bnode", "value": "b"}}],
        ),
    ]
    for variables, bindings in cases:
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        assert (
            formats.json_results(variables, bindings) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        )


def test_query_json_from_the_command_line_is_the_w3c_document_without_parameter_columns() -> None:
    result = CliRunner().invoke(app, ["query", "organizations", "--format", "json", "--lang", "ko"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["head"]["vars"] == [
        "organization",
        "organization_label",
        "type_label",
        "partnerships",
        "activities",
        "first_activity",
        "last_activity",
    ]
    labels = [b["organization_label"] for b in doc["results"]["bindings"] if "organization_label" in b]
    assert labels and all(label["xml:lang"] == "ko" for label in labels)


def test_dropping_a_column_keeps_the_other_cells_in_place(oxigraph: KnowledgeGraph) -> None:
    text = "SELECT ?a ?b ?c WHERE { VALUES (?a ?b ?c) { (1 2 3) (4 UNDEF 6) } } ORDER BY ?a"
    table = oxigraph.select(text)
    assert table.without({"b"}).values() == [(1, 3), (4, 6)]
    assert table.without({"b"}).without({"a"}).values() == [(3,), (6,)]
    assert [tuple(map(str, r)) for r in table.without({"a"}).rows] == [("2", "3"), ("None", "6")]
    assert table.values() == [(1, 2, 3), (4, None, 6)]


def test_a_query_may_use_the_projects_prefixes_undeclared_or_declare_its_own(
    oxigraph: KnowledgeGraph,
) -> None:
    undeclared = "SELECT (COUNT(*) AS ?n) WHERE { ?a a akg:Exchange }"
    own = "PREFIX akg: <http://example.org/elsewhere#>\n" + undeclared
    assert oxigraph.select(undeclared).values() == [(20,)]  # the report's 20 exchanges
    assert oxigraph.select(own).values() == [(0,)]
