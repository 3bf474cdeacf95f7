"""Public twin-town data sets as RDF: cities, countries and listed twinnings, with a report of
every name that could not be resolved.

Two layouts are recognised from their header: Wikipedia's lists (``,country,city,sister``: the
twin's country is not given, names may carry a region, "Lansing, Michigan") and Wikidata's EU
list (origin and sister with their countries). Cities are resolved by name and country; the two
directions of a pair are merged; names that are unresolved or ambiguous are kept — as cities
without a country — and listed in the report, never dropped.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path

from rdflib import Literal

from asan_kg.core.files import atomic_write_text

TWINS = "https://w3id.org/asan-kg/id/twins/"
GRAPHS = "https://w3id.org/asan-kg/graph/twins/"


def normalise(name: str) -> str:
    """Case, accents and white space folded: 'Košice' and 'kosice' compare equal."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-") or "x"


@dataclass(frozen=True)
class CountryInfo:
    canonical: str
    region: str


def countries() -> dict[str, CountryInfo]:
    """Country names as the data sets write them → canonical name and UN M49 sub-region."""
    text = (importlib_resources.files("asan_kg.vocab") / "data" / "m49-countries.tsv").read_text(
        encoding="utf-8"
    )
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    return {normalise(name): CountryInfo(canonical, region) for name, canonical, region in rows}


@dataclass
class City:
    name: str
    country: str | None  # canonical country name; None when unresolved or ambiguous
    origin: bool = False
    listed_names: set[str] = field(default_factory=set)
    resolution: str = "resolved"


@dataclass
class Pair:
    a: tuple[str, str]
    b: tuple[str, str]
    directions: set[tuple[tuple[str, str], tuple[str, str]]] = field(default_factory=set)
    first_row: int = 0


@dataclass
class TwinImport:
    dataset: str
    title: str
    path: Path
    rows: int = 0
    cities: dict[tuple[str, str], City] = field(default_factory=dict)
    pairs: dict[frozenset[tuple[str, str]], Pair] = field(default_factory=dict)
    unresolved: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # name -> (why, candidates)
    unknown_countries: set[str] = field(default_factory=set)

    @property
    def countries(self) -> set[str]:
        return {c.country for c in self.cities.values() if c.country}

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for why, _candidates in self.unresolved.values():
            counts[why] += 1
        return {
            "rows": self.rows,
            "cities": len(self.cities),
            "countries": len(self.countries),
            "pairs": len(self.pairs),
            "unresolved": counts["unresolved"],
            "ambiguous": counts["ambiguous"],
            "unknown_countries": len(self.unknown_countries),
        }


def detect(path: Path) -> str:
    with path.open(encoding="utf-8-sig") as handle:
        header = handle.readline()
    if "origincityLabel" in header and "sistercityLabel" in header:
        return "wikidata-eu"
    if re.fullmatch(r"\s*,?\s*country\s*,\s*city\s*,\s*sister\s*", header.strip()):
        return "wikipedia"
    raise ValueError(
        f"{path}: unknown layout (header {header.strip()[:80]!r}); expected Wikipedia's "
        "',country,city,sister' or Wikidata's 'origincityLabel … sistercityLabel …'"
    )


class _Builder:
    def __init__(self, imp: TwinImport) -> None:
        self.imp = imp
        self.table = countries()

    def country(self, raw: str) -> str | None:
        info = self.table.get(normalise(raw))
        if info is None:
            self.imp.unknown_countries.add(raw)
            return raw.strip() or None
        return info.canonical

    def city(
        self, name: str, country: str | None, origin: bool = False, resolution: str = "resolved"
    ) -> tuple[str, str]:
        key = (normalise(name), country or "?")
        city = self.imp.cities.setdefault(key, City(name.strip(), country, resolution=resolution))
        city.origin = city.origin or origin
        city.listed_names.add(name.strip())
        return key

    def pair(self, a: tuple[str, str], b: tuple[str, str], row: int) -> None:
        if a == b:
            return
        key = frozenset((a, b))
        first, second = sorted((a, b))
        pair = self.imp.pairs.setdefault(key, Pair(first, second, first_row=row))
        pair.directions.add((a, b))


