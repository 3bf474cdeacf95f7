"""Reference lines: the best single SPARQL query for each analysis's answer, on raw pyoxigraph,
so the benchmark can say how close each command comes to the engine.

* ``dormancy_answer`` and ``concentration_answer`` yield the same answer as the command (every
  value it shows or rests on: labels, listed evidence, reported totals reconciled; tested
  against the analyses in tests/test_benchmark_reference.py);
* ``dormancy`` and ``concentration_by_country`` are the smaller one-GROUP-BY answers (last
  exchange and exchanges per window; exchanges and city partnerships per country), kept as
  lines of their own;
* ``NETWORK_EDGES``: the edges (partnership to party and place, activity to partnership and
  participant, government to city, person to organization) with their weights.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asan_kg.analysis.evidence import Window

PREFIXES = """PREFIX akg: <https://w3id.org/asan-kg/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX sdmxd: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def _date(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^xsd:date'


def dormancy(windows: list[tuple[dt.date, dt.date]]) -> str:
    """Last exchange and exchanges per window ([start, end] overlaps), per partnership."""
    binds = []
    counts = []
    for i, (start, end) in enumerate(windows):
        binds.append(f"BIND(IF(?end >= {_date(start)} && ?start <= {_date(end)}, ?a, ?none) AS ?in{i})")
        counts.append(f"(COUNT(DISTINCT ?in{i}) AS ?window{i})")
    return (
        PREFIXES
        + f"SELECT ?partnership (MAX(?end) AS ?last) {' '.join(counts)}\nWHERE {{\n"
        + "  ?partnership a akg:Partnership .\n"
        + "  OPTIONAL { ?a akg:servesPartnership ?partnership ; a akg:Exchange ;\n"
        + "             schema:startDate ?start ; schema:endDate ?end .\n    "
        + "\n    ".join(binds)
        + "\n  }\n}\nGROUP BY ?partnership"
    )


def concentration_by_country(start: dt.date, end: dt.date) -> str:
    """Exchanges in the period and city partnerships signed by its end, per partner country."""
    return (
        PREFIXES
        + f"""SELECT ?country (COUNT(DISTINCT ?a) AS ?exchanges) (COUNT(DISTINCT ?p) AS ?partnerships)
WHERE {{
  {{
    ?a a akg:Exchange ; schema:startDate ?start ; schema:endDate ?end ;
       akg:servesPartnership/akg:partnerPlace/akg:country ?country .
    FILTER(?start >= {_date(start)} && ?end <= {_date(end)})
  }} UNION {{
    ?p a akg:Partnership ; akg:partnerPlace/akg:country ?country .
    FILTER NOT EXISTS {{ ?p akg:signedOn ?signed FILTER(?signed > {_date(end)}) }}
  }}
}}
GROUP BY ?country"""
    )


NETWORK_EDGES = (
    PREFIXES
    + """SELECT ?source ?target (COUNT(*) AS ?weight)
WHERE {
  { ?source a akg:Partnership ; akg:homeParty|akg:partnerParty|akg:homePlace|akg:partnerPlace ?target }
  UNION { ?source schema:areaServed ?target }
  UNION { ?source a akg:Exchange ;
            akg:servesPartnership|schema:attendee|schema:organizer|akg:participatingPlace ?target }
  UNION { ?source a schema:Person ; org:memberOf|org:holds/org:postIn ?target }
}
GROUP BY ?source ?target"""
)


def _window_tests(windows: list[tuple[dt.date, dt.date]]) -> tuple[str, str]:
    """Per window an exchange overlapping it (else unbound) and its count."""
    binds, counts = [], []
    for i, (start, end) in enumerate(windows):
        binds.append(f"BIND(IF(?end >= {_date(start)} && ?start <= {_date(end)}, ?a, ?none) AS ?in{i})")
        counts.append(f"(COUNT(DISTINCT ?in{i}) AS ?window{i})")
    return "\n      ".join(binds), " ".join(counts)


