"""Spreadsheet records in: template rows become RDF with provenance to the file and row.

Import resolves cities by name and country, countries by ISO code, and vocabulary values by
slug, code or Korean/English label, against a reference graph (the data the records extend).
Every bad row is reported with its file, sheet, row, column and reason. Identifiers minted for
new cities, countries and parties never collide: two different names that would share an IRI
are refused, whatever script they are written in. The sheets themselves are read in
``records_sheets``; ``records_import.import_records`` is the whole pipeline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SDO

from asan_kg.core.text import slugify
from asan_kg.ingest.records_reference import Reference
from asan_kg.ingest.records_template import Row, SheetRows
from asan_kg.vocab.akg import AKG
from asan_kg.vocab.namespaces import ID
from asan_kg.vocab.prefixes import local_name
from asan_kg.vocab.terms import CITY_KINDS

__all__ = ["Importer", "Problem", "Reference", "Row", "slugify"]

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*", re.ASCII)
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
YEARS = (1900, 2100)
PLACE, ORGS, PARTNERSHIP, EVENT, COUNT, SOURCE = (
    Namespace(ID + x) for x in ("place/", "organization/", "partnership/", "event/", "count/", "source/")
)


class Problem:
    """One bad cell: file, sheet, row, column and the reason."""

    def __init__(self, file: str, sheet: str, row: int, column: str, reason: str) -> None:
        self.file, self.sheet, self.row, self.column, self.reason = file, sheet, row, column, reason

    def __str__(self) -> str:
        return f"{self.file} [{self.sheet}] row {self.row}, column '{self.column}': {self.reason}"


def _digest(parts: list[SheetRows]) -> str:
    """A hash of a file's content as read (sheet, row, column, value), so two files with the
    same name but different rows get different provenance IRIs, and one file the same IRIs
    whether it is saved as CSV or XLSX, with Korean or English headers."""
    digest = hashlib.sha256()
    for part in sorted(parts, key=lambda p: p.sheet):
        for number, values in part.rows:
            items = sorted((k, v) for k, v in values.items() if v)
            digest.update(repr((part.sheet, number, items)).encode("utf-8"))
    return digest.hexdigest()[:12]


class Importer:
    """Turns template rows into RDF; collects every problem instead of stopping at the first."""

    def __init__(self, ref: Reference, parts: list[SheetRows]) -> None:
        self.ref = ref
        self.graph = Graph()
        self.problems: list[Problem] = []
        self.sources: dict[Path, URIRef] = {}
        self.minted: dict[URIRef, str] = {}  # IRI -> what it names, to refuse collisions
        self.new_cities: dict[tuple[str, str], URIRef] = {}
        self.new_countries: dict[str, URIRef] = {}
        self.new_parties: dict[str, URIRef] = {}
        self.agreement_ids: dict[str, URIRef] = {}
        self.seen_ids: dict[tuple[str, str], tuple[Path, int]] = {}
        self.rows_ok: dict[str, set[tuple[Path, int]]] = {"agreements": set(), "activities": set()}
        for file in dict.fromkeys(p.file for p in parts):
            self._source(file, _digest([p for p in parts if p.file == file]))

    def _source(self, file: Path, digest: str) -> None:
        node = SOURCE[f"records-{slugify(file.stem)}-{digest}"]
        g = self.graph
        g.add((node, RDF.type, AKG.Source))
        g.add((node, RDFS.label, Literal(f"기록 파일 {file.name}", lang="ko")))
        g.add((node, RDFS.label, Literal(f"records file {file.name}", lang="en")))
        g.add((node, DCTERMS.identifier, Literal(file.name)))
        self.sources[file] = node

    # -- helpers ---------------------------------------------------------------------------------
    def bad(self, at: tuple[Path, str, int], column: str, reason: str) -> None:
        file, sheet, row = at
        self.problems.append(Problem(str(file), sheet, row, column, reason))

    def section(self, at: tuple[Path, str, int], values: dict[str, str]) -> URIRef:
        file, sheet, row = at
        node = URIRef(f"{self.sources[file]}/{sheet}-row-{row}")
        g = self.graph
        g.add((node, RDF.type, AKG.SourceSection))
        g.add((node, RDFS.label, Literal(f"{file.name} {sheet} {row}행", lang="ko")))
        g.add((node, RDFS.label, Literal(f"{file.name} {sheet} row {row}", lang="en")))
        g.add((node, DCTERMS.isPartOf, self.sources[file]))
        g.add((node, AKG.firstLine, Literal(row)))
        g.add((node, AKG.lastLine, Literal(row)))
        if values.get("source"):
            g.add((node, DCTERMS.bibliographicCitation, Literal(values["source"])))
        return node

    def cells_ok(self, at: tuple[Path, str, int], values: dict[str, str]) -> bool:
        """No control character (a NUL, an escape) in any cell."""
        ok = True
        for key, value in values.items():
            found = CONTROL.search(value)
            if found:
                self.bad(
                    at, key, f"contains the control character U+{ord(found.group()):04X}; retype the cell"
                )
                ok = False
        return ok

    def new_id(self, at: tuple[Path, str, int], ident: str) -> bool:
        """A well-formed id not used by an earlier row of the same sheet."""
        if not SLUG.fullmatch(ident):
            self.bad(at, "id", f"'{ident}' must be lower-case letters, digits and hyphens")
            return False
        first = self.seen_ids.get((at[1], ident))
        if first is not None:
            where = f"row {first[1]}" + ("" if first[0] == at[0] else f" of {first[0]}")
            self.bad(at, "id", f"duplicate id '{ident}': {where} has the same id; give each row its own id")
            return False
        self.seen_ids[(at[1], ident)] = (at[0], at[2])
        return True

    def date(self, at: tuple[Path, str, int], column: str, text: str) -> dt.date | None:
        if not DATE.fullmatch(text):
            hint = " (an Excel date number? format the column as text YYYY-MM-DD)" if text.isdigit() else ""
            self.bad(at, column, f"'{text}' is not a date written YYYY-MM-DD with digits 0-9{hint}")
            return None
        try:
            day = dt.date.fromisoformat(text)
        except ValueError as exc:
            self.bad(at, column, f"'{text}' is not a real date ({exc})")
            return None
        if not YEARS[0] <= day.year <= YEARS[1]:
            self.bad(at, column, f"'{text}' is outside {YEARS[0]}–{YEARS[1]}; check the year")
            return None
        return day

    def concept(self, at: tuple[Path, str, int], column: str, scheme: str, text: str) -> URIRef | None:
        found = self.ref.concepts.get(scheme, {}).get(text.casefold())
        if found is None:
            known = sorted({local_name(v) for v in self.ref.concepts.get(scheme, {}).values()})
            self.bad(at, column, f"unknown value '{text}'; use one of {', '.join(known)}")
            return None
        return URIRef(found)

    def labels(self, node: URIRef, en: str, ko: str, section: URIRef) -> None:
        if en:
            self.graph.add((node, RDFS.label, Literal(en, lang="en")))
        if ko:
            self.graph.add((node, RDFS.label, Literal(ko, lang="ko")))
        self.graph.add((node, PROV.wasDerivedFrom, section))

    def claim(self, at: tuple[Path, str, int], column: str, node: URIRef, what: str) -> bool:
        """Mint ``node`` for ``what``; refuse when it already names something else."""
        owner = self.minted.get(node)
        if owner is None and str(node) in self.ref.texts:
            owner = "a node of the graph being extended"
        if owner is not None and owner != what:
            self.bad(
                at, column, f"{what} would get the identifier {node}, already used by {owner}; rename one"
            )
            return False
        self.minted[node] = what
        return True

    # -- places and parties ----------------------------------------------------------------------
    def country(self, at: tuple[Path, str, int], side: str, v: dict[str, str]) -> URIRef | None:
        iso = v.get(f"{side}_country", "").upper()
        if not re.fullmatch(r"[A-Z]{2}", iso, re.ASCII):
            self.bad(at, f"{side}_country", f"'{iso}' is not a two-letter ISO 3166 code")
            return None
        if iso in self.ref.countries:
            return URIRef(self.ref.countries[iso])
        if iso in self.new_countries:
            return self.new_countries[iso]
        region = v.get(f"{side}_country_region", "")
        if not (region and v.get(f"{side}_country_en") and v.get(f"{side}_country_ko")):
            reason = (
                f"country {iso} is not in the graph yet: fill in its English and Korean names and "
                "its UN M49 region"
            )
            self.bad(at, f"{side}_country", reason)
            return None
        region_iri = self.concept(at, f"{side}_country_region", "region", region)
        if region_iri is None:
            return None
        node = PLACE[iso.lower()]
        self.graph.add((node, RDF.type, SDO.Country))
        self.graph.add((node, AKG.iso3166Alpha2, Literal(iso)))
        self.graph.add((node, AKG.worldRegion, region_iri))
        self.labels(node, v[f"{side}_country_en"], v[f"{side}_country_ko"], self.section(at, v))
        self.new_countries[iso] = node
        return node

    def city(self, at: tuple[Path, str, int], side: str, v: dict[str, str], country: URIRef) -> URIRef | None:
        en, ko, iso = v.get(f"{side}_city_en", ""), v.get(f"{side}_city_ko", ""), v[f"{side}_country"].upper()
        for name in (en, ko):
            found = self.ref.cities.get((name.casefold(), iso))
            if name and found:
                return URIRef(found)
        key = (en.casefold() or ko.casefold(), iso)
        if key in self.new_cities:
            return self.new_cities[key]
        node = PLACE[f"{slugify(en or ko)}-{iso.lower()}"]
        if not self.claim(at, f"{side}_city_en", node, f"the city '{en or ko}' ({iso})"):
            return None
        self.graph.add((node, RDF.type, SDO.City))
        self.graph.add((node, AKG.country, country))
        self.labels(node, en, ko, self.section(at, v))
        self.new_cities[key] = node
        return node

    def party(
        self, at: tuple[Path, str, int], side: str, v: dict[str, str], city: URIRef, kind: str
    ) -> URIRef | None:
        given_en, given_ko = v.get(f"{side}_party_en", ""), v.get(f"{side}_party_ko", "")
        for name in (given_en, given_ko):
            if name and name.casefold() in self.ref.parties:
                return URIRef(self.ref.parties[name.casefold()])
            if name and name.casefold() in self.new_parties:
                return self.new_parties[name.casefold()]
        if not (given_en or given_ko) and "governs:" + str(city) in self.ref.parties:
            return URIRef(self.ref.parties["governs:" + str(city)])
        en = given_en or f"{v.get(f'{side}_city_en', '')} City Government"
        ko = given_ko or f"{v.get(f'{side}_city_ko', '')}(시청)"
        node = ORGS[slugify(en)]
        if not self.claim(at, f"{side}_party_en", node, f"the party '{en}'"):
            return None
        if kind in CITY_KINDS or not (given_en or given_ko):
            self.graph.add((node, RDF.type, AKG.LocalGovernment))
            self.graph.add((node, SDO.areaServed, city))
        else:
            self.graph.add((node, RDF.type, ORG.FormalOrganization))
        self.labels(node, en, ko, self.section(at, v))
        self.new_parties[en.casefold()] = node
        self.new_parties[ko.casefold()] = node
        return node
