"""Record entry: an exchange activity or an agreement typed into a form goes through the same
pipeline as a spreadsheet row (``asan-kg import``), is checked against the shapes and the
violation queries with the data it extends, and only then is written, atomically and with its
provenance (the desk, the time, the user), to the records file in the data folder.

The one call into the import pipeline is ``_import_rows``, so it is easy to re-point.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, TIME, XSD

from asan_kg.checks.validation import validate
from asan_kg.core.files import atomic_write_text
from asan_kg.core.text import nfc
from asan_kg.desk.i18n import field_error
from asan_kg.desk.state import Desk
from asan_kg.ingest import records as pipeline
from asan_kg.ingest.records_sheets import import_parts
from asan_kg.ingest.records_template import SheetRows
from asan_kg.render.i18n import Lang
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.store.canonical import canonical_turtle
from asan_kg.vocab.akg import AKG
from asan_kg.vocab.namespaces import ID, VOCAB
from asan_kg.vocab.prefixes import local_name
from asan_kg.vocab.terms import CITY_KINDS

SHEETS = ("activities", "agreements", "reviews")
ACTIVITY_FIELDS = (
    "agreements", "title_ko", "title_en", "types", "direction", "start_date", "end_date",
    "statistics_field", "persons", "purpose_ko",
)  # fmt: skip
AGREEMENT_FIELDS = (
    "id", "kind", "signed_on", "focus_fields", "partner_city_ko", "partner_city_en", "partner_country",
    "partner_country_ko", "partner_country_en", "partner_country_region",
)  # fmt: skip
REVIEW_FIELDS = (
    "partnership", "date", "decision", "reasons_ko", "reasons_en", "decided_by_ko", "decided_by_en",
    "next_review",
)  # fmt: skip
_PROBLEM_COLUMN = re.compile(r"column '([a-z_]+)': (.*)$")
SCHEMES = {
    "decision": "review-decisions",
    "types": "activity-types",
    "direction": "directions",
    "statistics_field": "exchange-fields",
    "focus_fields": "exchange-fields",
    "kind": "partnership-kinds",
    "partner_country_region": "world-regions",
}
DESK_SOURCE = "asan-kg desk"
_PROPERTY_FIELDS = {
    "schema:startDate": "start_date",
    "schema:endDate": "end_date",
    "akg:activityType": "types",
    "akg:direction": "direction",
    "akg:countedUnderField": "statistics_field",
    "akg:signedOn": "signed_on",
    "akg:partnershipKind": "kind",
}


@dataclass
class Outcome:
    errors: dict[str, str] = field(default_factory=dict)  # field name ("" for the form) -> Korean
    written: str = ""  # the new node's IRI


def choices(store: Store, lang: Lang) -> dict[str, list[tuple[str, str]]]:
    """Drop-down values: SKOS concepts (slug, label in ``lang``) and the graph's partnerships."""
    texts = pipeline.Reference.of(store).texts
    out: dict[str, list[tuple[str, str]]] = {}
    for name, scheme in SCHEMES.items():
        prefix = f"{VOCAB}{scheme}/"
        items = []
        for node, node_texts in texts.items():
            if node.startswith(prefix):
                labels = node_texts.get(f"label_{lang}") or node_texts.get("label_en") or [local_name(node)]
                items.append((local_name(node), labels[0]))
        out[name] = sorted(items, key=lambda pair: pair[1])
    rows = querying.run(store, "partners", lang=lang).dicts()
    ties = [(local_name(r["partnership"]), str(r["partnership_label"] or r["partnership"])) for r in rows]
    out["agreements"] = sorted(ties, key=lambda pair: pair[1])
    return out


def _home(store: Store) -> dict[str, str]:
    """The home city and country of the graph's city-level agreements (the form's other side)."""
    from asan_kg.ingest.records_export import export_rows

    for row in export_rows(store)["agreements"]:
        if row.get("kind") in CITY_KINDS:
            return {k: v for k, v in row.items() if k.startswith("home_")}
    return {}


