"""Where the exchange is concentrated: counts, shares, Herfindahl-Hirschman index, effective number.

Counts reconcile the two kinds of evidence (see :mod:`asan_kg.analysis.evidence`): where the source
reports a total for a key and period, that total is the count and itemized activities inside it
are not added again; elsewhere itemized activities are counted. City totals roll up to countries
and world regions. Each group names the basis of its count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from asan_kg.analysis import evidence
from asan_kg.analysis.dormancy import CITY_KINDS
from asan_kg.analysis.evidence import Date, Window
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.vocab.namespaces import local_name

DIMENSIONS = ("country", "region", "city", "field", "type")


@dataclass
class Group:
    key: str
    label: str
    count: float
    share: float
    basis: str
    detail: list[str] = field(default_factory=list)


@dataclass
class Distribution:
    """One distribution over groups with its concentration indices."""

    total: float
    hhi: float
    effective_number: float
    top_share: float
    groups: list[Group]
    basis: str


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
        ex = asdict(self.exchanges)
        return {
            "by": self.by,
            "from": self.from_.isoformat(),
            "to": self.to.isoformat(),
            **{k: ex[k] for k in ("total", "hhi", "effective_number", "top_share", "basis", "groups")},
            "partnerships": asdict(self.partnerships),
        }


def indices(counts: dict[str, float]) -> tuple[float, float, float, float]:
    """(total, HHI in 0-1, effective number 1/HHI, top share) of a distribution."""
    total = sum(counts.values())
    if total <= 0:
        return 0.0, 0.0, 0.0, 0.0
    shares = [c / total for c in counts.values()]
    hhi = sum(s * s for s in shares)
    return total, hhi, 1 / hhi, max(shares)


def _distribution(
    counts: dict[str, float],
    basis: dict[str, str],
    detail: dict[str, list[str]],
    labels: dict[str, str],
    note: str,
) -> Distribution:
    total, hhi, effective, top = indices(counts)
    groups = [
        Group(
            k,
            labels.get(k, k),
            round(c, 2),
            round(c / total, 4) if total else 0.0,
            basis.get(k, "itemized"),
            detail.get(k, []),
        )
        for k, c in counts.items()
        if c > 0
    ]
    groups.sort(key=lambda g: (-g.count, g.key))
    return Distribution(round(total, 2), round(hhi, 4), round(effective, 2), round(top, 4), groups, note)


def _default_period(store: Store, reported: list[evidence.ReportedCount]) -> Window:
    periods = {c.period for c in reported}
    if len(periods) == 1:
        return next(iter(periods))
    acts = evidence.activities(store)
    if not acts:
        today = dt.date.today()
        return Window(today, today)
    return Window(min(a.start for a in acts), max(a.end for a in acts))


def analyse(
    store: Store, by: str = "country", from_: Date | None = None, to: Date | None = None, lang: str = "en"
) -> Concentration:
    """Concentration of exchanges and of partnerships by ``by`` over [from_, to].

    Without dates, the period is the one the source's summary tables cover (2012-2014 for
    Asan), or else the span of the itemized activities.
    """
    if by not in DIMENSIONS:
        raise ValueError(f"--by must be one of {', '.join(DIMENSIONS)}, not {by!r}")
    reported = evidence.reported_counts(store)
    if from_ is None or to is None:
        default = _default_period(store, reported)
        from_, to = from_ or default.start, to or default.end
    window = Window(from_, to)
    if window.end < window.start:
        raise ValueError(f"the period ends ({window.end}) before it starts ({window.start})")
    labels = {str(r["node"]): str(r["label"]) for r in querying.run(store, "labels", lang=lang).dicts()}
    places = {
        str(r["city"]): (str(r["country"]), str(r["region"] or ""))
        for r in querying.run(store, "key-places").dicts()
    }

    def roll(city: str) -> str:
        if by == "city":
            return city
        country, region = places.get(city, ("", ""))
        return country if by == "country" else region

    # Itemized activities: the base keys they count under (cities for place views).
    base_dim = "field" if by == "field" else ("type" if by == "type" else "city")
    spans: dict[str, list[tuple[Date, Date]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for row in querying.run(store, "activity-keys").dicts():
        term = row[base_dim]
        start, end = evidence.to_date(row["start"]), evidence.to_date(row["end"])
        if term is None or start is None or end is None or (str(row["activity"]), str(term)) in seen:
            continue
        seen.add((str(row["activity"]), str(term)))
        spans[str(term)].append((start, end))
    totals = evidence.group_reported(reported, base_dim) if base_dim in ("city", "field") else {}
    counts: dict[str, float] = defaultdict(float)
    basis: dict[str, set[str]] = defaultdict(set)
    detail: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(spans) | set(totals)):
        rec = evidence.reconcile(spans.get(key, []), totals.get(key, []), window, lang)
        if rec.count == 0:
            continue
        group = roll(key) if base_dim == "city" else key
        counts[group] += rec.count
        basis[group].add(rec.basis)
        detail[group] += [f"{labels.get(key, key)}: {rec.itemized} itemized"] + [
            f"{labels.get(key, key)}: {note}" for note in rec.reported
        ]
    merged_basis = {g: "+".join(sorted({p for b in bs for p in b.split("+")})) for g, bs in basis.items()}
    exchanges = _distribution(
        dict(counts),
        merged_basis,
        dict(detail),
        labels,
        "itemized activities, with the source's reported totals where it gives them",
    )

    # Partnerships: city-level ties in force during the period.
    p_counts: dict[str, float] = defaultdict(float)
    seen_p: set[tuple[str, str]] = set()
    for row in querying.run(store, "partnership-keys").dicts():
        if local_name(row["kind"]) not in CITY_KINDS:
            continue
        signed = evidence.to_date(row["signed_on"])
        if signed is not None and signed > window.end:
            continue
        city = str(row["city"])
        p_key = {
            "city": city,
            "country": str(row["country"] or ""),
            "region": str(row["region"] or ""),
            "field": str(row["field"] or ""),
            "type": str(row["kind"]),
        }[by]
        if p_key and (str(row["partnership"]), p_key) not in seen_p:
            seen_p.add((str(row["partnership"]), p_key))
            p_counts[p_key] += 1
    partnerships = _distribution(
        dict(p_counts),
        {k: "partnerships" for k in p_counts},
        {},
        labels,
        "city partnerships (sister and friendship cities) signed by the end of the period"
        + ("; a partnership counts once per focus field" if by == "field" else ""),
    )
    return Concentration(by, window.start, window.end, exchanges, partnerships)
