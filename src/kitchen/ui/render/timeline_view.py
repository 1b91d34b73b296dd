"""The debrief's timeline drawn with pygame, from :class:`kitchen.debrief.timeline.Timeline`:
rows for orders, disruptions and tags, then a lane per chef with call-outs, serves, blocks
and hand-offs between lanes."""

from __future__ import annotations

import pygame

from kitchen.debrief.timeline import Timeline
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

ORDER_COLOURS = {
    "served": (72, 181, 92),
    "expired": (140, 130, 120),
    "safety": (235, 64, 52),
    "open": (242, 169, 0),
}
LABEL_W = 230


class TimelineView:
    """Lays out a timeline in ``rect`` and maps between seconds and x."""

    def __init__(self, tl: Timeline, rect: pygame.Rect) -> None:
        self.tl = tl
        self.rect = rect
        self.rows = ["Orders", "Disruptions", "Tags", *[f"Chef {p}" for p in tl.players]]
        self.row_h = min(110, (rect.height - 50) // len(self.rows))

    def x(self, seconds: float) -> float:
        """Screen x of ``seconds`` into the round (clamped to the round)."""
        span = max(self.tl.duration, 1.0)
        plot = self.rect.width - LABEL_W - 20
        return self.rect.x + LABEL_W + plot * min(max(seconds, 0.0), span) / span

    def time_at(self, x: float) -> float:
        """Seconds at screen ``x`` (clamped to the round)."""
        plot = self.rect.width - LABEL_W - 20
        return max(
            0.0, min(self.tl.duration, (x - self.rect.x - LABEL_W) / plot * self.tl.duration)
        )

    def row_y(self, index: int) -> int:
        """Screen y of the top of row ``index``."""
        return self.rect.y + index * self.row_h

    def draw(
        self, surface: pygame.Surface, theme: Theme, text: TextCache, cursor: float | None = None
    ) -> None:
        """Draw the time grid, the rows and, if given, the ``cursor`` line at that second."""
        tl = self.tl
        bottom = self.row_y(len(self.rows))
        span = int(tl.duration)
        step = 30 if span <= 300 else 60
        for s in range(0, span + 1, step):
            x = self.x(s)
            pygame.draw.line(surface, theme.panel_edge, (x, self.rect.y), (x, bottom), 1)
            text.draw(
                surface, f"{s // 60}:{s % 60:02d}", 28, theme.text_dim, (x, bottom + 6), "midtop"
            )
        for i, name in enumerate(self.rows):
            y = self.row_y(i)
            colour = theme.player(tl.players[i - 3]) if i >= 3 else theme.text
            text.draw(surface, name, 36, colour, (self.rect.x + 10, y + self.row_h // 2), "midleft")
            pygame.draw.line(
                surface,
                theme.panel_edge,
                (self.rect.x, y + self.row_h),
                (self.rect.right, y + self.row_h),
                1,
            )
        slots: list[float] = []
        for order in tl.orders:
            k = next((j for j, end in enumerate(slots) if end <= order.start), len(slots))
            if k == len(slots):
                slots.append(0.0)
            slots[k] = order.end
            y = self.row_y(0) + 8 + (k % 6) * max(6, (self.row_h - 16) // 6)
            pygame.draw.rect(
                surface,
                ORDER_COLOURS.get(order.kind, (150, 150, 150)),
                (
                    self.x(order.start),
                    y,
                    max(3, self.x(order.end) - self.x(order.start)),
                    max(5, self.row_h // 9),
                ),
            )
        for d in tl.disruptions:
            r = pygame.Rect(
                self.x(d.start),
                self.row_y(1) + 10,
                max(6, self.x(d.end) - self.x(d.start)),
                self.row_h - 20,
            )
            pygame.draw.rect(surface, (240, 228, 66), r, border_radius=6)
            text.draw(
                surface,
                d.label,
                26,
                theme.text,
                (r.x + 6, r.centery),
                "midleft",
                shadow=theme.text_dark,
            )
        for tag in tl.tags:
            x = self.x(tag.time)
            y = self.row_y(2)
            pygame.draw.line(surface, theme.accent, (x, y + 8), (x, y + self.row_h - 8), 4)
            pygame.draw.polygon(surface, theme.accent, [(x, y + 8), (x + 26, y + 18), (x, y + 28)])
            text.draw(surface, tag.label, 26, theme.text, (x + 30, y + 18), "midleft")
        lane = {p: 3 + i for i, p in enumerate(tl.players)}
        for p in tl.players:
            y = self.row_y(lane[p])
            colour = theme.player(p)
            for b in tl.blocks.get(p, ()):
                pygame.draw.rect(
                    surface,
                    (150, 140, 130),
                    (
                        self.x(b.start),
                        y + self.row_h - 16,
                        max(2, self.x(b.end) - self.x(b.start)),
                        8,
                    ),
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
                        surface,
                        c,
                        [
                            (x, y + self.row_h - 44),
                            (x + 12, y + self.row_h - 22),
                            (x - 12, y + self.row_h - 22),
                        ],
                    )
        for h in tl.handoffs:
            if h.player in lane and h.other in lane:
                x = self.x(h.time)
                y1 = self.row_y(lane[h.player]) + self.row_h // 2
                y2 = self.row_y(lane[h.other]) + self.row_h // 2
                pygame.draw.line(surface, theme.text, (x, y1), (x, y2), 2)
                pygame.draw.circle(surface, theme.text, (x, y2), 5)
        if cursor is not None:
            x = self.x(cursor)
            pygame.draw.line(surface, theme.accent, (x, self.rect.y - 10), (x, bottom + 4), 5)
