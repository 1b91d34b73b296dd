"""Charts for the HTML report as inline SVG strings (no scripts, no network).

Every piece of text that could come from a team or a level file is escaped here, because
the report inserts these strings as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from kitchen.chef_colours import CHEF_COLOURS, chef_hex
from kitchen.debrief.disruption_words import kind_name
from kitchen.debrief.people import hands_words
from kitchen.debrief.timeline import Timeline, clock_text, place_labels
from kitchen.i18n import _, pgettext

PLAYER_COLOURS = {p: chef_hex(p) for p in range(1, len(CHEF_COLOURS) + 1)}
"""The chefs' colours as in the game (:mod:`kitchen.chef_colours`: maroon, navy, lime,
violet), chosen to stay tellable apart for colour-blind players. The lime is pale on white
paper, so every mark in a chef's colour has a dark outline."""

ORDER_COLOURS = {"served": "#009E73", "expired": "#999999", "safety": "#D55E00", "open": "#E69F00"}
DISRUPTION_COLOUR = "#F0E442"
TALK_COLOUR = "#0072B2"
HEARD_COLOUR = "#E4E4E4"
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


CHAR_W = 0.58
"""A character's width as a share of the font size (a safe estimate for sans-serif text)."""


def _fit(text: str, width: float, size: int) -> str:
    """``text`` cut (with an ellipsis) to about ``width`` pixels at font ``size``."""
    fits = int(width / (size * CHAR_W))
    if len(text) <= fits:
        return text
    return text[: max(1, fits - 1)] + "\u2026"


def _legend(y: float, width: int, talk: bool = False) -> tuple[list[str], float]:
    """The timeline's legend from ``y`` down: rows of swatches and what they mean (with the
    talk lane's when ``talk``); the parts and the y of the last row."""
    items: list[tuple[str, str]] = [
        (
            f'<rect width="14" height="8" y="-7" fill="{ORDER_COLOURS["served"]}"/>',
            _("order served"),
        ),
        (f'<rect width="14" height="8" y="-7" fill="{ORDER_COLOURS["expired"]}"/>', _("expired")),
        (f'<rect width="14" height="8" y="-7" fill="{ORDER_COLOURS["safety"]}"/>', _("unsafe")),
        (f'<rect width="14" height="8" y="-7" fill="{ORDER_COLOURS["open"]}"/>', _("still open")),
        (
            f'<rect width="14" height="10" y="-8" fill="{DISRUPTION_COLOUR}" stroke="{INK}" '
            'stroke-width="0.5"/>',
            _("disruption"),
        ),
        ('<path d="M2,-9 v11 M2,-9 h9 l-3,4 l3,4 h-9" stroke="#222" fill="#E69F00"/>', _("tag")),
        (f'<circle cx="6" cy="-3" r="4" fill="{INK}"/>', _("call-out")),
        (
            f'<rect x="2" y="-7" width="8" height="8" fill="none" stroke="{INK}" '
            'stroke-width="2"/>',
            _("answer"),
        ),
        (f'<path d="M6,-9 l5,8 l-10,0 z" fill="{ORDER_COLOURS["served"]}"/>', _("dish served")),
        ('<rect width="14" height="5" y="-5" fill="#999"/>', _("blocked")),
        (
            f'<line x1="0" y1="-3" x2="14" y2="-3" stroke="{INK}" stroke-dasharray="3,2"/>',
            _("hand-off"),
        ),
    ]
    if talk:
        items += [
            (
                f'<rect width="14" height="10" y="-8" fill="{HEARD_COLOUR}"/>',
                _("heard by a microphone"),
            ),
            (f'<rect width="14" height="10" y="-8" fill="{TALK_COLOUR}"/>', _("talk")),
        ]
    parts = []
    x = 8.0
    for swatch, text in items:
        span = 20 + len(text) * 11 * CHAR_W + 14
        if x + span > width:
            y += 16
            x = 8.0
        parts.append(f'<g transform="translate({x:.1f},{y:.1f})">{swatch}</g>')
        parts.append(_text(x + 18, y, text, 11))
        x += span
    return parts, y


