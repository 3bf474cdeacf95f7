"""What the home page and the partnership pages show, computed from the store.

Verdicts are read through a few stable fields only (``status``, ``partnership``,
``partner_label``, ``last_activity``, ``evidence``); any further detail is shown when it can be
turned into text, and ignored otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from asan_kg.analysis import concentration, dormancy, evidence
from asan_kg.desk.i18n import t
from asan_kg.render import wording
from asan_kg.render.i18n import Lang
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.vocab.prefixes import local_name


@dataclass
class Row:
    """One partnership on the home page."""

    slug: str
    iri: str
    label: str
    partner_label: str
    status: str
    status_label: str
    basis: str
    basis_label: str
    last_activity: str
    details: list[str] = field(default_factory=list)


@dataclass
class Home:
    as_of: str
    months: int
    rows: list[Row]
    concentration: list[str]


@dataclass
class Exchange:
    iri: str
    label: str
    start: str
    end: str
    types: str = ""
    direction: str = ""
    field: str = ""


@dataclass
class Partnership:
    row: Row
    agreement: list[tuple[str, str]]
    exchanges: list[Exchange]
    extras: list[tuple[str, Markup]]


def _labels(store: Store, lang: Lang) -> dict[str, dict[str, Any]]:
    return {str(r["partnership"]): r for r in querying.run(store, "partners", lang=lang).dicts()}


def home(store: Store, lang: Lang) -> Home:
    report = dormancy.assess(store, lang=lang)
    labels = _labels(store, lang)
    rows = []
    for verdict in report.verdicts:
        iri = str(verdict.partnership)
        basis = str(verdict.evidence)
        label = labels.get(iri, {}).get("partnership_label")
        rows.append(
            Row(
                slug=local_name(iri),
                iri=iri,
                label=str(label or verdict.partner_label),
                partner_label=str(verdict.partner_label),
                status=str(verdict.status),
                status_label=wording.status_text(verdict, lang),
                basis=basis,
                basis_label=wording.basis_text(basis, lang),
                last_activity=str(verdict.last_activity or "—"),
                details=wording.evidence_lines(verdict, report, lang),
            )
        )
    order = {"dormant": 0, "low": 1, "unknown": 2, "new": 3, "active": 4}
    rows.sort(key=lambda r: order.get(r.status, 9))
    return Home(str(report.as_of), report.window_months, rows, headline(store, lang))


def headline(store: Store, lang: Lang) -> list[str]:
    result = concentration.analyse(store, "country", lang=lang)
    ex = result.exchanges
    top = ex.groups[0] if ex.groups else None
    lines = [t("conc_total", lang, total=f"{ex.total:g}", start=result.from_, end=result.to)]
    if top is not None:
        lines.append(t("conc_top", lang, label=top.label, share=f"{top.share:.1%}"))
    lines.append(t("conc_hhi", lang, hhi=f"{ex.hhi:.3f}", eff=f"{ex.effective_number:.2f}"))
    return lines


def partnership(store: Store, lang: Lang, found: Row) -> Partnership:
    """The page of one partnership (a row of the home page)."""
    info = _labels(store, lang).get(found.iri, {})
    agreement = [
        (t(key, lang), str(info.get(col) or "—"))
        for key, col in (
            ("kind", "kind_label"),
            ("h_partner", "partner_label"),
            ("country", "country_label"),
            ("region", "region_label"),
            ("signed_on", "signed_on"),
            ("focus_fields", "focus_fields"),
        )
    ]
    timeline = {str(r["activity"]): r for r in querying.run(store, "timeline", lang=lang).dicts()}
    exchanges = []
    for act in evidence.activities(store, lang):
        if found.iri not in act.partnerships:
            continue
        extra = timeline.get(act.iri, {})
        exchanges.append(
            Exchange(
                act.iri,
                act.label,
                act.start.isoformat(),
                act.end.isoformat(),
                str(extra.get("types") or ""),
                str(extra.get("direction_label") or ""),
                str(extra.get("field_label") or ""),
            )
        )
    return Partnership(found, agreement, exchanges, optional_views(store, lang, found.iri))


def optional_views(store: Store, lang: Lang, iri: str) -> list[tuple[str, Markup]]:
    """The tie's timeline and health indicators (``analysis.health``, ``render.timeline``)."""
    from asan_kg.analysis import health
    from asan_kg.render import health_view, timeline

    report = health.assess(store, lang=lang)
    try:
        tie = report.tie(iri)
    except KeyError:
        return []
    return [
        (t("timeline", lang), timeline.timeline(report, lang, [tie], ids="tl-" + local_name(iri))),
        (t("indicators", lang), health_view.indicator_table(tie, lang)),
    ]
