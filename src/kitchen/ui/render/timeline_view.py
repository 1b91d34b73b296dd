"""The debrief's timeline drawn with pygame, from :class:`kitchen.debrief.timeline.Timeline`:
rows for orders, disruptions and tags, then a lane per chef with call-outs, serves, blocks
and hand-offs between lanes; under it the time since the start with the game's clock
(time left), and a legend."""

from __future__ import annotations

import pygame

from kitchen.debrief.people import chef_name, hands_words
from kitchen.debrief.timeline import Timeline, clock_text, place_labels
from kitchen.i18n import N_, _
from kitchen.ui.names import tag_name
from kitchen.ui.render.talk_lane import draw_talk_lane
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

ORDER_COLOURS = {
    "served": (72, 181, 92),
    "expired": (140, 130, 120),
    "safety": (235, 64, 52),
    "open": (242, 169, 0),
}
DISRUPTION_COLOUR = (240, 228, 66)
BLOCK_COLOUR = (150, 140, 130)
LABEL_W = 230
"""The room for the rows' names left of the plot (wider when a chef's lane says who played
it in more words, up to :data:`MAX_LABEL_W`)."""
MAX_LABEL_W = 380
AXIS_H = 64
"""Room under the plot for the time since the start and the game clock."""
LEGEND_H = 40
LABEL_SIZE = 36
ORDER_BAR = 10
"""Height of one order's bar (each order open at the same time gets a row of its own)."""
ROW_NAMES = {"Orders": N_("Orders"), "Disruptions": N_("Disruptions"), "Tags": N_("Tags")}
"""The lanes' names (``rows`` keeps them in English; drawn in the language in force)."""


def row_label(name: str, player: int | None = None) -> str:
    """A lane's name as drawn: a chef's lane is ``Chef 2``, the rest as named (who played a
    chef, if not a person all round, is drawn under it: :attr:`TimelineView.who`)."""
    if player is not None:
        return _("Chef {n}").format(n=player)
    if name == "Talk":
        return _("Talk")
    return _(ROW_NAMES[name]) if name in ROW_NAMES else name


