"""The indicators of partnership health, one function each, computed from a tie's exchanges.

Each returns an :class:`Indicator` with the value (or ``None`` and a data-gaps reason code), the
evidence grade, and the exchanges it rests on. See ``ontology/vocabularies/health-indicators.ttl``
for the definitions these functions implement.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from asan_kg.analysis.evidence import Window

Date = dt.date

INDICATORS = (
    "recency",
    "intensity",
    "participants-per-year",
    "regularity",
    "longest-gap",
    "trend",
    "reciprocity",
    "breadth",
    "depth",
    "civic-reach",
    "actor-dependence",
)
UNITS = {
    "recency": "days",
    "intensity": "per-year",
    "participants-per-year": "per-year",
    "regularity": "share",
    "longest-gap": "days",
    "trend": "per-year",
    "reciprocity": "ratio",
    "breadth": "count",
    "depth": "share",
    "civic-reach": "share",
    "actor-dependence": "share",
}
CIVIC_COUNT_KINDS = frozenset({"students", "companies", "tourists"})
PEOPLE_KINDS = ("persons", "students", "chaperones", "tourists")
MIN_EARLIER_DAYS = 90  # an earlier period shorter than this gives no trend


@dataclass(frozen=True)
class Exchange:
    iri: str
    label: str
    start: Date
    end: Date
    direction: str | None  # inbound | outbound | mutual
    field: str | None  # the statistics field (IRI), for colour
    field_label: str
    substantive: bool | None  # None: no type with a depth grouping


@dataclass(frozen=True)
class Reported:
    observation: str
    count: int
    period: Window
    itemized_inside: int

    @property
    def surplus(self) -> int:
        return max(self.count - self.itemized_inside, 0)


@dataclass
class Indicator:
    code: str  # local name of a health-indicators concept
    value: float | None
    grade: str  # dated | dated+reported | reported | none
    reason: str | None = None  # a data-gaps code where value is None
    note: str | None = None  # lower-bound | upper-bound | dated-only
    rests_on: tuple[str, ...] = ()
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        return UNITS[self.code]


def cell(text: str | None) -> str:
    """A text cell of a result row (``ResultTable.text_records``), "" where unbound."""
    return "" if text is None else text


def months_back(day: Date, months: int) -> Date:
    """The first day of a window of ``months`` months ending on ``day``."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return Date(year, month + 1, d) + dt.timedelta(days=1)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 always exists


def _missing(code: str, dated: bool, reported: bool, reason: str | None = None) -> Indicator:
    if reason is None:
        reason = "undated-totals-only" if reported else "nothing-recorded"
    grade = "dated" if dated else ("reported" if reported else "none")
    return Indicator(code, None, grade, reason)


def _iris(exchanges: Iterable[Exchange]) -> tuple[str, ...]:
    return tuple(e.iri for e in exchanges)


def _recency(ex: list[Exchange], as_of: Date, reported: bool) -> Indicator:
    if not ex:
        return _missing("recency", False, reported)
    last = max(ex, key=lambda e: (e.end, e.iri))
    days = max((as_of - last.end).days, 0)
    detail = {"last_exchange": last.iri, "last_end": last.end, "months": round(days / 30.4375, 1)}
    return Indicator("recency", float(days), "dated", rests_on=(last.iri,), detail=detail)


def _intensity(ex: list[Exchange], rep: list[Reported], period: Window) -> Indicator:
    share = sum(r.surplus * period.overlap_days(r.period) / r.period.days for r in rep)
    total = len(ex) + share
    grade = ("dated+reported" if share > 0 else "dated") if ex else ("reported" if share > 0 else "none")
    rests = _iris(ex) + tuple(r.observation for r in rep if r.surplus and period.overlap_days(r.period))
    detail = {"itemized": len(ex), "reported_surplus": round(share, 2), "years": round(period.years, 2)}
    return Indicator("intensity", round(total / period.years, 2), grade, rests_on=rests, detail=detail)


def _people(kinds: dict[str, int]) -> int:
    if "persons" in kinds:
        return kinds["persons"] + kinds.get("tourists", 0)
    return sum(kinds.get(k, 0) for k in PEOPLE_KINDS)


