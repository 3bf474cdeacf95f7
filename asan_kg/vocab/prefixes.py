"""Prefixes of the vocabularies asan-kg reuses and of its own data, as plain text, in one place.

Serialization, query display, parameters and the embedded engine read them from here; no rdflib
is imported (a command on a small graph starts in a fraction of rdflib's import time). The
rdflib ``Namespace`` objects built on them live in ``namespaces``; a test keeps the standard
IRIs here equal to rdflib's.
"""

from __future__ import annotations

#: Our ontology's namespace; ``akg.AKG`` is the generated ``DefinedNamespace`` on it.
AKG = "https://w3id.org/asan-kg/def#"
BASE = "https://w3id.org/asan-kg/"
ID = BASE + "id/"
VOCAB = BASE + "vocab/"
SDMXD = "http://purl.org/linked-data/sdmx/2009/dimension#"
WD = "http://www.wikidata.org/entity/"

#: The prefixes rdflib binds in every new graph (``Graph().namespaces()``), which its engine, and
#: so every saved query written against it, may use undeclared.
RDFLIB_DEFAULTS: dict[str, str] = {
    "brick": "https://brickschema.org/schema/Brick#",
    "csvw": "http://www.w3.org/ns/csvw#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcam": "http://purl.org/dc/dcam/",
    "doap": "http://usefulinc.com/ns/doap#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "org": "http://www.w3.org/ns/org#",
    "prof": "http://www.w3.org/ns/dx/prof/",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sosa": "http://www.w3.org/ns/sosa/",
    "ssn": "http://www.w3.org/ns/ssn/",
    "time": "http://www.w3.org/2006/time#",
    "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#",
    "wgs": "https://www.w3.org/2003/01/geo/wgs84_pos#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
XSD = RDFLIB_DEFAULTS["xsd"]

#: Prefix → namespace IRI, used for Turtle output and compact display.
PREFIXES: dict[str, str] = {
    "akg": AKG,
    "atype": VOCAB + "activity-types/",
    "count": ID + "count/",
    "dataset": ID + "dataset/",
    "dcterms": RDFLIB_DEFAULTS["dcterms"],
    "dir": VOCAB + "directions/",
    "event": ID + "event/",
    "field": VOCAB + "exchange-fields/",
    "finding": ID + "finding/",
    "kind": VOCAB + "partnership-kinds/",
    "mapping": ID + "mapping/",
    "obs": ID + "observation/",
    "org": RDFLIB_DEFAULTS["org"],
    "organization": ID + "organization/",
    "owl": RDFLIB_DEFAULTS["owl"],
    "partnership": ID + "partnership/",
    "period": ID + "period/",
    "person": ID + "person/",
    "place": ID + "place/",
    "post": ID + "post/",
    "prov": RDFLIB_DEFAULTS["prov"],
    "qb": RDFLIB_DEFAULTS["qb"],
    "qty": VOCAB + "count-kinds/",
    "rdf": RDFLIB_DEFAULTS["rdf"],
    "rdfs": RDFLIB_DEFAULTS["rdfs"],
    "reading": ID + "reading/",
    "region": VOCAB + "world-regions/",
    "role": VOCAB + "roles/",
    "schema": RDFLIB_DEFAULTS["schema"],
    "sdmxd": SDMXD,
    "section": ID + "source/asan-report/",
    "skos": RDFLIB_DEFAULTS["skos"],
    "source": ID + "source/",
    "status": VOCAB + "statuses/",
    "time": RDFLIB_DEFAULTS["time"],
    "wd": WD,
    "xsd": XSD,
}

#: The prefixes a query may use undeclared: rdflib's defaults with ours over them, as rdflib's
#: engine (and oxrdflib before) offered them to every query.
QUERY_PREFIXES: dict[str, str] = {**RDFLIB_DEFAULTS, **PREFIXES}


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
