"""Generate realistic synthetic national partnership data in the asan-kg ontology.

    python benchmarks/generate.py --triples 1000000 --seed 1 --out /tmp/national-1m

Seeded and deterministic. 243 Korean home governments; partner cities skewed across about 90
countries, one of them near 45 %; sister and friendship partnerships and organization-level
agreements; activities over 20 years with types, fields, dates, participants (organizations,
persons) and counts; reported totals by partner city for some periods. Every node has Korean and
English labels and cites a (synthetic) source section, so the files pass the same checks as the
Asan graph. Output: Turtle files that every command reads through ``--data DIR``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

PREFIXES = """@prefix akg: <https://w3id.org/asan-kg/def#> .
@prefix atype: <https://w3id.org/asan-kg/vocab/activity-types/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dir: <https://w3id.org/asan-kg/vocab/directions/> .
@prefix field: <https://w3id.org/asan-kg/vocab/exchange-fields/> .
@prefix kind: <https://w3id.org/asan-kg/vocab/partnership-kinds/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix qty: <https://w3id.org/asan-kg/vocab/count-kinds/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix region: <https://w3id.org/asan-kg/vocab/world-regions/> .
@prefix schema: <https://schema.org/> .
@prefix sdmxd: <http://purl.org/linked-data/sdmx/2009/dimension#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix s: <https://w3id.org/asan-kg/id/synthetic/> .
"""

REGIONS = [
    "eastern-asia",
    "south-eastern-asia",
    "southern-asia",
    "central-asia",
    "western-asia",
    "eastern-europe",
    "western-europe",
    "northern-europe",
    "southern-europe",
    "northern-america",
    "south-america",
    "central-america",
    "eastern-africa",
    "western-africa",
    "australia-new-zealand",
]
TYPES = [
    "delegation-visit",
    "trade-mission",
    "forum",
    "fair-expo",
    "secondment",
    "youth-camp",
    "exhibition",
    "consultation",
    "briefing",
    "preparatory-visit",
]
FIELDS = [
    "education",
    "people-to-people",
    "economy",
    "partnership",
    "agriculture",
    "benchmarking",
    "other",
    "tourism",
    "culture-arts",
]
DIRECTIONS = ["inbound", "outbound", "mutual"]
TRIPLES_PER_PARTNERSHIP = 95  # measured on the output: partnerships with their share of everything else


def _code(i: int) -> str:
    return chr(65 + (i // 26) % 26) + chr(65 + i % 26)


def generate(triples: int, seed: int, out: Path) -> dict[str, int]:
    rng = random.Random(seed)
    n_partnerships = max(20, triples // TRIPLES_PER_PARTNERSHIP)
    n_home = min(243, max(3, n_partnerships // 8))
    n_countries = min(92, max(5, n_partnerships // 20))
    n_partner_cities = max(10, int(n_partnerships * 0.8))
    out.mkdir(parents=True, exist_ok=True)
    lines: list[str] = [PREFIXES]
    w = lines.append
    w(
        's:source a akg:Source ; rdfs:label "합성 자료"@ko , "Synthetic data"@en ; dcterms:identifier "generated" .'
    )
    w(
        's:section a akg:SourceSection ; rdfs:label "합성 절"@ko , "Synthetic section"@en ; dcterms:isPartOf s:source ;'
        " akg:firstLine 1 ; akg:lastLine 1 ."
    )
    src = "prov:wasDerivedFrom s:section"
    w(
        f's:kr a schema:Country ; rdfs:label "대한민국"@ko , "South Korea"@en ; akg:iso3166Alpha2 "KR" ;'
        f" akg:worldRegion region:eastern-asia ; {src} ."
    )
    countries = [f"c{i}" for i in range(n_countries)]
    for i, c in enumerate(countries):
        w(
            f's:{c} a schema:Country ; rdfs:label "국가 {i}"@ko , "Country {i}"@en ; akg:iso3166Alpha2 "{_code(i + 30)}" ;'
            f" akg:worldRegion region:{REGIONS[i % len(REGIONS)]} ; {src} ."
        )
    # One country near 45 % of partner cities, the rest on a long tail.
    weights = [0.45 * n_countries] + [1.0 / (1 + i * 0.15) for i in range(1, n_countries)]
    total_w = sum(weights)
    weights = [x / total_w for x in weights]
    homes = [f"h{i}" for i in range(n_home)]
    for i, h in enumerate(homes):
        w(f's:{h} a schema:City ; rdfs:label "시 {i}"@ko , "Home city {i}"@en ; akg:country s:kr ; {src} .')
        w(
            f's:{h}-gov a akg:LocalGovernment ; rdfs:label "시청 {i}"@ko , "Home government {i}"@en ;'
            f" schema:areaServed s:{h} ; {src} ."
        )
    partners = [f"p{i}" for i in range(n_partner_cities)]
    partner_country = rng.choices(countries, weights=weights, k=n_partner_cities)
    for i, (p, c) in enumerate(zip(partners, partner_country, strict=True)):
        w(
            f's:{p} a schema:City ; rdfs:label "상대 도시 {i}"@ko , "Partner city {i}"@en ; akg:country s:{c} ; {src} .'
        )
        w(
            f's:{p}-gov a akg:LocalGovernment ; rdfs:label "상대 시청 {i}"@ko , "Partner government {i}"@en ;'
            f" schema:areaServed s:{p} ; {src} ."
        )
    orgs = [f"o{i}" for i in range(max(5, n_partnerships // 10))]
    for i, o in enumerate(orgs):
        w(f's:{o} a org:FormalOrganization ; rdfs:label "기관 {i}"@ko , "Organization {i}"@en ; {src} .')
    persons = [f"x{i}" for i in range(max(5, n_partnerships // 5))]
    for i, x in enumerate(persons):
        w(
            f's:{x} a schema:Person ; rdfs:label "인물 {i}"@ko , "Person {i}"@en ; org:memberOf s:{rng.choice(orgs)} ;'
            f" {src} ."
        )
    start, span = dt.date(2004, 1, 1), 20 * 365
    n_activities = 0
    city_counts: dict[tuple[str, int], int] = {}
    for i in range(n_partnerships):
        home, partner = rng.choice(homes), rng.choice(partners)
        roll = rng.random()
        kind = (
            "sister-city" if roll < 0.3 else ("friendship-city" if roll < 0.9 else "organization-agreement")
        )
        signed = start + dt.timedelta(days=rng.randrange(span // 2))
        home_party = f"s:{home}-gov" if kind != "organization-agreement" else f"s:{rng.choice(orgs)}"
        partner_party = f"s:{partner}-gov" if kind != "organization-agreement" else f"s:{rng.choice(orgs)}"
        w(
            f's:t{i} a akg:Partnership ; rdfs:label "관계 {i}"@ko , "Partnership {i}"@en ; akg:partnershipKind kind:{kind} ;'
            f" akg:homeParty {home_party} ; akg:partnerParty {partner_party} ; akg:homePlace s:{home} ;"
            f' akg:partnerPlace s:{partner} ; akg:signedOn "{signed}"^^xsd:date ;'
            f" akg:focusField field:{rng.choice(FIELDS)} ; {src} ."
        )
        # Activities: a skewed number per partnership, some partnerships silent for years.
        for _ in range(int(rng.paretovariate(1.3) * 1.5) if rng.random() < 0.8 else 0):
            day = signed + dt.timedelta(
                days=rng.randrange(max(1, (start + dt.timedelta(days=span) - signed).days))
            )
            end = day + dt.timedelta(days=rng.randrange(0, 6))
            a = f"a{n_activities}"
            n_activities += 1
            attendee = rng.choice(persons)
            w(
                f's:{a} a akg:Exchange ; rdfs:label "교류 {a}"@ko , "Exchange {a}"@en ;'
                f" akg:activityType atype:{rng.choice(TYPES)} ; akg:direction dir:{rng.choice(DIRECTIONS)} ;"
                f' schema:startDate "{day}"^^xsd:date ; schema:endDate "{end}"^^xsd:date ;'
                f" akg:servesPartnership s:t{i} ; akg:countedUnderField field:{rng.choice(FIELDS)} ;"
                f" schema:attendee s:{attendee} , {home_party} ; akg:participantCount s:{a}-n ; {src} ."
            )
            w(
                f's:{a}-n a schema:QuantitativeValue ; rdfs:label "인원"@ko , "people"@en ; akg:countKind qty:persons ;'
                f" schema:value {rng.randrange(2, 40)} ; {src} ."
            )
            city_counts[(partner, day.year)] = city_counts.get((partner, day.year), 0) + 1
    # Reported totals by partner city for 2012-2014, as the Asan report gives them.
    w(
        's:period a time:Interval ; rdfs:label "2012~2014년"@ko , "2012-2014"@en ; time:hasBeginning s:period-b ;'
        f" time:hasEnd s:period-e ; {src} ."
    )
    w(
        f's:period-b a time:Instant ; rdfs:label "시작"@ko , "start"@en ; time:inXSDDate "2012-01-01"^^xsd:date ; {src} .'
    )
    w(
        f's:period-e a time:Instant ; rdfs:label "끝"@ko , "end"@en ; time:inXSDDate "2014-12-31"^^xsd:date ; {src} .'
    )
    total = 0
    observations = []
    for p in partners:
        itemized = sum(city_counts.get((p, y), 0) for y in (2012, 2013, 2014))
        if itemized == 0 and rng.random() < 0.7:
            continue
        reported = itemized + rng.randrange(0, 4)
        total += reported
        observations.append((p, reported))
    w(
        f's:by-city a qb:DataSet ; rdfs:label "도시별"@ko , "by city"@en ; qb:structure akg:dsd-exchanges-by-city ;'
        f" akg:reportedTotal {total} ; sdmxd:refPeriod s:period ; {src} ."
    )
    for p, reported in observations:
        w(
            f's:obs-{p} a qb:Observation ; rdfs:label "관측 {p}"@ko , "observation {p}"@en ; qb:dataSet s:by-city ;'
            f" sdmxd:refPeriod s:period ; akg:partnerCity s:{p} ; akg:exchangeCount {reported} ; {src} ."
        )
    (out / "synthetic.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "partnerships": n_partnerships,
        "activities": n_activities,
        "partner_cities": n_partner_cities,
        "home_cities": n_home,
        "countries": n_countries + 1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, required=True, help="approximate number of triples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(generate(args.triples, args.seed, args.out))


if __name__ == "__main__":
    main()
