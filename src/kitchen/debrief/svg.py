"""Charts for the HTML report as inline SVG strings (no scripts, no network).

Every piece of text that could come from a team or a level file is escaped here, because
the report inserts these strings as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from kitchen.debrief.timeline import Timeline

PLAYER_COLOURS = {1: "#D55E00", 2: "#0072B2", 3: "#009E73", 4: "#CC79A7"}
"""Okabe-Ito colours, safe for colour-blind readers."""

ORDER_COLOURS = {"served": "#009E73", "expired": "#999999", "safety": "#D55E00", "open": "#E69F00"}
DISRUPTION_COLOUR = "#F0E442"
INK = "#222222"
GRID = "#DDDDDD"


def _text(
    x: float,
    y: float,
    text: str,
    size: int = 12,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(text)}</text>'
    )


def bar_chart(
    values: Sequence[float | None],
    labels: Sequence[str],
    title: str,
    width: int = 520,
    height: int = 180,
    colour: str = "#0072B2",
) -> str:
    """A simple vertical bar chart; ``None`` values are drawn as a gap labelled n/a."""
    left, bottom, top = 36, 28, 24
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max([v for v in values if v is not None] or [0]) or 1
    n = max(1, len(values))
    slot = plot_w / n
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}">',
        _text(left, 16, title, 13, weight="bold"),
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" '
        f'stroke="{INK}"/>',
        _text(left - 4, top + 10, f"{peak:g}", 10, "end"),
        _text(left - 4, top + plot_h, "0", 10, "end"),
    ]
    for i, (value, label) in enumerate(zip(values, labels, strict=False)):
        x = left + i * slot + slot * 0.15
        w = slot * 0.7
        if value is None:
            parts.append(_text(x + w / 2, top + plot_h - 4, "n/a", 10, "middle", fill="#777"))
        else:
            h = plot_h * value / peak
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'fill="{colour}">'
                f"<title>{escape(label)}: {value:g}</title></rect>"
            )
            parts.append(_text(x + w / 2, top + plot_h - h - 3, f"{value:g}", 10, "middle"))
        if n <= 16 or i % max(1, n // 12) == 0:
            parts.append(_text(x + w / 2, height - 10, label, 10, "middle"))
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg(tl: Timeline, width: int = 980) -> str:
    """The round's timeline: orders, disruptions and tags on top, then a lane per chef with
    call-outs, serves and blocks, and hand-offs drawn between lanes."""
    left, lane_h, top = 110, 34, 28
    rows = ["Orders", "Disruptions", "Tags", *[f"Chef {p}" for p in tl.players]]
    height = top + lane_h * len(rows) + 30
    span = max(tl.duration, 1.0)
    plot_w = width - left - 12

    def x(seconds: float) -> float:
        return left + plot_w * min(max(seconds, 0.0), span) / span

    def lane_y(index: int) -> float:
        return top + index * lane_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="Timeline of the round">'
    ]
    step = 30 if span <= 300 else 60
    for s in range(0, int(span) + 1, step):
        parts.append(
            f'<line x1="{x(s):.1f}" y1="{top - 6}" x2="{x(s):.1f}" y2="{height - 24}" '
            f'stroke="{GRID}"/>'
        )
        parts.append(_text(x(s), height - 8, f"{s // 60}:{s % 60:02d}", 10, "middle"))
    for i, name in enumerate(rows):
        parts.append(_text(8, lane_y(i) + lane_h / 2 + 4, name, 12, weight="bold"))
        parts.append(
            f'<line x1="{left}" y1="{lane_y(i) + lane_h:.1f}" x2="{width - 12}" '
            f'y2="{lane_y(i) + lane_h:.1f}" stroke="{GRID}"/>'
        )
    # orders: stacked thin bars so overlapping tickets stay visible
    levels: list[float] = []
    for order in tl.orders:
        slot = next((k for k, end in enumerate(levels) if end <= order.start), len(levels))
        if slot == len(levels):
            levels.append(0.0)
        levels[slot] = order.end
        y = lane_y(0) + 3 + (slot % 5) * 6
        parts.append(
            f'<rect x="{x(order.start):.1f}" y="{y:.1f}" '
            f'width="{max(2.0, x(order.end) - x(order.start)):.1f}" height="5" '
            f'fill="{ORDER_COLOURS.get(order.kind, "#777")}"><title>{escape(order.label)}: '
            f"{order.kind}, "
            f"{order.start:.0f}-{order.end:.0f} s</title></rect>"
        )
    for d in tl.disruptions:
        parts.append(
            f'<rect x="{x(d.start):.1f}" y="{lane_y(1) + 6:.1f}" '
            f'width="{max(3.0, x(d.end) - x(d.start)):.1f}" '
            f'height="{lane_h - 12}" fill="{DISRUPTION_COLOUR}" stroke="{INK}" stroke-width="0.5">'
            f"<title>{escape(d.label)} ({d.kind}), {d.start:.0f}-{d.end:.0f} s</title></rect>"
        )
        parts.append(_text(x(d.start) + 3, lane_y(1) + lane_h / 2 + 4, d.label, 10))
    for tag in tl.tags:
        parts.append(
            f'<path d="M{x(tag.time):.1f},{lane_y(2) + 6:.1f} v{lane_h - 12} '
            f"M{x(tag.time):.1f},{lane_y(2) + 6:.1f} "
            f'h9 l-3,4 l3,4 h-9" stroke="{INK}" fill="#E69F00"><title>{escape(tag.label)} at '
            f"{tag.time:.0f} s</title></path>"
        )
        parts.append(_text(x(tag.time) + 11, lane_y(2) + lane_h / 2 + 4, tag.label, 10))
    lane_of = {p: 3 + i for i, p in enumerate(tl.players)}
    for p in tl.players:
        y = lane_y(lane_of[p])
        colour = PLAYER_COLOURS.get(p, "#555")
        for b in tl.blocks.get(p, ()):
            parts.append(
                f'<rect x="{x(b.start):.1f}" y="{y + lane_h - 8:.1f}" '
                f'width="{max(1.5, x(b.end) - x(b.start)):.1f}" '
                f'height="5" fill="#999"><title>{escape(b.label)}</title></rect>'
            )
        for m in tl.callouts.get(p, ()):
            shape = "circle" if m.kind != "answer" else "rect"
            if shape == "circle":
                parts.append(
                    f'<circle cx="{x(m.time):.1f}" cy="{y + 11:.1f}" r="4" '
                    f'fill="{colour}"><title>{escape(m.label)} at {m.time:.0f} s</title></circle>'
                )
            else:
                parts.append(
                    f'<rect x="{x(m.time) - 4:.1f}" y="{y + 7:.1f}" width="8" height="8" '
                    f'fill="none" stroke="{colour}" stroke-width="2">'
                    f"<title>{escape(m.label)} at {m.time:.0f} s</title></rect>"
                )
        for m in tl.actions.get(p, ()):
            if m.kind in ("served", "safety"):
                fill = ORDER_COLOURS["served"] if m.kind == "served" else ORDER_COLOURS["safety"]
                parts.append(
                    f'<path d="M{x(m.time):.1f},{y + 16:.1f} l5,7 l-10,0 z" '
                    f'fill="{fill}"><title>{escape(m.kind)}: {escape(m.label)} at {m.time:.0f} '
                    "s</title></path>"
                )
    for h in tl.handoffs:
        if h.player in lane_of and h.other in lane_of:
            y1 = lane_y(lane_of[h.player]) + lane_h / 2
            y2 = lane_y(lane_of[h.other]) + lane_h / 2
            parts.append(
                f'<line x1="{x(h.time):.1f}" y1="{y1:.1f}" x2="{x(h.time):.1f}" y2="{y2:.1f}" '
                f'stroke="{INK}" stroke-width="1" '
                f'stroke-dasharray="3,2"><title>hand-off: {escape(h.label)}, chef {h.player} to '
                f"chef {h.other}</title></line>"
            )
    parts.append("</svg>")
    return "".join(parts)
