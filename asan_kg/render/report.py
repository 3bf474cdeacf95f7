"""The report a team brings to a meeting: figures, charts, dormancy with evidence,
concentration with what it means, and the source's own findings next to what the data says.

Everything here is computed from query results and the analyses; templates only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from asan_kg import __version__
from asan_kg.analysis import concentration, dormancy
from asan_kg.analysis.results import Results, Store
from asan_kg.core.files import atomic_write_text
from asan_kg.core.markdown import markdown_cell
from asan_kg.render import html_network, svg, wording
from asan_kg.render.i18n import Lang, t
from asan_kg.render.jinja import environment
from asan_kg.render.view import build_view
from asan_kg.vocab.prefixes import compact


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
    labels: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    health_html: Markup = field(default_factory=Markup)  # scorecard and timelines (render/health_view.py)
    health_md: str = ""


def _pct(x: float) -> str:
    return f"{x:.1%}"


def _shares(result: concentration.Concentration) -> dict[str, float]:
    return {g.key: g.share for g in result.exchanges.groups}


def _verdict_lines(subject: str, name: str, verdicts: dict[str, dormancy.Verdict], lang: Lang) -> list[str]:
    """What the verdict on a tie says, with the source's own assertion and the ties like it."""
    v = verdicts[subject]
    said = [
        t(
            "cmp_status",
            lang,
            name=name,
            status=wording.status_text(v, lang),
            last=v.last_activity or "—",
            expected=v.itemized_in_window,
        ),
        *wording.assertion_lines(v, lang),
    ]
    if v.status in ("dormant", "low"):
        others = sorted(
            x.partnership_label
            for x in verdicts.values()
            if x.status == v.status and x.partnership != subject
        )
        if others:
            status = t("status_" + v.status, lang)
            said.append(t("cmp_others", lang, status=status, names=", ".join(others)))
    return said


def _share_line(
    subject: str, name: str, conc: dict[str, concentration.Concentration], lang: Lang
) -> str | None:
    """The computed share of a country, region or field the source makes a claim about."""
    for by in ("country", "region", "field"):
        shares = _shares(conc[by])
        if (
            subject in shares
            or (by == "region" and "/world-regions/" in subject)
            or (by == "field" and "/exchange-fields/" in subject)
        ):
            result = conc[by]
            share = _pct(shares.get(subject, 0.0))
            return t("cmp_share", lang, name=name, share=share, start=result.from_, end=result.to)
    return None


def _compare(
    results: Results,
    lang: Lang,
    verdicts: dict[str, dormancy.Verdict],
    conc: dict[str, concentration.Concentration],
) -> list[Comparison]:
    """Pair each finding and recommendation with what the data says about its subjects."""
    subjects: dict[str, list[str]] = {}
    for row in results.rows("report-subjects"):
        subjects.setdefault(str(row["finding"]), []).append(str(row["subject"]))
    out = []
    for row in results.rows("findings", lang=True):
        iri = str(row["finding"])
        said: list[str] = []
        for subject in subjects.get(iri, []):
            name = results.labels.get(subject, compact(subject))
            if subject in verdicts:
                said += _verdict_lines(subject, name, verdicts, lang)
            share = _share_line(subject, name, conc, lang)
            if share is not None:
                said.append(share)
        if row["share"] is not None:
            said.append(t("cmp_asserted", lang, share=_pct(float(str(row["share"])))))
        kind = "recommendation" if str(row["kind"]).endswith("Recommendation") else "finding"
        section = f"{row['section_label']} (l. {row['first_line']}–{row['last_line']})"
        text = str(row["source_text"])
        out.append(
            Comparison(kind, str(row["finding_label"] or iri), text, section, said or [t("cmp_none", lang)])
        )
    return out


