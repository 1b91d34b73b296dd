"""The call-out quick-chat: a small menu over a chef, opened with their call-out key or
button, moved with their own up/down and chosen with their pick-up key. While it is open
the chef stands still."""

from __future__ import annotations

import pygame

from kitchen.ui.render.shapes import panel
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

LABELS = {
    "need": "Need {item}!",
    "on_it": "On it!",
    "ready": "Ready!",
    "help": "Help!",
    "thanks": "Thanks!",
}


def callout_label(callout: str) -> str:
    """What a speech bubble says for a call-out (``need:onion`` -> ``Need onion!``)."""
    kind, _, item = callout.partition(":")
    return LABELS.get(kind, kind).format(item=item.replace("_", " "))


class QuickChat:
    """One chef's open quick-chat menu.

    Args:
        player: the chef.
        items: what a chef can ask for with "Need ...".
    """

    TOP = ["need", "on_it", "ready", "help", "thanks"]

    def __init__(self, player: int, items: list[str]) -> None:
        self.player = player
        self.items = items
        self.choosing_item = False
        self.index = 0

    def options(self) -> list[str]:
        """The labels now on offer."""
        if self.choosing_item:
            return [f"Need {i.replace('_', ' ')}" for i in self.items] + ["Back"]
        return ["Need ..."] + [LABELS[k] for k in self.TOP[1:]]

    def move(self, step: int) -> None:
        """Up (-1) or down (+1)."""
        self.index = (self.index + step) % len(self.options())

    def choose(self) -> str | None:
        """Confirm the highlighted option: the call-out to make, or None (still choosing)."""
        if self.choosing_item:
            if self.index >= len(self.items):
                self.choosing_item, self.index = False, 0
                return None
            return f"need:{self.items[self.index]}"
        if self.index == 0:
            self.choosing_item, self.index = True, 0
            return None
        return self.TOP[self.index]

    def draw(
        self,
        surface: pygame.Surface,
        anchor: tuple[float, float],
        colour: tuple,
        theme: Theme,
        text: TextCache,
    ) -> None:
        """Draw the menu above ``anchor`` (the chef's head)."""
        options = self.options()
        size, row = 40, 52
        width = max(text.size(o, size)[0] for o in options) + 60
        rect = pygame.Rect(0, 0, width, row * len(options) + 20)
        rect.midbottom = (round(anchor[0]), round(anchor[1]))
        rect.clamp_ip(surface.get_rect().inflate(-10, -10))
        panel(surface, rect, theme.ticket, colour, radius=16, width=6)
        for i, option in enumerate(options):
            line = pygame.Rect(rect.x + 8, rect.y + 10 + i * row, rect.width - 16, row - 4)
            if i == self.index:
                pygame.draw.rect(surface, colour, line, border_radius=10)
            text.draw(
                surface,
                option,
                size,
                theme.text_dark if i != self.index else theme.text,
                (line.x + 16, line.centery),
                "midleft",
            )