def dormancy_answer(as_of: dt.date, windows: list[tuple[dt.date, dt.date]], lang: str) -> str:
    """Everything the dormancy verdicts show or are computed from, in one query: per partnership
    its labels, kind, partner, signing date and the partnership it belongs to, its last exchange
    up to ``as_of`` with that exchange's label, its exchanges in each window (the first is the one
    shown, listed with date, IRI and label), the city totals reported for a period overlapping the
    windows with the exchanges they itemize, what the source asserts about it, and an agreement's
    exchanges of its own. ``windows`` are the counted (clipped) windows, the one shown first."""
    tests, counts = _window_tests(windows)
    first = min(start for start, _ in windows)
    last = max(end for _, end in windows)
    lang_literal = '"' + lang + '"'
    return (
        PREFIXES
        + f"""SELECT * WHERE {{
  {{
    ?partnership a akg:Partnership ; akg:partnershipKind ?kind ; akg:partnerPlace ?partner .
    OPTIONAL {{ ?partnership akg:signedOn ?signed }}
    OPTIONAL {{ ?partnership org:resultedFrom/schema:startDate ?event_start }}
    BIND(COALESCE(?signed, ?event_start) AS ?signed_on)
    OPTIONAL {{ ?partnership dcterms:isPartOf ?part_of . ?part_of a akg:Partnership . }}
    OPTIONAL {{ ?partnership rdfs:label ?label . FILTER(LANG(?label) = {lang_literal}) }}
    OPTIONAL {{ ?kind skos:prefLabel ?kind_label . FILTER(LANG(?kind_label) = {lang_literal}) }}
    OPTIONAL {{ ?partner rdfs:label ?partner_label . FILTER(LANG(?partner_label) = {lang_literal}) }}
    OPTIONAL {{
      SELECT ?partnership (MAX(?dated) AS ?last) (GROUP_CONCAT(?item; separator=" ") AS ?items) {counts}
      WHERE {{
        ?a akg:servesPartnership ?partnership ; a akg:Exchange ;
           schema:startDate ?start ; schema:endDate ?end .
        {tests}
        # Each exchange's label, read once for the last exchange and the listed ones alike (a
        # look-up of the last one's label after grouping cost one scan of the labels per row).
        OPTIONAL {{ ?a rdfs:label ?a_label FILTER(LANG(?a_label) = {lang_literal}) }}
        BIND(CONCAT(STR(?start), " ", STR(?a), " .", ENCODE_FOR_URI(COALESCE(?a_label, ""))) AS ?text)
        BIND(IF(?start <= {_date(as_of)}, ?text, "") AS ?dated)
        BIND(IF(BOUND(?in0), ?text, "") AS ?item)  # GROUP_CONCAT fails on an unbound value
      }}
      GROUP BY ?partnership
    }}
  }} UNION {{
    ?obs a qb:Observation ; qb:dataSet ?dataset ; akg:exchangeCount ?total_count ;
         akg:partnerCity ?total_city ; sdmxd:refPeriod ?period .
    ?period time:hasBeginning/time:inXSDDate ?total_from ; time:hasEnd/time:inXSDDate ?total_to .
    FILTER(?total_to >= {_date(first)} && ?total_from <= {_date(last)})
    OPTIONAL {{
      SELECT ?total_city ?total_from ?total_to (COUNT(DISTINCT ?t) AS ?total_itemized)
      WHERE {{
        ?o a qb:Observation ; akg:partnerCity ?total_city ; sdmxd:refPeriod ?p .
        ?p time:hasBeginning/time:inXSDDate ?total_from ; time:hasEnd/time:inXSDDate ?total_to .
        FILTER(?total_to >= {_date(first)} && ?total_from <= {_date(last)})
        ?tie akg:partnerPlace ?total_city . ?t akg:servesPartnership ?tie ; a akg:Exchange ;
           schema:startDate ?t_start ; schema:endDate ?t_end .
        FILTER(?t_start >= ?total_from && ?t_start <= ?total_to)
      }}
      GROUP BY ?total_city ?total_from ?total_to
    }}
  }} UNION {{
    ?finding dcterms:subject ?asserted_of ; akg:assertsStatus ?state . ?asserted_of a akg:Partnership .
    OPTIONAL {{ ?finding akg:statusSince ?since }}
    OPTIONAL {{ ?finding akg:sourceText ?quote }}
    OPTIONAL {{ ?state skos:prefLabel ?state_label . FILTER(LANG(?state_label) = {lang_literal}) }}
  }} UNION {{
    SELECT ?agreement ?agreement_of (COUNT(DISTINCT ?o) AS ?own_records)
    WHERE {{
      ?agreement dcterms:isPartOf ?agreement_of . ?agreement_of a akg:Partnership .
      ?o a akg:Exchange ; akg:servesPartnership ?agreement ;
         schema:startDate ?o_start ; schema:endDate ?o_end .
      FILTER NOT EXISTS {{ ?o akg:servesPartnership ?agreement_of }}
    }}
    GROUP BY ?agreement ?agreement_of
  }}
}}"""
    )


