"""Typed parameters: each type refuses malformed values; injection attempts change nothing."""

from __future__ import annotations

import pytest

from asan_kg.sparql import catalog, querying
from asan_kg.sparql.params import Param, ParameterError, bind, params_of, parse_value, resolve
from asan_kg.store.embedded import Engine, KnowledgeGraph

BAD = {
    "xsd_date": ["2014-13-01", "2014-02-30", "31/12/2014", "2014-12-31T00:00:00", '2014-12-31"^^<x>', ""],
    "xsd_integer": ["1.5", "ten", "1e3", "", "1; DROP ALL"],
    "xsd_decimal": ["abc", "NaN", "Infinity", ""],
    "iri": [
        "not an iri",
        "place:asan> } UNION { ?s ?p ?o } #",
        "http://x/<y>",
        'http://x/"',
        "unknownprefix:x y",
        "",
    ],
    "lang": ["korean language", "ko}", "", "e n"],
}


@pytest.mark.parametrize(("kind", "value"), [(k, v) for k, vs in BAD.items() for v in vs])
def test_each_parameter_type_refuses_a_malformed_value(kind: str, value: str) -> None:
    with pytest.raises(ParameterError) as err:
        parse_value(Param("p", f"_p_{kind}", kind, True), value)
    assert "parameter 'p'" in str(err.value)


def test_good_values_become_typed_terms() -> None:
    assert parse_value(Param("d", "_d_xsd_date", "xsd_date", True), "2014-12-31").n3() == (
        '"2014-12-31"^^<http://www.w3.org/2001/XMLSchema#date>'
    )
    assert str(parse_value(Param("i", "_i_iri", "iri", True), "place:rongcheng")) == (
        "https://w3id.org/asan-kg/id/place/rongcheng"
    )


def test_basil_names_give_name_type_and_optionality() -> None:
    found = params_of(
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < ?_asof_xsd_date && ?o != ?__partner_iri) ?x ?__lang ?q }"
    )
    assert [(p.name, p.type, p.required) for p in found] == [
        ("asof", "xsd_date", True),
        ("partner", "iri", False),
        ("lang", "lang", False),
    ]


@pytest.mark.parametrize(
    ("variable", "suggestion"),
    [
        ("?_as_of_xsd_date", "?_asof_xsd_date"),
        ("?__window_months_xsd_integer", "?__windowmonths_xsd_integer"),
    ],
)
def test_a_name_grlc_would_read_otherwise_is_refused_with_the_one_word_form(
    variable: str, suggestion: str
) -> None:
    """grlc reads ?_as_of_xsd_date as a parameter 'as' (the name is [A-Za-z0-9]+): the same
    folder must mean the same to both, so such a name is refused with the form both read."""
    with pytest.raises(ParameterError, match="grlc reads this one as") as err:
        params_of(f"SELECT * WHERE {{ ?s ?p {variable} }}")
    assert err.value.args[0].endswith(suggestion)


def test_unknown_and_missing_parameters_are_refused_with_what_the_query_takes() -> None:
    q = catalog.find("partner-activities")
    with pytest.raises(ParameterError, match="unknown parameter"):
        querying.prepare(q, {"partner": "place:dongguan", "color": "red"})
    with pytest.raises(ParameterError, match="parameter 'partner' is required"):
        querying.prepare(q, {})


def test_binding_is_a_values_block_inside_the_outer_where() -> None:
    q = "PREFIX x: <http://x/WHERE{>\n# WHERE { not here\nSELECT ?s WHERE { ?s ?p ?_o_literal }"
    bound = bind(q, resolve(params_of(q), {"o": 'a "quoted" } text'}, {}))
    assert 'WHERE {\n  VALUES (?_o_literal) { ("a \\"quoted\\" } text") }' in bound
    assert bound.count("VALUES") == 1


def test_a_plain_group_that_uses_a_parameter_gets_the_values_block_too_and_no_other_group_does() -> None:
    q = (
        "SELECT ?s WHERE {\n"
        "  { ?s ?p ?o FILTER(?o = ?_o_literal) }\n"  # plain and using it: repeated here
        "  OPTIONAL { ?s ?q ?_o_literal }\n"  # an OPTIONAL: never
        "  { ?s ?r ?x } UNION { ?s ?t ?_o_literal }\n"  # a UNION branch: never
        "  FILTER NOT EXISTS { ?s ?u ?_o_literal }\n"  # an EXISTS: never
        "  { SELECT ?s WHERE { ?s ?v ?_o_literal } }\n"  # a sub-select: never
        "  { ?s ?w ?y }\n"  # does not use it
        "}"
    )
    bound = bind(q, resolve(params_of(q), {"o": "x"}, {}))
    assert bound.count('VALUES (?_o_literal) { ("x") }') == 2
    assert '{\n    VALUES (?_o_literal) { ("x") }\n ?s ?p ?o FILTER(?o = ?_o_literal) }' in bound


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_parameter_filters_inside_a_plain_group_as_grlc_would_paste_it(engine: Engine) -> None:
    """grlc pastes a value wherever its name is; asan-kg gives a plain group the same value."""
    kg = KnowledgeGraph.load(engine=engine)
    q = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?s WHERE { { ?s rdfs:label ?l FILTER(STR(?l) = ?_name_literal) } }"
    )
    rows = querying.select(kg, bind(q, resolve(params_of(q), {"name": "Rongcheng"}, {})))
    assert len(rows) == 1


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_an_injection_attempt_in_a_string_parameter_returns_no_extra_rows_and_changes_nothing(
    engine: Engine,
) -> None:
    kg = KnowledgeGraph.load(engine=engine)
    before = len(kg)
    honest = querying.run(kg, "search-labels", {"text": "rongcheng"})
    assert len(honest) > 0
    for attack in [
        'x")) } UNION { ?node ?type ?matched_label } #',
        "x')) } ; DROP ALL ; #",
        'rongcheng" ) ) } INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    ]:
        result = querying.run(kg, "search-labels", {"text": attack})
        assert len(result) == 0, attack
    assert len(kg) == before
