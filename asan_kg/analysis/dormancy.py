"""Which partnerships have gone quiet: a verdict per partnership with the evidence behind it.

Statuses, for a window of N months ending on the as-of date:
``new`` signed inside the window; ``dormant`` no evidence of any exchange in the window;
``low`` fewer expected exchanges than the threshold rate (default 1 a year); else ``active``.
Expected exchanges reconcile itemized activities with the source's reported totals
(see :mod:`asan_kg.analysis.evidence`). Reported totals by partner city are attributed to the city-level
partnership (sister or friendship city) with that city; organization-level agreements rest on
their itemized activities alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from asan_kg.analysis import evidence
from asan_kg.analysis.evidence import Date, Window
from asan_kg.render.i18n import Lang, t
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.vocab.namespaces import local_name

CITY_KINDS = frozenset({"sister-city", "friendship-city"})
STATUSES = ("active", "low", "dormant", "new")


@dataclass
class Verdict:
    partnership: str
    partnership_label: str
    partner: str
    partner_label: str
    kind: str
    kind_label: str
    signed_on: str | None
    status: str
    last_activity: str | None
    last_activity_label: str | None
    itemized_in_window: int
    reported_in_window: float
    expected_in_window: float
    rate_per_year: float
    evidence: str  # itemized | reported | itemized+reported | none
    evidence_detail: list[str] = field(default_factory=list)
    asserted_status: str | None = None
    asserted_since: str | None = None
    agrees_with_source: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DormancyReport:
    as_of: Date
    window: Window
    window_months: int
    threshold_per_year: float
    verdicts: list[Verdict]

    def by_status(self, status: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == status]


def _agrees(asserted: str | None, status: str) -> bool | None:
    if asserted is None:
        return None
    if asserted == "suspended":
        return status == "dormant"
    if asserted == "active":
        return status in ("active", "new")
    return None


def assess(
    store: Store,
    as_of: Date | None = None,
    window_months: int = 24,
    threshold_per_year: float = 1.0,
    lang: str = "en",
) -> DormancyReport:
    """A verdict for every partnership (city and organization level) as of a date."""
    if as_of is None:
        as_of = evidence.data_horizon(store) or dt.date.today()
    window = Window(evidence.months_before(as_of, window_months), as_of)
    return assess_window(store, window, threshold_per_year, lang, window_months)


def assess_window(
    store: Store, window: Window, threshold_per_year: float = 1.0, lang: str = "en", window_months: int = 0
) -> DormancyReport:
    """Verdicts for an explicit window (the network view's period); as-of is its last day."""
    if threshold_per_year < 0:
        raise ValueError("the threshold rate cannot be negative")
    as_of = window.end
    acts = [a for a in evidence.activities(store, lang) if a.start <= as_of]
    by_partnership: dict[str, list[evidence.Activity]] = {}
    by_partner: dict[str, list[evidence.Activity]] = {}
    for a in acts:
        for p in a.partnerships:
            by_partnership.setdefault(p, []).append(a)
        for c in a.partners:
            by_partner.setdefault(c, []).append(a)
    reported_by_city = evidence.group_reported(evidence.reported_counts(store), "city")
    verdicts = []
    for row in querying.run(store, "dormancy-partnerships", lang=lang).dicts():
        iri, partner, kind = str(row["partnership"]), str(row["partner"]), local_name(str(row["kind"]))
        mine = by_partnership.get(iri, [])
        if kind in CITY_KINDS:
            # The report's city totals count every exchange with the city, whichever tie it served.
            city_spans = [(a.start, a.end) for a in by_partner.get(partner, [])]
            reported = [c for c in reported_by_city.get(partner, []) if c.period.start <= as_of]
            extra = evidence.reconcile(city_spans, reported, window, lang)
            reported_extra, reported_notes = extra.reported_extra, extra.reported
        else:
            reported_extra, reported_notes = 0.0, []
        itemized = [a for a in mine if window.overlaps(a.start, a.end)]
        expected = len(itemized) + reported_extra
        signed = evidence.to_date(row["signed_on"])
        last = max(mine, key=lambda a: (a.start, a.iri), default=None)
        rate = expected / window.years
        if signed is not None and window.contains(signed):
            status = "new"
        elif expected == 0:
            status = "dormant"
        elif rate < threshold_per_year:
            status = "low"
        else:
            status = "active"
        language: Lang = "ko" if lang == "ko" else "en"
        detail = (
            [
                t(
                    "ev_itemized",
                    language,
                    n=len(itemized),
                    items=", ".join(f"{a.start} {a.label}" for a in itemized),
                )
            ]
            if itemized
            else []
        )
        detail += reported_notes
        if not detail:
            detail = [t("ev_none", language, start=window.start, end=window.end)]
        if status == "new":
            detail.insert(0, t("ev_signed", language, signed=signed))
        basis = (
            "itemized+reported"
            if itemized and reported_extra > 0
            else ("itemized" if itemized else ("reported" if reported_extra > 0 else "none"))
        )
        asserted = local_name(str(row["asserted_status"])) if row["asserted_status"] is not None else None
        verdicts.append(
            Verdict(
                partnership=iri,
                partnership_label=str(row["partnership_label"] or iri),
                partner=partner,
                partner_label=str(row["partner_label"] or partner),
                kind=kind,
                kind_label=str(row["kind_label"] or kind),
                signed_on=signed.isoformat() if signed else None,
                status=status,
                last_activity=last.start.isoformat() if last else None,
                last_activity_label=last.label if last else None,
                itemized_in_window=len(itemized),
                reported_in_window=round(reported_extra, 2),
                expected_in_window=round(expected, 2),
                rate_per_year=round(rate, 2),
                evidence=basis,
                evidence_detail=detail,
                asserted_status=asserted,
                asserted_since=str(row["asserted_since"]) if row["asserted_since"] is not None else None,
                agrees_with_source=_agrees(asserted, status),
            )
        )
    order = {s: i for i, s in enumerate(("dormant", "low", "new", "active"))}
    verdicts.sort(key=lambda v: (order[v.status], v.expected_in_window, v.partnership))
    return DormancyReport(as_of, window, window_months, threshold_per_year, verdicts)
