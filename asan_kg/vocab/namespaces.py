"""Prefixes of the vocabularies asan-kg reuses and of its own data, in one place.

Serialization, query display and the generated ``AKG`` namespace all read from here, so a
prefix is spelt once.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, QB, RDF, RDFS, SDO, SKOS, TIME, XSD

from asan_kg.vocab.akg import AKG

BASE = "https://w3id.org/asan-kg/"
ID = Namespace(BASE + "id/")
VOCAB = Namespace(BASE + "vocab/")
SDMXD = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
WD = Namespace("http://www.wikidata.org/entity/")

#: Prefix → namespace IRI, used for Turtle output and compact display.
PREFIXES: dict[str, str] = {
    "akg": str(AKG),
    "atype": VOCAB + "activity-types/",
    "count": ID + "count/",
    "dataset": ID + "dataset/",
    "dcterms": str(DCTERMS),
    "dir": VOCAB + "directions/",
    "event": ID + "event/",
    "field": VOCAB + "exchange-fields/",
    "finding": ID + "finding/",
    "kind": VOCAB + "partnership-kinds/",
    "mapping": ID + "mapping/",
    "obs": ID + "observation/",
    "org": str(ORG),
    "organization": ID + "organization/",
    "owl": str(OWL),
    "partnership": ID + "partnership/",
    "period": ID + "period/",
    "person": ID + "person/",
    "place": ID + "place/",
    "post": ID + "post/",
    "prov": str(PROV),
    "qb": str(QB),
    "qty": VOCAB + "count-kinds/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "reading": ID + "reading/",
    "region": VOCAB + "world-regions/",
    "role": VOCAB + "roles/",
    "schema": str(SDO),
    "sdmxd": str(SDMXD),
    "section": ID + "source/asan-report/",
    "skos": str(SKOS),
    "source": ID + "source/",
    "status": VOCAB + "statuses/",
    "time": str(TIME),
    "wd": str(WD),
    "xsd": str(XSD),
}


def local_name(iri: object) -> str:
    """The last path segment of an IRI (``.../partnership-kinds/sister-city`` → ``sister-city``);
    empty for None."""
    return "" if iri is None else str(iri).rstrip("/").rsplit("/", 1)[-1]


def compact(iri: str) -> str:
    """Shorten an IRI to prefix:local when a known prefix matches (longest first)."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]) :]
        if local and "/" not in local and "#" not in local:
            return f"{best}:{local}"
    return iri
