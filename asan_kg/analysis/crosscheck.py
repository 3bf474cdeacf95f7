"""Our curated partnerships against public twin-town data sets: what agrees, what is missing
where, and where names differ — a table a team can use to correct public records.

A pair absent from a source counts as ``missing_in_public`` only where the source lists the
twins of one of the two cities; a source that lists neither city's twins does not cover the
pair (``not_covered``): silence there is no evidence of absence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from asan_kg.core.text import fold as normalise
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.vocab.terms import canonical_country

Key = tuple[str, str]


@dataclass
class Finding:
    home: str
    partner: str
    source: str
    finding: str  # agrees | missing_in_public | missing_in_ours | name_differs | not_covered
    partnership: str | None = None
    names_in_source: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TwinSet:
    """One public data set as read through the saved queries."""

    source: str
    cities: dict[str, dict[str, Any]]  # city IRI -> name, key, origin, listed
    by_key: dict[Key, list[str]]
    pairs: set[frozenset[str]]

    @classmethod
    def read(cls, store: Store) -> TwinSet:
        cities: dict[str, dict[str, Any]] = {}
        by_key: dict[Key, list[str]] = {}
        for row in querying.run(store, "twin-cities").text_records():
            country = str(row["country_name"] or "")
            key = (normalise(str(row["name"])), normalise(canonical_country(country)))
            cities[str(row["city"])] = {
                "name": str(row["name"]),
                "key": key,
                "origin": str(row["origin"]) == "true",
                "listed": sorted(str(row["listed_names"]).split("; ")),
            }
            by_key.setdefault(key, []).append(str(row["city"]))
        pairs: set[frozenset[str]] = set()
        source = ""
        for row in querying.run(store, "twin-pairs").text_records():
            pairs.add(frozenset((str(row["a"]), str(row["b"]))))
            source = str(row["source_label"] or row["source"])
        return cls(source, cities, by_key, pairs)

    def find(self, names: list[str], country: str) -> list[str]:
        canonical = canonical_country(country)
        found: list[str] = []
        for name in names:
            found += self.by_key.get((normalise(name), normalise(canonical)), [])
        return sorted(set(found))


def our_twinnings(store: Store) -> list[dict[str, Any]]:
    names: dict[str, list[str]] = {}
    for row in querying.run(store, "city-names").text_records():
        names.setdefault(str(row["city"]), []).append(str(row["name"]))
    out = []
    for row in querying.run(store, "our-twinnings").text_records():
        home, partner = str(row["home"]), str(row["partner"])
        out.append(
            {
                "partnership": str(row["partnership"]),
                "home": home,
                "partner": partner,
                "home_names": names.get(home, [home]),
                "home_country": str(row["home_country"]),
                "partner_names": names.get(partner, [partner]),
                "partner_country": str(row["partner_country"]),
            }
        )
    return out


def _display(names: list[str]) -> str:
    return next((n for n in names if n.isascii()), names[0])


def crosscheck(ours: Store, sources: Sequence[Store]) -> list[Finding]:
    """One finding per (our partnership, source) and per public pair of our home cities we lack."""
    mine = our_twinnings(ours)
    findings: list[Finding] = []
    for store in sources:
        twin = TwinSet.read(store)
        matched_pairs: set[frozenset[str]] = set()
        homes: set[str] = set()
        for p in mine:
            home_name, partner_name = _display(p["home_names"]), _display(p["partner_names"])
            hs, ps = (
                twin.find(p["home_names"], p["home_country"]),
                twin.find(p["partner_names"], p["partner_country"]),
            )
            homes.update(hs)
            hits = [frozenset((h, q)) for h in hs for q in ps if frozenset((h, q)) in twin.pairs]
            if hits:
                matched_pairs.update(hits)
                listed = sorted({n for pair in hits for city in pair for n in twin.cities[city]["listed"]})
                ours_names = {normalise(n) for n in p["home_names"] + p["partner_names"]}
                differs = any(normalise(n) not in ours_names for n in listed)
                findings.append(
                    Finding(
                        home_name,
                        partner_name,
                        twin.source,
                        "name_differs" if differs else "agrees",
                        p["partnership"],
                        "; ".join(listed),
                    )
                )
                continue
            covered = any(twin.cities[c]["origin"] for c in hs + ps)
            findings.append(
                Finding(
                    home_name,
                    partner_name,
                    twin.source,
                    "missing_in_public" if covered else "not_covered",
                    p["partnership"],
                )
            )
        for pair in sorted(twin.pairs, key=sorted):
            if pair in matched_pairs or not pair & homes:
                continue
            home = next(iter(pair & homes))
            other = next(iter(pair - {home}), home)
            findings.append(
                Finding(
                    twin.cities[home]["name"],
                    twin.cities[other]["name"],
                    twin.source,
                    "missing_in_ours",
                    None,
                    "; ".join(twin.cities[other]["listed"]),
                )
            )
    return findings
