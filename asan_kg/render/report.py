"""The report a team brings to a meeting: figures, charts, dormancy with evidence,
concentration with what it means, and the source's own findings next to what the data says.

Everything here is computed from query results and the analyses; templates only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from asan_kg import __version__
from asan_kg.analysis import concentration, dormancy
from asan_kg.core.files import atomic_write_text
from asan_kg.render import html_network, svg
from asan_kg.render.i18n import Lang, t
from asan_kg.render.view import build_view
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.vocab.namespaces import compact


@dataclass
class Comparison:
    """One statement of the source next to what the data now says."""

    kind: str  # finding | recommendation
    label: str
    source_text: str
    section: str
    data_says: list[str] = field(default_factory=list)


@dataclass
class Report:
    lang: Lang
    title: str
    generated: str
    summary: dict[str, str]
    charts: dict[str, Markup]
    chart_tables: dict[str, list[tuple[str, str, str]]]
    dormancy: dormancy.DormancyReport
    concentrations: dict[str, concentration.Concentration]
    comparisons: list[Comparison]
    readings: list[tuple[str, str, str]]
    health_html: Markup = field(default_factory=Markup)  # scorecard and timelines (render/health_view.py)
    health_md: str = ""


def _pct(x: float) -> str:
    return f"{x:.1%}"


def _shares(result: concentration.Concentration) -> dict[str, float]:
    return {g.key: g.share for g in result.exchanges.groups}


def _compare(
    store: Store,
    lang: Lang,
    verdicts: dict[str, dormancy.Verdict],
    conc: dict[str, concentration.Concentration],
) -> list[Comparison]:
    """Pair each finding and recommendation with what the data says about its subjects."""
    rows = querying.run(store, "findings", lang=lang).dicts()
    subjects: dict[str, list[str]] = {}
    for row in querying.run(store, "report-subjects").dicts():
        subjects.setdefault(str(row["finding"]), []).append(str(row["subject"]))
    labels = {str(r["node"]): str(r["label"]) for r in querying.run(store, "labels", lang=lang).dicts()}
    shares = {by: _shares(c) for by, c in conc.items()}
    out = []
    for row in rows:
        iri = str(row["finding"])
        said: list[str] = []
        for subject in subjects.get(iri, []):
            name = labels.get(subject, compact(subject))
            if subject in verdicts:
                v = verdicts[subject]
                said.append(
                    t(
                        "cmp_status",
                        lang,
                        name=name,
                        status=t("status_" + v.status, lang),
                        last=v.last_activity or "—",
                        expected=f"{v.expected_in_window:g}",
                    )
                )
                if v.status in ("dormant", "low"):
                    others = sorted(
                        x.partnership_label
                        for x in verdicts.values()
                        if x.status == v.status and x.partnership != subject
                    )
                    if others:
                        said.append(
                            t(
                                "cmp_others",
                                lang,
                                status=t("status_" + v.status, lang),
                                names=", ".join(others),
                            )
                        )
            for by in ("country", "region", "field"):
                if (
                    subject in shares[by]
                    or (by == "region" and "/world-regions/" in subject)
                    or (by == "field" and "/exchange-fields/" in subject)
                ):
                    share = shares[by].get(subject, 0.0)
                    result = conc[by]
                    said.append(
                        t("cmp_share", lang, name=name, share=_pct(share), start=result.from_, end=result.to)
                    )
                    break
        if row["share"] is not None:
            said.append(t("cmp_asserted", lang, share=_pct(float(str(row["share"])))))
        kind = "recommendation" if str(row["kind"]).endswith("Recommendation") else "finding"
        out.append(
            Comparison(
                kind,
                str(row["finding_label"] or iri),
                str(row["source_text"]),
                f"{row['section_label']} (l. {row['first_line']}–{row['last_line']})",
                said or [t("cmp_none", lang)],
            )
        )
    return out


def build_report(store: Store, lang: Lang = "en") -> Report:
    """Compute everything the report shows."""
    dorm = dormancy.assess(store, lang=lang)
    conc = {by: concentration.analyse(store, by, lang=lang) for by in ("country", "region", "city", "field")}
    verdicts = {v.partnership: v for v in dorm.verdicts}
    counts = querying.run(store, "graph-summary").dicts()[0]
    years = [
        (str(r["year"]), int(str(r["exchanges"]))) for r in querying.run(store, "exchanges-by-year").dicts()
    ]
    period = f"{conc['country'].from_} – {conc['country'].to}"
    charts: dict[str, Markup] = {}
    tables: dict[str, list[tuple[str, str, str]]] = {}
    for by, color in (("field", "#6a1b9a"), ("city", "#1565c0"), ("country", "#c62828")):
        groups = conc[by].exchanges.groups
        rows = [(g.label, g.count, f"{g.count:g} ({_pct(g.share)})") for g in groups]
        charts[by] = svg.bar_chart(
            t("chart_" + by, lang, period=period), rows, color=color, note=t("chart_basis", lang)
        )
        tables[by] = [(g.label, f"{g.count:g}", _pct(g.share)) for g in groups]
    charts["year"] = svg.bar_chart(
        t("chart_year", lang),
        [(y, float(n), str(n)) for y, n in years],
        color="#2e7d32",
        note=t("chart_itemized", lang),
    )
    tables["year"] = [(y, str(n), "") for y, n in years]
    china = next((g for g in conc["country"].exchanges.groups if g.key.endswith("/place/cn")), None)
    summary = {
        t("sum_partners", lang): f"{counts['sister_cities']} + {counts['friendship_cities']}",
        t("sum_agreements", lang): str(counts["partnerships"]),
        t("sum_countries", lang): str(counts["countries"]),
        t("sum_activities", lang): str(counts["activities"]),
        t("sum_dormant", lang): str(len(dorm.by_status("dormant"))),
        t("sum_top_country", lang): (f"{china.label} {_pct(china.share)}" if china else "—"),
    }
    readings = [
        (str(r["reading_label"]), str(r["source_text"]), str(r["comment"]))
        for r in querying.run(store, "readings", lang=lang).dicts()
    ]
    from asan_kg.analysis import health
    from asan_kg.render import health_view

    health_report = health.assess(store, lang=lang)
    return Report(
        lang,
        t("report_title", lang),
        dt.date.today().isoformat(),
        summary,
        charts,
        tables,
        dorm,
        conc,
        _compare(store, lang, verdicts, conc),
        readings,
        health_view.section_html(health_report, lang),
        health_view.section_markdown(health_report, lang),
    )


def render_html(report: Report) -> str:
    template = html_network.environment().get_template("report.html.j2")
    return template.render(
        r=report, t=lambda key, **kw: t(key, report.lang, **kw), version=__version__, pct=_pct
    )


def render_markdown(report: Report) -> str:
    template = html_network.environment(markdown=True).get_template("report.md.j2")
    return template.render(
        r=report, t=lambda key, **kw: t(key, report.lang, **kw), version=__version__, pct=_pct, md=_md
    )


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def write(
    store: Store, out: Path, lang: Lang = "en", include: tuple[str, ...] = ("orgs", "people")
) -> list[Path]:
    """Write report.html, report.md and network.html into ``out`` (each atomically)."""
    report = build_report(store, lang)
    network_html = html_network.render(build_view(store, lang=lang, include=include))
    files = {
        out / "report.html": render_html(report),
        out / "report.md": render_markdown(report),
        out / "network.html": network_html,
    }
    for path, text in files.items():
        atomic_write_text(path, text)
    return list(files)
