"""Which partnerships have gone quiet: a verdict per partnership, with the evidence it rests on.

Statuses, for a window of N months ending on the as-of date (by default the end of the period
the sources cover, not the latest date any fact mentions):
``new`` signed inside the window; ``dormant`` no evidence of exchange in the window; ``low``
fewer exchanges than the threshold rate (default 1 a year); ``active`` otherwise; ``unknown``
where the window lies wholly outside what the sources cover. Months past the end of coverage
are never counted as silence.

Every verdict carries its *grade* — what it rests on: ``dated`` (itemized exchanges with
dates), ``undated`` (only reported totals without dates: "probably active"), ``recorded_zero``
(a source records no exchange), or ``nothing`` (no source says anything) — whole counts, and
its status under 12-, 24- and 36-month windows, so a reader sees which verdicts are robust.
Sectoral agreements that belong to a city partnership are assessed with it unless they have a
record of their own. Returns data only: wording happens in :mod:`asan_kg.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from asan_kg.analysis import dormancy_inputs, evidence
from asan_kg.analysis.dormancy_inputs import ByCity, Found, Inputs, ItemizedEvidence, Tallies, Tie
from asan_kg.analysis.evidence import Date, ReportedUse, Window
from asan_kg.core.collector import paused
from asan_kg.sparql.querying import Store
from asan_kg.vocab.prefixes import local_name

SENSITIVITY_MONTHS = (12, 24, 36)
# What each state a source asserts means for our verdict.
ASSERTED_MEANS = {
    "suspended": ("dormant",),
    "stalled": ("dormant",),
    "sluggish": ("dormant", "low"),
    "active": ("active", "new"),
    "expanded": ("active", "new"),
    "increased": ("active", "new"),
}


@dataclass(frozen=True)
class ReportedEvidence:
    """A reported total overlapping the window: whole numbers, with the period they cover."""

    count: int
    start: str
    end: str
    itemized_inside: int
    unitemized: int


@dataclass(frozen=True)
class Assertion:
    """What the source asserts about the tie, and whether the verdict agrees."""

    state: str
    state_label: str
    since: str | None
    finding: str
    quote: str | None
    agrees: bool | None


@dataclass(frozen=True)
class Nested:
    """An agreement assessed together with the city partnership it belongs to."""

    partnership: str
    label: str
    kind: str
    signed_on: str | None


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
    grade: str  # dated | undated | recorded_zero | nothing
    evidence: str  # itemized | reported | itemized+reported | none
    last_activity: str | None
    last_activity_label: str | None
    itemized_in_window: int
    itemized: list[ItemizedEvidence] = field(default_factory=list)
    reported: list[ReportedEvidence] = field(default_factory=list)
    signed_in_window: bool = False
    days_beyond_coverage: int = 0
    sensitivity: dict[str, str] = field(default_factory=dict)
    part_of: str | None = None
    includes: list[Nested] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)

    @property
    def agrees_with_source(self) -> bool | None:
        known = [a.agrees for a in self.assertions if a.agrees is not None]
        return all(known) if known else None

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract: every field in order, then ``agrees_with_source``."""
        out: dict[str, Any] = evidence.plain(self)
        out["agrees_with_source"] = self.agrees_with_source
        return out


def as_dicts(verdicts: list[Verdict]) -> list[dict[str, Any]]:
    """The JSON contract of many verdicts (``Verdict.as_dict`` each), built with the garbage
    collector paused (``core.collector``): the mappings hold no cycle, and its passes over them
    cost twice the building itself at 5M triples."""
    with paused:
        return [v.as_dict() for v in verdicts]


@dataclass
class DormancyReport:
    as_of: Date
    window: Window
    window_months: int
    threshold_per_year: float
    covered: Window | None
    verdicts: list[Verdict]

    def by_status(self, status: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == status]


def _status(
    window: Window, signed: Date | None, itemized: int, uses: list[ReportedUse], threshold: float
) -> str:
    """The status for one window; ``window`` is already clipped to coverage."""
    if signed is not None and window.contains(signed):
        return "new"
    expected = itemized + sum(use.estimate_in(window) for use in uses) if uses else itemized
    if expected == 0:
        return "dormant"
    return "low" if expected / window.years < threshold else "active"


def _grade(itemized: int, uses: list[ReportedUse]) -> str:
    if itemized:
        return "dated"
    if any(use.unitemized > 0 for use in uses):
        return "undated"
    return "recorded_zero" if uses else "nothing"


def _clip(window: Window, covered: Window | None) -> Window | None:
    """The part of ``window`` the sources cover (None if none of it)."""
    if covered is None:
        return window
    start, end = max(window.start, covered.start), min(window.end, covered.end)
    return Window(start, end) if start <= end else None


