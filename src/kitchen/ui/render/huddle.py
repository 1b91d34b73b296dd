"""What a workshop puts on the players' screen: the facilitator's huddle timer (large, in
the middle) and a small "Workshop: <name>" indicator in the bottom-left corner, above the
facilitator's tab and below the kitchen.

All text is 28 px or more on the 1920x1080 frame (size 42 and up) in the theme's text
colour on its panel colour (contrast well over 4.5:1 in every palette).
"""

from __future__ import annotations

import math

import pygame

from kitchen.i18n import _
from kitchen.ui.render.shapes import panel
from kitchen.ui.text import TextCache
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_SMALL, Theme

HUDDLE_BOX = pygame.Rect(460, 250, 1000, 520)
"""Where the huddle timer is drawn (over the kitchen: the round is paused)."""

INDICATOR_AT = (8, 978)
"""The indicator's top-left corner: under the kitchen area, above the facilitator's tab."""


def clock_text(seconds: float) -> str:
    """``m:ss`` of the seconds left, rounded up (a timer never shows 0:00 early)."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def draw_huddle(
    surface: pygame.Surface,
    seconds_left: float,
    resumes: bool,
    theme: Theme,
    text: TextCache,
) -> pygame.Rect:
    """The huddle timer over a shaded screen; ``resumes``: the round goes on by itself
    when it runs out (the huddle paused it). Returns the box drawn."""
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 150))
    surface.blit(shade, (0, 0))
    box = HUDDLE_BOX
    panel(surface, box, theme.panel, theme.accent, radius=24, width=6)
    text.draw(
        surface, _("Team huddle"), TEXT_HEADING, theme.accent, (box.centerx, box.y + 90), "center"
    )
    text.draw(
        surface, clock_text(seconds_left), 220, theme.text, (box.centerx, box.y + 270), "center"
    )
    if seconds_left > 0:
        if resumes:
            line = _("Plan together. The round goes on when the time is up.")
        else:
            line = _("Plan together. Then carry on.")
    else:
        line = _("Time is up.")
    text.draw(surface, line, TEXT_BODY, theme.text, (box.centerx, box.bottom - 70), "center")
    return box


def indicator_text(state: str, workshop: str) -> str:
    """The indicator's words for a link in ``state`` (see ``LinkState``)."""
    name = workshop or _("the workshop")
    if state == "connected":
        return _("Workshop: {name}").format(name=name)
    if state == "refused":
        return _("Not joined to {name}").format(name=name)
    if state == "joining":
        return _("Joining {name}...").format(name=name)
    return _("Workshop: {name} (reconnecting)").format(name=name)


def draw_indicator(
    surface: pygame.Surface, state: str, workshop: str, theme: Theme, text: TextCache
) -> pygame.Rect:
    """The small workshop indicator: a dot (green: connected, amber: not now) and a line."""
    words = indicator_text(state, workshop)
    width = min(text.size(words, TEXT_SMALL)[0] + 70, 900)
    rect = pygame.Rect(*INDICATOR_AT, width, 48)
    panel(surface, rect, theme.panel, theme.panel_edge, radius=12, width=2)
    dot = theme.good if state == "connected" else theme.accent
    pygame.draw.circle(surface, dot, (rect.x + 26, rect.centery), 10)
    text.draw(surface, words, TEXT_SMALL, theme.text, (rect.x + 46, rect.centery), "midleft")
    return rect
