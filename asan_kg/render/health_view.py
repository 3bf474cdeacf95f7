"""Partnership health for people: the scorecard (HTML with sparklines, Markdown), the report
section, and review dossiers (self-contained HTML and Markdown, Korean first then English)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from asan_kg import __version__
from asan_kg.analysis.health import INDICATORS, HealthReport, Indicator, TieHealth
from asan_kg.analysis.reviews import Dossier
from asan_kg.core.markdown import markdown_cell, markdown_table
from asan_kg.render import timeline
from asan_kg.render.i18n import LANGS, Lang, t
from asan_kg.render.jinja import environment
from asan_kg.render.wording import GRADE_MARK, fmt

SCORE_COLUMNS = (
    "recency",
    "intensity",
    "regularity",
    "longest-gap",
    "trend",
    "reciprocity",
    "breadth",
    "depth",
)


def explain(ind: Indicator, lang: Lang) -> str:
    """One line on what a value rests on: its grade, a missing value's reason, and its detail."""
    parts = [t("hl_grade_" + ind.grade, lang)]
    if ind.reason:
        parts.append(t("hl_reason_" + ind.reason, lang))
    if ind.note:
        parts.append(t("hl_note_" + ind.note, lang))
    d = ind.detail
    if ind.code == "longest-gap" and "start" in d:
        parts.append(t("hl_gap_span", lang, start=d["start"], end=d["end"]))
    elif ind.code == "reciprocity" and "inbound" in d:
        parts.append(t("hl_reciprocity_detail", lang, **d))
    elif ind.code == "breadth" and "fields" in d:
        names = [f"{d['field_labels'].get(k, k)} {n}" for k, n in list(d["fields"].items())[:4]]
        parts.append(t("hl_fields_top", lang, fields=", ".join(names)))
    elif ind.code == "actor-dependence" and "actor" in d:
        parts.append(t("hl_dependence_detail", lang, actor=d["actor_label"], n=d["exchanges"], of=d["of"]))
    return " · ".join(parts)


def _cell(ind: Indicator, lang: Lang) -> Markup:
    tip = explain(ind, lang)
    return Markup('<td class="grade-{g}" title="{tip}">{v} <span class="grade">{m}</span></td>').format(
        g=ind.grade.replace("+", "-"), tip=tip, v=fmt(ind), m=GRADE_MARK[ind.grade]
    )


def _years(report: HealthReport) -> tuple[int, int]:
    first = report.coverage.start.year if report.coverage else report.as_of.year
    return first, report.as_of.year


def scorecard_html(report: HealthReport, lang: Lang) -> Markup:
    first, last = _years(report)
    head = "".join(f"<th>{escape(t('hl_ind_' + c, lang))}</th>" for c in SCORE_COLUMNS)
    rows = []
    for tie in report.ties:
        spark = timeline.sparkline(tie.years, first, last, t("hl_h_years", lang) + f" {first}–{last}")
        cells = "".join(_cell(tie.indicators[c], lang) for c in SCORE_COLUMNS)
        rows.append(
            Markup('<tr data-tie="{iri}"><td>{label}</td><td>{spark}</td>{cells}</tr>').format(
                iri=tie.partnership, label=tie.label, spark=spark, cells=Markup(cells)
            )
        )
    return Markup(
        '<table class="scorecard" id="health"><thead><tr><th>{tie}</th><th>{years}</th>{head}</tr></thead>'
        "<tbody>{rows}</tbody></table>"
    ).format(
        tie=t("hl_h_tie", lang), years=t("hl_h_years", lang), head=Markup(head), rows=Markup("".join(rows))
    )


def scorecard_markdown(report: HealthReport, lang: Lang) -> str:
    columns = [t("hl_h_tie", lang), *(t("hl_ind_" + c, lang) for c in SCORE_COLUMNS)]
    rows = [
        [
            tie.label,
            *(f"{fmt(tie.indicators[c])} {GRADE_MARK[tie.indicators[c].grade]}" for c in SCORE_COLUMNS),
        ]
        for tie in report.ties
    ]
    return markdown_table(columns, rows)


def section_html(report: HealthReport, lang: Lang) -> Markup:
    """The report's health section: a scorecard with sparklines, then the timelines."""
    end = report.coverage.end if report.coverage else report.as_of
    return Markup('<h2 id="health-title">{title}</h2><p class="muted">{intro}</p>{card}{tl}').format(
        title=t("hl_title", lang),
        intro=t("hl_intro", lang, as_of=report.as_of, end=end),
        card=scorecard_html(report, lang),
        tl=timeline.timeline(report, lang),
    )


def section_markdown(report: HealthReport, lang: Lang) -> str:
    end = report.coverage.end if report.coverage else report.as_of
    return f"## {t('hl_title', lang)}\n\n{t('hl_intro', lang, as_of=report.as_of, end=end)}\n\n" + (
        scorecard_markdown(report, lang)
    )


def _context(
    dossiers: dict[Lang, Dossier], reports: dict[Lang, HealthReport], threshold: float
) -> dict[str, Any]:
    parts = []
    for lang in LANGS:  # Korean first
        d, report = dossiers[lang], reports[lang]
        parts.append(
            {
                "lang": lang,
                "d": d,
                "report": report,
                "t": (lambda key, _lang=lang, **kw: t(key, _lang, **kw)),
                "timeline": timeline.timeline(report, lang, [d.tie], width=900, ids=f"tl-{lang}"),
                "rows": indicator_rows(d.tie, lang),
                "threshold": threshold,
            }
        )
    return {
        "parts": parts,
        "version": __version__,
        "md": markdown_cell,
        "decisions": ("continue", "re-establish", "suspend", "end"),
    }


def indicator_rows(tie: TieHealth, lang: Lang) -> list[tuple[str, str, str, list[str]]]:
    rows = []
    for code in INDICATORS:
        ind = tie.indicators[code]
        rows.append((t("hl_ind_" + code, lang), fmt(ind), explain(ind, lang), list(ind.rests_on)))
    return rows


def dossier_html(
    dossiers: dict[Lang, Dossier], reports: dict[Lang, HealthReport], threshold: float = 1.0
) -> str:
    return environment(False).get_template("review.html.j2").render(**_context(dossiers, reports, threshold))


def dossier_markdown(
    dossiers: dict[Lang, Dossier], reports: dict[Lang, HealthReport], threshold: float = 1.0
) -> str:
    return environment(True).get_template("review.md.j2").render(**_context(dossiers, reports, threshold))


def indicator_table(tie: TieHealth, lang: Lang) -> Markup:
    """One tie's indicators as an HTML table: name, value, what it means, what it rests on."""
    cells = [
        Markup("<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            name, value, meaning, "; ".join(rests)
        )
        for name, value, meaning, rests in indicator_rows(tie, lang)
    ]
    return Markup('<table class="indicators">') + Markup("").join(cells) + Markup("</table>")
