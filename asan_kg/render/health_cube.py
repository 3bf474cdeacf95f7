"""Health indicators published as RDF Data Cube observations, and as plain rows.

The data set follows ``akg:dsd-partnership-health`` (``ontology/health.ttl``): observed period ×
partnership × indicator → value, with the evidence grade, the reason a value is missing and the
exchanges (or reported totals) it rests on. Yearly exchange counts are observations of the
``intensity`` indicator with a one-year reference period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, QB, TIME

from asan_kg.analysis.health import INDICATORS, HealthReport, Indicator, TieHealth, Window
from asan_kg.vocab.akg import AKG
from asan_kg.vocab.namespaces import ID, SDMXD, VOCAB
from asan_kg.vocab.prefixes import PREFIXES, local_name

INDICATOR = VOCAB + "health-indicators/"
GRADE = VOCAB + "evidence-grades/"
GAP = VOCAB + "data-gaps/"
GRADE_SLUGS = {
    "dated": "dated",
    "dated+reported": "dated-and-reported",
    "reported": "reported",
    "none": "none",
}


def _period(graph: Graph, period: Window) -> URIRef:
    node = URIRef(f"{ID}period/{period.start.isoformat()}--{period.end.isoformat()}")
    graph.add((node, RDF.type, TIME.Interval))
    graph.add((node, RDFS.label, Literal(f"{period.start} – {period.end}", lang="en")))
    graph.add((node, RDFS.label, Literal(f"{period.start} ~ {period.end}", lang="ko")))
    for end, day in (("beginning", period.start), ("end", period.end)):
        instant = URIRef(f"{node}-{end}")
        graph.add((node, TIME.hasBeginning if end == "beginning" else TIME.hasEnd, instant))
        graph.add((instant, RDF.type, TIME.Instant))
        graph.add((instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date)))
    return node


def _observation(graph: Graph, dataset: URIRef, tie: TieHealth, ind: Indicator, period: URIRef) -> None:
    tail = f"{local_name(tie.partnership)}-{ind.code}-{str(period).rsplit('/', 1)[1]}"
    obs = URIRef(f"{dataset}/{tail}")
    graph.add((obs, RDF.type, QB.Observation))
    graph.add((obs, QB.dataSet, dataset))
    graph.add((obs, SDMXD.refPeriod, period))
    graph.add((obs, AKG.assessedPartnership, URIRef(tie.partnership)))
    graph.add((obs, AKG.healthIndicator, URIRef(INDICATOR + ind.code)))
    if ind.value is not None:
        graph.add((obs, AKG.indicatorValue, Literal(str(round(ind.value, 4)), datatype=XSD.decimal)))
    graph.add((obs, AKG.evidenceGrade, URIRef(GRADE + GRADE_SLUGS[ind.grade])))
    if ind.reason:
        graph.add((obs, AKG.unavailableReason, URIRef(GAP + ind.reason)))
    for iri in ind.rests_on:
        graph.add((obs, PROV.wasDerivedFrom, URIRef(iri)))


def cube(report: HealthReport) -> Graph:
    """The indicators as one ``qb:DataSet`` (with its observations) in a new graph."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    dataset = URIRef(f"{ID}dataset/partnership-health-{report.as_of.isoformat()}")
    graph.add((dataset, RDF.type, QB.DataSet))
    graph.add((dataset, QB.structure, AKG["dsd-partnership-health"]))
    graph.add((dataset, RDFS.label, Literal(f"Partnership health as of {report.as_of}", lang="en")))
    graph.add((dataset, RDFS.label, Literal(f"{report.as_of} 기준 교류 관계 건강 지표", lang="ko")))
    generated = Literal(dt.date.today().isoformat(), datatype=XSD.date)
    graph.add((dataset, PROV.generatedAtTime, generated))
    for tie in report.ties:
        if tie.observed is None:
            continue
        period = _period(graph, tie.observed)
        for code in INDICATORS:
            _observation(graph, dataset, tie, tie.indicators[code], period)
        for year, count in sorted(tie.years.items()):
            span = Window(
                max(dt.date(year, 1, 1), tie.observed.start), min(dt.date(year, 12, 31), tie.observed.end)
            )
            if span.start > span.end:
                continue
            yearly = Indicator("intensity", float(count), "dated")
            _observation(graph, dataset, tie, yearly, _period(graph, span))
    return graph


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def rows(report: HealthReport) -> list[dict[str, Any]]:
    """One row per (partnership, indicator): the values as JSON-ready data."""
    out = []
    for tie in report.ties:
        for code in INDICATORS:
            ind = tie.indicators[code]
            out.append(
                {
                    "partnership": tie.partnership,
                    "partnership_label": tie.label,
                    "indicator": code,
                    "value": ind.value,
                    "unit": ind.unit,
                    "grade": ind.grade,
                    "reason": ind.reason,
                    "note": ind.note,
                    "observed_from": _plain(tie.observed.start) if tie.observed else None,
                    "observed_to": _plain(tie.observed.end) if tie.observed else None,
                    "rests_on": list(ind.rests_on),
                    "detail": _plain(ind.detail),
                }
            )
    return out