def counted_windows(
    as_of: dt.date, covered: Window | None, window_months: int
) -> list[tuple[dt.date, dt.date]]:
    """The windows a dormancy report counts in (clipped to coverage, distinct), the shown first."""
    from asan_kg.analysis import dormancy

    months = sorted({*dormancy.SENSITIVITY_MONTHS, window_months})
    counted = dormancy.sensitivity_windows(as_of, months, covered)
    order = [counted[window_months], *(w for m, w in counted.items() if m != window_months)]
    return list(dict.fromkeys((w.start, w.end) for w in order if w is not None))


def concentration_answer(start: dt.date, end: dt.date, kinds: list[str], lang: str) -> str:
    """Everything `concentration --by country` shows, in one query: per partner city with its
    country, the itemized exchanges in the period not inside a reported total lying wholly in it;
    the city totals reported for a period overlapping it (whole inside: counted; partly: listed);
    per country the city partnerships (of ``kinds``, the kinds' IRIs) signed by the period's end;
    and the labels of the cities and countries."""
    lang_literal = '"' + lang + '"'
    labels = f"""OPTIONAL {{ ?city rdfs:label ?city_label . FILTER(LANG(?city_label) = {lang_literal}) }}
    OPTIONAL {{
      ?city akg:country ?country .
      OPTIONAL {{ ?country rdfs:label ?country_label . FILTER(LANG(?country_label) = {lang_literal}) }}
    }}"""
    return (
        PREFIXES
        + f"""SELECT * WHERE {{
  {{
    {{
      SELECT ?city ((COUNT(DISTINCT ?a) - COUNT(DISTINCT ?covered)) AS ?itemized)
      WHERE {{
        ?a a akg:Exchange ; schema:startDate ?start ; schema:endDate ?end ;
           akg:servesPartnership/akg:partnerPlace ?city .
        FILTER(?start <= {_date(end)} && ?end >= {_date(start)})
        OPTIONAL {{
          ?obs akg:partnerCity ?city ; a qb:Observation ; qb:dataSet ?dataset ; akg:exchangeCount ?n ;
               sdmxd:refPeriod ?period .
          ?period time:hasBeginning/time:inXSDDate ?from ; time:hasEnd/time:inXSDDate ?to .
          FILTER(?start >= ?from && ?start <= ?to && ?from >= {_date(start)} && ?to <= {_date(end)})
        }}
        BIND(IF(BOUND(?obs), ?a, ?none) AS ?covered)
      }}
      GROUP BY ?city
    }}
    {labels}
  }} UNION {{
    ?obs a qb:Observation ; qb:dataSet ?dataset ; akg:exchangeCount ?total ; akg:partnerCity ?city ;
         sdmxd:refPeriod ?period .
    ?period time:hasBeginning/time:inXSDDate ?total_from ; time:hasEnd/time:inXSDDate ?total_to .
    FILTER(?total_to >= {_date(start)} && ?total_from <= {_date(end)})
    {labels}
  }} UNION {{
    SELECT ?p_country (COUNT(DISTINCT ?p) AS ?partnerships)
    WHERE {{
      VALUES ?kind {{ {" ".join(f"<{k}>" for k in kinds)} }}
      ?p a akg:Partnership ; akg:partnershipKind ?kind ; akg:partnerPlace/akg:country ?p_country .
      OPTIONAL {{ ?p akg:signedOn ?signed }}
      OPTIONAL {{ ?p org:resultedFrom/schema:startDate ?event_start }}
      BIND(COALESCE(?signed, ?event_start) AS ?signed_on)
      FILTER(!BOUND(?signed_on) || ?signed_on <= {_date(end)})
    }}
    GROUP BY ?p_country
  }}
}}"""
    )
