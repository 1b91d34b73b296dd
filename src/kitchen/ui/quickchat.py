"""The call-out quick-chat: a small menu over a chef, opened with their call-out key or
button, moved with their own up/down and chosen with their pick-up key. Left/right choose
who the call is for, shown on the menu's top line: everyone (the default, so a call to all
is one press) or a teammate's number. While it is open the chef stands still."""

from __future__ import annotations

import pygame

from kitchen.sim.commands import WARNINGS
from kitchen.ui.render.shapes import panel
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

LABELS = {
    "need": "Need {item}!",
    "on_it": "On it!",
    "ready": "Ready!",
    "help": "Help!",
    "thanks": "Thanks!",
    "warn": "{item}!",
}

WARNING_LABELS = {
    "burning": "Burning",
    "broken": "Broken",
    "allergy": "Allergy",
    "expiring": "Expiring",
    "blocked": "Blocked",
}
"""Short on-screen names of the hazards a ``warn`` call-out is about."""


def callout_label(callout: str) -> str:
    """What a speech bubble says for a call-out (``need:onion`` -> ``Need onion!``,
    ``need:onion@2`` -> ``Need onion! -> 2``, ``warn:burning`` -> ``Burning!``)."""
    call, at, to = callout.partition("@")
    kind, _, item = call.partition(":")
    if kind == "warn":
        item = WARNING_LABELS.get(item, item)
    label = LABELS.get(kind, kind).format(item=item.replace("_", " "))
    return f"{label} -> {to}" if at else label


class QuickChat:
    """One chef's open quick-chat menu.

    Args:
        player: the chef.
        items: what a chef can ask for with "Need ...".
        teammates: the other chefs, who a call can be addressed to.
    """

    TOP = ["need", "on_it", "ready", "help", "thanks", "warn"]

    def __init__(self, player: int, items: list[str], teammates: list[int] | None = None) -> None:
        self.player = player
        self.items = items
        self.teammates = [p for p in (teammates or []) if p != player]
        self.menu = "top"
        """``top``, ``need`` (choosing an item) or ``warn`` (choosing a hazard)."""
        self.index = 0
        self.to: int | None = None
        """Who the call is for: a teammate's number, or ``None`` for everyone."""

    @property
    def choosing_item(self) -> bool:
        """Whether the item list of "Need ..." is showing."""
        return self.menu == "need"

    def options(self) -> list[str]:
        """The labels now on offer."""
        if self.menu == "need":
            return [f"Need {i.replace('_', ' ')}" for i in self.items] + ["Back"]
        if self.menu == "warn":
            return [f"{WARNING_LABELS[w]}!" for w in WARNINGS] + ["Back"]
        return ["Need ..."] + [LABELS[k] for k in self.TOP[1:-1]] + ["Warn ..."]

    def addressee(self) -> str:
        """The top line: who the call is for."""
        return "To everyone" if self.to is None else f"To chef {self.to}"

    def move(self, step: int) -> None:
        """Up (-1) or down (+1)."""
        self.index = (self.index + step) % len(self.options())

    def aim(self, step: int) -> None:
        """Left (-1) or right (+1): the next addressee (everyone, then each teammate)."""
        choices: list[int | None] = [None, *self.teammates]
        self.to = choices[(choices.index(self.to) + step) % len(choices)]

    def choose(self) -> str | None:
        """Confirm the highlighted option: the call-out to make (``@N`` when addressed to a
        teammate), or None (still choosing)."""
        if self.menu in ("need", "warn"):
            names = self.items if self.menu == "need" else list(WARNINGS)
            if self.index >= len(names):
                self.index = self.TOP.index(self.menu)
                self.menu = "top"
                return None
            call = f"{self.menu}:{names[self.index]}"
        elif self.TOP[self.index] in ("need", "warn"):
            self.menu, self.index = self.TOP[self.index], 0
            return None
        else:
            call = self.TOP[self.index]
        return call if self.to is None else f"{call}@{self.to}"

    def draw(
        self,
        surface: pygame.Surface,
        anchor: tuple[float, float],
        colour: tuple,
        theme: Theme,
        text: TextCache,
        below: tuple[float, float] | None = None,
        bounds: pygame.Rect | None = None,
    ) -> None:
        """Draw the menu above ``anchor`` (the chef's head), or from ``below`` down (the
        chef's feet) when it does not fit above within ``bounds`` (the screen by default):
        who the call is for (with left/right arrows when there are teammates), then the
        options."""
        options = self.options()
        size, row = 40, 52
        header = f"< {self.addressee()} >" if self.teammates else self.addressee()
        width = max(text.size(o, size)[0] for o in [*options, header]) + 60
        rect = pygame.Rect(0, 0, width, row * (len(options) + 1) + 20)
        rect.midbottom = (round(anchor[0]), round(anchor[1]))
        area = (bounds or surface.get_rect()).inflate(-10, -10)
        if below is not None and rect.top < area.top:
            rect.midtop = (round(below[0]), round(below[1]))
        rect.clamp_ip(area)
        panel(surface, rect, theme.ticket, colour, radius=16, width=6)
        top = pygame.Rect(rect.x + 8, rect.y + 10, rect.width - 16, row - 4)
        text.draw(surface, header, size - 6, colour, top.center, "center")
        pygame.draw.line(
            surface, colour, (top.x + 8, top.bottom + 1), (top.right - 8, top.bottom + 1), 3
        )
        for i, option in enumerate(options):
            line = pygame.Rect(rect.x + 8, rect.y + 10 + (i + 1) * row, rect.width - 16, row - 4)
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
