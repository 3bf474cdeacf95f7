"""The two kinds of evidence of exchange, reconciled: itemized activities and reported totals.

A reported total for a key (a partner city, a field) and a period that exceeds the activities
itemized for that key inside the period means unitemized exchanges happened somewhere in that
period. A total equal to the itemized activities adds nothing beyond them. Every function here works on
rows of saved-query results, never on triples, so it runs on a remote endpoint just the same,
and returns data (numbers, dates, IRIs); wording happens in ``asan_kg.render``.

A reported total is evidence of *undated* exchanges: it is kept as the whole number the source
gives, with its period. Where a verdict needs an estimate of how many fell in a window, the
estimate respects the signing date and the sources' coverage, and is labelled as one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from asan_kg.core.errors import InputError
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.store.values import Value, to_date

Date = dt.date


class WindowError(InputError):
    """A window, period or threshold that cannot be used (exit 2)."""


class NoDataError(InputError):
    """The store holds nothing to analyse: a gate must fail, not pass (exit 2)."""


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
        raise WindowError("the window must be at least one month")
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


def activities(store: Store, lang: str = "en", window: Window | None = None) -> list[Activity]:
    """Every itemized activity, once, with the partnerships and partner cities it served; with a
    window, only those overlapping it (the engine filters: no row for the others)."""
    params = {"from": window.start.isoformat(), "to": window.end.isoformat()} if window else None
    groups: dict[str, list[dict[str, Value]]] = {}
    for row in querying.run(store, "activity-dates", params, lang).records():
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


def reported_counts(store: Store, span: Window | None = None) -> list[ReportedCount]:
    """The source's reported totals per partner city or field and period, as plain values; with
    ``span``, only those whose period overlaps it (the engine filters)."""
    return reported_from(querying.run(store, *reported_call(span)))


def reported_call(span: Window | None = None) -> querying.Call:
    """The ``reported-counts`` query for totals overlapping ``span`` (all without it)."""
    return (
        "reported-counts",
        {"after": span.start.isoformat(), "before": span.end.isoformat()} if span else None,
        None,
    )


def reported_from(table: querying.ResultTable) -> list[ReportedCount]:
    """The reported totals of a ``reported-counts`` answer, as plain values."""
    out = []
    for dataset, dimension, key, exchanges, first, final in table.values():
        start, end = to_date(first), to_date(final)
        if start is None or end is None:
            continue
        out.append(
            ReportedCount(str(dataset), str(dimension), str(key), int(str(exchanges)), Window(start, end))
        )
    return out


def data_horizon(store: Store) -> Date | None:
    """The last date any fact mentions (planned ends included): a fallback where no source
    states the period it covers."""
    rows = querying.run(store, "data-horizon").values()
    return to_date(rows[0][0]) if rows and rows[0][0] is not None else None


def coverage(store: Store) -> Window | None:
    """The period the sources' records cover (earliest start to latest end that a source
    states), or None where no source states one."""
    rows = querying.run(store, "coverage").values()
    if not rows or rows[0][0] is None or rows[0][1] is None:
        return None
    start, end = to_date(rows[0][0]), to_date(rows[0][1])
    return Window(start, end) if start and end and start <= end else None


def default_as_of(store: Store) -> Date:
    """The end of the recorded period: coverage end, else the data horizon, else today."""
    covered = coverage(store)
    return covered.end if covered is not None else uncovered_as_of(store)


def uncovered_as_of(store: Store) -> Date:
    """The as-of date where no source states the period it covers (coverage read already): the
    data horizon, else today."""
    return data_horizon(store) or dt.date.today()


@dataclass(frozen=True)
class ReportedUse:
    """One reported total as evidence for a window: whole numbers only, never a spread share."""

    count: int  # what the source reports for the period
    period: Window
    itemized_inside: int  # itemized activities of the same key that start in the period
    effective: Window | None  # the part of the period the tie existed and the source covers

    @property
    def unitemized(self) -> int:
        """Exchanges the total reports beyond those itemized: their dates are unknown."""
        return max(self.count - self.itemized_inside, 0)

    def estimate_in(self, window: Window) -> float:
        """A modelling estimate, never shown as a count: the unitemized exchanges spread evenly
        over the effective period (after signing, inside coverage); a window gets its overlap."""
        if self.effective is None or self.unitemized == 0:
            return 0.0
        return self.unitemized * window.overlap_days(self.effective) / self.effective.days


def basis(itemized: int, reported: Iterable[ReportedUse]) -> str:
    """What a verdict's count rests on (see ``basis_of``)."""
    return basis_of(itemized, sum(use.count for use in reported))


def basis_of(itemized: int, reported: int) -> str:
    """What a count rests on, one spelling everywhere: ``itemized``, ``reported``,
    ``itemized+reported`` or ``none``."""
    if itemized and reported:
        return "itemized+reported"
    return "itemized" if itemized else ("reported" if reported else "none")


def reported_uses(
    itemized_inside: Mapping[tuple[str, Date, Date], int],
    totals: Iterable[ReportedCount],
    window: Window,
    signed: Date | None = None,
    covered_until: Date | None = None,
) -> list[ReportedUse]:
    """The reported totals of one key whose period overlaps ``window``, each with the itemized
    activities of its key that start in its period (``itemized_inside`` by key, start and end of
    the period: the engine counts them, ``reported-itemized``) and its effective period (from
    signing, up to coverage end)."""
    out = []
    for total in totals:
        if not window.overlap_days(total.period):
            continue
        inside = itemized_inside.get((total.key, total.period.start, total.period.end), 0)
        lo = max(total.period.start, signed) if signed else total.period.start
        hi = min(total.period.end, covered_until) if covered_until else total.period.end
        effective = Window(lo, hi) if lo <= hi else None
        out.append(ReportedUse(total.count, total.period, inside, effective))
    return out


def group_reported(counts: Iterable[ReportedCount], dimension: str) -> Mapping[str, list[ReportedCount]]:
    grouped: dict[str, list[ReportedCount]] = {}
    for c in counts:
        if c.dimension == dimension:
            grouped.setdefault(c.key, []).append(c)
    return grouped


# Types ``plain`` returns as they are, tested first (most values of a verdict are one of these).
_LEAVES = frozenset({str, int, float, bool, type(None), dt.date})
# A type's dataclass field names (None: not a dataclass), looked up once per type.
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies (the same dicts, lists and tuples, fields in
    order; the leaves are immutable). A type's fields are read once, not per value:
    ``dataclasses.fields`` per verdict and ``is_dataclass`` per leaf made it 0.18 s for the
    10,526 verdicts of a 1M graph, 0.04 s without (measured side by side, one process)."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    try:
        names = _FIELDS[kind]
    except KeyError:
        names = _FIELDS[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    if names is not None:
        out = {}
        for name in names:
            item = getattr(value, name)
            out[name] = item if type(item) in _LEAVES else plain(item)
        return out
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
