"""Hostile query texts: the form (query or update) is decided by a SPARQL parser, never by
keywords; a text that is neither is an input error naming the file, line and column; an update
never reaches a server without --allow-update."""

from __future__ import annotations

from pathlib import Path

import pytest

from asan_kg.core.errors import InputError
from asan_kg.sparql.forms import classify
from tests.adversarial.helpers_net import (
    EMPTY_RESULTS,
    RawServer,
    answer,
    assert_one_sentence,
    digest,
    run_cli,
)

pytestmark = pytest.mark.adversarial

INSERT = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"

FORMS = [
    ("form-select-prefix-update", f"PREFIX select: <urn:x#> {INSERT}", "UPDATE"),
    ("form-ask-prefix-update", f"PREFIX ask: <urn:x> {INSERT}", "UPDATE"),
    ("form-hash-in-prefix-iri", f"PREFIX ex: <http://example.org/#> {INSERT}", "UPDATE"),
    ("form-hash-iri-then-select-word", "PREFIX ex: <http://x/#SELECT> DELETE WHERE { ?s ?p ?o }", "UPDATE"),
    ("form-select-in-comment", f"# SELECT * WHERE {{}}\n{INSERT}", "UPDATE"),
    ("form-select-in-string", 'INSERT DATA { <urn:a> <urn:b> "SELECT * WHERE {}" }', "UPDATE"),
    ("form-select-in-iri", "INSERT DATA { <urn:a> <urn:SELECT> <urn:c> }", "UPDATE"),
    ("form-drop-all", "DROP ALL", "UPDATE"),
    ("form-clear-default", "CLEAR DEFAULT", "UPDATE"),
    ("form-load", "LOAD <http://127.0.0.1:9/x.ttl>", "UPDATE"),
    ("form-with-delete-insert", "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
    ("form-lowercase-update", "insert data { <urn:a> <urn:b> <urn:c> }", "UPDATE"),
    ("form-two-updates", f"{INSERT} ; DROP SILENT GRAPH <urn:g>", "UPDATE"),
    ("form-base-then-update", f"BASE <http://x/#> {INSERT}", "UPDATE"),
    ("form-select-plain", "SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    (
        "form-insert-in-comment",
        "# INSERT DATA { <urn:a> <urn:b> <urn:c> }\nSELECT * WHERE { ?s ?p ?o }",
        "SELECT",
    ),
    ("form-delete-in-string", 'SELECT * WHERE { ?s ?p "DELETE WHERE" }', "SELECT"),
    ("form-insert-prefix-select", "PREFIX insert: <urn:x> SELECT * WHERE { ?s insert:p ?o }", "SELECT"),
    ("form-drop-variable", "SELECT ?drop WHERE { ?drop ?p ?o }", "SELECT"),
    ("form-ask", "ASK { ?s ?p ?o }", "ASK"),
    ("form-construct", "CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("form-describe", "DESCRIBE <urn:x>", "DESCRIBE"),
    ("form-bom-free-unicode", "SELECT ?이름 WHERE { ?s <urn:p> ?이름 }", "SELECT"),
]

NEITHER = [
    ("form-empty", "", "holds no SPARQL"),
    ("form-only-comments", "# nothing here\n# at all\n", "holds no SPARQL"),
    ("form-only-prefixes", "PREFIX ex: <urn:x>\n", "holds no SPARQL"),
    ("form-query-then-update", f"ASK {{}} ; {INSERT}", "line 1, column"),
    ("form-update-then-query", f"{INSERT} ; SELECT * WHERE {{}}", "line 1, column"),
    ("form-broken-triple", "SELECT * WHERE {\n  ?s ?p\n}", "line 2, column 3"),
    ("form-unclosed-iri", "SELECT * WHERE { <urn:a ?p ?o }", "not a SPARQL query or update"),
    ("form-deep-nesting", "SELECT * WHERE " + "{" * 3000 + "}" * 3000, "nested too deeply"),
    ("form-garbage", "\x00\x01 rm -rf / ; DROP", "not a SPARQL query or update"),
    ("form-sql", "SELECT * FROM users; DROP TABLE users", "not a SPARQL query or update"),
]


@pytest.mark.parametrize(("text", "form"), [(t, f) for _, t, f in FORMS], ids=[i for i, _, _ in FORMS])
def test_the_parser_decides_the_form(text: str, form: str) -> None:
    assert classify(text, "case.rq") == form


@pytest.mark.parametrize(("text", "needle"), [(t, n) for _, t, n in NEITHER], ids=[i for i, _, _ in NEITHER])
def test_a_text_that_is_neither_is_an_input_error(text: str, needle: str) -> None:
    with pytest.raises(InputError) as err:
        classify(text, "case.rq")
    assert str(err.value).startswith("case.rq: ") and needle in str(err.value)


CLI_UPDATES = [
    ("form-cli-select-prefix", f"PREFIX select: <urn:x#> {INSERT}\n"),
    ("form-cli-hash-prefix", f"PREFIX ex: <http://example.org/#>\n{INSERT}\n"),
    ("form-cli-comment-select", f"# SELECT ?x WHERE {{ ?x ?p ?o }}\n{INSERT}\n"),
    ("form-cli-drop-all", "DROP ALL\n"),
    ("form-cli-grlc-header-update", "#+ summary: a harmless question\n#+ tags: select\nCLEAR ALL\n"),
]


@pytest.mark.parametrize("text", [t for _, t in CLI_UPDATES], ids=[i for i, _ in CLI_UPDATES])
def test_an_update_file_never_reaches_the_server_without_allow_update(tmp_path: Path, text: str) -> None:
    file = tmp_path / "case.rq"
    file.write_text(text, encoding="utf-8")
    before = digest(file)
    with RawServer(answer(200, "application/sparql-results+json", EMPTY_RESULTS)) as endpoint:
        run = run_cli("query", "--file", str(file), "--endpoint", endpoint.url, "--timeout", "2")
        assert endpoint.seen == []
    assert_one_sentence(run, 2, str(file), "--allow-update")
    assert digest(file) == before


@pytest.mark.parametrize(
    ("text", "needle"),
    [("SELECT * WHERE {\n  ?s ?p\n}\n", "line 2, column 3"), ("", "holds no SPARQL")],
    ids=["form-cli-broken", "form-cli-empty"],
)
def test_a_file_that_is_neither_is_refused_naming_it(tmp_path: Path, text: str, needle: str) -> None:
    file = tmp_path / "neither.rq"
    file.write_text(text, encoding="utf-8")
    with RawServer(answer(200, "application/sparql-results+json", EMPTY_RESULTS)) as endpoint:
        run = run_cli("query", "--file", str(file), "--endpoint", endpoint.url, "--timeout", "2")
        assert endpoint.seen == []
    assert_one_sentence(run, 2, str(file), needle)
