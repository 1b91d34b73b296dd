"""A run chart as inline SVG for the report (the style of :mod:`kitchen.debrief.svg`): the
points joined in round order, the median as a dashed line, the points of each signal
ringed, the rounds that tested a change marked (C1, C2, ...), and the reading underneath.
Every piece of text is escaped."""

from __future__ import annotations

from html import escape

from kitchen.debrief import labels
from kitchen.debrief.run_chart import RunChart, median_text
from kitchen.debrief.svg import GRID, _text
from kitchen.i18n import _

POINT = "#0072B2"
MEDIAN = "#555555"
SIGNAL = "#D55E00"
MARK = "#009E73"


def run_chart_svg(chart: RunChart, width: int = 640, height: int = 230) -> str:
    """``chart`` drawn as an SVG string."""
    left, right, top, bottom = 56, 16, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    title = _("Run chart: {label}").format(label=chart.label)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}">',
        _text(left, 18, title, 13, weight="bold"),
    ]
    values = chart.values
    if not values or chart.median is None:
        parts.append(_text(left, top + plot_h / 2, _("No round has measured it yet."), 12))
        parts.append("</svg>")
        return "".join(parts)
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.1
    low, high = low - pad, high + pad
    n = len(values)
    slot = plot_w / max(1, n)

    def x_of(i: int) -> float:
        return left + slot * (i + 0.5)

    def y_of(v: float) -> float:
        return top + plot_h * (high - v) / (high - low)

    name = chart.measure
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{GRID}"/>'
    )
    for v in (high - pad, low + pad):
        parts.append(_text(left - 6, y_of(v) + 4, labels.show(name, v), 10, "end"))
    my = y_of(chart.median)
    parts.append(
        f'<line x1="{left}" y1="{my:.1f}" x2="{left + plot_w}" y2="{my:.1f}" stroke="{MEDIAN}" '
        'stroke-dasharray="6 4"/>'
    )
    parts.append(_text(left + plot_w, my - 4, f"median {median_text(chart)}", 10, "end"))
    points = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{points}" fill="none" stroke="{POINT}" stroke-width="2"/>')
    flagged = {i for s in chart.signals if s.rule != "runs" for i in s.points}
    for i, (r, v) in enumerate(zip(chart.rounds, values, strict=True)):
        x, y = x_of(i), y_of(v)
        if i in flagged:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="none" stroke="{SIGNAL}" '
                'stroke-width="2"/>'
            )
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{POINT}">'
            f"<title>Round {r}: {escape(labels.show(name, v))}</title></circle>"
        )
        parts.append(_text(x, top + plot_h + 14, f"R{r}", 10, "middle"))
        mark = chart.marks.get(r)
        if mark:
            parts.append(_text(x, top + plot_h + 28, mark, 10, "middle", "bold", MARK))
    parts.append("</svg>")
    return "".join(parts)