def _participants(
    ex: list[Exchange], counts: dict[str, dict[str, int]], period: Window, rep: bool
) -> Indicator:
    if not ex:
        return _missing("participants-per-year", False, rep)
    counted = [e for e in ex if any(k in counts.get(e.iri, {}) for k in PEOPLE_KINDS)]
    if not counted:
        return _missing("participants-per-year", True, rep, "no-participant-data")
    people = sum(_people(counts[e.iri]) for e in counted)
    note = "lower-bound" if len(counted) < len(ex) or rep else None
    detail = {"people": people, "exchanges_with_counts": len(counted), "exchanges": len(ex)}
    value = round(people / period.years, 1)
    return Indicator("participants-per-year", value, "dated", None, note, _iris(counted), detail)


def _regularity(ex: list[Exchange], period: Window, rep: bool) -> Indicator:
    if not ex:
        return _missing("regularity", False, rep)
    years = range(period.start.year, period.end.year + 1)
    active = sorted({e.start.year for e in ex if e.start.year in years})
    detail = {"years": len(years), "years_with_exchange": active}
    note = "lower-bound" if rep else None
    return Indicator("regularity", round(len(active) / len(years), 2), "dated", None, note, _iris(ex), detail)


def _longest_gap(ex: list[Exchange], period: Window, rep: bool) -> Indicator:
    if not ex:
        if rep:
            return _missing("longest-gap", False, True)
        detail: dict[str, Any] = {"start": period.start, "end": period.end}
        return Indicator("longest-gap", float(period.days - 1), "none", None, "nothing-recorded", (), detail)
    gaps: list[tuple[int, Date, Date, str | None, str | None]] = []
    cursor, before = period.start, None
    for e in ex:
        if e.start > cursor:
            gaps.append(((e.start - cursor).days, cursor, e.start, before, e.iri))
        if e.end >= cursor:
            cursor, before = e.end, e.iri
    if period.end > cursor:
        gaps.append(((period.end - cursor).days, cursor, period.end, before, None))
    if not gaps:
        return Indicator("longest-gap", 0.0, "dated", rests_on=_iris(ex))
    days, start, end, after_ex, before_ex = max(gaps, key=lambda g: (g[0], g[1]))
    rests = tuple(x for x in (after_ex, before_ex) if x)
    detail = {"start": start, "end": end, "after": after_ex, "before": before_ex}
    return Indicator("longest-gap", float(days), "dated", None, "upper-bound" if rep else None, rests, detail)


def _trend(ex: list[Exchange], period: Window, window_months: int, rep: bool) -> Indicator:
    if not ex:
        return _missing("trend", False, rep)
    recent = Window(max(period.start, months_back(period.end, window_months)), period.end)
    if (recent.start - period.start).days < MIN_EARLIER_DAYS:
        return _missing("trend", True, rep, "period-too-short")
    earlier = Window(period.start, recent.start - dt.timedelta(days=1))
    n_recent = sum(1 for e in ex if recent.start <= e.start <= recent.end)
    n_earlier = sum(1 for e in ex if earlier.start <= e.start <= earlier.end)
    r_rate, e_rate = n_recent / recent.years, n_earlier / earlier.years
    detail = {
        "recent_start": recent.start,
        "recent_per_year": round(r_rate, 2),
        "earlier_per_year": round(e_rate, 2),
        "recent": n_recent,
        "earlier": n_earlier,
    }
    note = "dated-only" if rep else None
    return Indicator("trend", round(r_rate - e_rate, 2), "dated", None, note, _iris(ex), detail)


def _reciprocity(ex: list[Exchange], counts: dict[str, dict[str, int]], rep: bool) -> Indicator:
    if not ex:
        return _missing("reciprocity", False, rep)
    directed = [e for e in ex if e.direction]
    if not directed:
        return _missing("reciprocity", True, rep, "no-direction-recorded")
    ins = [e for e in directed if e.direction in ("inbound", "mutual")]
    outs = [e for e in directed if e.direction in ("outbound", "mutual")]
    high = max(len(ins), len(outs))
    detail = {
        "inbound": len(ins),
        "outbound": len(outs),
        "mutual": sum(1 for e in directed if e.direction == "mutual"),
        "undirected": len(ex) - len(directed),
        "inbound_people": sum(_people(counts.get(e.iri, {})) for e in ins),
        "outbound_people": sum(_people(counts.get(e.iri, {})) for e in outs),
    }
    value = round(min(len(ins), len(outs)) / high, 2) if high else None
    return Indicator("reciprocity", value, "dated", rests_on=_iris(directed), detail=detail)


