"""The two sheets of the records template, row by row: agreements become partnerships,
activities become exchanges. Every problem is collected on the ``Importer`` with its file,
sheet, row and column; a row with any problem adds nothing to the graph."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF, SDO, XSD

from asan_kg.ingest.records import COUNT, EVENT, PARTNERSHIP, Importer
from asan_kg.ingest.records_template import ACTIVITIES, AGREEMENTS, Column, SheetRows
from asan_kg.vocab.akg import AKG
from asan_kg.vocab.namespaces import VOCAB
from asan_kg.vocab.prefixes import local_name

At = tuple[Path, str, int]


def _required(imp: Importer, at: At, v: dict[str, str], columns: list[Column]) -> bool:
    ok = imp.cells_ok(at, v)
    for column in columns:
        if column.required and not v.get(column.key):
            imp.bad(at, column.key, "required value missing")
            ok = False
    return ok and imp.new_id(at, v["id"])


def _concepts(imp: Importer, at: At, column: str, scheme: str, text: str) -> list[URIRef]:
    found = [imp.concept(at, column, scheme, x.strip()) for x in text.split(";") if x.strip()]
    return [f for f in found if f is not None]


def agreements(imp: Importer, part: SheetRows) -> None:
    for row, v in part.rows:
        at = (part.file, part.sheet, row)
        before = len(imp.problems)
        if _required(imp, at, v, AGREEMENTS):
            _agreement(imp, at, v, before)


def _agreement(imp: Importer, at: At, v: dict[str, str], before: int) -> None:
    ident = v["id"]
    node = PARTNERSHIP[ident]
    if str(node) in imp.ref.partnerships or ident in imp.agreement_ids:
        imp.bad(at, "id", f"duplicate: an agreement '{ident}' already exists")
        return
    kind = imp.concept(at, "kind", "kind", v["kind"])
    signed = imp.date(at, "signed_on", v["signed_on"]) if v.get("signed_on") else None
    fields = _concepts(imp, at, "focus_fields", "field", v.get("focus_fields", ""))
    if not v.get("signed_on") and not v.get("signing_activity"):
        imp.bad(at, "signed_on", "give the signing date, or the id of the signing activity")
    home_country = imp.country(at, "home", v)
    partner_country = imp.country(at, "partner", v)
    if len(imp.problems) > before or kind is None or home_country is None or partner_country is None:
        return
    home = imp.city(at, "home", v, home_country)
    partner = imp.city(at, "partner", v, partner_country)
    if home is None or partner is None:
        return
    home_party = imp.party(at, "home", v, home, local_name(kind))
    partner_party = imp.party(at, "partner", v, partner, local_name(kind))
    if home_party is None or partner_party is None:
        return
    g = imp.graph
    g.add((node, RDF.type, AKG.Partnership))
    g.add((node, AKG.partnershipKind, kind))
    g.add((node, AKG.homePlace, home))
    g.add((node, AKG.partnerPlace, partner))
    g.add((node, AKG.homeParty, home_party))
    g.add((node, AKG.partnerParty, partner_party))
    if signed:
        g.add((node, AKG.signedOn, Literal(signed.isoformat(), datatype=XSD.date)))
    if v.get("signing_activity"):
        g.add((node, ORG.resultedFrom, EVENT[v["signing_activity"]]))
    for f in fields:
        g.add((node, AKG.focusField, f))
    label_en = v.get("label_en") or f"{v['home_city_en']}–{v['partner_city_en']}"
    label_ko = v.get("label_ko") or f"{v['home_city_ko']}–{v['partner_city_ko']}"
    imp.labels(node, label_en, label_ko, imp.section(at, v))
    imp.agreement_ids[ident] = node
    imp.rows_ok["agreements"].add((at[0], at[2]))


def activities(imp: Importer, part: SheetRows) -> None:
    signing = {local_name(o) for o in imp.graph.objects(None, ORG.resultedFrom)}
    for row, v in part.rows:
        at = (part.file, part.sheet, row)
        before = len(imp.problems)
        if _required(imp, at, v, ACTIVITIES):
            _activity(imp, at, v, before, v["id"] in signing)


def _served(imp: Importer, at: At, text: str) -> list[URIRef]:
    served = []
    for ref_id in (x.strip() for x in text.split(";") if x.strip()):
        if ref_id in imp.agreement_ids:
            served.append(imp.agreement_ids[ref_id])
        elif str(PARTNERSHIP[ref_id]) in imp.ref.partnerships:
            served.append(PARTNERSHIP[ref_id])
        else:
            reason = f"unknown partner agreement '{ref_id}': it is neither in the agreements sheet "
            reason += "nor in the graph"
            imp.bad(at, "agreements", reason)
    return served


def _counts(imp: Importer, at: At, v: dict[str, str]) -> dict[str, int]:
    counts = {}
    for kind in ("persons", "companies"):
        if v.get(kind):
            if not re.fullmatch(r"[0-9]+", v[kind], re.ASCII):
                imp.bad(at, kind, f"'{v[kind]}' is not a whole number written with digits 0-9")
            else:
                counts[kind] = int(v[kind])
    return counts


def _activity(imp: Importer, at: At, v: dict[str, str], before: int, signing: bool) -> None:
    served = _served(imp, at, v["agreements"])
    start = imp.date(at, "start_date", v["start_date"])
    end = imp.date(at, "end_date", v["end_date"])
    if start and end and end < start:
        imp.bad(at, "end_date", f"ends ({end}) before it starts ({start})")
    types = _concepts(imp, at, "types", "type", v["types"])
    direction = imp.concept(at, "direction", "direction", v["direction"]) if v.get("direction") else None
    stat = (
        imp.concept(at, "statistics_field", "field", v["statistics_field"])
        if v.get("statistics_field")
        else None
    )
    counts = _counts(imp, at, v)
    if len(imp.problems) > before or start is None or end is None:
        return
    key = (frozenset(str(s) for s in served), start.isoformat(), v["title_en"].casefold())
    duplicate = imp.ref.activities.get(key) or imp.ref.activities.get(
        (key[0], key[1], v["title_ko"].casefold())
    )
    if duplicate:
        reason = f"duplicate of the existing activity {duplicate} (same agreements, start date and title)"
        imp.bad(at, "id", reason)
        return
    node, g = EVENT[v["id"]], imp.graph
    section = imp.section(at, v)
    g.add((node, RDF.type, AKG.Exchange))
    if signing:
        g.add((node, RDF.type, AKG.SigningEvent))
    g.add((node, SDO.startDate, Literal(start.isoformat(), datatype=XSD.date)))
    g.add((node, SDO.endDate, Literal(end.isoformat(), datatype=XSD.date)))
    for predicate, objects in (
        (AKG.servesPartnership, served),
        (AKG.activityType, types),
        (AKG.direction, [direction] if direction is not None else []),
        (AKG.countedUnderField, [stat] if stat is not None else []),
    ):
        for o in objects:
            g.add((node, predicate, o))
    for lang in ("en", "ko"):
        if v.get(f"purpose_{lang}"):
            g.add((node, AKG.purpose, Literal(v[f"purpose_{lang}"], lang=lang)))
    _add_counts(imp, node, v["id"], counts, section)
    imp.labels(node, v["title_en"], v["title_ko"], section)
    imp.ref.activities[key] = str(node)
    imp.rows_ok["activities"].add((at[0], at[2]))


def _add_counts(imp: Importer, node: URIRef, ident: str, counts: dict[str, int], section: URIRef) -> None:
    g = imp.graph
    for kind, n in counts.items():
        count = COUNT[f"{ident}-{kind}"]
        g.add((node, AKG.participantCount, count))
        g.add((count, RDF.type, SDO.QuantitativeValue))
        g.add((count, AKG.countKind, URIRef(f"{VOCAB}count-kinds/{kind}")))
        g.add((count, SDO.value, Literal(n)))
        imp.labels(count, f"{n} {kind}", f"{n}{'명' if kind == 'persons' else '개 업체'}", section)


def import_parts(imp: Importer, parts: list[SheetRows]) -> Importer:
    """Agreements of every file first (activities may cite them), then activities."""
    for part in parts:
        if part.sheet == "agreements":
            agreements(imp, part)
    for part in parts:
        if part.sheet == "activities":
            activities(imp, part)
    return imp
