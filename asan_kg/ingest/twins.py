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
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from asan_kg.core.errors import InputError
from asan_kg.core.files import ensure_regular
from asan_kg.core.text import cell_text
from asan_kg.core.text import fold as normalise
from asan_kg.vocab.terms import CountryInfo, canonical_country, countries, country_info

__all__ = ["CountryInfo", "TwinImport", "countries", "detect", "load", "normalise"]

WIKIPEDIA_COLUMNS = ("country", "city", "sister")
WIKIDATA_COLUMNS = ("origincityLabel", "origincountry", "sistercityLabel", "destination_countryLabel")


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


def _text(path: Path) -> str:
    """The whole file as NFC text; a file that is not UTF-8 is refused with the line at fault."""
    ensure_regular(path, "twin-town data set")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8 text; save the data set as UTF-8") from None


def detect(path: Path, text: str | None = None) -> str:
    text = _text(path) if text is None else text
    header = text.split("\n", 1)[0]
    if "origincityLabel" in header and "sistercityLabel" in header:
        return "wikidata-eu"
    if re.fullmatch(r"\s*,?\s*country\s*,\s*city\s*,\s*sister\s*", header.strip()):
        return "wikipedia"
    raise InputError(
        f"{path}:1: unknown layout (header {header.strip()[:80]!r}); expected Wikipedia's "
        "',country,city,sister' or Wikidata's 'origincityLabel … sistercityLabel …'"
    )


def _records(
    path: Path, text: str, delimiter: str, needed: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) pairs with every needed column present, each cell NFC and trimmed."""
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [c for c in needed if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}:1: column {missing[0]!r} is missing from the header")
    try:
        for row in reader:
            cells = {c: cell_text(row.get(c) or "") for c in needed}
            yield reader.line_num, cells
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: not a readable CSV/TSV row ({exc})") from None


class _Builder:
    def __init__(self, imp: TwinImport) -> None:
        self.imp = imp

    def country(self, raw: str) -> str | None:
        if country_info(raw) is None:
            self.imp.unknown_countries.add(raw)
            return raw.strip() or None
        return canonical_country(raw)

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


def _sister(imp: TwinImport, b: _Builder, raw: str, by_name: dict[str, set[str]]) -> tuple[str, str]:
    candidates = by_name.get(normalise(raw)) or by_name.get(normalise(raw.split(",")[0]))
    if candidates and len(candidates) == 1:
        twin = b.city(raw.split(",")[0] if normalise(raw) not in by_name else raw, next(iter(candidates)))
        imp.cities[twin].listed_names.add(raw)
        return twin
    if candidates:
        imp.unresolved[raw] = ("ambiguous", sorted(candidates))
        return b.city(raw, None, resolution="ambiguous")
    imp.unresolved[raw] = ("unresolved", [])
    return b.city(raw, None, resolution="unresolved")


def load_wikipedia(path: Path, text: str | None = None) -> TwinImport:
    imp = TwinImport("wikipedia", "Wikipedia lists of twin towns and sister cities", path)
    b = _Builder(imp)
    rows = list(_records(path, _text(path) if text is None else text, ",", WIKIPEDIA_COLUMNS))
    imp.rows = len(rows)
    by_name: dict[str, set[str]] = defaultdict(set)
    for _line, row in rows:
        country = b.country(row["country"])
        b.city(row["city"], country, origin=True)
        by_name[normalise(row["city"])].add(country or "?")
    for line, row in rows:
        origin = b.city(row["city"], b.country(row["country"]), origin=True)
        b.pair(origin, _sister(imp, b, row["sister"], by_name), line)
    return imp


def load_wikidata(path: Path, text: str | None = None) -> TwinImport:
    imp = TwinImport("wikidata-eu", "Wikidata twinned administrative bodies (P190) of EU cities", path)
    b = _Builder(imp)
    rows = list(_records(path, _text(path) if text is None else text, "\t", WIKIDATA_COLUMNS))
    imp.rows = len(rows)
    for line, row in rows:
        origin = b.city(row["origincityLabel"], b.country(row["origincountry"]), origin=True)
        twin = b.city(row["sistercityLabel"], b.country(row["destination_countryLabel"]))
        b.pair(origin, twin, line)
    return imp


def load(path: Path) -> TwinImport:
    """Read a public twin-town data set (layout detected from its header)."""
    text = _text(path)
    if detect(path, text) == "wikidata-eu":
        return load_wikidata(path, text)
    return load_wikipedia(path, text)
