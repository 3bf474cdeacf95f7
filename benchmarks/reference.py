"""Reference lines: the best single SPARQL query for each analysis's answer, on raw pyoxigraph.

Each query computes in the engine, by GROUP BY, what the analysis reports, so the benchmark can
say how close each command comes to the engine. They are references, not replacements: the
analyses also list the evidence behind each figure (every activity in the window, reported
totals, assertions of the source, labels), which a single aggregate does not.

* dormancy: per partnership, the last exchange and the exchanges in each sensitivity window;
* concentration by country: exchanges and city partnerships per country in the period;
* network: the edges (partnership to party and place, activity to partnership and participant,
  government to city, person to organization) with their weights.
"""

from __future__ import annotations

import datetime as dt

PREFIXES = """PREFIX akg: <https://w3id.org/asan-kg/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
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
