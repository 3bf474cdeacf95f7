"""SPARQLWrapper builds every request to an endpoint; the form is ours, never its regex guess."""

from __future__ import annotations

import urllib.parse

from SPARQLWrapper import SPARQLWrapper

from asan_kg.remote.endpoint import USER_AGENT, EndpointConfig, RemoteStore
from asan_kg.sparql.forms import classify

QUERY, UPDATE = "http://127.0.0.1:1/query", "http://127.0.0.1:1/update"
#: An update SPARQLWrapper's own guess takes for a SELECT (the keyword inside the prefix IRI).
DISGUISED = "PREFIX : <http://example.org/#select> INSERT DATA { :a :b :c }"


def _fields(data: object) -> dict[str, list[str]]:
    assert isinstance(data, bytes)
    return urllib.parse.parse_qs(data.decode("ascii"))


def _store(**kw: object) -> RemoteStore:
    return RemoteStore(EndpointConfig(QUERY, update_url=UPDATE, **kw))  # type: ignore[arg-type]


def test_sparqlwrapper_alone_would_send_this_update_as_a_query() -> None:
    wrapper = SPARQLWrapper(QUERY, updateEndpoint=UPDATE)
    wrapper.setQuery(DISGUISED)
    assert wrapper.queryType == "SELECT" and classify(DISGUISED) == "UPDATE"


def test_an_update_goes_to_the_update_url_as_update_whatever_its_first_keyword() -> None:
    request = _store(graph="urn:g").client.request(DISGUISED, classify(DISGUISED))
    assert request.full_url == UPDATE and request.get_method() == "POST"
    assert request.get_header("Content-type") == "application/x-www-form-urlencoded"
    assert _fields(request.data) == {"update": [DISGUISED]}  # no default-graph-uri on an update


def test_a_query_goes_to_the_query_url_with_the_graph_agent_and_credentials() -> None:
    text = "PREFIX insert: <urn:x#> SELECT * WHERE { ?s insert:p ?o }"
    store = _store(graph="https://example.org/g", user="team", password="pw", token="tok")
    request = store.client.request(text, classify(text), "application/sparql-results+json")
    assert request.full_url == QUERY
    assert _fields(request.data) == {"query": [text], "default-graph-uri": ["https://example.org/g"]}
    assert request.get_header("User-agent") == USER_AGENT
    assert request.get_header("Accept") == "application/sparql-results+json"
    assert request.get_header("Authorization") == "Basic dGVhbTpwdw=="
    assert request.get_header("X-asan-kg-token") == "tok"


def test_a_user_without_password_still_sends_basic_credentials() -> None:
    request = _store(user="team").client.request("ASK {}", "ASK")
    assert request.get_header("Authorization") == "Basic dGVhbTo="
