"""Partnership health: indicators per tie, each with the exchanges it rests on and its evidence.

Every number comes from the ``health-*`` saved queries (so it runs on a remote endpoint too)
and is returned as data: codes, numbers, dates and IRIs, never sentences. Where the data cannot
support an indicator the value is ``None`` with a reason code from the ``data-gaps`` scheme.

The observed period of a tie runs from its signing (or its first exchange, if earlier) — but not
before the record begins — to the as-of date, the end of the record or the tie's end, whichever
comes first. The record (``health-coverage``) spans the dated exchanges and the reported periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from asan_kg.analysis.evidence import Window
from asan_kg.analysis.health_indicators import (
    INDICATORS,
    UNITS,
    Exchange,
    Indicator,
    Reported,
    cell,
    compute,
    months_back,
)
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.store.values import to_date
from asan_kg.vocab.prefixes import local_name

Date = dt.date
__all__ = [
    "INDICATORS",
    "UNITS",
    "Exchange",
    "HealthReport",
    "Indicator",
    "Reported",
    "TieHealth",
    "Window",
    "assess",
    "months_back",
]


@dataclass
class TieHealth:
    partnership: str
    label: str
    partner: str
    partner_label: str
    kind: str
    kind_label: str
    signed_on: Date | None
    ended_on: Date | None
    observed: Window | None
    exchanges: list[Exchange]
    reported: list[Reported]
    years: dict[int, int]
    indicators: dict[str, Indicator]

    def value(self, code: str) -> float | None:
        return self.indicators[code].value


@dataclass
class HealthReport:
    as_of: Date
    coverage: Window | None
    window_months: int
    ties: list[TieHealth]
    # field IRI -> label ("" where none) of every tie's exchanges, where ``ties`` holds some only
    fields: dict[str, str] | None = None

    def tie(self, partnership: str) -> TieHealth:
        """The tie by IRI or by the end of its IRI (``asan-rongcheng``)."""
        for t in self.ties:
            if t.partnership == partnership or t.partnership.endswith("/" + partnership):
                return t
        raise KeyError(partnership)


def _run(
    store: Store, name: str, params: dict[str, str], lang: str, only: list[str] | None
) -> list[dict[str, str | None]]:
    """A ``health-*`` query's rows, for the partnerships ``only`` (sorted IRIs) where given
    (``querying.run_for``, inside the OPTIONAL groups too). Batches follow the IRIs' order, and
    so does each query's ORDER BY ?partnership: the rows come in the unrestricted order."""
    if only is None:
        return querying.run(store, name, params, lang).text_records()
    return [
        row
        for table in querying.run_for(store, name, "partnership", only, params, lang, inside=True)
        for row in table.text_records()
    ]


class _Rows:
    """The saved-query results, grouped by partnership."""

    def __init__(self, store: Store, as_of: Date | None, lang: str, only: list[str] | None) -> None:
        params = {"asof": as_of.isoformat()} if as_of else {}
        self.ties = _run(store, "health-ties", params, lang, only)
        self.by: dict[str, dict[str, list[dict[str, str | None]]]] = {}
        for name in ("exchanges", "fields", "years", "directions", "counts", "actors", "reported"):
            for row in _run(store, "health-" + name, params, lang, only):
                self.by.setdefault(name, {}).setdefault(str(row["partnership"]), []).append(row)

    def of(self, name: str, partnership: str) -> list[dict[str, str | None]]:
        return self.by.get(name, {}).get(partnership, [])


def coverage(store: Store) -> Window | None:
    rows = querying.run(store, "health-coverage").values()
    if not rows or rows[0][0] is None or rows[0][1] is None:
        return None
    start, end = to_date(rows[0][0]), to_date(rows[0][1])
    return Window(start, end) if start and end else None


def timeline_fields(store: Store, as_of: Date, lang: str) -> dict[str, str]:
    """Field IRI -> label of the exchanges on every tie's timeline (``health-timeline-fields``,
    each exchange under the field ``_exchanges`` keeps): for a report of some ties whose
    timelines share one legend with the whole record."""
    rows = querying.run(store, "health-timeline-fields", {"asof": as_of.isoformat()}, lang).text_records()
    fields: dict[str, str] = {}
    named = sorted((r["field"], cell(r["field_label"])) for r in rows if r["field"] is not None)
    for fld, label in named:
        fields.setdefault(fld, label)
    return fields


