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
    assert str(parse_value(Param("d", "_d_xsd_date", "xsd_date", True), "2014-12-31")) == (
        '"2014-12-31"^^<http://www.w3.org/2001/XMLSchema#date>'
    )
    assert parse_value(Param("i", "_i_iri", "iri", True), "place:rongcheng").value == (
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


def test_numbers_are_written_in_their_canonical_form_whatever_the_user_typed() -> None:
    integer = Param("n", "_n_xsd_integer", "xsd_integer", True)
    decimal = Param("x", "_x_xsd_decimal", "xsd_decimal", True)
    assert parse_value(integer, " +007 ").value == "7"
    assert parse_value(decimal, "1e3").value == "1000"  # xsd:decimal has no exponent form
    assert parse_value(decimal, "-0.50").value == "-0.50"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_string_parameter_reaches_the_engine_exactly_as_given(engine: Engine) -> None:
    """Quotes, braces, backslashes, line breaks, tabs, control characters and Korean are written
    escaped, and the engine reads back the very text the user gave. (Text that itself spells a
    codepoint escape, a backslash then ``u0022``, is read back as ``"`` by rdflib, which decodes
    such escapes before parsing as SPARQL 1.1 section 19.2 says; it stays inside the string.)"""
    kg = KnowledgeGraph.load(engine=engine)
    q = "SELECT ?seen WHERE { BIND(?_text_literal AS ?seen) }"
    texts = ['a "q" } \\ \n\t end', "한국어 \x01 \u2028", "'''\"\"\"", "x\\u0022y"]
    for text in texts:
        rows = querying.select(kg, bind(q, resolve(params_of(q), {"text": text}, {})))
        expected = 'x"y' if engine == "rdflib" and text == "x\\u0022y" else text
        assert [str(row[0]) for row in rows] == [expected]


def test_text_that_is_not_valid_unicode_is_refused_with_the_parameter_named() -> None:
    """Bytes of another encoding on a command line arrive as lone surrogates (surrogateescape)."""
    for kind in ("literal", "iri", "xsd_date"):
        with pytest.raises(ParameterError, match="parameter 'p': the value is not valid text"):
            parse_value(Param("p", f"_p_{kind}", kind, True), "caf\udce9")


def test_an_iri_the_engine_would_refuse_is_refused_as_a_parameter_error() -> None:
    with pytest.raises(ParameterError, match="parameter 'p': 'http://x/%zz' is not an IRI"):
        parse_value(Param("p", "_p_iri", "iri", True), "http://x/%zz")