def _breadth(ex: list[Exchange], rows: list[dict[str, str | None]], rep: bool) -> Indicator:
    if not ex:
        return _missing("breadth", False, rep)
    fields = {str(r["field"]): int(cell(r["exchanges"])) for r in rows}
    if not fields:
        return _missing("breadth", True, rep, "no-field-recorded")
    size = max(int(cell(rows[0]["scheme_size"]) or 0), 2)
    total = sum(fields.values())
    shares = [n / total for n in fields.values()]
    shannon = -sum(p * math.log(p) for p in shares)
    detail = {
        "fields": dict(sorted(fields.items(), key=lambda kv: (-kv[1], kv[0]))),
        "field_labels": {str(r["field"]): cell(r["field_label"]) for r in rows},
        "shannon_evenness": abs(round(shannon / math.log(size), 3)),
        "simpson_diversity": round(1 - sum(p * p for p in shares), 3),
        "scheme_size": size,
    }
    return Indicator("breadth", float(len(fields)), "dated", rests_on=_iris(ex), detail=detail)


def _depth(ex: list[Exchange], rep: bool) -> Indicator:
    if not ex:
        return _missing("depth", False, rep)
    grouped = [e for e in ex if e.substantive is not None]
    if not grouped:
        return _missing("depth", True, rep, "no-type-recorded")
    deep = [e for e in grouped if e.substantive]
    detail = {
        "substantive": len(deep),
        "ceremonial": len(grouped) - len(deep),
        "substantive_exchanges": _iris(deep),
    }
    return Indicator(
        "depth", round(len(deep) / len(grouped), 2), "dated", rests_on=_iris(grouped), detail=detail
    )


def _civic(
    ex: list[Exchange], actors: list[dict[str, str | None]], counts: dict[str, dict[str, int]], rep: bool
) -> Indicator:
    if not ex:
        return _missing("civic-reach", False, rep)
    known = {str(a["exchange"]) for a in actors} | {e for e, kinds in counts.items() if kinds}
    known &= {e.iri for e in ex}
    if not known:
        return _missing("civic-reach", True, rep, "no-participant-data")
    civic_by: dict[str, list[str]] = {}
    for a in actors:
        if cell(a["non_governmental"]) == "true":
            civic_by.setdefault(str(a["exchange"]), []).append(str(a["actor"]))
    for iri, kinds in counts.items():
        for kind in sorted(CIVIC_COUNT_KINDS & set(kinds)):
            civic_by.setdefault(iri, []).append(kind)
    civic = sorted(e for e in known if e in civic_by)
    detail = {
        "civic": len(civic),
        "with_participant_data": len(known),
        "basis": {e: civic_by[e] for e in civic},
    }
    return Indicator(
        "civic-reach", round(len(civic) / len(known), 2), "dated", rests_on=tuple(civic), detail=detail
    )


def _dependence(ex: list[Exchange], actors: list[dict[str, str | None]], rep: bool) -> Indicator:
    if not ex:
        return _missing("actor-dependence", False, rep)
    served: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    in_period = {e.iri for e in ex}
    for a in actors:
        if str(a["exchange"]) in in_period:
            served.setdefault(str(a["actor"]), set()).add(str(a["exchange"]))
            labels[str(a["actor"])] = cell(a["actor_label"]) or str(a["actor"])
    if not served:
        return _missing("actor-dependence", True, rep, "no-actor-recorded")
    top = min(served, key=lambda k: (-len(served[k]), k))
    detail = {"actor": top, "actor_label": labels[top], "exchanges": len(served[top]), "of": len(ex)}
    value = round(len(served[top]) / len(ex), 2)
    return Indicator("actor-dependence", value, "dated", rests_on=tuple(sorted(served[top])), detail=detail)


def compute(
    ex: list[Exchange],
    rep: list[Reported],
    counts: dict[str, dict[str, int]],
    actors: list[dict[str, str | None]],
    fields: list[dict[str, str | None]],
    period: Window | None,
    as_of: Date,
    months: int,
) -> dict[str, Indicator]:
    if period is None:
        return {code: Indicator(code, None, "none", "nothing-recorded") for code in INDICATORS}
    has_rep = any(r.surplus and period.overlap_days(r.period) for r in rep)
    found = [
        _recency(ex, as_of, has_rep),
        _intensity(ex, rep, period),
        _participants(ex, counts, period, has_rep),
        _regularity(ex, period, has_rep),
        _longest_gap(ex, period, has_rep),
        _trend(ex, period, months, has_rep),
        _reciprocity(ex, counts, has_rep),
        _breadth(ex, fields, has_rep),
        _depth(ex, has_rep),
        _civic(ex, actors, counts, has_rep),
        _dependence(ex, actors, has_rep),
    ]
    return {i.code: i for i in found}
