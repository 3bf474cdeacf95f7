"""The ontology: parses, every term bilingual and defined, generated namespace up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from asan_kg.core import resources
from asan_kg.vocab.akg import AKG

from .conftest import ROOT

ONTOLOGY_TTL = sorted(resources.ontology_dir().rglob("*.ttl"))


@pytest.mark.parametrize("path", ONTOLOGY_TTL, ids=lambda p: str(p.relative_to(resources.ontology_dir())))
def test_every_ontology_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_one_file_per_concern() -> None:
    names = {p.name for p in resources.ontology_dir().glob("*.ttl")}
    assert {
        "places.ttl",
        "agents.ttl",
        "partnerships.ttl",
        "activities.ttl",
        "statistics.ttl",
        "provenance.ttl",
        "shapes.ttl",
    } <= names
    assert {p.stem for p in (resources.ontology_dir() / "alignments").glob("*.ttl")} == {
        "wikidata",
        "dbpedia",
    }


def _ontology() -> Graph:
    graph = Graph()
    for path in resources.ontology_files():
        graph.parse(path, format="turtle")
    return graph


def test_every_term_we_declare_or_reuse_has_ko_and_en_labels_and_definitions() -> None:
    graph = _ontology()
    declared = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    assert len(declared) > 100
    for term in declared:
        labels = {
            o.language
            for p in (RDFS.label, SKOS.prefLabel)
            for o in graph.objects(term, p)
            if isinstance(o, Literal)
        }
        assert {"ko", "en"} <= labels, term
        if isinstance(term, URIRef) and str(term).startswith(str(AKG)):
            defs = {o.language for o in graph.objects(term, SKOS.definition) if isinstance(o, Literal)}
            assert {"ko", "en"} <= defs, term


def _load_tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_namespace_matches_the_ontology() -> None:
    codegen = _load_tool("gen_namespace")
    expected = codegen.render(codegen.ontology_files(resources.ontology_dir()))
    actual = (resources.package_dir() / "vocab" / "akg.py").read_text(encoding="utf-8")
    assert actual == expected, "run: python tools/gen_namespace.py"


def test_a_misspelt_term_is_an_error() -> None:
    assert str(AKG.Partnership) == "https://w3id.org/asan-kg/def#Partnership"
    with pytest.raises(AttributeError):
        _ = AKG.Partnershp


def test_a_partnership_is_an_n_ary_node_reusing_w3c_org() -> None:
    graph = _ontology()
    org = "http://www.w3.org/ns/org#"
    assert (AKG.Partnership, RDFS.subClassOf, URIRef(org + "OrganizationalCollaboration")) in graph
    assert (AKG.SigningEvent, RDFS.subClassOf, URIRef(org + "ChangeEvent")) in graph
    assert (AKG.homeParty, RDFS.subPropertyOf, URIRef(org + "hasMember")) in graph


def test_exchange_fields_scheme_has_the_reports_nine_statistics_fields() -> None:
    graph = _ontology()
    collection = URIRef("https://w3id.org/asan-kg/vocab/exchange-fields/statistics-fields")
    ko = {
        str(label)
        for member in graph.objects(collection, SKOS.member)
        for label in graph.objects(member, SKOS.prefLabel)
        if isinstance(label, Literal) and label.language == "ko"
    }
    assert ko == {
        "교육교류",
        "인적교류",
        "경제교류",
        "우호협력 및 자매결연",
        "농업교류",
        "벤치마킹",
        "기타",
        "관광교류",
        "문화예술교류",
    }


def test_world_regions_carry_un_m49_codes() -> None:
    graph = _ontology()
    eastern_asia = URIRef("https://w3id.org/asan-kg/vocab/world-regions/eastern-asia")
    assert str(graph.value(eastern_asia, SKOS.notation)) == "030"
    assert graph.value(eastern_asia, SKOS.broader) == URIRef(
        "https://w3id.org/asan-kg/vocab/world-regions/asia"
    )
