"""Where the exchange is concentrated: counts, shares, Herfindahl-Hirschman index, effective number.

Counts reconcile the two kinds of evidence (see :mod:`asan_kg.analysis.evidence`) in whole
numbers: where the source reports a total for a key over a period that lies inside the window,
that total is the count and itemized activities inside it are not added again; elsewhere
itemized activities are counted. A reported total whose period only partly overlaps the window
is not split into fractions: it is left out and listed (``partial``). City totals roll up to
countries and world regions. Each group names the basis of its count; ``basis`` of a
distribution is a code (``exchanges``, ``partnerships``, ``partnerships-per-field``) that the
render layer words.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from asan_kg.analysis import evidence
from asan_kg.analysis.evidence import Date, Window
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.store.values import to_date
from asan_kg.vocab.prefixes import local_name
from asan_kg.vocab.terms import CITY_KINDS

DIMENSIONS = ("country", "region", "city", "field", "type")


@dataclass(frozen=True)
class Part:
    """What one base key (a city, a field) contributes to a group: whole counts."""

    key: str
    label: str
    itemized: int
    reported: int  # the reported totals used (their itemized activities are not added again)
    periods: tuple[tuple[str, str], ...] = ()  # the periods of those totals

    def as_dict(self) -> dict[str, Any]:
        return evidence.plain(self)  # type: ignore[no-any-return]


@dataclass
class Group:
    key: str
    label: str
    count: int
    share: float
    basis: str
    detail: list[Part] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return evidence.plain(self)  # type: ignore[no-any-return]


@dataclass
class Distribution:
    """One distribution over groups with its concentration indices."""

    total: int
    hhi: float
    effective_number: float
    top_share: float
    groups: list[Group]
    basis: str
    partial: list[Part] = field(default_factory=list)  # totals only partly inside the window

    def as_dict(self) -> dict[str, Any]:
        return evidence.plain(self)  # type: ignore[no-any-return]


@dataclass
class Concentration:
    by: str
    from_: Date
    to: Date
    exchanges: Distribution
    partnerships: Distribution

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract: ``by``, ``from``, ``to``, ``total``, ``hhi``, ``effective_number``,
        ``groups`` (for exchanges), plus ``top_share`` and the same over ``partnerships``."""
        ex = self.exchanges.as_dict()
        return {
            "by": self.by,
            "from": self.from_.isoformat(),
            "to": self.to.isoformat(),
            **{
                k: ex[k]
                for k in ("total", "hhi", "effective_number", "top_share", "basis", "groups", "partial")
            },
            "partnerships": self.partnerships.as_dict(),
        }


def indices(counts: dict[str, int]) -> tuple[int, float, float, float]:
    """(total, HHI in 0-1, effective number 1/HHI, top share) of a distribution."""
    total = sum(counts.values())
    if total <= 0:
        return 0, 0.0, 0.0, 0.0
    shares = [c / total for c in counts.values()]
    hhi = sum(s * s for s in shares)
    return total, hhi, 1 / hhi, max(shares)


def _distribution(
    counts: dict[str, int],
    basis: dict[str, str],
    detail: dict[str, list[Part]],
    note: str,
    partial: list[Part] | None = None,
) -> Distribution:
    total, hhi, effective, top = indices(counts)
    groups = [
        Group(k, k, c, round(c / total, 4) if total else 0.0, basis.get(k, "itemized"), detail.get(k, []))
        for k, c in counts.items()
        if c > 0
    ]
    groups.sort(key=lambda g: (-g.count, g.key))
    return Distribution(total, round(hhi, 4), round(effective, 2), round(top, 4), groups, note, partial or [])


def _default_period(store: Store, reported: list[evidence.ReportedCount]) -> Window:
    periods = {c.period for c in reported}
    if len(periods) == 1:
        return next(iter(periods))
    rows = querying.run(store, "activity-span").records()
    first, last = (to_date(rows[0]["first"]), to_date(rows[0]["last"])) if rows else (None, None)
    if first is None or last is None:
        today = dt.date.today()
        return Window(today, today)
    return Window(first, last)


def analyse(
    store: Store, by: str = "country", from_: Date | None = None, to: Date | None = None, lang: str = "en"
) -> Concentration:
    """Concentration of exchanges and of partnerships by ``by`` over [from_, to].

    Without dates, the period is the one the source's summary tables cover, or else the span
    of the itemized activities.
    """
    if by not in DIMENSIONS:
        raise evidence.WindowError(f"--by must be one of {', '.join(DIMENSIONS)}, not {by!r}")
    reported = evidence.reported_counts(store)
    if from_ is None or to is None:
        default = _default_period(store, reported)
        from_, to = from_ or default.start, to or default.end
    window = Window(from_, to)
    if window.end < window.start:
        raise evidence.WindowError(f"the period ends ({window.end}) before it starts ({window.start})")
    exchanges, partnerships = querying.parallel(  # two independent sets of queries, at once
        store, [lambda: _exchanges(store, by, window, reported), lambda: _partnerships(store, by, window)]
    )
    shown = {g.key for g in exchanges.groups} | {g.key for g in partnerships.groups}
    shown |= {p.key for g in exchanges.groups for p in g.detail} | {p.key for p in exchanges.partial}
    labels = querying.labels(store, lang, shown)
    for dist in (exchanges, partnerships):
        _label(dist, labels)
    return Concentration(by, window.start, window.end, exchanges, partnerships)