def _uses(inputs: Inputs, found: Found, tie: Tie, window: Window, by_city: ByCity) -> list[ReportedUse]:
    """The reported totals a city tie's verdict rests on in ``window``: the source's city totals
    count every exchange with the city, whichever tie it served (``by_city``: those overlapping
    ``window``, ``Totals.totals_in``)."""
    if not tie.city:
        return []
    totals = by_city.get(tie.partner)
    if not totals:
        return []
    covered_until = inputs.covered.end if inputs.covered else None
    return evidence.reported_uses(found.tallies.inside, totals, window, tie.signed, covered_until)


def _assertions(rows: list[dict[str, Any]], status: str) -> list[Assertion]:
    out = []
    for row in rows:
        state = local_name(str(row["state"]))
        means = ASSERTED_MEANS.get(state)
        out.append(
            Assertion(
                state=state,
                state_label=str(row["state_label"] or state),
                since=str(row["since"]) if row["since"] is not None else None,
                finding=str(row["finding"]),
                quote=str(row["quote"]) if row["quote"] is not None else None,
                agrees=None if means is None else status in means,
            )
        )
    return out


def _verdict(
    inputs: Inputs, tie: Tie, window: Window, counted: Window | None, threshold: float, found: Found
) -> Verdict:
    """The verdict on one tie; ``counted`` is ``window`` clipped to coverage."""
    iri, signed = tie.iri, tie.signed
    mine = found.itemized.get(iri, ()) if counted else ()
    uses = _uses(inputs, found, tie, counted, found.totals.totals_in(counted)) if counted else []
    status = _status(counted, signed, len(mine), uses, threshold) if counted else "unknown"
    last = found.tallies.last.get(iri)
    assertions = inputs.assertions.get(iri)
    return Verdict(
        partnership=iri,
        partnership_label=tie.label,
        partner=tie.partner,
        partner_label=tie.partner_label,
        kind=tie.kind,
        kind_label=tie.kind_label,
        signed_on=signed.isoformat() if signed else None,
        status=status,
        grade=_grade(len(mine), uses),
        evidence=evidence.basis(len(mine), uses),
        last_activity=last[0].isoformat() if last else None,
        last_activity_label=last[2] if last else None,
        itemized_in_window=len(mine),
        itemized=list(mine),
        reported=[
            ReportedEvidence(
                u.count, u.period.start.isoformat(), u.period.end.isoformat(), u.itemized_inside, u.unitemized
            )
            for u in uses
        ],
        signed_in_window=signed is not None and counted is not None and counted.contains(signed),
        days_beyond_coverage=max((window.end - inputs.covered.end).days, 0) if inputs.covered else 0,
        part_of=tie.part_of,
        assertions=_assertions(assertions, status) if assertions else [],
    )


def _sensitivity(
    inputs: Inputs, found: Found, verdicts: list[Verdict], counted: dict[int, Window | None], threshold: float
) -> dict[int, dict[str, str]]:
    """Per other window (the sensitivity columns; ``counted`` already clipped to coverage) the
    status alone of each tie, from the engine's counts: the reported totals of the window are
    looked up once per window, not once per tie."""
    out: dict[int, dict[str, str]] = {}
    ties = {tie.iri: tie for tie in inputs.ties}
    for months, window in counted.items():
        if window is None:
            out[months] = {v.partnership: "unknown" for v in verdicts}
            continue
        counts = found.tallies.counts.get(window.start, {})
        by_city = found.totals.totals_in(window)
        statuses = out[months] = {}
        for v in verdicts:
            tie = ties[v.partnership]
            uses = _uses(inputs, found, tie, window, by_city) if by_city else []
            statuses[tie.iri] = _status(window, tie.signed, counts.get(tie.iri, 0), uses, threshold)
    return out


def _nest(tallies: Tallies, verdicts: list[Verdict]) -> list[Verdict]:
    """Agreements that belong to a city partnership and have no record of their own (an
    activity that does not also serve that partnership, such as the visit it was signed on)
    are assessed with it: listed under it, not as ties of their own."""
    by_iri = {v.partnership: v for v in verdicts}
    kept = []
    for v in verdicts:
        parent = by_iri.get(v.part_of or "")
        if parent is not None and not tallies.own.get((v.partnership, v.part_of or ""), 0):
            parent.includes.append(Nested(v.partnership, v.partnership_label, v.kind, v.signed_on))
            continue
        kept.append(v)
    return kept


def sensitivity_windows(as_of: Date, months: list[int], covered: Window | None) -> dict[int, Window | None]:
    """Each window of ``months`` months ending on ``as_of``, clipped to coverage (None where the
    sources cover none of it): the windows the verdicts count in."""
    return {m: _clip(Window(evidence.months_before(as_of, m), as_of), covered) for m in months}


