"""Partnership timelines and sparklines as inline SVG: no script, no external resource, printable.

One lane per tie from its signing to the as-of date; each dated exchange a mark coloured by its
field and shaped by its direction (▲ outbound, ▼ inbound, ◆ mutual, ● not recorded); the
source's undated reported totals as shaded periods; stretches without any exchange longer than
the window as hatched dormant spells. Every text is XML-escaped; marks carry a <title> tooltip.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from markupsafe import Markup, escape

from asan_kg.analysis.health import HealthReport, TieHealth, Window
from asan_kg.render.i18n import Lang, t
from asan_kg.render.svg import FONT

PALETTE = {
    "economy": "#1565c0",
    "agriculture": "#2e7d32",
    "people-to-people": "#ef6c00",
    "education": "#6a1b9a",
    "culture-arts": "#c2185b",
    "tourism": "#00838f",
    "partnership": "#6d4c41",
    "benchmarking": "#827717",
    "medical": "#d32f2f",
    "other": "#546e7a",
}
LABEL_W, LANE_H, TOP, RIGHT = 230, 30, 44, 16


def field_colour(field_iri: str | None) -> str:
    if not field_iri:
        return "#90a4ae"
    key = field_iri.rsplit("/", 1)[-1]
    if key in PALETTE:
        return PALETTE[key]
    return "#" + hashlib.sha1(key.encode()).hexdigest()[:6]


def _shape(direction: str | None, x: float, y: float, colour: str) -> str:
    r = 6.5
    if direction == "outbound":
        pts = f"{x:.1f},{y - r:.1f} {x - r:.1f},{y + r * 0.8:.1f} {x + r:.1f},{y + r * 0.8:.1f}"
    elif direction == "inbound":
        pts = f"{x:.1f},{y + r:.1f} {x - r:.1f},{y - r * 0.8:.1f} {x + r:.1f},{y - r * 0.8:.1f}"
    elif direction == "mutual":
        pts = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    else:
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r - 1:.1f}" fill="{colour}" '
            'stroke="#fff" stroke-width="1"/>'
        )
    return f'<polygon points="{pts}" fill="{colour}" stroke="#fff" stroke-width="1"/>'


def dormant_spells(tie: TieHealth, min_days: int) -> list[Window]:
    """Stretches of the observed period without any dated exchange, longer than ``min_days``.
    A tie known only from undated reported totals has none (when it was quiet is unknown)."""
    period = tie.observed
    if period is None:
        return []
    if not tie.exchanges:
        return [] if any(r.surplus for r in tie.reported) else [period]
    spells, cursor = [], period.start
    for e in tie.exchanges:
        if (e.start - cursor).days > min_days:
            spells.append(Window(cursor, e.start))
        cursor = max(cursor, e.end)
    if (period.end - cursor).days > min_days:
        spells.append(Window(cursor, period.end))
    return spells


def _lane_name(tie: TieHealth) -> str:
    name = " · ".join(x for x in (tie.partner_label, tie.kind_label) if x) or tie.label
    return name if len(name) <= 24 else name[:23] + "…"


def _text_width(text: str, size: float = 11) -> float:
    return sum(size if ord(c) > 0x2E80 else size * 0.6 for c in text)


class _Scale:
    def __init__(self, start: dt.date, end: dt.date, width: int) -> None:
        self.start, self.end = start, end
        self.span = max((end - start).days, 1)
        self.width = width - LABEL_W - RIGHT

    def x(self, day: dt.date) -> float:
        day = min(max(day, self.start), self.end)
        return LABEL_W + self.width * (day - self.start).days / self.span


def _axis(scale: _Scale, height: int) -> list[str]:
    parts = []
    for year in range(scale.start.year, scale.end.year + 2):
        day = dt.date(year, 1, 1)
        if not scale.start <= day <= scale.end:
            continue
        x = scale.x(day)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{height}" stroke="#cfd8dc"/>')
        parts.append(f'<text x="{x + 3:.1f}" y="{TOP - 12}" font-size="12" fill="#455a64">{year}</text>')
    return parts


def _lane(tie: TieHealth, y: float, scale: _Scale, min_days: int, ids: str, lang: Lang) -> list[str]:
    mid = y + LANE_H / 2
    parts = [
        f'<g class="lane" data-tie="{escape(tie.partnership)}">',
        f'<text x="{LABEL_W - 8}" y="{mid + 4:.1f}" font-size="12" text-anchor="end" fill="#263238">'
        f"{escape(_lane_name(tie))}<title>{escape(tie.label)}</title></text>",
    ]
    if tie.observed is None:
        return [*parts, "</g>"]
    begin = tie.signed_on or tie.observed.start
    x0, x1 = scale.x(max(begin, scale.start)), scale.x(tie.observed.end)
    for r in tie.reported:
        rx0, rx1 = scale.x(r.period.start), scale.x(r.period.end)
        note = t("hl_tl_reported_note", lang, n=r.count, start=r.period.start, end=r.period.end)
        parts.append(
            f'<rect x="{rx0:.1f}" y="{y + 4}" width="{rx1 - rx0:.1f}" height="{LANE_H - 8}" '
            f'fill="#b0bec5" fill-opacity="0.35"><title>{escape(note)}</title></rect>'
        )
    for spell in dormant_spells(tie, min_days):
        sx0, sx1 = scale.x(spell.start), scale.x(spell.end)
        note = t(
            "hl_tl_dormant_note", lang, start=spell.start, end=spell.end, days=(spell.end - spell.start).days
        )
        parts.append(
            f'<rect x="{sx0:.1f}" y="{y + 7}" width="{sx1 - sx0:.1f}" height="{LANE_H - 14}" '
            f'fill="url(#{ids}-hatch)"><title>{escape(note)}</title></rect>'
        )
    parts.append(
        f'<line x1="{x0:.1f}" y1="{mid:.1f}" x2="{x1:.1f}" y2="{mid:.1f}" stroke="#455a64" stroke-width="2"/>'
    )
    if begin < scale.start:
        parts.append(
            f'<text x="{x0 + 2:.1f}" y="{y + 9:.1f}" font-size="9" fill="#607d8b">'
            f"{escape(t('hl_tl_since', lang, date=begin))}</text>"
        )
    elif tie.signed_on:
        parts.append(
            f'<line x1="{x0:.1f}" y1="{y + 5}" x2="{x0:.1f}" y2="{y + LANE_H - 5}" stroke="#263238"/>'
        )
    for e in tie.exchanges:
        tip = f"{e.start} – {e.end} · {e.label} · {e.field_label or '—'}"
        mark = _shape(e.direction, scale.x(e.start), mid, field_colour(e.field))
        parts.append(f'<g class="mark">{mark}<title>{escape(tip)}</title></g>')
    return [*parts, "</g>"]


def _legend(report: HealthReport, y: float, ids: str, lang: Lang, width: int) -> tuple[list[str], float]:
    fields: dict[str, str] = {}
    if report.fields is not None:  # a report of some ties: the fields of all, read apart
        fields = {iri: label or iri.rsplit("/", 1)[-1] for iri, label in report.fields.items()}
    for tie in report.ties if report.fields is None else []:
        for e in tie.exchanges:
            if e.field:
                fields.setdefault(e.field, e.field_label or e.field.rsplit("/", 1)[-1])
    items: list[tuple[str, str]] = [
        (f'<rect x="-6" y="-6" width="12" height="12" fill="{field_colour(iri)}"/>', label)
        for iri, label in sorted(fields.items(), key=lambda kv: kv[1])
    ]
    for direction in ("outbound", "inbound", "mutual", "none"):
        items.append(
            (
                _shape(None if direction == "none" else direction, 0, 0, "#607d8b"),
                t("hl_dir_" + direction, lang).split(" ", 1)[-1],  # the drawn shape replaces the symbol
            )
        )
    items.append(
        (
            '<rect x="-8" y="-6" width="16" height="12" fill="#b0bec5" fill-opacity="0.35"/>',
            t("hl_tl_reported", lang),
        )
    )
    items.append(
        (f'<rect x="-8" y="-5" width="16" height="10" fill="url(#{ids}-hatch)"/>', t("hl_tl_dormant", lang))
    )
    parts, x, row_y = [], 10.0, y
    for icon, label in items:
        w = 34 + _text_width(label)
        if x + w > width:
            x, row_y = 10.0, row_y + 20
        parts.append(
            f'<g transform="translate({x + 8:.1f},{row_y:.1f})">{icon}'
            f'<text x="12" y="4" font-size="11" fill="#37474f">{escape(label)}</text></g>'
        )
        x += w
    return parts, row_y + 14


def timeline(
    report: HealthReport, lang: Lang, ties: list[TieHealth] | None = None, width: int = 960, ids: str = "tl"
) -> Markup:
    """The timeline of ``ties`` (default: every tie of the report) as one inline SVG."""
    lanes = report.ties if ties is None else ties
    starts = [lt.observed.start for lt in lanes if lt.observed]
    start = dt.date(min(starts, default=report.as_of).year, 1, 1)
    scale = _Scale(start, report.as_of, width)
    min_days = round(report.window_months * 30.4375)
    body_h = TOP + LANE_H * max(len(lanes), 1)
    legend, legend_end = _legend(report, body_h + 22, ids, lang, width)
    height = int(legend_end + 8)
    title = t("hl_tl_title", lang, as_of=report.as_of, months=report.window_months)
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" role="img" '
        f'viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family=\'{FONT}\'>',
        f"<title>{escape(title)}</title>",
        f'<defs><pattern id="{ids}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eceff1"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#90a4ae" stroke-width="2"/>'
        "</pattern></defs>",
        f'<text x="4" y="16" font-size="14" font-weight="bold" fill="#263238">{escape(title)}</text>',
        *_axis(scale, body_h),
    ]
    for i, tie in enumerate(lanes):
        parts.extend(_lane(tie, TOP + i * LANE_H, scale, min_days, ids, lang))
    parts.extend(legend)
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(years: dict[int, int], first: int, last: int, label: str = "") -> Markup:
    """Exchanges a year as tiny bars (one per calendar year from ``first`` to ``last``)."""
    span = list(range(first, last + 1))
    w, h, bar = 8 * len(span) + 2, 20, 6
    top = max(years.values(), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spark" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img">',
        f"<title>{escape(label)}</title>",
    ]
    for i, year in enumerate(span):
        n = years.get(year, 0)
        bh = 0 if n == 0 else max(2.0, (h - 4) * n / top)
        parts.append(
            f'<rect x="{1 + i * 8}" y="{h - 2 - bh:.1f}" width="{bar}" height="{bh:.1f}" fill="#1565c0"/>'
        )
        parts.append(f'<rect x="{1 + i * 8}" y="{h - 2}" width="{bar}" height="1" fill="#b0bec5"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