def load_wikipedia(path: Path) -> TwinImport:
    imp = TwinImport("wikipedia", "Wikipedia lists of twin towns and sister cities", path)
    b = _Builder(imp)
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    imp.rows = len(rows)
    by_name: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        country = b.country(row["country"])
        b.city(row["city"], country, origin=True)
        by_name[normalise(row["city"])].add(country or "?")
    for number, row in enumerate(rows, start=2):
        origin = b.city(row["city"], b.country(row["country"]), origin=True)
        raw = row["sister"].strip()
        candidates = by_name.get(normalise(raw)) or by_name.get(normalise(raw.split(",")[0]))
        if candidates and len(candidates) == 1:
            twin = b.city(raw.split(",")[0] if normalise(raw) not in by_name else raw, next(iter(candidates)))
            imp.cities[twin].listed_names.add(raw)
        elif candidates:
            imp.unresolved[raw] = ("ambiguous", sorted(candidates))
            twin = b.city(raw, None, resolution="ambiguous")
        else:
            imp.unresolved[raw] = ("unresolved", [])
            twin = b.city(raw, None, resolution="unresolved")
        b.pair(origin, twin, number)
    return imp


def load_wikidata(path: Path) -> TwinImport:
    imp = TwinImport("wikidata-eu", "Wikidata twinned administrative bodies (P190) of EU cities", path)
    b = _Builder(imp)
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    imp.rows = len(rows)
    for number, row in enumerate(rows, start=2):
        origin = b.city(row["origincityLabel"], b.country(row["origincountry"]), origin=True)
        twin = b.city(row["sistercityLabel"], b.country(row["destination_countryLabel"]))
        b.pair(origin, twin, number)
    return imp


def load(path: Path) -> TwinImport:
    return load_wikidata(path) if detect(path) == "wikidata-eu" else load_wikipedia(path)


def _city_iri(dataset: str, key: tuple[str, str]) -> str:
    return f"<{TWINS}{dataset}/city/{_slug(key[0])}--{_slug(key[1])}>"


def to_turtle(imp: TwinImport) -> str:
    """The import as Turtle, written directly (tens of thousands of nodes, no blank nodes)."""
    table = countries()
    source = f"<{GRAPHS}{imp.dataset}>"
    src = f"prov:wasDerivedFrom {source}"
    lines = [
        f"# {imp.title}: imported by asan-kg from {imp.path.name}. Every node cites the data set.",
        "@prefix akg: <https://w3id.org/asan-kg/def#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix schema: <https://schema.org/> .",
        "@prefix region: <https://w3id.org/asan-kg/vocab/world-regions/> .",
        "",
        f"{source} a akg:Source ; rdfs:label {Literal(imp.title, lang='en').n3()} , "
        f"{Literal('공개 자매도시 자료: ' + imp.dataset, lang='ko').n3()} ; "
        f"dcterms:identifier {Literal(imp.path.name).n3()} .",
    ]
    for country in sorted(imp.countries):
        info = table.get(normalise(country))
        region = f" ; akg:worldRegion region:{info.region}" if info else ""
        lines.append(
            f"<{TWINS}{imp.dataset}/country/{_slug(country)}> a schema:Country ; "
            f"rdfs:label {Literal(country, lang='en').n3()}{region} ; {src} ."
        )
    for key, city in sorted(imp.cities.items()):
        parts = [
            f"{_city_iri(imp.dataset, key)} a schema:City",
            f"rdfs:label {Literal(city.name, lang='en').n3()}",
            f"akg:resolution {Literal(city.resolution).n3()}",
        ]
        if city.country:
            parts.append(f"akg:country <{TWINS}{imp.dataset}/country/{_slug(city.country)}>")
        if city.origin:
            parts.append(f"akg:twinsListedBy {source}")
        parts += [f"akg:nameAsListed {Literal(n).n3()}" for n in sorted(city.listed_names)]
        lines.append(" ; ".join([*parts, src]) + " .")
    for pair in sorted(imp.pairs.values(), key=lambda p: (p.a, p.b)):
        digest = hashlib.sha1(f"{pair.a}|{pair.b}".encode()).hexdigest()[:16]
        lines.append(
            f"<{TWINS}{imp.dataset}/pair/{digest}> a akg:ListedTwinning ; "
            f"akg:twinPlace {_city_iri(imp.dataset, pair.a)} , {_city_iri(imp.dataset, pair.b)} ; "
            f"akg:listedDirections {len(pair.directions)} ; akg:sourceRow {pair.first_row} ; {src} ."
        )
    return "\n".join(lines) + "\n"


def write(imp: TwinImport, out: Path) -> Path:
    """Write the Turtle and, beside it, ``<out>.unresolved.tsv`` listing every unresolved name."""
    atomic_write_text(out, to_turtle(imp))
    report = out.with_suffix(".unresolved.tsv")
    lines = ["name\tresolution\tcandidate_countries"]
    lines += [f"{name}\t{why}\t{'; '.join(c)}" for name, (why, c) in sorted(imp.unresolved.items())]
    lines += [f"{name}\tcountry-without-region\t" for name in sorted(imp.unknown_countries)]
    atomic_write_text(report, "\n".join(lines) + "\n")
    return report
