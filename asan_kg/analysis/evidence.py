"""The two kinds of evidence of exchange, reconciled: itemized activities and reported totals.

A reported total for a key (a partner city, a field) and a period that exceeds the activities
itemized for that key inside the period means unitemized exchanges happened somewhere in that
period. The surplus is spread evenly over the period; a window gets the part that overlaps it.
A total equal to the itemized activities adds nothing beyond them. Every function here works on
rows of saved-query results, never on triples, so it runs on a remote endpoint just the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib.term import Node

from asan_kg.render.i18n import Lang, t
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store

Date = dt.date


@dataclass(frozen=True)
class Window:
    """A closed date interval [start, end]."""

    start: Date
    end: Date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlap_days(self, other: Window) -> int:
        lo, hi = max(self.start, other.start), min(self.end, other.end)
        return max((hi - lo).days + 1, 0)

    def contains(self, day: Date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: Date, end: Date) -> bool:
        return start <= self.end and end >= self.start

    @property
    def years(self) -> float:
        return self.days / 365.25


def months_before(day: Date, months: int) -> Date:
    """The day after the same calendar day ``months`` earlier: the first day of a window of
    ``months`` months ending on ``day`` (24 months ending 2014-12-31 start on 2013-01-01)."""
    if months < 1:
        raise ValueError("the window must be at least one month")
    year, month = divmod(day.month - 1 - months, 12)
    year += day.year
    month += 1
    # clamp to the month's length (e.g. 31 March minus one month)
    for d in (day.day, 30, 29, 28):
        try:
            back = Date(year, month, d)
            break
        except ValueError:
            continue
    return back + dt.timedelta(days=1)


def to_date(term: Node | None) -> Date | None:
    if term is None:
        return None
    return Date.fromisoformat(str(term)[:10])


@dataclass(frozen=True)
class Activity:
    iri: str
    label: str
    start: Date
    end: Date
    partnerships: frozenset[str]
    partners: frozenset[str]


@dataclass(frozen=True)
class ReportedCount:
    dataset: str
    dimension: str  # "city" or "field"
    key: str
    count: int
    period: Window


def activities(store: Store, lang: str = "en") -> list[Activity]:
    """Every itemized activity, once, with the partnerships and partner cities it served."""
    groups: dict[str, list[dict[str, Node | None]]] = {}
    for row in querying.run(store, "activity-dates", lang=lang).dicts():
        groups.setdefault(str(row["activity"]), []).append(row)
    out = []
    for iri, rows in groups.items():
        start, end = to_date(rows[0]["start"]), to_date(rows[0]["end"])
        if start is None or end is None:
            continue
        label = str(rows[0]["activity_label"] or iri)
        partnerships = frozenset(str(r["partnership"]) for r in rows)
        partners = frozenset(str(r["partner"]) for r in rows)
        out.append(Activity(iri, label, start, end, partnerships, partners))
    return sorted(out, key=lambda a: (a.start, a.iri))


def reported_counts(store: Store) -> list[ReportedCount]:
    out = []
    for row in querying.run(store, "reported-counts").dicts():
        start, end = to_date(row["from"]), to_date(row["to"])
        if start is None or end is None:
            continue
        out.append(
            ReportedCount(
                str(row["dataset"]),
                str(row["dimension"]),
                str(row["key"]),
                int(str(row["exchanges"])),
                Window(start, end),
            )
        )
    return out


def data_horizon(store: Store) -> Date | None:
    """The last date any fact covers: the default 'as of' date, rather than today."""
    rows = querying.run(store, "data-horizon").rows
    return to_date(rows[0][0]) if rows and rows[0][0] is not None else None


@dataclass(frozen=True)
class Reconciled:
    """Exchanges for one key inside a window, and what the number rests on."""

    itemized: int  # itemized activities inside the window
    reported_extra: float  # the share of unitemized reported exchanges that falls in the window
    reported: list[str]  # sentences describing each reported total used
    itemized_outside_reported: int = 0  # itemized in the window but in no reported period

    @property
    def count(self) -> float:
        return self.itemized + self.reported_extra

    @property
    def basis(self) -> str:
        """``reported`` where a reported total stands for the count; ``+itemized`` where
        itemized activities outside any reported period are added; ``itemized`` alone else."""
        if self.reported:
            return "reported+itemized" if self.itemized_outside_reported else "reported"
        return "itemized" if self.itemized else "none"


def reconcile(
    key_activities: Iterable[tuple[Date, Date]],
    reported: Iterable[ReportedCount],
    window: Window,
    lang: str = "en",
) -> Reconciled:
    """Count exchanges for one key inside ``window`` from both kinds of evidence.

    ``key_activities`` are (start, end) of the itemized activities of this key; an activity
    counts in the window if its dates overlap it, and counts inside a reported period if it
    starts in that period (as the report's tables count exchanges by when they happened).
    """
    spans = list(key_activities)
    totals = list(reported)
    in_window = [(start, end) for start, end in spans if window.overlaps(start, end)]
    used = [t for t in totals if window.overlap_days(t.period)]
    outside = sum(1 for start, _end in in_window if not any(t.period.contains(start) for t in used))
    extra = 0.0
    notes: list[str] = []
    for total in totals:
        overlap = window.overlap_days(total.period)
        if overlap == 0:
            continue
        inside = sum(1 for start, _end in spans if total.period.contains(start))
        surplus = max(total.count - inside, 0)
        share = surplus * overlap / total.period.days
        extra += share
        notes.append(
            t(
                "ev_reported",
                _lang(lang),
                count=total.count,
                start=total.period.start,
                end=total.period.end,
                inside=inside,
                surplus=surplus,
                overlap=overlap,
                days=total.period.days,
                share=f"{share:.2f}",
            )
        )
    return Reconciled(len(in_window), extra, notes, outside)


def _lang(lang: str) -> Lang:
    return "ko" if lang == "ko" else "en"


def group_reported(counts: Iterable[ReportedCount], dimension: str) -> Mapping[str, list[ReportedCount]]:
    grouped: dict[str, list[ReportedCount]] = {}
    for c in counts:
        if c.dimension == dimension:
            grouped.setdefault(c.key, []).append(c)
    return grouped
