"""SPARQLWrapper builds every request to an endpoint; the form is ours, never its regex guess."""

from __future__ import annotations

import urllib.parse

import pytest
from SPARQLWrapper import SPARQLWrapper

from asan_kg.remote.endpoint import USER_AGENT, EndpointConfig, EndpointError, RemoteStore
from asan_kg.remote.transport import server_message
from asan_kg.sparql.forms import classify
from tests.remote_helpers import FakeEndpoint

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


SECURITY = (
    b"Virtuoso 42000 Error SR186:SECURITY: No permission to execute procedure DB.DBA.X with user ID 107\n\n"
    b"SPARQL query:\ndefine sql:big-data-const 0 SELECT * WHERE { ?s ?p ?o }"
)
DEADLOCK = b"Virtuoso 40001 Error SR172: Transaction deadlocked\n"


@pytest.mark.parametrize(("body", "attempts"), [(SECURITY, 1), (DEADLOCK, 3)])
def test_virtuosos_permanent_500s_are_not_retried_and_its_message_is_trimmed(
    body: bytes, attempts: int
) -> None:
    with FakeEndpoint(lambda h, b: (500, "text/plain", body)) as fake:
        store = RemoteStore(EndpointConfig(fake.url, backoff=0.01))
        with pytest.raises(EndpointError) as caught:
            store.select("SELECT * WHERE { ?s ?p ?o }")
        sent = len(fake.requests)
    assert sent == attempts
    first_line = body.decode().splitlines()[0]
    assert first_line in str(caught.value) and "SPARQL query" not in str(caught.value)


def test_a_virtuoso_400_shows_its_first_line() -> None:
    body = (
        b"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at '}' before '}'\n\n"
        b"SPARQL query:\ndefine sql:big-data-const 0 SELECT ?x WHERE { ?x ?y }"
    )
    assert server_message(body) == (
        "Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at '}' before '}'"
    )


def test_publish_into_oxigraph_by_graph_store_and_by_update_gives_the_same_graph() -> None:
    """Blank nodes included: the Graph Store PUT and the update batches both keep them nodes."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.term import Node

    from asan_kg.remote.publish import publish
    from asan_kg.remote.serve import OxigraphServer

    ex = "urn:example:"
    triples: list[tuple[Node, Node, Node]] = [
        (URIRef(ex + "s"), URIRef(ex + "p"), Literal(i)) for i in range(250)
    ]
    b1, b2 = BNode(), BNode()
    triples += [
        (URIRef(ex + "s"), URIRef(ex + "q"), b1),
        (b1, URIRef(ex + "r"), b2),
        (b2, URIRef(ex + "v"), Literal(1)),
    ]
    with OxigraphServer() as server:
        store = RemoteStore(EndpointConfig(server.query_url, update_url=server.update_url))
        by_update = publish(triples, store, "urn:g:update", batch_size=100)
        by_store = publish(triples, store, "urn:g:store", graph_store=server.base + "/store")
        blank = "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ GRAPH <{}> {{ ?b ?p ?o FILTER(isBlank(?b)) }} }}"
        counts = [int(str(store.select(blank.format(g)).rows[0][0])) for g in ("urn:g:update", "urn:g:store")]
    assert by_update.triples == by_store.triples == len(triples)
    assert (by_update.batches, by_store.batches) == (4, 1)  # 3 blank-node triples, 250 others by 100
    assert counts == [2, 2]