def outcome_words(kind: str) -> str:
    """What became of an order (``served``, ``expired``, ``safety``, ``open``) or a serve,
    as the timeline's tooltips say it in the language in force."""
    words = {
        "served": pgettext("order outcome", "served"),
        "expired": pgettext("order outcome", "expired"),
        "safety": pgettext("order outcome", "safety"),
        "open": pgettext("order outcome", "open"),
    }
    return words.get(kind, kind)


def _at(what: str, seconds: float) -> str:
    """``what`` at a moment of the round (a tooltip): ``Need onion at 0:42``."""
    return _("{what} at {time}").format(what=what, time=clock_text(seconds))


def timeline_svg(tl: Timeline, width: int = 980) -> str:
    """The round's timeline: orders, disruptions and tags on top, then a lane per chef with
    call-outs, serves and blocks, and hand-offs drawn between lanes; under it the time
    since the start and the game's clock (time left), and a legend. Orders open at the same
    time get rows of their own; labels never overlap (a label without room is cut short,
    and every mark keeps its full text as a tooltip)."""
    label_size, label_row = 10, 13
    who = {p: hands_words(tl.hands.get(p, ())) for p in tl.players}
    # room for the lanes' names, and for who played a chef under its name (at most 190)
    widest = max([len(f"({w})") * label_size * CHAR_W for w in who.values() if w], default=0)
    left, lane_h, top = max(110, min(190, round(widest) + 16)), 34, 28
    span = max(tl.duration, 1.0)
    plot_w = width - left - 12

    def x(seconds: float) -> float:
        return left + plot_w * min(max(seconds, 0.0), span) / span

    order_rows = tl.order_rows()
    bar_h, bar_gap = 8, 2
    orders_h = max(lane_h, (max(order_rows, default=0) + 1) * (bar_h + bar_gap) + 8)

    def labels_for(marks: list[tuple[float, str]], start: float) -> list[tuple[int, float] | None]:
        return place_labels(
            [(x(t) + start, len(text) * label_size * CHAR_W) for t, text in marks], 3
        )

    d_marks = [(d.start, d.label) for d in tl.disruptions]
    d_places = labels_for(d_marks, 3)
    t_marks = [(tag.time, tag.label) for tag in tl.tags]
    t_places = labels_for(t_marks, 11)

    def rows_needed(places: list[tuple[int, float] | None]) -> int:
        return max([p[0] + 1 for p in places if p is not None], default=1)

    disruption_h = max(lane_h, rows_needed(d_places) * label_row + 12)
    tag_h = max(lane_h, rows_needed(t_places) * label_row + 12)
    heights = [orders_h, disruption_h, tag_h, *[lane_h] * len(tl.players)]
    rows = [_("Orders"), _("Disruptions"), _("Tags")]
    rows += [_("Chef {n}").format(n=p) for p in tl.players]
    if tl.talk is not None:  # only a round recorded with talk on has the lane
        heights.append(lane_h)
        rows.append(_("Talk"))
    tops = [top]
    for lane in heights:
        tops.append(tops[-1] + lane)
    plot_bottom = tops[-1]
    axis_h = 34
    legend, legend_bottom = _legend(plot_bottom + axis_h + 16, width, tl.talk is not None)
    height = legend_bottom + 10

    named = escape(_("Timeline of the round"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{named}">',
        _text(8, 16, _("time since the start (game clock: time left)"), 11, fill="#555"),
    ]
    step = next((s for s in (15, 30, 60, 120, 300) if plot_w * s / span >= 70), 600)
    for s in range(0, int(span) + 1, step):
        parts.append(
            f'<line x1="{x(s):.1f}" y1="{top - 6}" x2="{x(s):.1f}" y2="{plot_bottom}" '
            f'stroke="{GRID}"/>'
        )
        anchor = "start" if s == 0 else ("end" if x(s) > width - 40 else "middle")
        parts.append(_text(x(s), plot_bottom + 13, clock_text(s), 10, anchor))
        left_then = "(" + _("{clock} left").format(clock=tl.clock(s)) + ")"
        parts.append(_text(x(s), plot_bottom + 26, left_then, 9, anchor, fill="#666"))
    for i, name in enumerate(rows):
        player = tl.players[i - 3] if 3 <= i < 3 + len(tl.players) else None
        middle = tops[i] + heights[i] / 2
        if player is None:
            parts.append(_text(8, middle + 4, name, 12, weight="bold"))
        else:  # the chef's colour as a bar, its name, and under it who played it if not a person
            parts.append(
                f'<rect x="2" y="{tops[i] + 5:.1f}" width="5" height="{heights[i] - 10:.1f}" '
                f'fill="{chef_hex(player)}" stroke="{INK}" stroke-width="0.6"/>'
            )
            if who[player]:
                parts.append(_text(11, middle - 1, name, 12, weight="bold"))
                detail = _fit(f"({who[player]})", left - 14, label_size)
                parts.append(_text(11, middle + 11, detail, label_size, fill="#444"))
            else:
                parts.append(_text(11, middle + 4, name, 12, weight="bold"))
        parts.append(
            f'<line x1="{left}" y1="{tops[i + 1]:.1f}" x2="{width - 12}" '
            f'y2="{tops[i + 1]:.1f}" stroke="{GRID}"/>'
        )
    for order, row in zip(tl.orders, order_rows, strict=True):
        y = tops[0] + 4 + row * (bar_h + bar_gap)
        parts.append(
            f'<rect x="{x(order.start):.1f}" y="{y:.1f}" '
            f'width="{max(3.0, x(order.end) - x(order.start)):.1f}" height="{bar_h}" rx="1.5" '
            f'fill="{ORDER_COLOURS.get(order.kind, "#777")}"><title>{escape(order.label)}: '
            f"{escape(outcome_words(order.kind))}, {clock_text(order.start)}-"
            f"{clock_text(order.end)}</title></rect>"
        )
    for d, place in zip(tl.disruptions, d_places, strict=True):
        parts.append(
            f'<rect x="{x(d.start):.1f}" y="{tops[1] + 4:.1f}" '
            f'width="{max(3.0, x(d.end) - x(d.start)):.1f}" '
            f'height="{disruption_h - 8}" fill="{DISRUPTION_COLOUR}" fill-opacity="0.8" '
            f'stroke="{INK}" stroke-width="0.5">'
            f"<title>{escape(d.label)} ({escape(kind_name(d.kind))}), "
            f"{clock_text(d.start)}-{clock_text(d.end)}"
            "</title></rect>"
        )
        if place is not None:
            row, room = place
            y = tops[1] + 6 + label_row * (row + 1) - 3
            parts.append(_text(x(d.start) + 3, y, _fit(d.label, room, label_size), label_size))
    for tag, place in zip(tl.tags, t_places, strict=True):
        parts.append(
            f'<path d="M{x(tag.time):.1f},{tops[2] + 4:.1f} v{tag_h - 8} '
            f"M{x(tag.time):.1f},{tops[2] + 4:.1f} "
            f'h9 l-3,4 l3,4 h-9" stroke="{INK}" fill="#E69F00"><title>'
            f"{escape(_at(tag.label, tag.time))}</title></path>"
        )
        if place is not None:
            row, room = place
            y = tops[2] + 6 + label_row * (row + 1) - 3
            parts.append(_text(x(tag.time) + 11, y, _fit(tag.label, room, label_size), label_size))
    lane_of = {p: 3 + i for i, p in enumerate(tl.players)}
    for p in tl.players:
        y = tops[lane_of[p]]
        colour = chef_hex(p)
        for b in tl.blocks.get(p, ()):
            parts.append(
                f'<rect x="{x(b.start):.1f}" y="{y + lane_h - 8:.1f}" '
                f'width="{max(1.5, x(b.end) - x(b.start)):.1f}" '
                f'height="5" fill="#999"><title>{escape(b.label)}</title></rect>'
            )
        for m in tl.callouts.get(p, ()):
            if m.kind != "answer":
                parts.append(
                    f'<circle cx="{x(m.time):.1f}" cy="{y + 11:.1f}" r="4" '
                    f'fill="{colour}" stroke="{INK}" stroke-width="0.6">'
                    f"<title>{escape(_at(m.label, m.time))}</title></circle>"
                )
            else:  # a hollow square in the chef's colour, edged dark inside and out
                square = f'x="{x(m.time) - 4:.1f}" y="{y + 7:.1f}" width="8" height="8" fill="none"'
                parts.append(f'<rect {square} stroke="{INK}" stroke-width="3.2"/>')
                parts.append(
                    f'<rect {square} stroke="{colour}" stroke-width="2">'
                    f"<title>{escape(_at(m.label, m.time))}</title></rect>"
                )
        for m in tl.actions.get(p, ()):
            if m.kind in ("served", "safety"):
                fill = ORDER_COLOURS["served"] if m.kind == "served" else ORDER_COLOURS["safety"]
                parts.append(
                    f'<path d="M{x(m.time):.1f},{y + 16:.1f} l5,7 l-10,0 z" '
                    f'fill="{fill}"><title>'
                    f"{escape(_at(outcome_words(m.kind) + ': ' + m.label, m.time))}</title></path>"
                )
    for h in tl.handoffs:
        if h.player in lane_of and h.other in lane_of:
            y1 = tops[lane_of[h.player]] + lane_h / 2
            y2 = tops[lane_of[h.other]] + lane_h / 2
            handed = _("hand-off: {item}, chef {giver} to chef {taker}").format(
                item=h.label, giver=h.player, taker=h.other
            )
            parts.append(
                f'<line x1="{x(h.time):.1f}" y1="{y1:.1f}" x2="{x(h.time):.1f}" y2="{y2:.1f}" '
                f'stroke="{INK}" stroke-width="1" '
                f'stroke-dasharray="3,2"><title>{escape(handed)}</title></line>'
            )
    if tl.talk is not None:
        parts += _talk_lane(tl, x, tops[-2], lane_h)
    parts.extend(legend)
    parts.append("</svg>")
    return "".join(parts)


def _talk_lane(tl: Timeline, x: Callable[[float], float], y: float, lane_h: int) -> list[str]:
    """The talk lane's parts: what was heard (pale), talk (dark), and what happened to the
    microphones (``no microphone``, ``microphone lost at 1:23``) as text."""
    assert tl.talk is not None
    parts = []
    for spans, colour, inset in ((tl.talk.heard, HEARD_COLOUR, 6), (tl.talk.talk, TALK_COLOUR, 9)):
        for s in spans:
            left, wide = x(s.start), max(1.0, x(s.end) - x(s.start))
            parts.append(
                f'<rect x="{left:.1f}" y="{y + inset:.1f}" width="{wide:.1f}" '
                f'height="{lane_h - 2 * inset}" fill="{colour}"><title>{s.kind} '
                f"{clock_text(s.start)}-{clock_text(s.end)}</title></rect>"
            )
    if not tl.talk.heard and not tl.talk.notes:
        parts.append(_text(x(0) + 4, y + lane_h / 2 + 4, _("nothing heard"), 10, fill="#555"))
    for note in tl.talk.notes:
        parts.append(
            f'<line x1="{x(note.time):.1f}" y1="{y + 3:.1f}" x2="{x(note.time):.1f}" '
            f'y2="{y + lane_h - 3:.1f}" stroke="#D55E00" stroke-width="2"/>'
        )
        anchor = "end" if x(note.time) > x(tl.duration) - 200 else "start"
        dx = -4 if anchor == "end" else 4
        parts.append(_text(x(note.time) + dx, y + lane_h / 2 + 4, note.label, 11, anchor))
    return parts
