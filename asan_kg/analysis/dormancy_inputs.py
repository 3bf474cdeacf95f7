"""What the dormancy verdicts read from the store, by aggregate queries: no row per activity.

The engine counts each partnership's exchanges in every window and finds its last one
(``dormancy-windows``), counts what each reported city total itemizes (``reported-itemized``),
and lists the itemized activities only for the window the verdicts show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asan_kg.analysis import evidence
from asan_kg.analysis.evidence import Activity, Date, Window
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.store.terms import to_date


@dataclass(frozen=True)
class Inputs:
    """What the verdicts read whatever the window, fetched once: no row per activity."""

    rows: list[dict[str, Any]]
    reported_by_city: dict[str, list[evidence.ReportedCount]]
    inside: dict[tuple[str, Date, Date], int]
    assertions: dict[str, list[dict[str, Any]]]
    covered: Window | None


@dataclass(frozen=True)
class Tallies:
    """The engine's aggregates per partnership (``dormancy-windows``): exchanges in each window
    (by the window's first day), the last exchange and, per city partnership it belongs to, the
    exchanges that do not also serve that one (``own-records``; absent where there are none)."""

    counts: dict[str, dict[Date, int]]
    last: dict[str, tuple[Date, str, str]]
    own: dict[tuple[str, str], int]


def read(store: Store, lang: str) -> Inputs:
    """The partnerships, reported city totals with what they itemize, assertions and coverage."""
    assertions: dict[str, list[dict[str, Any]]] = {}
    for asserted in querying.run(store, "asserted-states", lang=lang).dicts():
        assertions.setdefault(str(asserted["partnership"]), []).append(asserted)
    inside = {}
    for row in querying.run(store, "reported-itemized").records():
        start, end = to_date(row["from"]), to_date(row["to"])
        if start is not None and end is not None:
            inside[(str(row["key"]), start, end)] = int(str(row["itemized"]))
    return Inputs(
        querying.run(store, "dormancy-partnerships", lang=lang).records(),
        dict(evidence.group_reported(evidence.reported_counts(store), "city")),
        inside,
        assertions,
        evidence.coverage(store),
    )


def tallies(store: Store, lang: str, as_of: Date, windows: list[Window]) -> Tallies:
    """One aggregate query for every window (they share their end) and the last exchange."""
    starts = sorted({w.start for w in windows})
    params = {"asof": as_of.isoformat(), **{f"from{i}": d.isoformat() for i, d in enumerate(starts, 1)}}
    if windows:
        params["to"] = windows[0].end.isoformat()
    counts: dict[str, dict[Date, int]] = {}
    last: dict[str, tuple[Date, str, str]] = {}
    own: dict[tuple[str, str], int] = {}
    for row in querying.run(store, "dormancy-windows", params, lang).records():
        iri = str(row["partnership"])
        counts[iri] = {d: int(str(row[f"window{i}"])) for i, d in enumerate(starts, 1)}
        if row["last"]:
            day, activity, label = str(row["last"]).split(" ", 2)
            found = (to_date(day) or as_of, activity, label or activity)
            last[iri] = max(last.get(iri, found), found)
    for row in querying.run(store, "own-records").records():
        own[(str(row["partnership"]), str(row["part_of"]))] = int(str(row["own_records"]))
    return Tallies(counts, last, own)


def itemized(store: Store, lang: str, window: Window | None) -> dict[str, list[Activity]]:
    """The itemized activities overlapping ``window``, per partnership, in date order."""
    out: dict[str, list[Activity]] = {}
    if window is None:
        return out
    for a in evidence.activities(store, lang, window):
        for p in a.partnerships:
            out.setdefault(p, []).append(a)
    return out


@dataclass(frozen=True)
class Found:
    """The window's own evidence: the engine's tallies and the itemized activities inside it."""

    tallies: Tallies
    itemized: dict[str, list[Activity]]
