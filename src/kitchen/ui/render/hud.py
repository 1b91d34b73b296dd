"""The heads-up display: order tickets along the top, score, stars and the round clock, and
banners that announce disruptions."""

from __future__ import annotations

import pygame

from kitchen.i18n import _, current_language
from kitchen.sim import Round
from kitchen.ui.render.icons import Icons, draw_star
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.tickets import TICKET_H, TicketRail, recipe_icon_key
from kitchen.ui.round_feedback import RoundFeedback
from kitchen.ui.text import TextCache
from kitchen.ui.theme import TEXT_BODY, TEXT_SMALL, Theme, darker

HUD_HEIGHT = 200
"""Height of the top bar in logical pixels; the kitchen is drawn below it."""

KITCHEN_AREA = (0, HUD_HEIGHT + 8, 1920, 740)
"""Where the kitchen is drawn during play; below it is a strip for banners."""

BANNER_HEIGHT = 80
BANNER_CENTER_Y = KITCHEN_AREA[1] + KITCHEN_AREA[3] + 4 + BANNER_HEIGHT // 2
"""Banners sit in the strip under the kitchen, above the bottom line (the controls legend,
centred on y 1058, and the facilitator's tab from y 1030 at the left)."""


class Hud:
    """Draws the top bar and banners."""

    def __init__(self, theme: Theme, icons: Icons, text: TextCache) -> None:
        self.theme = theme
        self.icons = icons
        self.text = text
        self.rail = TicketRail(theme, icons, text)
        self.banner_rect: pygame.Rect | None = None
        """Where the last banner was drawn (``None``: no banner showing)."""
        self._status_face: tuple[tuple, pygame.Surface] | None = None

    def draw(
        self,
        surface: pygame.Surface,
        rnd: Round,
        banner: tuple[str, str] | None = None,
        feedback: RoundFeedback | None = None,
    ) -> None:
        """Tickets, score, stars and clock; ``banner`` is (title, detail) to announce;
        ``feedback`` makes tickets slide, and served or expired ones leave visibly."""
        t = self.theme
        top = pygame.Rect(0, 0, surface.get_width(), HUD_HEIGHT)
        pygame.draw.rect(surface, t.panel, top)
        pygame.draw.line(surface, t.panel_edge, (0, HUD_HEIGHT - 2), (top.right, HUD_HEIGHT - 2), 4)
        self.rail.draw(surface, rnd, pygame.Rect(12, 12, top.width - 560, TICKET_H), feedback)
        self._kept_status(surface, rnd, pygame.Rect(top.right - 540, 8, 530, HUD_HEIGHT - 16))
        self.banner_rect = None
        if banner is not None:
            self._banner(surface, *banner)

    def _kept_status(self, surface: pygame.Surface, rnd: Round, area: pygame.Rect) -> None:
        """The clock, score and stars, drawn again only when one of them changes (once a
        second at most, between points); drawn straight on ``surface`` while
        :attr:`TextCache.on_draw` listens, so the listener is told of every string."""
        if self.text.on_draw is not None:
            self._status(surface, rnd, area)
            return
        seconds = int(rnd.seconds_left + 0.999)
        key = (seconds, rnd.score, rnd.spec.scoring.stars, area.size, current_language())
        if self._status_face is None or self._status_face[0] != key:
            face = pygame.Surface(area.size, pygame.SRCALPHA)
            self._status(face, rnd, face.get_rect())
            self._status_face = (key, face)
        surface.blit(self._status_face[1], area)

    def _status(self, surface: pygame.Surface, rnd: Round, area: pygame.Rect) -> None:
        t = self.theme
        panel(surface, area, t.backdrop, t.panel_edge, radius=16)
        seconds = int(rnd.seconds_left + 0.999)
        clock = f"{seconds // 60}:{seconds % 60:02d}"
        urgent = seconds <= 30 and (seconds % 2 == 0 or seconds <= 10)
        # Two rows: the clock and the score (each with its label), then the stars with the
        # next threshold, so a score of any length never runs into the stars.
        self.text.draw(
            surface, clock, 96, t.danger_text if urgent else t.text, (area.x + 24, area.y + 4)
        )
        self.text.draw(surface, _("time left"), TEXT_SMALL, t.text_dim, (area.x + 28, area.y + 74))
        self.text.draw(
            surface, str(rnd.score), 96, t.accent, (area.right - 24, area.y + 4), "topright"
        )
        self.text.draw(
            surface, _("score"), TEXT_SMALL, t.text_dim, (area.right - 28, area.y + 74), "topright"
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
            self._next(rnd),
            TEXT_SMALL,
            t.text,
            (area.x + 52 + 2 * 58 + 44, row),
            "midleft",
        )

    @staticmethod
    def _next(rnd: Round) -> str:
        for need in rnd.spec.scoring.stars:
            if rnd.score < need:
                return _("next star at {score}").format(score=need)
        return _("next star - all earned!")

    def _banner(self, surface: pygame.Surface, title: str, detail: str) -> None:
        t = self.theme
        line = f"{title}  -  {detail}" if detail else title
        w = min(1200, self.text.size(line, TEXT_BODY)[0] + 80)
        rect = pygame.Rect(0, 0, w, BANNER_HEIGHT)
        rect.center = (surface.get_width() // 2, BANNER_CENTER_Y)
        self.banner_rect = rect
        pygame.draw.rect(surface, darker(t.danger), rect, border_radius=14)
        pygame.draw.rect(surface, t.text, rect, 5, border_radius=14)
        size = TEXT_BODY if self.text.size(line, TEXT_BODY)[0] <= w - 60 else TEXT_SMALL
        self.text.draw(surface, line, size, t.text, rect.center, "center", shadow=t.text_dark)


__all__ = ["HUD_HEIGHT", "KITCHEN_AREA", "Hud", "recipe_icon_key"]
