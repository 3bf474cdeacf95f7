"""Review decisions from a spreadsheet: the ``reviews`` sheet (검토) becomes RDF with provenance
to the file and row.

Each row is one review of one partnership: its date, decision (continue, re-establish, suspend,
end), reasons in Korean and English, who decided, and the next review date. A decision to end a
tie also gives the partnership its end date (``akg:endedOn``). Bad rows are listed with row,
column and reason, like the agreements and activities sheets.

The hook for the records import (``asan_kg/ingest/records.py``) is :func:`convert`: it takes the
rows of the reviews sheet (as read by :func:`read`) and returns a graph and its problems.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SDO, XSD

from asan_kg.core.errors import InputError
from asan_kg.core.files import atomic_write_text
from asan_kg.core.text import cell_text, slugify
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.vocab.akg import AKG
from asan_kg.vocab.namespaces import ID, VOCAB

SHEET_NAMES = ("reviews", "검토")
REVIEW, ORGS, SOURCE, PARTNERSHIP = (
    Namespace(ID + x) for x in ("review/", "organization/", "source/", "partnership/")
)
DECISION = Namespace(VOCAB + "review-decisions/")
#: Column key, English header, Korean header, required.
COLUMNS = (
    ("partnership", "partnership id", "교류 관계 식별자", True),
    ("date", "review date (YYYY-MM-DD)", "검토일(YYYY-MM-DD)", True),
    (
        "decision",
        "decision (continue/re-establish/suspend/end)",
        "결정(유지/재정립/잠정 중단/종료)",
        True,
    ),
    ("reasons_ko", "reasons (Korean)", "이유(한글)", False),
    ("reasons_en", "reasons (English)", "이유(영문)", False),
    ("decided_by_ko", "decided by (Korean)", "결정 주체(한글)", True),
    ("decided_by_en", "decided by (English)", "결정 주체(영문)", True),
    ("next_review", "next review date (YYYY-MM-DD)", "다음 검토일(YYYY-MM-DD)", False),
    ("source", "source", "출처", False),
)
DECISIONS = {
    "continue": ("continue", "유지"),
    "re-establish": (
        "re-establish",
        "re-establish with a plan",
        "재정립",
        "관계 재정립",
        "계획을 세워 관계 재정립",
    ),
    "suspend": ("suspend", "잠정 중단", "중단"),
    "end": ("end", "종료", "관계 종료"),
}
Row = tuple[int, dict[str, str]]


class ReviewSheetError(InputError):
    """A file that is not a filled-in reviews sheet."""


@dataclass
class Converted:
    graph: Graph
    problems: list[str] = field(default_factory=list)
    reviews: list[URIRef] = field(default_factory=list)


def _key(header: str) -> str | None:
    text = " ".join(header.replace("\ufeff", "").split()).casefold()
    for key, en, ko, _required in COLUMNS:
        if text in (key, en.casefold(), ko.casefold()):
            return key
    return None


def _rows(name: str, table: list[list[str]]) -> list[Row]:
    if not table:
        raise ReviewSheetError(f"{name}: the sheet is empty")
    keys = [_key(str(h or "")) for h in table[0]]
    missing = [en for key, en, _ko, req in COLUMNS if req and key not in keys]
    if missing:
        raise ReviewSheetError(f"{name}: not a reviews sheet; missing column(s) {', '.join(missing)}")
    out = []
    for n, cells in enumerate(table[1:], start=2):
        values = {
            k: cell_text(str(v if v is not None else "")) for k, v in zip(keys, cells, strict=False) if k
        }
        if any(values.values()):
            out.append((n, values))
    return out


def read(path: Path) -> list[Row]:
    """The rows of a reviews .csv, or of the sheet named reviews (검토) of a workbook."""
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        try:
            book = openpyxl.load_workbook(
                path, read_only=False, data_only=True
            )  # every row, whatever <dimension> says
        except Exception as exc:  # not a workbook
            raise ReviewSheetError(f"{path}: cannot read the workbook ({exc})") from exc
        for ws in book.worksheets:
            if ws.title.strip().casefold() in SHEET_NAMES:
                table = [
                    [
                        "" if c is None else (c.isoformat()[:10] if hasattr(c, "isoformat") else str(c))
                        for c in row
                    ]
                    for row in ws.iter_rows(values_only=True)
                ]
                return _rows(f"{path} [{ws.title}]", table)
        raise ReviewSheetError(f"{path}: no sheet named 'reviews' or '검토'")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as exc:
        raise ReviewSheetError(f"{path}: cannot read it as UTF-8 CSV ({exc})") from exc
    return _rows(str(path), list(csv.reader(io.StringIO(text))))


def write_template(path: Path, lang: str = "ko") -> None:
    """A blank reviews sheet (CSV, UTF-8 with a byte order mark so Excel shows Korean)."""
    header = [ko if lang == "ko" else en for _k, en, ko, _r in COLUMNS]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(header)
    atomic_write_text(path, "\ufeff" + buffer.getvalue())


class _Converter:
    def __init__(self, store: Store, file: Path) -> None:
        self.file, self.out = file, Converted(Graph())
        self.ties = {str(r["partnership"]) for r in querying.run(store, "health-ties").dicts()}
        self.orgs = {
            str(r["label"]).casefold(): str(r["node"])
            for lang in ("ko", "en")
            for r in querying.run(store, "labels", lang=lang).dicts()
            if str(r["node"]).startswith(str(ORGS))
        }
        digest = hashlib.sha256(file.read_bytes()).hexdigest()[:12] if file.is_file() else "x"
        self.source = SOURCE[f"reviews-{slugify(file.stem)}-{digest}"]
        g = self.out.graph
        g.add((self.source, RDF.type, AKG.Source))
        g.add((self.source, RDFS.label, Literal(f"검토 기록 {file.name}", lang="ko")))
        g.add((self.source, RDFS.label, Literal(f"review records {file.name}", lang="en")))
        g.add((self.source, DCTERMS.identifier, Literal(file.name)))

    def bad(self, row: int, column: str, reason: str) -> None:
        self.out.problems.append(f"{self.file} [reviews] row {row}, column '{column}': {reason}")

    def date(self, row: int, column: str, text: str, required: bool) -> dt.date | None:
        if not text and not required:
            return None
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        self.bad(row, column, f"'{text}' is not a date written YYYY-MM-DD")
        return None

    def section(self, row: int, values: dict[str, str]) -> URIRef:
        node, g = URIRef(f"{self.source}/reviews-row-{row}"), self.out.graph
        g.add((node, RDF.type, AKG.SourceSection))
        g.add((node, RDFS.label, Literal(f"{self.file.name} 검토 {row}행", lang="ko")))
        g.add((node, RDFS.label, Literal(f"{self.file.name} reviews row {row}", lang="en")))
        g.add((node, DCTERMS.isPartOf, self.source))
        g.add((node, AKG.firstLine, Literal(row)))
        g.add((node, AKG.lastLine, Literal(row)))
        if values.get("source"):
            g.add((node, DCTERMS.bibliographicCitation, Literal(values["source"])))
        return node

    def agent(self, values: dict[str, str], section: URIRef) -> URIRef:
        for name in (values.get("decided_by_ko", ""), values.get("decided_by_en", "")):
            if name.casefold() in self.orgs:
                return URIRef(self.orgs[name.casefold()])
        node, g = ORGS[slugify(values.get("decided_by_en") or values["decided_by_ko"])], self.out.graph
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, RDF.type, PROV.Agent))
        for lang in ("ko", "en"):
            if values.get(f"decided_by_{lang}"):
                g.add((node, RDFS.label, Literal(values[f"decided_by_{lang}"], lang=lang)))
        g.add((node, PROV.wasDerivedFrom, section))
        return node

    def tie(self, row: int, text: str) -> URIRef | None:
        iri = (
            text
            if text.startswith(("http://", "https://"))
            else str(PARTNERSHIP) + text.removeprefix("partnership:")
        )
        if iri not in self.ties:
            self.bad(row, "partnership", f"unknown partnership '{text}' (use the id, e.g. asan-rongcheng)")
            return None
        return URIRef(iri)

    def decision(self, row: int, text: str) -> str | None:
        for code, names in DECISIONS.items():
            if text.casefold() in (n.casefold() for n in names):
                return code
        self.bad(row, "decision", f"unknown decision '{text}'; use continue, re-establish, suspend or end")
        return None

    def convert(self, row: int, v: dict[str, str]) -> None:
        before = len(self.out.problems)
        tie = self.tie(row, v.get("partnership", ""))
        day = self.date(row, "date", v.get("date", ""), True)
        code = self.decision(row, v.get("decision", ""))
        following = self.date(row, "next_review", v.get("next_review", ""), False)
        if not (v.get("decided_by_ko") or v.get("decided_by_en")):
            self.bad(row, "decided_by_ko", "who decided is required")
        if following and day and following <= day:
            self.bad(row, "next_review", "the next review must come after the review")
        if len(self.out.problems) > before or tie is None or day is None or code is None:
            return
        self.write(row, v, tie, day, code, following)

    def write(
        self, row: int, v: dict[str, str], tie: URIRef, day: dt.date, code: str, following: dt.date | None
    ) -> None:
        g, section = self.out.graph, self.section(row, v)
        node = REVIEW[f"{tie.rsplit('/', 1)[-1]}-{day.isoformat()}"]
        g.add((node, RDF.type, AKG.PartnershipReview))
        g.add((node, RDFS.label, Literal(f"{day} 검토: {tie.rsplit('/', 1)[-1]}", lang="ko")))
        g.add((node, RDFS.label, Literal(f"Review of {tie.rsplit('/', 1)[-1]}, {day}", lang="en")))
        g.add((node, SDO.object, tie))
        g.add((node, DCTERMS.date, Literal(day.isoformat(), datatype=XSD.date)))
        g.add((node, AKG.reviewDecision, DECISION[code]))
        for lang in ("ko", "en"):
            if v.get(f"reasons_{lang}"):
                g.add((node, SDO.description, Literal(v[f"reasons_{lang}"], lang=lang)))
        g.add((node, PROV.wasAssociatedWith, self.agent(v, section)))
        if following:
            g.add((node, AKG.nextReviewDate, Literal(following.isoformat(), datatype=XSD.date)))
        g.add((node, PROV.wasDerivedFrom, section))
        if code == "end":
            g.add((tie, AKG.endedOn, Literal(day.isoformat(), datatype=XSD.date)))
        self.out.reviews.append(node)


def convert(rows: list[Row], store: Store, file: Path) -> Converted:
    """The hook: reviews-sheet rows → RDF (review nodes, decider agents, file and row sections)."""
    converter = _Converter(store, file)
    for row, values in rows:
        converter.convert(row, values)
    return converter.out
