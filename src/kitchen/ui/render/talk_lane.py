"""The in-game timeline's talk lane (only in a round recorded with talk on): what the
microphones heard (pale), when the kitchen talked (blue), and what happened to the
microphones ("microphone lost at 1:23", "no microphone")."""

from __future__ import annotations

from typing import Protocol

import pygame

from kitchen.debrief.timeline import Timeline
from kitchen.i18n import _
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme


class LaneHost(Protocol):
    """What the lane needs of the timeline view it is drawn in (kept to a protocol so the
    view and its lane do not import each other)."""

    tl: Timeline
    rect: pygame.Rect

    def row_y(self, index: int) -> int:
        """Screen y of the top of row ``index``."""
        ...

    def row_height(self, index: int) -> int:
        """Height of row ``index``."""
        ...

    def x(self, seconds: float) -> float:
        """Screen x of ``seconds`` into the round."""
        ...


TALK_COLOUR = (86, 180, 233)
"""Okabe-Ito sky blue: talk."""

NOTE_SIZE = 36
"""Text size of the lane's notes (at least 35: readable in the debrief at 1080p)."""


def draw_talk_lane(
    view: LaneHost, surface: pygame.Surface, theme: Theme, text: TextCache, row: int
) -> None:
    """Draw the talk lane of ``view``'s timeline in row ``row``."""
    talk = view.tl.talk
    if talk is None:
        return
    y, h = view.row_y(row), view.row_height(row)
    # the lane's own key beside its name (the legend row below is full): blue is talk
    pygame.draw.rect(surface, TALK_COLOUR, (view.rect.x + 110, y + h // 2 - 10, 34, 20))
    for span in talk.heard:
        left = view.x(span.start)
        rect = pygame.Rect(left, y + 8, max(2, view.x(span.end) - left), h - 16)
        pygame.draw.rect(surface, theme.panel_edge, rect)
    for span in talk.talk:
        left = view.x(span.start)
        rect = pygame.Rect(left, y + 14, max(2, view.x(span.end) - left), h - 28)
        pygame.draw.rect(surface, TALK_COLOUR, rect)
    if not talk.heard and not talk.notes:
        at = (view.x(0) + 8, y + h // 2)
        text.draw(surface, _("nothing heard"), NOTE_SIZE, theme.text_dim, at, "midleft")
    end = view.x(view.tl.duration)
    for note in talk.notes:
        x = view.x(note.time)
        pygame.draw.line(surface, theme.danger_text, (x, y + 4), (x, y + h - 4), 4)
        width = text.size(note.label, NOTE_SIZE)[0]
        left = x - 10 - width if x + 10 + width > end else x + 10
        box = pygame.Rect(left - 6, y + h // 2 - NOTE_SIZE // 2 - 2, width + 12, NOTE_SIZE + 4)
        pygame.draw.rect(surface, theme.backdrop, box, border_radius=6)  # readable over bars
        text.draw(surface, note.label, NOTE_SIZE, theme.danger_text, (left, y + h // 2), "midleft")
