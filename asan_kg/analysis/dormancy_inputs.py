"""What the dormancy verdicts read from the store, by aggregate queries: no row per activity.

In one pass the engine counts each partnership's exchanges in every window, lists those of the
window the verdicts show and finds its last one, each with its label (``dormancy-windows``); it
counts what the reported city totals that overlap the windows itemize (``reported-itemized``,
only where one does). Each row is converted once, to the plain values the verdicts copy.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from asan_kg.analysis import evidence
from asan_kg.analysis.evidence import Date, Window
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.store.values import to_date
from asan_kg.vocab.prefixes import local_name
from asan_kg.vocab.terms import CITY_KINDS


@dataclass(frozen=True, slots=True)
class Tie:
    """One partnership as the verdicts show it (a row of ``dormancy-partnerships``), read once:
    labels fall back to the IRI (the kind's to its last part)."""

    iri: str
    label: str
    partner: str
    partner_label: str
    kind: str
    kind_label: str
    signed: Date | None
    part_of: str | None
    city: bool  # a city-level tie: the source's city totals count its exchanges


ByCity = dict[str, list[evidence.ReportedCount]]


@dataclass(frozen=True)
class Inputs:
    """What the verdicts read whatever the window, fetched once: no row per activity."""

    ties: list[Tie]
    assertions: dict[str, list[dict[str, Any]]]
    covered: Window | None


@dataclass(frozen=True)
class Totals:
    """The reported city totals whose period overlaps the windows, by city (read for them)."""

    reported_by_city: ByCity
    overlapping: dict[tuple[Date, Date], ByCity] = field(default_factory=dict)

    def totals_in(self, window: Window) -> ByCity:
        """The reported city totals whose period overlaps ``window``, by city (filtered once per
        window, not once per tie; keyed by its dates, whose hash is cheaper than the Window's)."""
        key = (window.start, window.end)
        found = self.overlapping.get(key)
        if found is None:
            found = self.overlapping[key] = {
                city: kept
                for city, totals in self.reported_by_city.items()
                if (kept := [t for t in totals if window.overlap_days(t.period)])
            }
        return found


@dataclass(frozen=True, slots=True)
class ItemizedEvidence:
    """A dated exchange inside the window."""

    iri: str
    label: str
    start: str


@dataclass(frozen=True)
class Tallies:
    """The engine's aggregates per partnership (``dormancy-windows``): exchanges in each window
    (by the window's first day, then partnership), the last exchange, per city partnership it
    belongs to the exchanges that do not also serve that one (``own-records``; absent where there
    are none), and the itemized exchanges each reported city total's period is known to include
    (``reported-itemized``, by key, start and end of the period)."""

    counts: dict[Date, dict[str, int]]
    last: dict[str, tuple[Date, str, str]]
    own: dict[tuple[str, str], int]
    inside: dict[tuple[str, Date, Date], int]


def _tie(row: tuple[Any, ...]) -> Tie:
    iri, label, kind, kind_label, partner, partner_label, signed_on, part_of = row
    kind_name = local_name(kind)
    return Tie(
        str(iri),
        str(label or iri),
        str(partner),
        str(partner_label or partner),
        kind_name,
        str(kind_label or kind_name),
        to_date(signed_on),
        None if part_of is None else str(part_of),
        kind_name in CITY_KINDS,
    )


def read(store: Store, lang: str) -> Inputs:
    """The partnerships, assertions and coverage."""
    asserted, partnerships = querying.run_all(store, _tie_calls(lang))
    return _inputs(asserted, partnerships, evidence.coverage(store))


def _tie_calls(lang: str) -> list[querying.Call]:
    return [("asserted-states", None, lang), ("dormancy-partnerships", None, lang)]


def _inputs(asserted: querying.ResultTable, table: querying.ResultTable, covered: Window | None) -> Inputs:
    assertions: dict[str, list[dict[str, Any]]] = {}
    for row in asserted.text_records():
        assertions.setdefault(str(row["partnership"]), []).append(row)
    order = ("partnership", "partnership_label", "kind", "kind_label", "partner", "partner_label")
    columns = [table.variables.index(v) for v in (*order, "signed_on", "part_of")]
    ties = [_tie(tuple(row[i] for i in columns)) for row in table.values()]
    return Inputs(ties, assertions, covered)


@dataclass(frozen=True)
class _Asked:
    """What the window aggregate is asked: its windows' first days (the shown one first), its
    parameters, and the span of all windows (None without a window)."""

    starts: list[Date]
    params: dict[str, str]
    span: Window | None
    shown: bool

    @classmethod
    def of(cls, as_of: Date, windows: list[Window], shown: Window | None) -> _Asked:
        starts = sorted({w.start for w in windows} - ({shown.start} if shown else set()))
        starts = [shown.start, *starts] if shown else starts
        params = {"asof": as_of.isoformat(), **{f"from{i}": d.isoformat() for i, d in enumerate(starts, 1)}}
        if windows:
            params["to"] = windows[0].end.isoformat()
        span = Window(min(w.start for w in windows), max(w.end for w in windows)) if windows else None
        return cls(starts, params, span, shown is not None)

    def side_calls(self) -> list[querying.Call]:
        """``own-records``, and the reported totals overlapping the windows where there are any."""
        return [("own-records", None, None), *([evidence.reported_call(self.span)] if self.span else [])]


def found(
    store: Store,
    lang: str,
    as_of: Date,
    windows: list[Window],
    shown: Window | None,
    partnerships: Collection[str] | None = None,
) -> Found:
    """One aggregate query for every window (they share their end; the one shown first, its
    exchanges listed) and the last exchange, with their labels; for ``partnerships`` only where
    given (a page's drawn ties); the reported city totals overlapping the windows."""
    asked = _Asked.of(as_of, windows, shown)
    tables = _windows(store, asked.params, lang, partnerships)
    return _found(store, asked, as_of, tables, querying.run_all(store, asked.side_calls()))


def read_and_find(
    store: Store, lang: str, covered: Window | None, as_of: Date, windows: list[Window], shown: Window | None
) -> tuple[Inputs, Found]:
    """``read`` and ``found`` for every partnership, their queries asked at once (``run_all``:
    the window aggregate beside the partnerships' labels)."""
    asked = _Asked.of(as_of, windows, shown)
    calls = [*_tie_calls(lang), ("dormancy-windows", asked.params, lang), *asked.side_calls()]
    asserted, partnerships, window_table, *side = querying.run_all(store, calls)
    return _inputs(asserted, partnerships, covered), _found(store, asked, as_of, [window_table], side)


def _found(
    store: Store,
    asked: _Asked,
    as_of: Date,
    tables: list[querying.ResultTable],
    side: list[querying.ResultTable],
) -> Found:
    """The tallies from the window aggregate's ``tables`` and the ``side_calls`` answers."""
    counts: dict[Date, dict[str, int]] = {d: {} for d in asked.starts}
    last: dict[str, tuple[Date, str, str]] = {}
    itemized: dict[str, list[ItemizedEvidence]] = {}
    for table in tables:
        _tally(table, asked.starts, asked.shown, as_of, (counts, last, itemized))
    own = _own(side[0])
    totals = Totals(
        dict(evidence.group_reported(evidence.reported_from(side[1]), "city")) if len(side) > 1 else {}
    )
    span = asked.span
    inside = _inside(store, span) if span and totals.reported_by_city else {}  # else nothing to reconcile
    return Found(Tallies(counts, last, own, inside), itemized, totals)


def _windows(
    store: Store, params: dict[str, str], lang: str, partnerships: Collection[str] | None
) -> list[querying.ResultTable]:
    """``dormancy-windows``, for ``partnerships`` only where given and nameable in a query."""
    wanted = None if partnerships is None else sorted(partnerships)
    if wanted is None or not all(querying.writable_iri(p) for p in wanted):
        return [querying.run(store, "dormancy-windows", params, lang)]
    return list(querying.run_for(store, "dormancy-windows", "partnership", wanted, params, lang))


Last = dict[str, tuple[Date, str, str]]
Counted = tuple[dict[Date, dict[str, int]], Last, dict[str, list[ItemizedEvidence]]]


def _tally(table: querying.ResultTable, starts: list[Date], shown: bool, as_of: Date, into: Counted) -> None:
    """One ``dormancy-windows`` answer into counts per window, last exchange and those listed:
    the last is "date IRI label", a listed one "date IRI .label" (percent-encoded); the IRI
    stands for a missing label, and of several labels in the language the greatest is kept."""
    counts, last, listed = into
    names = ("partnership", "last", "items", *(f"window{i}" for i in range(1, 1 + len(starts))))
    at = [table.variables.index(v) for v in names]
    windows = [(counts[d], i) for i, d in enumerate(starts, 3)]
    for row in table.values():
        iri = str(row[at[0]])
        for counted, i in windows:
            counted[iri] = int(row[at[i]])  # type: ignore[arg-type]
        if row[at[1]]:
            day, activity, label = str(row[at[1]]).split(" ", 2)
            last[iri] = (to_date(day) or as_of, activity, label or activity)
        if shown and row[at[2]]:
            listed[iri] = _listed(str(row[at[2]]), as_of)


def _listed(items: str, as_of: Date) -> list[ItemizedEvidence]:
    """The exchanges of a ``dormancy-windows`` list, by date then IRI."""
    words = items.split()
    kept: dict[str, tuple[str, str]] = {}
    for day, activity, encoded in zip(words[::3], words[1::3], words[2::3], strict=True):
        label = unquote(encoded[1:])
        if activity not in kept or label > kept[activity][1]:
            kept[activity] = (day, label)
    dated = sorted((to_date(day) or as_of, a, label) for a, (day, label) in kept.items())
    return [ItemizedEvidence(a, label or a, day.isoformat()) for day, a, label in dated]


def own_records(store: Store) -> dict[tuple[str, str], int]:
    """Per agreement and the city partnership it belongs to, its exchanges that do not also
    serve that partnership (``own-records``: few rows, read whole)."""
    return _own(querying.run(store, "own-records"))


def _own(table: querying.ResultTable) -> dict[tuple[str, str], int]:
    return {
        (str(row["partnership"]), str(row["part_of"])): int(str(row["own_records"]))
        for row in table.records()
    }


def _inside(store: Store, span: Window) -> dict[tuple[str, Date, Date], int]:
    """What the reported city totals overlapping ``span`` itemize (read only where one does)."""
    inside: dict[tuple[str, Date, Date], int] = {}
    params = {"after": span.start.isoformat(), "before": span.end.isoformat()}
    for key, first, final, itemized in querying.run(store, "reported-itemized", params).values():
        start, end = to_date(first), to_date(final)
        if start is not None and end is not None:
            inside[(str(key), start, end)] = int(str(itemized))
    return inside


@dataclass(frozen=True)
class Found:
    """The window's own evidence: the engine's tallies and the itemized activities inside it."""

    tallies: Tallies
    itemized: dict[str, list[ItemizedEvidence]]
    totals: Totals