class TimelineView:
    """Lays out a timeline in ``rect`` and maps between seconds and x."""

    def __init__(self, tl: Timeline, rect: pygame.Rect) -> None:
        self.tl = tl
        self.rect = rect
        self.rows = ["Orders", "Disruptions", "Tags", *[f"Chef {p}" for p in tl.players]]
        if tl.talk is not None:  # only a round recorded with talk on has the lane
            self.rows.append("Talk")
        self.order_rows = tl.order_rows()
        plot = rect.height - AXIS_H - LEGEND_H
        stacked = max(self.order_rows, default=0) + 1
        base = min(110, plot // len(self.rows))
        self.orders_h = max(base, min(plot // 3, stacked * (ORDER_BAR + 2) + 14))
        rest = len(self.rows) - 1
        self.row_h = min(110, (plot - self.orders_h) // rest) if rest else base
        self.bar_h = max(4, min(ORDER_BAR, (self.orders_h - 14) // stacked - 2))
        self.who = {p: hands_words(tl.hands.get(p, ())) for p in tl.players}
        """Who played each chef in a few words, ``""`` for a person all round: drawn in
        brackets under the chef's name, ``(computer)``, ``(person, then computer)``."""
        widest = 0
        if any(self.who.values()):
            font = pygame.font.Font(None, LABEL_SIZE)  # the text cache's font, measured here
            widest = max(font.size(f"({w})")[0] for w in self.who.values())
        self.label_w = max(LABEL_W, min(MAX_LABEL_W, widest + 40))
        """The room left of the plot for the rows' names."""

    def x(self, seconds: float) -> float:
        """Screen x of ``seconds`` into the round (clamped to the round)."""
        span = max(self.tl.duration, 1.0)
        plot = self.rect.width - self.label_w - 20
        return self.rect.x + self.label_w + plot * min(max(seconds, 0.0), span) / span

    def time_at(self, x: float) -> float:
        """Seconds at screen ``x`` (clamped to the round)."""
        plot = self.rect.width - self.label_w - 20
        return max(
            0.0, min(self.tl.duration, (x - self.rect.x - self.label_w) / plot * self.tl.duration)
        )

    def row_y(self, index: int) -> int:
        """Screen y of the top of row ``index``."""
        if index == 0:
            return self.rect.y
        return self.rect.y + self.orders_h + (index - 1) * self.row_h

    def row_height(self, index: int) -> int:
        """Height of row ``index``."""
        return self.orders_h if index == 0 else self.row_h

    def draw(
        self, surface: pygame.Surface, theme: Theme, text: TextCache, cursor: float | None = None
    ) -> None:
        """Draw the time grid, the rows, the legend and, if given, the ``cursor`` line."""
        tl = self.tl
        bottom = self.row_y(len(self.rows))
        self._grid(surface, theme, text, bottom)
        slot = self.bar_h + 2
        for order, k in zip(tl.orders, self.order_rows, strict=True):
            y = self.row_y(0) + 7 + k * slot
            if y + self.bar_h > self.row_y(1) - 4:
                continue  # more at once than fit: the Orders row shows the first ones
            pygame.draw.rect(
                surface,
                ORDER_COLOURS.get(order.kind, (150, 150, 150)),
                (
                    self.x(order.start),
                    y,
                    max(4, self.x(order.end) - self.x(order.start)),
                    self.bar_h,
                ),
                border_radius=2,
            )
        self._disruptions(surface, theme, text)
        self._tags(surface, theme, text)
        self._lanes(surface, theme)
        if tl.talk is not None:
            draw_talk_lane(self, surface, theme, text, len(self.rows) - 1)
        self._legend(surface, theme, text, bottom + AXIS_H)
        if cursor is not None:
            x = self.x(cursor)
            pygame.draw.line(surface, theme.accent, (x, self.rect.y - 10), (x, bottom + 4), 5)

    def _grid(self, surface: pygame.Surface, theme: Theme, text: TextCache, bottom: int) -> None:
        tl = self.tl
        span = max(tl.duration, 1.0)
        plot = self.rect.width - self.label_w - 20
        step = next((s for s in (15, 30, 60, 120, 300) if plot * s / span >= 130), 600)
        for s in range(0, int(span) + 1, step):
            x = self.x(s)
            pygame.draw.line(surface, theme.panel_edge, (x, self.rect.y), (x, bottom), 1)
            text.draw(surface, clock_text(s), 36, theme.text_dim, (x, bottom + 4), "midtop")
            text.draw(
                surface,
                _("{clock} left").format(clock=tl.clock(s)),
                36,
                theme.text_dim,
                (x, bottom + 34),
                "midtop",
            )
        text.draw(
            surface, _("since start"), 36, theme.text_dim, (self.rect.x + 10, bottom + 8), "topleft"
        )
        text.draw(
            surface, _("game clock"), 36, theme.text_dim, (self.rect.x + 10, bottom + 34), "topleft"
        )
        for i, name in enumerate(self.rows):
            y = self.row_y(i)
            h = self.row_height(i)
            player = None
            if 3 <= i < 3 + len(tl.players):  # the chef's colour as a bar: as text it is too dark
                player = tl.players[i - 3]
                bar = pygame.Rect(self.rect.x, y + 6, 6, h - 12)
                pygame.draw.rect(surface, theme.player(player), bar)
            label = row_label(name, player)
            self._row_name(surface, theme, text, label, player, y, h)
            pygame.draw.line(
                surface, theme.panel_edge, (self.rect.x, y + h), (self.rect.right, y + h), 1
            )

    def _row_name(
        self,
        surface: pygame.Surface,
        theme: Theme,
        text: TextCache,
        label: str,
        player: int | None,
        y: int,
        h: int,
    ) -> None:
        """A row's name at the left, and under a chef's name who played it (if not a person
        all round); in a row too low for two lines, both on one line, cut to fit."""
        x, room = self.rect.x + 14, self.label_w - 24
        line = text.size(label, 36)[1]
        who = self.who.get(player, "") if player is not None else ""
        if not who:
            text.draw(surface, label, 36, theme.text, (x, y + h // 2), "midleft")
        elif h >= 2 * line + 8:
            text.draw(surface, label, 36, theme.text, (x, y + h // 2 - line // 2), "midleft")
            detail = fit_right(text, f"({who})", LABEL_SIZE, room)
            text.draw(
                surface, detail, LABEL_SIZE, theme.text_dim, (x, y + h // 2 + line // 2), "midleft"
            )
        else:
            hands = self.tl.hands.get(player, ()) if player is not None else ()
            both = fit_right(text, chef_name(player or 0, hands), LABEL_SIZE, room)
            text.draw(surface, both, LABEL_SIZE, theme.text, (x, y + h // 2), "midleft")

    def _placed(
        self, text: TextCache, marks: list[tuple[float, str]], offset: float
    ) -> tuple[list[float], list[tuple[int, float] | None]]:
        """Where each mark's label starts (after its mark; near the round's end, where it
        would run past the timeline's edge, before it) and its row and room."""
        rows = max(1, (self.row_h - 8) // (LABEL_SIZE + 2))
        edge = self.rect.right - 8
        spans = []
        for t, label in marks:
            width = float(text.size(label, LABEL_SIZE)[0])
            x = self.x(t) + offset
            if x + width > edge:  # before the marks beside it, so as not to cover one
                x = min(self.x(u) for u, _l in marks if abs(self.x(u) - self.x(t)) < 40) - 8
                x -= width
            spans.append((max(self.x(0), x), width))
        return [x for x, _w in spans], place_labels(spans, min(rows, 3))

    def _label(
        self,
        surface: pygame.Surface,
        theme: Theme,
        text: TextCache,
        label: str,
        pos: tuple[float, float],
        room: float,
    ) -> None:
        room = min(room, self.rect.right - 8 - pos[0])  # never past the timeline's edge
        while label and text.size(label, LABEL_SIZE)[0] > room:
            label = label[:-4] + "..." if len(label) > 4 else ""
        if label:
            text.draw(
                surface, label, LABEL_SIZE, theme.text, pos, "topleft", shadow=theme.text_dark
            )

    def _disruptions(self, surface: pygame.Surface, theme: Theme, text: TextCache) -> None:
        tl = self.tl
        top = self.row_y(1)
        starts, places = self._placed(text, [(d.start, d.label) for d in tl.disruptions], 6)
        for d in tl.disruptions:
            r = pygame.Rect(
                self.x(d.start), top + 6, max(6, self.x(d.end) - self.x(d.start)), self.row_h - 12
            )
            pygame.draw.rect(surface, DISRUPTION_COLOUR, r, border_radius=6)
        for d, left, place in zip(tl.disruptions, starts, places, strict=True):
            if place is not None:
                row, room = place
                pos = (left, top + 6 + row * (LABEL_SIZE + 2))
                self._label(surface, theme, text, d.label, pos, room)

    def _tags(self, surface: pygame.Surface, theme: Theme, text: TextCache) -> None:
        tl = self.tl
        y = self.row_y(2)
        starts, places = self._placed(
            text, [(tag.time, tag_name(tag.label)) for tag in tl.tags], 30
        )
        for tag, left, place in zip(tl.tags, starts, places, strict=True):
            x = self.x(tag.time)
            pygame.draw.line(surface, theme.accent, (x, y + 8), (x, y + self.row_h - 8), 4)
            pygame.draw.polygon(surface, theme.accent, [(x, y + 8), (x + 26, y + 18), (x, y + 28)])
            if place is not None:
                row, room = place
                pos = (left, y + 6 + row * (LABEL_SIZE + 2))
                self._label(surface, theme, text, tag_name(tag.label), pos, room)

    def _lanes(self, surface: pygame.Surface, theme: Theme) -> None:
        tl = self.tl
        lane = {p: 3 + i for i, p in enumerate(tl.players)}
        h = self.row_h
        for p in tl.players:
            y = self.row_y(lane[p])
            colour = theme.player(p)
            for b in tl.blocks.get(p, ()):
                pygame.draw.rect(
                    surface,
                    BLOCK_COLOUR,
                    (self.x(b.start), y + h - 16, max(2, self.x(b.end) - self.x(b.start)), 8),
                )
            for m in tl.callouts.get(p, ()):
                if m.kind == "answer":
                    pygame.draw.rect(surface, colour, (self.x(m.time) - 8, y + 12, 16, 16), 4)
                else:
                    pygame.draw.circle(surface, colour, (self.x(m.time), y + 20), 9)
            for m in tl.actions.get(p, ()):
                if m.kind in ("served", "safety"):
                    c = ORDER_COLOURS["served" if m.kind == "served" else "safety"]
                    x = self.x(m.time)
                    pygame.draw.polygon(
                        surface, c, [(x, y + h - 44), (x + 12, y + h - 22), (x - 12, y + h - 22)]
                    )
        for m in tl.handoffs:
            if m.player in lane and m.other in lane:
                x = self.x(m.time)
                y1 = self.row_y(lane[m.player]) + h // 2
                y2 = self.row_y(lane[m.other]) + h // 2
                pygame.draw.line(surface, theme.text, (x, y1), (x, y2), 2)
                pygame.draw.circle(surface, theme.text, (x, y2), 5)

    def _legend(self, surface: pygame.Surface, theme: Theme, text: TextCache, y: int) -> None:
        """One row: what each colour and mark means."""
        x = self.rect.x + 10
        mid = y + LEGEND_H // 2
        size = 36

        orders = (
            ("served", _("order served")),
            ("expired", _("expired")),
            ("safety", _("unsafe")),
            ("open", _("still open")),
        )
        marks = (_("disruption"), _("tag"), _("call-out"), _("answer"), _("dish served"))
        marks += (_("blocked"), _("hand-off"))
        words = [label for _kind, label in orders] + list(marks)
        # the gap between items narrows (down to 10) before the row runs off the timeline
        room = self.rect.width - 20 - sum(34 + text.size(w, size)[0] for w in words)
        gap = max(10, min(26, room // max(1, len(words) - 1)))
        labels = iter(marks)

        def item(label: str) -> None:
            nonlocal x
            rect = text.draw(surface, label, size, theme.text_dim, (x + 34, mid), "midleft")
            x = rect.right + gap

        for kind, label in orders:
            pygame.draw.rect(surface, ORDER_COLOURS[kind], (x, mid - 5, 28, ORDER_BAR))
            item(label)
        pygame.draw.rect(surface, DISRUPTION_COLOUR, (x, mid - 10, 28, 20), border_radius=4)
        item(next(labels))
        pygame.draw.polygon(
            surface, theme.accent, [(x + 4, mid - 10), (x + 26, mid), (x + 4, mid + 10)]
        )
        item(next(labels))
        pygame.draw.circle(surface, theme.text, (x + 14, mid), 9)
        item(next(labels))
        pygame.draw.rect(surface, theme.text, (x + 6, mid - 8, 16, 16), 4)
        item(next(labels))
        pygame.draw.polygon(
            surface,
            ORDER_COLOURS["served"],
            [(x + 14, mid - 11), (x + 26, mid + 11), (x + 2, mid + 11)],
        )
        item(next(labels))
        pygame.draw.rect(surface, BLOCK_COLOUR, (x, mid - 4, 28, 8))
        item(next(labels))
        pygame.draw.line(surface, theme.text, (x + 14, mid - 12), (x + 14, mid + 12), 2)
        pygame.draw.circle(surface, theme.text, (x + 14, mid + 12), 5)
        item(next(labels))


def fit_right(text: TextCache, line: str, size: int, width: int) -> str:
    """``line``, its end cut off (shown as "...") until it fits ``width`` pixels."""
    if text.size(line, size)[0] <= width:
        return line
    while line and text.size(line + "...", size)[0] > width:
        line = line[:-1]
    return line + "..."
