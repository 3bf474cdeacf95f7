"""Remote results and publishing at scale: a server's answer is read by Oxigraph's own results
parser into the same terms the embedded store holds, and publish loads an Oxigraph server through
its Graph Store in one request, with blank nodes kept and credentials kept to the endpoint's origin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from asan_kg.remote.endpoint import EndpointConfig, RemoteStore
from asan_kg.remote.publish import PublishError, ntriples_of, publish
from asan_kg.remote.serve import OxigraphServer
from asan_kg.store.embedded import KnowledgeGraph
from tests.remote_helpers import FakeEndpoint

GRAPH = "urn:test:results"
#: Terms that are easy to get wrong: language tags (mixed case), xsd:string, a datatype of our
#: own, numbers, booleans, dates, escapes, characters outside the BMP, IRIs with Unicode, blank nodes.
TRICKY = r"""
@prefix x: <urn:x:> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
x:a x:p "plain", "tab\there\nnew \"q\" back\\slash", "한국어"@ko, "Hi"@EN-us, 5, 2.5, 1.0e3, true,
    "2020-01-02"^^xsd:date, "2020-01-02T03:04:05Z"^^xsd:dateTime, "s"^^xsd:string, "x"^^<urn:dt>,
    "😀 𝄞", <urn:x:한국>, _:b1 .
_:b1 x:q _:b2 .
_:b2 x:q "inner" .
"""
QUERY = """SELECT ?o (isBlank(?o) AS ?blank) ?n WHERE {
  <urn:x:a> <urn:x:p> ?o OPTIONAL { ?o <urn:x:q>/<urn:x:q> ?n }
} ORDER BY STR(?o)"""


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    folder = tmp_path_factory.mktemp("tricky")
    (folder / "tricky.ttl").write_text(TRICKY, encoding="utf-8")
    return KnowledgeGraph.load(folder, include_ontology=False, derive=False, cache=False)


@pytest.fixture(scope="module")
def server(local: KnowledgeGraph) -> Iterator[OxigraphServer]:
    with OxigraphServer(in_memory=True) as srv:
        store = RemoteStore(EndpointConfig(srv.query_url, update_url=srv.update_url))
        publish(ntriples_of(local), store, GRAPH, graph_store="auto")
        yield srv


def _without_blank_labels(rows: Sequence[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Rows with blank-node labels hidden: each store names its blank nodes itself."""
    return [("_:" if blank is True else o, blank, n) for o, blank, n in rows]


def test_a_remote_table_equals_the_embedded_one_term_for_term(
    server: OxigraphServer, local: KnowledgeGraph
) -> None:
    remote = RemoteStore(EndpointConfig(server.query_url, graph=GRAPH))
    there, here = remote.select(QUERY), local.select(QUERY)
    assert there.variables == here.variables
    assert _without_blank_labels(there.values()) == _without_blank_labels(here.values())
    plain = [row for row in here.rows if row[1] is not None and str(row[1]) == "false"]
    assert [r for r in there.rows if str(r[1]) == "false"] == plain  # rdflib terms too
    values = {v for v, *_ in there.values()}
    assert {'tab\there\nnew "q" back\\slash', "😀 𝄞", "urn:x:한국", 5, 2.5, 1000.0, True} <= values
    assert dt.date(2020, 1, 2) in values
    assert ("_:", True, "inner") in _without_blank_labels(there.values())  # one blank node, joined


def test_the_server_is_asked_for_tsv_and_a_non_sparql_tsv_is_asked_again_as_json() -> None:
    """Virtuoso 7 answers TSV without datatypes and with quoted names: asked once, then JSON."""
    json_body = (
        b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"typed-literal",'
        b'"datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"5"}}]}}'
    )
    accepts: list[str] = []

    def behaviour(handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, str, bytes]:
        accepts.append(handler.headers.get("Accept", ""))
        if accepts[-1].startswith("text/tab-separated-values"):
            return 200, "text/tab-separated-values; charset=UTF-8", b'"x"\n5\n'
        return 200, "application/sparql-results+json", json_body

    with FakeEndpoint(behaviour) as fake:
        remote = RemoteStore(EndpointConfig(fake.url))
        first, second = remote.select("SELECT ?x {}"), remote.select("SELECT ?x {}")
    assert first.values() == second.values() == [(5,)]
    assert accepts[0].startswith("text/tab-separated-values")
    assert accepts[1:] == ["application/sparql-results+json"] * 2  # remembered for the next one


def test_publish_to_oxigraph_uses_its_graph_store_in_one_request_and_keeps_blank_nodes(
    server: OxigraphServer, local: KnowledgeGraph
) -> None:
    store = RemoteStore(EndpointConfig(server.query_url, update_url=server.update_url))
    by_store = publish(ntriples_of(local), store, "urn:test:auto", graph_store="auto")
    by_update = publish(ntriples_of(local), store, "urn:test:update", batch_size=5, graph_store="none")
    assert by_store.batches == 1 and by_update.batches > 1
    assert by_store.triples == by_update.triples == len(local)
    blank = "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ GRAPH <{}> {{ ?b ?p ?o FILTER(isBlank(?b)) }} }}"
    for graph in ("urn:test:auto", "urn:test:update"):
        assert store.select(blank.format(graph)).values() == [(2,)]


def test_credentials_never_go_to_a_graph_store_on_another_origin(
    server: OxigraphServer, local: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[dict[str, str]] = []

    def behaviour(handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, str, bytes]:
        seen.append(dict(handler.headers))
        return 204, "", b""

    with FakeEndpoint(behaviour) as elsewhere:
        config = EndpointConfig(
            server.query_url, update_url=server.update_url, user="u", password="s3cret", token="tok3n"
        )
        with pytest.raises(PublishError) as failed:
            publish(ntriples_of(local), RemoteStore(config), "urn:test:elsewhere", graph_store=elsewhere.url)
    assert seen, "the graph store was not asked"
    assert not any(k.lower() in ("authorization", "x-asan-kg-token") for h in seen for k in h)
    assert "target graph unchanged" in str(failed.value) and "s3cret" not in str(failed.value)
