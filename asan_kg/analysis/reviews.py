"""Which partnerships need a review, and what the record already says about each one.

A tie needs a review when it is dormant or low (see :mod:`asan_kg.analysis.dormancy`) or its
next review date has passed. A dossier gathers its health indicators, the source's own findings
and recommendations about it, and past review decisions. Data only; wording happens in render.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from asan_kg.analysis import dormancy, health
from asan_kg.analysis.health_indicators import cell
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.store.values import to_date
from asan_kg.vocab.prefixes import local_name

Date = dt.date
WIKIDATA_END_TIME = "P582"


@dataclass(frozen=True)
class SourceStatement:
    finding: str
    kind: str  # finding | recommendation
    label: str
    source_text: str
    section: str
    first_line: int | None
    last_line: int | None


@dataclass(frozen=True)
class PastReview:
    review: str
    date: Date
    decision: str  # continue | re-establish | suspend | end
    decision_label: str
    reasons: str
    decided_by: str
    decided_by_label: str
    next_review: Date | None
    source_section: str
    source_label: str


@dataclass
class Dossier:
    tie: health.TieHealth
    status: str  # the dormancy status: dormant | low | active | new
    reasons: list[str]  # dormant | low | review-due
    statements: list[SourceStatement] = field(default_factory=list)
    reviews: list[PastReview] = field(default_factory=list)
    wikidata: tuple[str | None, str | None] = (None, None)  # home and partner city items (P582)

    @property
    def ended(self) -> PastReview | None:
        return next((r for r in reversed(self.reviews) if r.decision == "end"), None)

    @property
    def next_review(self) -> Date | None:
        return self.reviews[-1].next_review if self.reviews else None


def past_reviews(store: Store, lang: str = "en") -> dict[str, list[PastReview]]:
    out: dict[str, list[PastReview]] = {}
    for r in querying.run(store, "health-reviews", lang=lang).text_records():
        day = to_date(r["date"])
        if day is None:
            continue
        out.setdefault(str(r["partnership"]), []).append(
            PastReview(
                str(r["review"]),
                day,
                local_name(str(r["decision"])),
                cell(r["decision_label"]),
                cell(r["reasons"]),
                cell(r["decided_by"]),
                cell(r["decided_by_label"]) or cell(r["decided_by"]),
                to_date(r["next_review"]),
                cell(r["section"]),
                cell(r["section_label"]),
            )
        )
    for reviews in out.values():
        reviews.sort(key=lambda x: (x.date, x.review))
    return out


def statements(store: Store, lang: str = "en") -> dict[str, list[SourceStatement]]:
    out: dict[str, list[SourceStatement]] = {}
    for r in querying.run(store, "health-findings", lang=lang).text_records():
        first, last = r["first_line"], r["last_line"]
        out.setdefault(str(r["partnership"]), []).append(
            SourceStatement(
                str(r["finding"]),
                "recommendation" if str(r["kind"]).endswith("Recommendation") else "finding",
                cell(r["finding_label"]),
                cell(r["source_text"]),
                cell(r["section_label"]),
                int(str(first)) if first is not None else None,
                int(str(last)) if last is not None else None,
            )
        )
    return out


def wikidata_items(store: Store) -> dict[str, tuple[str | None, str | None]]:
    """Per partnership, the Wikidata items (Q-ids) of its home and partner city, where known."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for r in querying.run(store, "health-wikidata").text_records():
        home, partner = r["home_item"], r["partner_item"]
        out[str(r["partnership"])] = (
            local_name(str(home)) if home is not None else None,
            local_name(str(partner)) if partner is not None else None,
        )
    return out


def dossiers(
    store: Store,
    as_of: Date | None = None,
    window_months: int = 24,
    threshold_per_year: float = 1.0,
    lang: str = "en",
    only_needed: bool = True,
) -> tuple[health.HealthReport, list[Dossier]]:
    """The health report and one dossier per tie that needs a review (or every tie)."""
    report = health.assess(store, as_of, window_months, lang)
    verdicts = dormancy.assess(store, report.as_of, window_months, threshold_per_year, lang).verdicts
    status = {v.partnership: v.status for v in verdicts}
    said, past, items = statements(store, lang), past_reviews(store, lang), wikidata_items(store)
    out = []
    for tie in report.ties:
        reviews = past.get(tie.partnership, [])
        reasons = [s for s in (status.get(tie.partnership, ""),) if s in ("dormant", "low")]
        due = reviews[-1].next_review if reviews else None
        if due is not None and due <= report.as_of:
            reasons.append("review-due")
        if reviews and reviews[-1].decision == "end":
            reasons = []  # an ended tie needs no further review
        if only_needed and not reasons:
            continue
        out.append(
            Dossier(
                tie,
                status.get(tie.partnership, ""),
                reasons,
                said.get(tie.partnership, []),
                reviews,
                items.get(tie.partnership, (None, None)),
            )
        )
    return report, out