def _label(dist: Distribution, labels: dict[str, str]) -> None:
    """Labels for the groups and parts shown, read once for all of them (key where none)."""
    for g in dist.groups:
        g.label = labels.get(g.key, g.key)
        g.detail = [replace(p, label=labels.get(p.key, p.key)) for p in g.detail]
    dist.partial = [replace(p, label=labels.get(p.key, p.key)) for p in dist.partial]


_BASE_QUERY = {"city": "concentration-cities", "field": "concentration-fields", "type": "concentration-types"}


Places = dict[str, tuple[str, str]]  # city -> (country, world region)


def _itemized(store: Store, base_dim: str, window: Window) -> tuple[dict[str, int], Places]:
    """Itemized exchanges per base key (a city, a field or a type) overlapping the window and not
    inside a reported total that lies wholly in it: counted by the engine, one row per key; for
    cities also each one's country and region (``concentration-cities``)."""
    params = {"from": window.start.isoformat(), "to": window.end.isoformat()}
    rows = querying.run(store, _BASE_QUERY[base_dim], params).records()
    counts = {str(r["key"]): int(str(r["itemized"])) for r in rows if r["key"] is not None}
    places = {str(r["key"]): (str(r["country"]), str(r["region"] or "")) for r in rows if r.get("country")}
    return counts, places


def _places_of(store: Store, cities: list[str]) -> Places:
    """The country and region of ``cities`` (``key-places``, for them only where nameable)."""
    if all(querying.writable_iri(c) for c in cities):
        rows = [r for table in querying.run_for(store, "key-places", "city", cities) for r in table.records()]
    else:  # a blank node cannot be named in a query: every city's
        rows = querying.run(store, "key-places").records()
    return {str(r["city"]): (str(r["country"]), str(r["region"] or "")) for r in rows}


def _count_key(
    key: str, itemized: int, totals: list[evidence.ReportedCount], window: Window
) -> tuple[Part, list[Part]]:
    """Whole counts for one key: reported totals wholly inside the window, plus the itemized
    activities outside those totals' periods; totals that only partly overlap the window are
    returned separately, never split. Labels come later, for what is shown."""
    used = [t for t in totals if window.start <= t.period.start and t.period.end <= window.end]
    partial = [
        Part(key, key, 0, t.count, ((t.period.start.isoformat(), t.period.end.isoformat()),))
        for t in totals
        if t not in used and window.overlap_days(t.period)
    ]
    periods = tuple((t.period.start.isoformat(), t.period.end.isoformat()) for t in used)
    return Part(key, key, itemized, sum(t.count for t in used), periods), partial


def _exchanges(store: Store, by: str, window: Window, reported: list[evidence.ReportedCount]) -> Distribution:
    """Exchanges by group: cities rolled up to countries or regions where ``by`` asks."""
    base_dim = "field" if by == "field" else ("type" if by == "type" else "city")
    itemized, places = _itemized(store, base_dim, window)
    totals = evidence.group_reported(reported, base_dim) if base_dim in ("city", "field") else {}
    if base_dim == "city" and by != "city" and (others := sorted(set(totals) - set(itemized))):
        places = {**_places_of(store, others), **places}  # cities with reported totals only

    def roll(city: str) -> str:
        if by == "city":
            return city
        country, region = places.get(city, ("", ""))
        return country if by == "country" else region

    counts: dict[str, int] = defaultdict(int)
    basis: dict[str, set[str]] = defaultdict(set)
    detail: dict[str, list[Part]] = defaultdict(list)
    partial: list[Part] = []
    for key in sorted(set(itemized) | set(totals)):
        part, left_out = _count_key(key, itemized.get(key, 0), totals.get(key, []), window)
        partial += left_out
        if part.itemized + part.reported == 0:
            continue
        group = roll(key) if base_dim == "city" else key
        counts[group] += part.itemized + part.reported
        basis[group].add(evidence.basis_of(part.itemized, part.reported))
        detail[group].append(part)
    merged_basis = {g: "+".join(sorted({p for b in bs for p in b.split("+")})) for g, bs in basis.items()}
    return _distribution(dict(counts), merged_basis, dict(detail), "exchanges", partial)


def _partnerships(store: Store, by: str, window: Window) -> Distribution:
    """City-level ties signed by the period's end, by group (once per focus field for fields):
    counted by the engine (``concentration-partnerships``) for the kinds that are city-level."""
    kinds = [str(k) for (k,) in querying.run(store, "partnership-kinds").values()]
    city_kinds = sorted(k for k in kinds if local_name(k) in CITY_KINDS)
    params = {"to": window.end.isoformat(), "by": by}
    p_counts: dict[str, int] = {}
    # Kinds are IRIs (a blank node has no name to match): each can be named in a VALUES block.
    if city_kinds and all(querying.writable_iri(k) for k in city_kinds):
        for table in querying.run_for(store, "concentration-partnerships", "kind", city_kinds, params):
            p_counts.update((str(key), int(str(n))) for key, n in table.values())
    basis = {k: "partnerships" for k in p_counts}
    code = "partnerships-per-field" if by == "field" else "partnerships"
    return _distribution(p_counts, basis, {}, code)