def assess(
    store: Store,
    as_of: Date | None = None,
    window_months: int = 24,
    threshold_per_year: float = 1.0,
    lang: str = "en",
) -> DormancyReport:
    """A verdict for every partnership (city and organization level) as of a date, with its
    status under the other standard windows (sensitivity)."""
    if window_months < 1:
        raise evidence.WindowError("--window-months must be at least 1")
    if threshold_per_year < 0:
        raise evidence.WindowError("--threshold cannot be negative")
    with paused:  # the verdicts hold no cycle (``core.collector``): 6 % of the 1M report
        return _assess_all(store, as_of, window_months, threshold_per_year, lang)


def _assess_all(
    store: Store, as_of: Date | None, window_months: int, threshold_per_year: float, lang: str
) -> DormancyReport:
    covered = evidence.coverage(store)
    if as_of is None:
        as_of = covered.end if covered else evidence.uncovered_as_of(store)
    window = Window(evidence.months_before(as_of, window_months), as_of)
    months = sorted({*SENSITIVITY_MONTHS, window_months})
    counted = sensitivity_windows(as_of, months, covered)
    windows = [w for w in counted.values() if w is not None]
    inputs, found = dormancy_inputs.read_and_find(
        store, lang, covered, as_of, windows, counted[window_months]
    )
    _require_partnerships(inputs)
    report = _assess(inputs, found, window, threshold_per_year, window_months)
    others = {m: w for m, w in counted.items() if m != window_months}  # the window asked: the report itself
    statuses = _sensitivity(inputs, found, report.verdicts, others, threshold_per_year)
    for v in report.verdicts:
        v.sensitivity = {str(m): statuses[m][v.partnership] if m in statuses else v.status for m in months}
    return report


def assess_window(
    store: Store,
    window: Window,
    threshold_per_year: float = 1.0,
    lang: str = "en",
    window_months: int = 0,
    partnerships: frozenset[str] | None = None,
    inputs: Inputs | None = None,
) -> DormancyReport:
    """Verdicts for an explicit window (the network view's period); as-of is its last day. With
    ``partnerships`` (ties that have a verdict of their own, ``kept_ties``), the verdicts on those
    only, each as in the whole report: a page draws a few of a national graph's ties. ``inputs``:
    ``dormancy_inputs.read`` of the same store and language where read already."""
    if threshold_per_year < 0:
        raise evidence.WindowError("--threshold cannot be negative")
    inputs = inputs if inputs is not None else dormancy_inputs.read(store, lang)
    _require_partnerships(inputs)
    wanted = None
    if partnerships is not None:  # and the agreements that may be assessed with them
        wanted = partnerships | {t.iri for t in inputs.ties if t.part_of in partnerships}
        inputs = replace(inputs, ties=[t for t in inputs.ties if t.iri in wanted])
    counted = _clip(window, inputs.covered)
    with paused:
        found = dormancy_inputs.found(store, lang, window.end, [counted] if counted else [], counted, wanted)
        report = _assess(inputs, found, window, threshold_per_year, window_months)
    if partnerships is not None:
        report.verdicts = [v for v in report.verdicts if v.partnership in partnerships]
    return report


def kept_ties(store: Store, lang: str = "en", inputs: Inputs | None = None) -> list[Tie]:
    """The partnerships that get a verdict of their own (not assessed with the city partnership
    they belong to, ``_nest``), without assessing them: what a page needs to place its ties
    before it knows which it draws (``inputs`` as in ``assess_window``)."""
    inputs = inputs if inputs is not None else dormancy_inputs.read(store, lang)
    _require_partnerships(inputs)
    own = dormancy_inputs.own_records(store)
    known = {tie.iri for tie in inputs.ties}
    return [
        tie
        for tie in inputs.ties
        if tie.part_of is None or tie.part_of not in known or own.get((tie.iri, tie.part_of), 0)
    ]


def _require_partnerships(inputs: Inputs) -> None:
    """An empty graph (a wrong --graph, an empty folder) must not pass a gate as 'nothing dormant'."""
    if not inputs.ties:
        raise evidence.NoDataError(
            "the graph holds no partnerships to assess; check --data, or --endpoint and --graph"
        )


def _assess(
    inputs: Inputs, found: Found, window: Window, threshold: float, window_months: int
) -> DormancyReport:
    counted = _clip(window, inputs.covered)
    verdicts = _nest(
        found.tallies, [_verdict(inputs, tie, window, counted, threshold, found) for tie in inputs.ties]
    )
    order = {s: i for i, s in enumerate(("dormant", "low", "unknown", "new", "active"))}
    grades = {g: i for i, g in enumerate(("nothing", "recorded_zero", "undated", "dated"))}
    verdicts.sort(key=lambda v: (order[v.status], grades[v.grade], v.itemized_in_window, v.partnership))
    return DormancyReport(window.end, window, window_months, threshold, inputs.covered, verdicts)
