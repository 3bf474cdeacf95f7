"""Terms every layer shares: the city-level partnership kinds and the one canonicalization of
country names (as public data sets and spreadsheets write them) to a canonical name and its
UN M49 sub-region, read from ``asan_kg/vocab/data/m49-countries.tsv``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources as importlib_resources

from asan_kg.core.text import fold

CITY_KINDS = frozenset({"sister-city", "friendship-city"})


@dataclass(frozen=True)
class CountryInfo:
    canonical: str
    region: str


@functools.cache
def countries() -> dict[str, CountryInfo]:
    """Country names as the data sets write them (folded) → canonical name and UN M49 sub-region."""
    text = (importlib_resources.files("asan_kg.vocab") / "data" / "m49-countries.tsv").read_text(
        encoding="utf-8"
    )
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    return {fold(name): CountryInfo(canonical, region) for name, canonical, region in rows}


def country_info(name: str) -> CountryInfo | None:
    """The canonical name and region of a country name, or None when it is not a known country."""
    return countries().get(fold(name))


def canonical_country(name: str) -> str:
    """The canonical name of a country, or the name as given (trimmed) when it is not known."""
    info = country_info(name)
    return info.canonical if info else name.strip()
