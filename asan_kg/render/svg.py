"""Inline SVG bar charts with real text, so Korean labels render with the page's fonts and
the report stays one self-contained file. Every label is XML-escaped."""

from __future__ import annotations

from markupsafe import Markup, escape

FONT = '"Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", sans-serif'


def bar_chart(
    title: str,
    rows: list[tuple[str, float, str]],
    *,
    color: str = "#1565c0",
    width: int = 680,
    note: str = "",
) -> Markup:
    """Horizontal bars: one row per (label, value, value text), largest first as given."""
    row_h, top, label_w, value_w = 26, 34, 220, 70
    height = top + row_h * max(len(rows), 1) + (22 if note else 8)
    largest = max((v for _l, v, _t in rows), default=0) or 1
    bar_w = width - label_w - value_w - 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family=\'{FONT}\'>',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="18" font-size="15" font-weight="bold" fill="#263238">{escape(title)}</text>',
    ]
    for i, (label, value, text) in enumerate(rows):
        y = top + i * row_h
        w = 0 if value <= 0 else max(2.0, bar_w * value / largest)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" font-size="13" text-anchor="end" fill="#263238">'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{color}" rx="2"/>'
        )
        parts.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" font-size="13" fill="#37474f">'
            f"{escape(text)}</text>"
        )
    if not rows:
        parts.append(f'<text x="{label_w}" y="{top + 17}" font-size="13" fill="#78909c">—</text>')
    if note:
        parts.append(f'<text x="0" y="{height - 6}" font-size="11" fill="#78909c">{escape(note)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
