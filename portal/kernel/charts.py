"""Charts drawn on the server as SVG: no JavaScript, readable by assistive technologies.

The SVG carries role="img" with a <title> and a <desc>; pages put a data table with the same
numbers next to it (RGAA 1.3 / WCAG 1.1.1: the chart is an image, the table is its text
alternative). Colours come from classes styled in static/css/portal.css; the presentation
attributes set here are the fallback. Depends on nothing but Django's escaping.

Readable on a phone: the SVG scales with its box, so its text is drawn in a small viewBox
(400 units wide) at 14 units: on a 390 px screen the chart is about 358 px wide and its
labels about 12.5 px high (FONT_SIZE × 358 / WIDTH ≥ 12). The unit is written on the
vertical axis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Point:
    x: float  # position on the horizontal axis (a year, a date's ordinal…)
    y: float
    label: str  # shown under the axis ("2022", "06/2024")


@dataclass(frozen=True)
class Guide:
    """A horizontal reference line: a target, a national average…"""

    y: float
    label: str
    kind: str = "target"  # CSS modifier: chart__guide--target, chart__guide--comparison


def format_number(value: float | Decimal | int | None, *, decimals: int = 2) -> str:
    """French writing of a number: "1 000", "3,7", "0,42" (narrow no-break space)."""
    if value is None:
        return "—"
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        whole, fraction = f"{int(rounded):,}", ""
    else:
        text = f"{rounded:,.{decimals}f}".rstrip("0")
        whole, fraction = text.split(".")
    whole = whole.replace(",", "\u202f")
    return f"{whole},{fraction}" if fraction else whole


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis graduations (1, 2 or 5 × 10ⁿ) covering [low, high]."""
    if high <= low:
        high = low + (abs(low) or 1)
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


WIDTH, HEIGHT = 400, 280
FONT_SIZE = 14
# The narrowest box the chart is drawn in: a 390 px screen less the page's margins.
NARROWEST_PX = 358


def rendered_font_px(width: int = WIDTH, font_size: int = FONT_SIZE,
                     box_px: int = NARROWEST_PX) -> float:
    """How high a label renders when the chart is `box_px` wide."""
    return font_size * box_px / width


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    description: str,
    guides: Sequence[Guide] = (),
    unit: str = "",
    chart_id: str = "graphique",
    width: int = WIDTH,
    height: int = HEIGHT,
) -> SafeString:
    """An SVG line chart of `points` (in x order) with optional horizontal guides; `unit`
    is written above the vertical axis ("en %")."""
    font = FONT_SIZE
    margin_right, margin_top, margin_bottom = 12, 40 if unit else 20, 44
    values = [p.y for p in points] + [g.y for g in guides]
    low = min([0.0, *values]) if values else 0.0
    high = max(values) if values else 1.0
    ticks = nice_ticks(low, high * 1.05 if high > 0 else high + 1)
    # Room for the longest graduation, at about 0.6 em a character.
    margin_left = 16 + int(max(len(format_number(t)) for t in ticks) * font * 0.6)
    plot_w = width - margin_left - margin_right
    plot_h = height - margin_top - margin_bottom
    y_min, y_max = ticks[0], ticks[-1]
    xs = [p.x for p in points]
    x_min, x_max = (min(xs), max(xs)) if xs else (0.0, 1.0)

    # Points stay clear of the edges so that their centred labels are not cut.
    pad = 3 * font

    def sx(x: float) -> float:
        if x_max == x_min:
            return margin_left + plot_w / 2
        return margin_left + pad + (x - x_min) / (x_max - x_min) * (plot_w - 2 * pad)

    def sy(y: float) -> float:
        return margin_top + plot_h - (y - y_min) / (y_max - y_min) * plot_h

    title_id, desc_id = f"{chart_id}-titre", f"{chart_id}-description"
    out = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{escape(title_id)} {escape(desc_id)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]
    if unit:
        out.append(f'<text class="chart__unit" x="4" y="{font + 4}" font-size="{font}" '
                   f'fill="#3a3a3a">en {escape(unit)}</text>')
    for tick in ticks:
        y = sy(tick)
        out.append(
            f'<line class="chart__grid" x1="{margin_left}" x2="{width - margin_right}" '
            f'y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0" stroke-width="1"/>'
            f'<text class="chart__tick" x="{margin_left - 8}" y="{y + 4:.1f}" '
            f'text-anchor="end" font-size="{font}" fill="#3a3a3a">{escape(format_number(tick))}'
            f"</text>"
        )
    out.append(
        f'<line class="chart__axis" x1="{margin_left}" x2="{margin_left}" y1="{margin_top}" '
        f'y2="{margin_top + plot_h}" stroke="#3a3a3a" stroke-width="1"/>'
        f'<line class="chart__axis" x1="{margin_left}" x2="{width - margin_right}" '
        f'y1="{margin_top + plot_h}" y2="{margin_top + plot_h}" stroke="#3a3a3a" '
        f'stroke-width="1"/>'
    )
    for guide in guides:
        y = sy(guide.y)
        out.append(
            f'<line class="chart__guide chart__guide--{escape(guide.kind)}" '
            f'x1="{margin_left}" x2="{width - margin_right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#6a6a6a" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text class="chart__guide-label" x="{width - margin_right}" y="{y - 6:.1f}" '
            f'text-anchor="end" font-size="{font}" fill="#3a3a3a">{escape(guide.label)}</text>'
        )
    if len(points) > 1:
        path = " ".join(f"{sx(p.x):.1f},{sy(p.y):.1f}" for p in points)
        out.append(f'<polyline class="chart__line" points="{path}" fill="none" '
                   f'stroke="#000091" stroke-width="3"/>')
    for point in points:
        x, y = sx(point.x), sy(point.y)
        out.append(
            f'<circle class="chart__point" cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#000091"/>'
            f'<text class="chart__value" x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" '
            f'font-size="{font}" font-weight="bold" fill="#161616">'
            f"{escape(format_number(point.y))}</text>"
            f'<text class="chart__x" x="{x:.1f}" y="{margin_top + plot_h + 20}" '
            f'text-anchor="middle" font-size="{font}" fill="#3a3a3a">{escape(point.label)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every text above went through escape()