def _import_rows(sheets: dict[str, list[pipeline.Row]], store: Store, file: Path) -> pipeline.Importer:
    """The spreadsheet import pipeline: rows → RDF with provenance to file and row."""
    parts = [SheetRows(file, sheet, rows) for sheet, rows in sheets.items()]
    return import_parts(pipeline.Importer(pipeline.Reference.of(store), parts), parts)


def _existing(path: Path) -> Graph:
    graph = Graph()
    if path.exists():
        graph.parse(path, format="turtle")
    return graph


def _next_row(graph: Graph) -> int:
    lines = [int(o) for o in graph.objects(None, AKG.lastLine) if isinstance(o, Literal)]
    return max(lines, default=0) + 1


def _fresh_id(store: Store, values: dict[str, str]) -> str:
    known = {local_name(r["activity"]) for r in querying.run(store, "timeline").dicts()}
    base = f"desk-{values.get('start_date', '')}-{values.get('agreements', '')}"
    base = pipeline.slugify(base)
    n = 1
    while f"{base}-{n}" in known:
        n += 1
    return f"{base}-{n}"


def row_values(sheet: str, form: dict[str, str], store: Store) -> dict[str, str]:
    """A template row (canonical keys) from the submitted form."""
    names = ACTIVITY_FIELDS if sheet == "activities" else AGREEMENT_FIELDS
    values = {k: nfc(form.get(k, "")).strip() for k in names}
    values["source"] = DESK_SOURCE
    if sheet == "activities":
        if not values["end_date"]:
            values["end_date"] = values["start_date"]
        values["id"] = _fresh_id(store, values)
    else:
        values.update(_home(store))
        values["partner_country"] = values["partner_country"].upper()
    return {k: v for k, v in values.items() if v}


def _provenance(graph: Graph, user: str, when: dt.datetime) -> None:
    """Who entered the record and when; and the period the desk's register covers: a team that
    records through the desk keeps its register current, so its records cover up to the day of
    entry, and verdicts are then given as of that day, not as of the end of an older source."""
    for section in list(graph.subjects(RDF.type, AKG.SourceSection)):
        graph.add((section, DCTERMS.creator, Literal(user or "unknown")))
        stamp = Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime)
        graph.add((section, DCTERMS.created, stamp))
    starts = [dt.date.fromisoformat(str(o)[:10]) for o in graph.objects(None, SDO.startDate)]
    sections = list(graph.subjects(RDF.type, AKG.SourceSection))
    for source in list(graph.subjects(RDF.type, AKG.Source)):
        first, last = min(starts, default=when.date()), when.date()
        name = local_name(str(source))
        period, begin, end = (URIRef(f"{ID}period/{name}{part}") for part in ("", "-beginning", "-end"))
        graph.add((source, DCTERMS.temporal, period))
        for node, kind, ko, en in (
            (
                period,
                TIME.Interval,
                f"데스크 기록이 다루는 기간: {first} ~ {last}",
                f"What the desk records cover: {first} to {last}",
            ),
            (begin, TIME.Instant, f"{first} (가장 이른 기록)", f"{first} (the earliest record)"),
            (end, TIME.Instant, f"{last} (입력한 날)", f"{last} (the day of entry)"),
        ):
            graph.add((node, RDF.type, kind))
            graph.add((node, RDFS.label, Literal(ko, lang="ko")))
            graph.add((node, RDFS.label, Literal(en, lang="en")))
            for section in sections:
                graph.add((node, PROV.wasDerivedFrom, section))
        graph.add((period, TIME.hasBeginning, begin))
        graph.add((period, TIME.hasEnd, end))
        graph.add((begin, TIME.inXSDDate, Literal(first.isoformat(), datatype=XSD.date)))
        graph.add((end, TIME.inXSDDate, Literal(last.isoformat(), datatype=XSD.date)))


