"""Spreadsheet records in and out: template rows become validated RDF with provenance to the
file and row; the graph's agreements and activities go back out to the same template.

Import resolves cities by name and country, countries by ISO code, and vocabulary values by
slug, code or Korean/English label, against a reference graph (the data the records extend).
Every bad row is reported with its row, column and reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SDO, XSD

from asan_kg.ingest.records_reference import Reference
from asan_kg.ingest.records_template import Row
from asan_kg.vocab.akg import AKG
from asan_kg.vocab.namespaces import ID, VOCAB, local_name
from asan_kg.vocab.terms import CITY_KINDS

__all__ = ["Importer", "Problem", "Reference", "Row", "import_rows", "slugify"]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PLACE, ORGS, PARTNERSHIP, EVENT, COUNT, SOURCE = (
    Namespace(ID + x) for x in ("place/", "organization/", "partnership/", "event/", "count/", "source/")
)


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} [{self.sheet}] row {self.row}, column '{self.column}': {self.reason}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


class Importer:
    """Turns template rows into RDF; collects every problem instead of stopping at the first."""

    def __init__(self, ref: Reference, file: Path) -> None:
        self.ref, self.file = ref, file
        self.graph = Graph()
        self.problems: list[Problem] = []
        self.source = SOURCE[f"records-{slugify(file.stem)}"]
        self.new_cities: dict[tuple[str, str], URIRef] = {}
        self.new_countries: dict[str, URIRef] = {}
        self.new_parties: dict[str, URIRef] = {}
        self.agreement_ids: dict[str, URIRef] = {}
        self.rows_ok: dict[str, set[int]] = {"agreements": set(), "activities": set()}
        g = self.graph
        g.add((self.source, RDF.type, AKG.Source))
        g.add((self.source, RDFS.label, Literal(f"기록 파일 {file.name}", lang="ko")))
        g.add((self.source, RDFS.label, Literal(f"records file {file.name}", lang="en")))
        g.add((self.source, DCTERMS.identifier, Literal(file.name)))

    # -- helpers ---------------------------------------------------------------------------------
    def _bad(self, sheet: str, row: int, column: str, reason: str) -> None:
        self.problems.append(Problem(str(self.file), sheet, row, column, reason))

    def _section(self, sheet: str, row: int, values: dict[str, str]) -> URIRef:
        node = URIRef(f"{self.source}/{sheet}-row-{row}")
        g = self.graph
        g.add((node, RDF.type, AKG.SourceSection))
        g.add((node, RDFS.label, Literal(f"{self.file.name} {sheet} {row}행", lang="ko")))
        g.add((node, RDFS.label, Literal(f"{self.file.name} {sheet} row {row}", lang="en")))
        g.add((node, DCTERMS.isPartOf, self.source))
        g.add((node, AKG.firstLine, Literal(row)))
        g.add((node, AKG.lastLine, Literal(row)))
        if values.get("source"):
            g.add((node, DCTERMS.bibliographicCitation, Literal(values["source"])))
        return node

    def _date(self, sheet: str, row: int, column: str, text: str) -> dt.date | None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            self._bad(sheet, row, column, f"'{text}' is not a date written YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError as exc:
            self._bad(sheet, row, column, f"'{text}' is not a real date ({exc})")
            return None

    def _concept(self, sheet: str, row: int, column: str, scheme: str, text: str) -> URIRef | None:
        found = self.ref.concepts.get(scheme, {}).get(text.casefold())
        if found is None:
            known = sorted({local_name(v) for v in self.ref.concepts.get(scheme, {}).values()})
            self._bad(sheet, row, column, f"unknown value '{text}'; use one of {', '.join(known)}")
            return None
        return URIRef(found)

    def _labels(self, node: URIRef, en: str, ko: str, section: URIRef) -> None:
        if en:
            self.graph.add((node, RDFS.label, Literal(en, lang="en")))
        if ko:
            self.graph.add((node, RDFS.label, Literal(ko, lang="ko")))
        self.graph.add((node, PROV.wasDerivedFrom, section))

    def _country(self, row: int, side: str, v: dict[str, str], section: URIRef) -> URIRef | None:
        iso = v.get(f"{side}_country", "").upper()
        if not re.fullmatch(r"[A-Z]{2}", iso):
            self._bad("agreements", row, f"{side}_country", f"'{iso}' is not a two-letter ISO 3166 code")
            return None
        if iso in self.ref.countries:
            return URIRef(self.ref.countries[iso])
        if iso in self.new_countries:
            return self.new_countries[iso]
        region = v.get(f"{side}_country_region", "")
        if not (region and v.get(f"{side}_country_en") and v.get(f"{side}_country_ko")):
            self._bad(
                "agreements",
                row,
                f"{side}_country",
                f"country {iso} is not in the graph yet: fill in its "
                "English and Korean names and its UN M49 region",
            )
            return None
        region_iri = self._concept("agreements", row, f"{side}_country_region", "region", region)
        if region_iri is None:
            return None
        node = PLACE[iso.lower()]
        self.graph.add((node, RDF.type, SDO.Country))
        self.graph.add((node, AKG.iso3166Alpha2, Literal(iso)))
        self.graph.add((node, AKG.worldRegion, region_iri))
        self._labels(node, v[f"{side}_country_en"], v[f"{side}_country_ko"], section)
        self.new_countries[iso] = node
        return node

    def _city(self, row: int, side: str, v: dict[str, str], country: URIRef, section: URIRef) -> URIRef:
        en, ko, iso = v.get(f"{side}_city_en", ""), v.get(f"{side}_city_ko", ""), v[f"{side}_country"].upper()
        for name in (en, ko):
            found = self.ref.cities.get((name.casefold(), iso))
            if name and found:
                return URIRef(found)
        key = (en.casefold() or ko.casefold(), iso)
        if key not in self.new_cities:
            node = PLACE[f"{slugify(en or ko)}-{iso.lower()}"]
            self.graph.add((node, RDF.type, SDO.City))
            self.graph.add((node, AKG.country, country))
            self._labels(node, en, ko, section)
            self.new_cities[key] = node
        return self.new_cities[key]

    def _party(
        self, row: int, side: str, v: dict[str, str], city: URIRef, kind: str, section: URIRef
    ) -> URIRef:
        en, ko = v.get(f"{side}_party_en", ""), v.get(f"{side}_party_ko", "")
        for name in (en, ko):
            if name and name.casefold() in self.ref.parties:
                return URIRef(self.ref.parties[name.casefold()])
            if name and name.casefold() in self.new_parties:
                return self.new_parties[name.casefold()]
        if not (en or ko) and "governs:" + str(city) in self.ref.parties:
            return URIRef(self.ref.parties["governs:" + str(city)])
        city_en = v.get(f"{side}_city_en", "")
        city_ko = v.get(f"{side}_city_ko", "")
        en = en or f"{city_en} City Government"
        ko = ko or f"{city_ko}(시청)"
        node = ORGS[slugify(en)]
        if kind in CITY_KINDS or not (v.get(f"{side}_party_en") or v.get(f"{side}_party_ko")):
            self.graph.add((node, RDF.type, AKG.LocalGovernment))
            self.graph.add((node, SDO.areaServed, city))
        else:
            self.graph.add((node, RDF.type, ORG.FormalOrganization))
        self._labels(node, en, ko, section)
        self.new_parties[en.casefold()] = node
        self.new_parties[ko.casefold()] = node
        return node

    # -- sheets ----------------------------------------------------------------------------------
    def agreements(self, rows: Iterable[Row]) -> None:
        from asan_kg.ingest.records_template import AGREEMENTS

        for row, v in rows:
            before = len(self.problems)
            for column in AGREEMENTS:
                if column.required and not v.get(column.key):
                    self._bad("agreements", row, column.key, "required value missing")
            if len(self.problems) > before:
                continue
            ident = v["id"]
            if not SLUG.fullmatch(ident):
                self._bad(
                    "agreements", row, "id", f"'{ident}' must be lower-case letters, digits and hyphens"
                )
                continue
            node = PARTNERSHIP[ident]
            if str(node) in self.ref.partnerships or ident in self.agreement_ids:
                self._bad("agreements", row, "id", f"duplicate: an agreement '{ident}' already exists")
                continue
            kind = self._concept("agreements", row, "kind", "kind", v["kind"])
            signed = (
                self._date("agreements", row, "signed_on", v["signed_on"]) if v.get("signed_on") else None
            )
            fields = [
                self._concept("agreements", row, "focus_fields", "field", f.strip())
                for f in v.get("focus_fields", "").split(";")
                if f.strip()
            ]
            if not v.get("signed_on") and not v.get("signing_activity"):
                self._bad(
                    "agreements", row, "signed_on", "give the signing date, or the id of the signing activity"
                )
            section = self._section("agreements", row, v)
            home_country = self._country(row, "home", v, section)
            partner_country = self._country(row, "partner", v, section)
            if len(self.problems) > before or kind is None or home_country is None or partner_country is None:
                continue
            kind_slug = local_name(kind)
            home = self._city(row, "home", v, home_country, section)
            partner = self._city(row, "partner", v, partner_country, section)
            g = self.graph
            g.add((node, RDF.type, AKG.Partnership))
            g.add((node, AKG.partnershipKind, kind))
            g.add((node, AKG.homePlace, home))
            g.add((node, AKG.partnerPlace, partner))
            g.add((node, AKG.homeParty, self._party(row, "home", v, home, kind_slug, section)))
            g.add((node, AKG.partnerParty, self._party(row, "partner", v, partner, kind_slug, section)))
            if signed:
                g.add((node, AKG.signedOn, Literal(signed.isoformat(), datatype=XSD.date)))
            if v.get("signing_activity"):
                g.add((node, ORG.resultedFrom, EVENT[v["signing_activity"]]))
            for f in fields:
                if f is not None:
                    g.add((node, AKG.focusField, f))
            label_en = v.get("label_en") or f"{v['home_city_en']}–{v['partner_city_en']}"
            label_ko = v.get("label_ko") or f"{v['home_city_ko']}–{v['partner_city_ko']}"
            self._labels(node, label_en, label_ko, section)
            self.agreement_ids[ident] = node
            self.rows_ok["agreements"].add(row)

    def activities(self, rows: Iterable[Row]) -> None:
        from asan_kg.ingest.records_template import ACTIVITIES

        signing = {local_name(o) for o in self.graph.objects(None, ORG.resultedFrom)}
        for row, v in rows:
            before = len(self.problems)
            for column in ACTIVITIES:
                if column.required and not v.get(column.key):
                    self._bad("activities", row, column.key, "required value missing")
            if len(self.problems) > before:
                continue
            ident = v["id"]
            if not SLUG.fullmatch(ident):
                self._bad(
                    "activities", row, "id", f"'{ident}' must be lower-case letters, digits and hyphens"
                )
                continue
            served = []
            for ref_id in (x.strip() for x in v["agreements"].split(";") if x.strip()):
                if ref_id in self.agreement_ids:
                    served.append(self.agreement_ids[ref_id])
                elif str(PARTNERSHIP[ref_id]) in self.ref.partnerships:
                    served.append(PARTNERSHIP[ref_id])
                else:
                    self._bad(
                        "activities",
                        row,
                        "agreements",
                        f"unknown partner agreement '{ref_id}': it is neither "
                        "in the agreements sheet nor in the graph",
                    )
            start = self._date("activities", row, "start_date", v["start_date"])
            end = self._date("activities", row, "end_date", v["end_date"])
            if start and end and end < start:
                self._bad("activities", row, "end_date", f"ends ({end}) before it starts ({start})")
            types = [
                self._concept("activities", row, "types", "type", x.strip())
                for x in v["types"].split(";")
                if x.strip()
            ]
            direction = (
                self._concept("activities", row, "direction", "direction", v["direction"])
                if v.get("direction")
                else None
            )
            stat = (
                self._concept("activities", row, "statistics_field", "field", v["statistics_field"])
                if v.get("statistics_field")
                else None
            )
            counts = {}
            for kind in ("persons", "companies"):
                if v.get(kind):
                    if not re.fullmatch(r"\d+", v[kind]):
                        self._bad("activities", row, kind, f"'{v[kind]}' is not a whole number")
                    else:
                        counts[kind] = int(v[kind])
            if len(self.problems) > before or start is None or end is None:
                continue
            key = (frozenset(str(s) for s in served), start.isoformat(), v["title_en"].casefold())
            key_ko = (key[0], key[1], v["title_ko"].casefold())
            duplicate = self.ref.activities.get(key) or self.ref.activities.get(key_ko)
            if duplicate:
                self._bad(
                    "activities",
                    row,
                    "id",
                    f"duplicate of the existing activity {duplicate} (same agreements, start date and title)",
                )
                continue
            node, g = EVENT[ident], self.graph
            section = self._section("activities", row, v)
            g.add((node, RDF.type, AKG.Exchange))
            if ident in signing:
                g.add((node, RDF.type, AKG.SigningEvent))
            for s in served:
                g.add((node, AKG.servesPartnership, s))
            for t in types:
                if t is not None:
                    g.add((node, AKG.activityType, t))
            g.add((node, SDO.startDate, Literal(start.isoformat(), datatype=XSD.date)))
            g.add((node, SDO.endDate, Literal(end.isoformat(), datatype=XSD.date)))
            if direction is not None:
                g.add((node, AKG.direction, direction))
            if stat is not None:
                g.add((node, AKG.countedUnderField, stat))
            for lang in ("en", "ko"):
                if v.get(f"purpose_{lang}"):
                    g.add((node, AKG.purpose, Literal(v[f"purpose_{lang}"], lang=lang)))
            for kind, n in counts.items():
                count = COUNT[f"{ident}-{kind}"]
                g.add((node, AKG.participantCount, count))
                g.add((count, RDF.type, SDO.QuantitativeValue))
                g.add((count, AKG.countKind, URIRef(f"{VOCAB}count-kinds/{kind}")))
                g.add((count, SDO.value, Literal(n)))
                self._labels(count, f"{n} {kind}", f"{n}{'명' if kind == 'persons' else '개 업체'}", section)
            self._labels(node, v["title_en"], v["title_ko"], section)
            self.ref.activities[key] = str(node)
            self.rows_ok["activities"].add(row)


def import_rows(sheets: dict[str, list[Row]], ref: Reference, file: Path) -> Importer:
    importer = Importer(ref, file)
    importer.agreements(sheets.get("agreements", []))
    importer.activities(sheets.get("activities", []))
    return importer