def build_report(source: Results | Store, lang: Lang = "en") -> Report:
    """Compute everything the report shows."""
    results = Results.of(source, lang)
    dorm = results.dormancy()
    conc = {by: results.concentration(by) for by in ("country", "region", "city", "field")}
    verdicts = {v.partnership: v for v in dorm.verdicts}
    counts = results.rows("graph-summary")[0]
    years = [(str(r["year"]), int(str(r["exchanges"]))) for r in results.rows("exchanges-by-year")]
    period = f"{conc['country'].from_} – {conc['country'].to}"
    charts: dict[str, Markup] = {}
    tables: dict[str, list[tuple[str, str, str]]] = {}
    for by, color in (("field", "#6a1b9a"), ("city", "#1565c0"), ("country", "#c62828")):
        groups = conc[by].exchanges.groups
        rows = [(g.label, float(g.count), f"{g.count} ({_pct(g.share)})") for g in groups]
        charts[by] = svg.bar_chart(
            t("chart_" + by, lang, period=period), rows, color=color, note=t("chart_basis", lang)
        )
        tables[by] = [(g.label, str(g.count), _pct(g.share)) for g in groups]
    charts["year"] = svg.bar_chart(
        t("chart_year", lang),
        [(y, float(n), str(n)) for y, n in years],
        color="#2e7d32",
        note=t("chart_itemized", lang),
    )
    tables["year"] = [(y, str(n), "") for y, n in years]
    top = conc["country"].exchanges.groups[0] if conc["country"].exchanges.groups else None
    summary = {
        t("sum_partners", lang): f"{counts['sister_cities']} + {counts['friendship_cities']}",
        t("sum_agreements", lang): str(counts["partnerships"]),
        t("sum_countries", lang): str(counts["countries"]),
        t("sum_activities", lang): str(counts["activities"]),
        t("sum_dormant", lang): str(len(dorm.by_status("dormant"))),
        t("sum_top_country", lang): (f"{top.label} {_pct(top.share)}" if top else "—"),
    }
    readings = [
        (str(r["reading_label"]), str(r["source_text"]), str(r["comment"]))
        for r in results.rows("readings", lang=True)
    ]
    from asan_kg.render import health_view

    health_report = results.health()
    return Report(
        lang,
        t("report_title", lang, home=results.home[1]),
        dt.date.today().isoformat(),
        summary,
        charts,
        tables,
        dorm,
        conc,
        _compare(results, lang, verdicts, conc),
        readings,
        results.labels,
        results.sources,
        health_view.section_html(health_report, lang),
        health_view.section_markdown(health_report, lang),
    )


class _Words:
    """What templates call to word a verdict (see ``render.wording``), in the report's language."""

    def __init__(self, report: Report, labels: dict[str, str]) -> None:
        self.report, self.lang, self.labels = report, report.lang, labels

    def status(self, v: dormancy.Verdict) -> str:
        return wording.status_text(v, self.lang)

    def evidence(self, v: dormancy.Verdict) -> list[str]:
        return wording.evidence_lines(v, self.report.dormancy, self.lang)

    def windows(self, v: dormancy.Verdict) -> str:
        return wording.sensitivity_text(v, self.lang)

    def asserted(self, v: dormancy.Verdict) -> str:
        return wording.asserted_cell(v, self.lang)

    def basis(self, code: str) -> str:
        return wording.basis_text(code, self.lang)

    def label(self, iri: str) -> str:
        return self.labels.get(iri, compact(iri))


def render_html(report: Report) -> str:
    template = environment().get_template("report.html.j2")
    return template.render(
        r=report,
        t=lambda key, **kw: t(key, report.lang, **kw),
        version=__version__,
        pct=_pct,
        w=_Words(report, report.labels),
    )


def render_markdown(report: Report) -> str:
    template = environment(markdown=True).get_template("report.md.j2")
    return template.render(
        r=report,
        t=lambda key, **kw: t(key, report.lang, **kw),
        version=__version__,
        pct=_pct,
        md=markdown_cell,
        w=_Words(report, report.labels),
    )


def write(
    source: Results | Store, out: Path, lang: Lang = "en", include: tuple[str, ...] = ("orgs", "people")
) -> list[Path]:
    """Write report.html, report.md and network.html into ``out`` (each atomically)."""
    results = Results.of(source, lang)
    report = build_report(results, lang)
    network_html = html_network.render(build_view(results, lang=lang, include=include))
    files = {
        out / "report.html": render_html(report),
        out / "report.md": render_markdown(report),
        out / "network.html": network_html,
    }
    for path, text in files.items():
        atomic_write_text(path, text)
    return list(files)