def _check(desk: Desk, text: str) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / desk.records_file().name
        candidate.write_text(text, encoding="utf-8")
        existing = desk.records_file()
        data = desk.config.data
        if existing.exists():  # validate the candidate in place of the file it replaces
            data = Path(tmp) / "data"
            for path in desk.data_dir().rglob("*.ttl"):
                if path.resolve() != existing.resolve():
                    target = data / path.relative_to(desk.data_dir())
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.symlink_to(path.resolve())
            data.mkdir(exist_ok=True)
        report = validate(data, extra_files=[candidate])
    errors: dict[str, str] = {}
    for v in report.violations:
        _add(errors, _PROPERTY_FIELDS.get(v.property or "", ""), f"{v.label('ko')}: {v.message('ko')}")
    return errors


def _add(errors: dict[str, str], key: str, message: str) -> None:
    if message not in errors.get(key, ""):
        errors[key] = f"{errors[key]} {message}" if key in errors else message


def _save(desk: Desk, existing: Graph, graph: Graph, user: str, names: tuple[str, ...]) -> dict[str, str]:
    """Add ``graph`` to the records file if the whole data still passes the shapes and the
    violation queries; the errors by field otherwise (and nothing written)."""
    _provenance(graph, user, dt.datetime.now().astimezone())
    header = "# Records entered through asan-kg desk (each with its user and time).\n\n"
    text = canonical_turtle(existing + graph, header)
    errors: dict[str, str] = {}
    for key, text_ in _check(desk, text).items():
        _add(errors, key if key in names else "", text_)
    if not errors:
        atomic_write_text(desk.records_file(), text)
        desk.reload()
    return errors


def submit_review(desk: Desk, form: dict[str, str], user: str) -> Outcome:
    """A review decision (ingest.reviews: the same conversion as a reviews sheet), checked and
    written like every other record."""
    from asan_kg.ingest import reviews

    with desk.write_lock:
        store = desk.store()
        values = {name: nfc(form.get(name, "")).strip() for name in REVIEW_FIELDS}
        existing = _existing(desk.records_file())
        converted = reviews.convert([(_next_row(existing), values)], store, desk.records_file())
        errors: dict[str, str] = {}
        for problem in converted.problems:
            found = _PROBLEM_COLUMN.search(problem)
            key = found.group(1) if found and found.group(1) in REVIEW_FIELDS else ""
            _add(errors, key, field_error(found.group(2) if found else problem, values.get(key, "")))
        if errors:
            return Outcome(errors)
        errors = _save(desk, existing, converted.graph, user, REVIEW_FIELDS)
        if errors:
            return Outcome(errors)
    return Outcome(written=str(converted.reviews[0]) if converted.reviews else "")


def submit(desk: Desk, sheet: str, form: dict[str, str], user: str) -> Outcome:
    """Check one record and, when it passes everything, write it; nothing is written otherwise."""
    if sheet not in SHEETS:
        raise ValueError(f"unknown record kind {sheet!r}")
    if sheet == "reviews":
        return submit_review(desk, form, user)
    with desk.write_lock:
        store = desk.store()
        values = row_values(sheet, form, store)
        target = desk.records_file()
        existing = _existing(target)
        importer = _import_rows({sheet: [(_next_row(existing), values)]}, store, target)
        names = ACTIVITY_FIELDS if sheet == "activities" else AGREEMENT_FIELDS
        if importer.problems:
            errors: dict[str, str] = {}
            for p in importer.problems:
                key = p.column if p.column in names else ""
                _add(errors, key, field_error(p.reason, values.get(p.column, "")))
            if not form.get("end_date") and "start_date" in errors:
                errors.pop("end_date", None)  # the end date was the start date: one message is enough
            return Outcome(errors)
        errors = _save(desk, existing, importer.graph, user, names)
        if errors:
            return Outcome(errors)
    kind = "activities" if sheet == "activities" else "agreements"
    node = f"{ID}{'event' if kind == 'activities' else 'partnership'}/{values['id']}"
    return Outcome(written=str(URIRef(node)))
