"""The heads-up display: order tickets along the top, score, stars and the round clock, and
banners that announce disruptions."""

from __future__ import annotations

import pygame

from kitchen.sim import Round
from kitchen.ui.render.icons import Icons, draw_star
from kitchen.ui.render.shapes import bar, panel
from kitchen.ui.text import TextCache
from kitchen.ui.theme import TEXT_BODY, TEXT_LARGE, TEXT_SMALL, Theme

HUD_HEIGHT = 200
"""Height of the top bar in logical pixels; the kitchen is drawn below it."""

KITCHEN_AREA = (0, HUD_HEIGHT + 8, 1920, 740)
"""Where the kitchen is drawn during play; below it is a strip for banners."""

BANNER_CENTER_Y = 1000

TICKET_W, TICKET_H = 250, 176


def recipe_icon_key(rnd: Round, recipe: str, exclude: str | None = None) -> str:
    """The icon key of a finished dish: a plate with its components."""
    spec = rnd.spec.recipes[recipe]
    parts = [k for k in spec.components if exclude is None or k.split(":")[0] != exclude]
    return "plate[" + ",".join(parts) + "]"


class Hud:
    """Draws the top bar and banners."""

    def __init__(self, theme: Theme, icons: Icons, text: TextCache) -> None:
        self.theme = theme
        self.icons = icons
        self.text = text

    def draw(
        self, surface: pygame.Surface, rnd: Round, banner: tuple[str, str] | None = None
    ) -> None:
        """Tickets, score, stars and clock; ``banner`` is (title, detail) to announce."""
        t = self.theme
        top = pygame.Rect(0, 0, surface.get_width(), HUD_HEIGHT)
        pygame.draw.rect(surface, t.panel, top)
        pygame.draw.line(surface, t.panel_edge, (0, HUD_HEIGHT - 2), (top.right, HUD_HEIGHT - 2), 4)
        self._tickets(surface, rnd, pygame.Rect(12, 12, top.width - 560, TICKET_H))
        self._status(surface, rnd, pygame.Rect(top.right - 540, 8, 530, HUD_HEIGHT - 16))
        if banner is not None:
            self._banner(surface, *banner)

    def _tickets(self, surface: pygame.Surface, rnd: Round, area: pygame.Rect) -> None:
        t = self.theme
        orders = sorted(rnd.orders.open, key=lambda o: o.expires)
        readers = [p for p in sorted(rnd.chefs) if rnd.can_read_tickets(p)]
        hidden = len(readers) < len(rnd.chefs)
        if not orders:
            self.text.draw(
                surface,
                "No orders yet",
                TEXT_BODY,
                t.text_dim,
                (area.x + 20, area.centery),
                "midleft",
            )
            return
        x = area.x
        for order in orders:
            if x + TICKET_W > area.right:
                self.text.draw(
                    surface,
                    f"+{len(orders) - orders.index(order)}",
                    TEXT_LARGE,
                    t.text,
                    (x + 10, area.centery),
                    "midleft",
                )
                break
            rect = pygame.Rect(x, area.y, TICKET_W, TICKET_H)
            special = order.exclude is not None
            panel(
                surface,
                rect,
                t.ticket,
                t.danger if special else t.ticket_edge,
                radius=14,
                width=6 if special else 4,
            )
            frac = order.remaining(rnd.tick) / order.patience if order.patience else 0
            if hidden and not readers:
                self.text.draw(
                    surface, "?", 120, t.ticket_edge, (rect.centerx, rect.y + 70), "center"
                )
            elif hidden:
                self.text.draw(
                    surface, "?", 100, t.ticket_edge, (rect.centerx, rect.y + 62), "center"
                )
                self.text.draw(
                    surface,
                    "Ask chef " + ", ".join(map(str, readers)),
                    TEXT_SMALL - 8,
                    t.text_dark,
                    (rect.centerx, rect.y + 124),
                    "center",
                )
            else:
                self.icons.blit_item(
                    surface,
                    recipe_icon_key(rnd, order.recipe, order.exclude),
                    (rect.x + 62, rect.y + 66),
                    104,
                )
                title = rnd.spec.recipes[order.recipe].title
                lines = self.text.wrap(title, 34, TICKET_W - 128)[:3]
                for i, line in enumerate(lines):
                    self.text.draw(
                        surface, line, 34, t.text_dark, (rect.x + 122, rect.y + 18 + i * 36)
                    )
                if special:
                    tag = pygame.Rect(rect.x + 8, rect.y + 116, rect.width - 16, 30)
                    pygame.draw.rect(surface, t.danger, tag, border_radius=8)
                    self.text.draw(
                        surface, f"NO {order.exclude.upper()}", 28, t.text, tag.center, "center"
                    )
            bar(
                surface,
                pygame.Rect(rect.x + 10, rect.bottom - 24, rect.width - 20, 16),
                frac,
                t.patience(frac),
                t,
            )
            x += TICKET_W + 10

    def _status(self, surface: pygame.Surface, rnd: Round, area: pygame.Rect) -> None:
        t = self.theme
        panel(surface, area, t.backdrop, t.panel_edge, radius=16)
        seconds = int(rnd.seconds_left + 0.999)
        clock = f"{seconds // 60}:{seconds % 60:02d}"
        urgent = seconds <= 30 and (seconds % 2 == 0 or seconds <= 10)
        # Two rows: the clock and the score (each with its label), then the stars with the
        # next threshold, so a score of any length never runs into the stars.
        self.text.draw(
            surface, clock, 96, t.danger if urgent else t.text, (area.x + 24, area.y + 4)
        )
        self.text.draw(surface, "time left", TEXT_SMALL - 8, t.text_dim, (area.x + 28, area.y + 74))
        self.text.draw(
            surface, str(rnd.score), 96, t.accent, (area.right - 24, area.y + 4), "topright"
        )
        self.text.draw(
            surface, "score", TEXT_SMALL - 8, t.text_dim, (area.right - 28, area.y + 74), "topright"
        )
        row = area.y + 138
        for i, need in enumerate(rnd.spec.scoring.stars):
            center = (area.x + 52 + i * 58, row)
            draw_star(
                surface,
                center,
                25,
                t.star,
                t.text_dark if rnd.score >= need else t.star_empty,
                rnd.score >= need,
            )
        self.text.draw(
            surface,
            f"next star {self._next(rnd)}",
            TEXT_SMALL - 6,
            t.text,
            (area.x + 52 + 2 * 58 + 44, row),
            "midleft",
        )

    @staticmethod
    def _next(rnd: Round) -> str:
        for need in rnd.spec.scoring.stars:
            if rnd.score < need:
                return f"at {need}"
        return "- all earned!"

    def _banner(self, surface: pygame.Surface, title: str, detail: str) -> None:
        t = self.theme
        line = f"{title}  -  {detail}" if detail else title
        w = min(1200, self.text.size(line, TEXT_BODY)[0] + 80)
        rect = pygame.Rect(0, 0, w, 96)
        rect.center = (surface.get_width() // 2, BANNER_CENTER_Y)
        pygame.draw.rect(surface, t.danger, rect, border_radius=14)
        pygame.draw.rect(surface, t.text, rect, 5, border_radius=14)
        size = TEXT_BODY if self.text.size(line, TEXT_BODY)[0] <= w - 60 else TEXT_SMALL - 4
        self.text.draw(surface, line, size, t.text, rect.center, "center", shadow=t.text_dark)
