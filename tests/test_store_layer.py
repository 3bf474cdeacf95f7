"""The store layer: one term conversion, one date parser, plain values, and the per-run memo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Literal, URIRef, namespace

from asan_kg.sparql import querying
from asan_kg.sparql.memo import MemoStore, memoized
from asan_kg.store import terms, values
from asan_kg.store.embedded import KnowledgeGraph
from asan_kg.store.table import ResultTable


def test_terms_convert_to_plain_python_values() -> None:
    row = (
        URIRef("https://w3id.org/asan-kg/id/place/asan"),
        Literal("아산", lang="ko"),
        Literal("12", datatype=namespace.XSD.integer),
        Literal("0.48", datatype=namespace.XSD.decimal),
        Literal("true", datatype=namespace.XSD.boolean),
        Literal("2014-12-31", datatype=namespace.XSD.date),
        Literal("2014-12-31T10:00:00Z", datatype=namespace.XSD.dateTime),
        Literal("not a number", datatype=namespace.XSD.integer),
        None,
    )
    table = ResultTable(["iri", "label", "n", "share", "ok", "on", "at", "bad", "none"], [row])
    (values,) = table.values()
    assert values[:6] == (
        "https://w3id.org/asan-kg/id/place/asan",
        "아산",
        12,
        0.48,
        True,
        dt.date(2014, 12, 31),
    )
    assert values[6] == dt.datetime(2014, 12, 31, 10, tzinfo=dt.UTC)
    assert values[7:] == ("not a number", None)
    assert table.records()[0]["n"] == 12


def test_terms_round_trip_through_json_and_oxigraph() -> None:
    for term in (
        URIRef("https://example.org/a"),
        BNode("b0"),
        Literal("x"),
        Literal("x", lang="en"),
        Literal("2014-12-31", datatype=namespace.XSD.date),
    ):
        assert terms.from_json(terms.to_json(term)) == term
    assert terms.from_oxigraph(
        pyoxigraph.Literal("x", datatype=pyoxigraph.NamedNode(str(namespace.XSD.string)))
    ) == Literal("x")
    assert terms.from_json(
        {"type": "literal", "value": "x", "datatype": str(namespace.XSD.string)}
    ) == Literal("x")
    assert terms.plain(Literal("x", datatype=namespace.XSD.string)) == Literal("x")


def test_one_date_parser_for_user_input_and_results() -> None:
    assert values.parse_date("2014-12-31") == dt.date(2014, 12, 31)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        values.parse_date("20141231")
    with pytest.raises(ValueError, match="not a real date"):
        values.parse_date("2014-02-30")
    assert values.to_date(Literal("2014-12-31T10:00:00", datatype=namespace.XSD.dateTime)) == dt.date(
        2014, 12, 31
    )
    assert values.to_date(dt.datetime(2014, 12, 31, 10)) == dt.date(2014, 12, 31)
    assert values.to_date(None) is None


class CountingStore:
    """A store that counts the queries it executes."""

    def __init__(self, inner: KnowledgeGraph) -> None:
        self.inner = inner
        self.executed: list[str] = []

    def select(self, query: str) -> ResultTable:
        self.executed.append(query)
        return self.inner.select(query)

    def ask(self, query: str) -> bool:
        self.executed.append(query)
        return self.inner.ask(query)


@pytest.fixture(scope="module")
def asan() -> KnowledgeGraph:
    return KnowledgeGraph.load()


def test_the_same_saved_query_with_the_same_bindings_runs_once(asan: KnowledgeGraph) -> None:
    counting = CountingStore(asan)
    store = memoized(counting)
    first = querying.run(store, "labels", lang="ko")
    first.rows.clear()  # a caller may change its answer without touching the memo
    second = querying.run(store, "labels", lang="ko")
    assert len(second) > 0 and len(counting.executed) == 1
    assert querying.labels(store, "ko") == querying.labels(asan, "ko")
    assert len(counting.executed) == 1
    querying.run(store, "labels", lang="en")
    assert len(counting.executed) == 2, "other bindings are another query"
    assert store.ask("ASK { ?s ?p ?o }") and store.ask("ASK { ?s ?p ?o }")
    assert len(counting.executed) == 3
    assert memoized(store) is store and isinstance(store, MemoStore)
    store.forget()
    querying.run(store, "labels", lang="ko")
    assert len(counting.executed) == 4


def test_the_memo_passes_everything_else_to_the_store(asan: KnowledgeGraph) -> None:
    store = memoized(asan)
    assert store.files == asan.files and len(store) == len(asan)
    graph = store.construct(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/asan-kg/def#Partnership> ; ?p ?o }"
    )
    graph.remove((None, None, None))
    assert (
        len(
            store.construct(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/asan-kg/def#Partnership> ; ?p ?o }"
            )
        )
        > 0
    )


def test_labels_are_one_lookup_per_language(asan: KnowledgeGraph) -> None:
    asan_city = "https://w3id.org/asan-kg/id/place/asan"
    assert querying.labels(asan, "ko")[asan_city] == "아산시"
    assert querying.labels(asan, "en")[asan_city] == "Asan"


def test_a_cached_store_opens_with_the_same_triples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASAN_KG_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ASAN_KG_NO_CACHE", raising=False)
    built = KnowledgeGraph.load(cache=True)
    opened = KnowledgeGraph.load(cache=True)
    assert len(built) == len(opened) == len(KnowledgeGraph.load(cache=False))
    assert opened.files == built.files and list(tmp_path.glob("stores/*/READY"))