def _exchanges(rows: list[dict[str, str | None]]) -> list[Exchange]:
    seen: dict[str, Exchange] = {}
    for r in rows:
        iri = str(r["exchange"])
        start, end = to_date(r["start"]), to_date(r["end"])
        if start is None or end is None:
            continue
        fld = cell(r["field"]) or None
        if iri in seen and (seen[iri].field or "~") <= (fld or "~"):
            continue  # several fields and no statistics field: keep the first by IRI
        grouped, substantive = int(cell(r["grouped_types"]) or 0), int(cell(r["substantive_types"]) or 0)
        seen[iri] = Exchange(
            iri,
            cell(r["exchange_label"]) or iri,
            start,
            end,
            local_name(cell(r["direction"])) if r["direction"] is not None else None,
            fld,
            cell(r["field_label"]),
            (substantive > 0) if grouped else None,
        )
    return sorted(seen.values(), key=lambda e: (e.start, e.iri))


def _observed(
    signed: Date | None, ended: Date | None, first: Date | None, cov: Window | None, as_of: Date
) -> Window | None:
    if cov is None:
        return None
    begin = min(d for d in (signed, first) if d is not None) if (signed or first) else cov.start
    start = max(begin, cov.start)
    end = min(d for d in (as_of, cov.end, ended) if d is not None)
    return Window(start, end) if start <= end else None


def _tie(row: dict[str, str | None], rows: _Rows, cov: Window | None, as_of: Date, months: int) -> TieHealth:
    iri = str(row["partnership"])
    signed, ended = to_date(row["signed_on"]), to_date(row["ended_on"])
    all_ex = _exchanges(rows.of("exchanges", iri))
    first = all_ex[0].start if all_ex else None
    period = _observed(signed, ended, first, cov, as_of)
    ex = [e for e in all_ex if period and e.start <= period.end and e.end >= period.start]
    reported = [
        Reported(str(r["observation"]), int(cell(r["reported"])), Window(d0, d1), int(cell(r["itemized"])))
        for r in rows.of("reported", iri)
        if (d0 := to_date(r["from"])) and (d1 := to_date(r["to"]))
    ]
    counts: dict[str, dict[str, int]] = {}
    for r in rows.of("counts", iri):
        counts.setdefault(str(r["exchange"]), {})[local_name(str(r["kind"]))] = int(float(cell(r["total"])))
    years = {int(cell(r["year"])): int(cell(r["exchanges"])) for r in rows.of("years", iri)}
    indicators = compute(
        ex, reported, counts, rows.of("actors", iri), rows.of("fields", iri), period, as_of, months
    )
    return TieHealth(
        iri,
        cell(row["partnership_label"]) or iri,
        str(row["partner"]),
        cell(row["partner_label"]),
        local_name(str(row["kind"])),
        cell(row["kind_label"]),
        signed,
        ended,
        period,
        ex,
        reported,
        years,
        indicators,
    )


def assess(
    store: Store,
    as_of: Date | None = None,
    window_months: int = 24,
    lang: str = "en",
    partnerships: Collection[str] | None = None,
) -> HealthReport:
    """Health indicators for every partnership as of a date (default: the end of the record),
    or for ``partnerships`` (IRIs) only: a tie's indicators read its own rows and the record's
    span, so each is the same as in the full report, and a page that draws a few hundred of
    ten thousand ties does not pay for the rest."""
    if window_months < 1:
        raise ValueError("the window must be at least one month")
    cov = coverage(store)
    if as_of is None:
        as_of = cov.end if cov else dt.date.today()
    only = None if partnerships is None else sorted(set(partnerships))
    if only is not None and not all(querying.writable_iri(p) for p in only):
        only = None  # a blank node cannot be named in a query: read them all, keep the asked
    rows = _Rows(store, as_of, lang, only)
    wanted = None if partnerships is None else set(partnerships)
    ties = [
        _tie(row, rows, cov, as_of, window_months)
        for row in rows.ties
        if wanted is None or str(row["partnership"]) in wanted
    ]
    fields = None if partnerships is None else timeline_fields(store, as_of, lang)
    return HealthReport(as_of, cov, window_months, ties, fields)
