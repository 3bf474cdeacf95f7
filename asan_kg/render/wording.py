"""The one place where analysis results become words, in Korean or English, so a verdict reads
the same in a terminal table, a report, a network tooltip and a page; JSON keeps the codes.

May import ``asan_kg.analysis`` (its result types) and ``render.i18n``; never the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asan_kg.render.i18n import Lang, t

if TYPE_CHECKING:  # annotations only: importing the network analysis would load networkx (0.1 s)
    from asan_kg.analysis.concentration import Distribution
    from asan_kg.analysis.dormancy import DormancyReport, Verdict
    from asan_kg.analysis.health import Indicator
    from asan_kg.analysis.network import Metrics
    from asan_kg.analysis.suggest import Suggestion


#: How much a health indicator rests on: dated exchanges, reported totals, both, or nothing.
GRADE_MARK = {"dated": "●", "dated+reported": "◐", "reported": "○", "none": "–"}


def fmt(ind: Indicator) -> str:
    """The value as a person reads it: shares in per cent, days whole, rates with two decimals."""
    if ind.value is None:
        return "—"
    if ind.unit in ("share",):
        return f"{ind.value:.0%}"
    if ind.unit in ("days", "count"):
        return f"{ind.value:.0f}"
    if ind.code == "trend":
        return f"{ind.value:+.2f}"
    return f"{ind.value:.2f}" if ind.unit != "per-year" or ind.value < 100 else f"{ind.value:.0f}"


def status_text(v: Verdict, lang: Lang) -> str:
    """The verdict with what it rests on: "probably active (rests on undated reported totals)"."""
    grade = t("grade_" + v.grade, lang)
    if v.grade == "undated" and v.status in ("active", "low"):
        return t("verdict_probably" if v.status == "active" else "verdict_probably_low", lang, grade=grade)
    if v.status in ("new", "unknown"):
        return t("status_" + v.status, lang)
    return t("verdict_graded", lang, status=t("status_" + v.status, lang), grade=grade)


def basis_text(code: str, lang: Lang) -> str:
    return "+".join(t("basis_" + part, lang) for part in code.split("+")) if code else ""


def sensitivity_text(v: Verdict, lang: Lang) -> str:
    """ "12 mo: dormant · 24 mo: dormant · 36 mo: low"."""
    return " · ".join(
        f"{t('months_short', lang, n=months)}: {t('status_' + status, lang)}"
        for months, status in sorted(v.sensitivity.items(), key=lambda kv: int(kv[0]))
    )


def assertion_lines(v: Verdict, lang: Lang) -> list[str]:
    lines = []
    for a in v.assertions:
        agrees = {True: "asserted_agrees", False: "asserted_disagrees", None: "asserted_unknown"}[a.agrees]
        lines.append(
            t("asserted_line", lang, state=a.state_label, since=a.since or "?", agrees=t(agrees, lang))
        )
    return lines


def asserted_cell(v: Verdict, lang: Lang) -> str:
    """A short cell: each asserted state with ✓ (agrees), ✗ (disagrees) or ? (not comparable)."""
    marks = {True: "✓", False: "✗", None: "?"}
    return "; ".join(f"{a.state_label} ({a.since or '?'}) {marks[a.agrees]}" for a in v.assertions)


def evidence_lines(v: Verdict, report: DormancyReport, lang: Lang) -> list[str]:
    """Every piece of evidence behind a verdict, one line each, in whole numbers."""
    lines = []
    if v.signed_in_window:
        lines.append(t("ev_signed", lang, signed=v.signed_on))
    if v.itemized:
        items = ", ".join(f"{i.start} {i.label}" for i in v.itemized)
        lines.append(t("ev_itemized", lang, n=len(v.itemized), items=items))
    for r in v.reported:
        key = "ev_zero" if r.count == 0 else "ev_reported"
        lines.append(t(key, lang, count=r.count, start=r.start, end=r.end, inside=r.itemized_inside))
    if not v.itemized and not v.reported:
        lines.append(t("ev_none", lang, start=report.window.start, end=_counted_end(report)))
    if v.days_beyond_coverage and report.covered is not None:
        lines.append(t("ev_beyond", lang, days=v.days_beyond_coverage, end=report.covered.end))
    if v.includes:
        lines.append(t("ev_includes", lang, items=", ".join(n.label for n in v.includes)))
    if v.sensitivity:
        lines.append(t("ev_sensitivity", lang, items=sensitivity_text(v, lang)))
    return lines + assertion_lines(v, lang)


def _counted_end(report: DormancyReport) -> object:
    if report.covered is not None and report.covered.end < report.window.end:
        return report.covered.end
    return report.window.end


def partial_lines(dist: Distribution, lang: Lang) -> list[str]:
    """Reported totals left out because their period only partly overlaps the one asked for."""
    return [
        t("conc_partial", lang, label=p.label, count=p.reported, start=start, end=end)
        for p in dist.partial
        for start, end in p.periods
    ]


def distribution_basis(dist: Distribution, lang: Lang) -> str:
    return t("dist_" + dist.basis, lang)


def suggestion_reasons(s: Suggestion, lang: Lang) -> str:
    """Why a city is suggested: "twinned with 2 of your partners (Miskolc, Mwanza); …"."""
    reasons = []
    if s.common_partners:
        names = ", ".join(s.common_partners)
        reasons.append(t("why_common", lang, n=len(s.common_partners), names=names))
    if s.partners_in_home_country:
        reasons.append(t("why_compatriots", lang, n=s.partners_in_home_country, country=s.home_country))
    reasons.append(t("why_twins", lang, n=s.twins))
    return "; ".join(reasons)


def metrics_notes(m: Metrics, lang: Lang) -> list[str]:
    """What the network measures could not do exactly, said so."""
    return [t("net_note_" + note.code, lang, **note.values) for note in m.notes]
