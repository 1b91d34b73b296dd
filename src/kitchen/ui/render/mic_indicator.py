"""The microphone indicator: shown in play whenever talk recording is on, so everybody in
the room can see that talk (never sound) is being recorded and by which microphone."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from kitchen.i18n import N_, _
from kitchen.ui.text import TextCache
from kitchen.ui.theme import TEXT_SMALL, Theme

STATE_WORDS = {
    "calibrating": N_("learning the room"),
    "listening": N_("listening"),
    "lost": N_("microphone lost"),
    "none": N_("no microphone"),
}
"""How each microphone state reads on screen."""

POSITION = (24, 1000)
"""Where the indicator starts (mid-left): under the kitchen, above the bottom line (the
facilitator's tab and the legend)."""


def mic_caption(mic: int, state: str, label: str) -> str:
    """``Mic 1 (prep): listening``."""
    words = STATE_WORDS.get(state)
    said = _(words) if words is not None else state
    if label:
        return _("Mic {n} ({label}): {state}").format(n=mic + 1, label=label, state=said)
    return _("Mic {n}: {state}").format(n=mic + 1, state=said)


def _mic_icon(
    surface: pygame.Surface, centre: tuple[int, int], colour: tuple[int, int, int]
) -> None:
    """A microphone: a capsule on a stand."""
    x, y = centre
    pygame.draw.rect(surface, colour, pygame.Rect(x - 8, y - 20, 16, 26), border_radius=8)
    pygame.draw.arc(surface, colour, pygame.Rect(x - 14, y - 12, 28, 26), 3.4, 6.0, 3)
    pygame.draw.line(surface, colour, (x, y + 13), (x, y + 20), 3)
    pygame.draw.line(surface, colour, (x - 8, y + 20), (x + 8, y + 20), 3)


def draw_mic_indicator(
    surface: pygame.Surface,
    states: Sequence[tuple[int, str, str]],
    theme: Theme,
    text: TextCache,
    blink: bool = True,
) -> pygame.Rect | None:
    """Draw one entry per microphone, ``(mic, state, label)``; a red dot beside a microphone
    that is recording (``blink``: the dot shows). Returns the area drawn, or ``None``."""
    if not states:
        return None
    x, y = POSITION
    area: pygame.Rect | None = None
    for mic, state, label in states:
        colour = {
            "listening": theme.text,
            "calibrating": theme.accent,
        }.get(state, theme.danger_text)
        _mic_icon(surface, (x + 14, y - 2), colour)
        if state == "listening" and blink:
            pygame.draw.circle(surface, theme.danger, (x + 38, y - 14), 8)
        rect = text.draw(
            surface, mic_caption(mic, state, label), TEXT_SMALL, colour, (x + 52, y), "midleft"
        )
        box = pygame.Rect(x, rect.top, rect.right - x, rect.height)
        area = box if area is None else area.union(box)
        x = rect.right + 36
    return area
