"""The call-out quick-chat: a small menu over a chef, opened with their call-out key or
button, moved with their own up/down and chosen with their pick-up key. Left/right choose
who the call is for, shown on the menu's top line: everyone (the default, so a call to all
is one press) or a teammate's number. While it is open the chef stands still."""

from __future__ import annotations

import pygame

from kitchen.i18n import N_, _
from kitchen.sim.commands import WARNINGS
from kitchen.ui.names import food_name
from kitchen.ui.render.shapes import panel
from kitchen.ui.text import TextCache
from kitchen.ui.theme import TEXT_SMALL, Colour, Theme, readable_on

TEXT_SIZE = TEXT_SMALL
ROW = 58
"""Height of one line of the menu in logical pixels."""
PAD = 10
MARGIN = 6
"""Gap kept between the menu and the edge of the area it is drawn in."""

LABELS = {
    "need": N_("Need {item}!"),
    "on_it": N_("On it!"),
    "ready": N_("Ready!"),
    "help": N_("Help!"),
    "thanks": N_("Thanks!"),
    "warn": N_("{item}!"),
}

ON_IT_ITEM = N_("On it! ({item})")
"""A speech bubble's words for an ``on_it`` that names the item it answers."""

WARNING_LABELS = {
    "burning": N_("Burning"),
    "broken": N_("Broken"),
    "allergy": N_("Allergy"),
    "expiring": N_("Expiring"),
    "blocked": N_("Blocked"),
}
"""Short on-screen names of the hazards a ``warn`` call-out is about (English: look them up
with ``_()`` when shown)."""


def callout_label(callout: str) -> str:
    """What a speech bubble says for a call-out (``need:onion`` -> ``Need onion!``,
    ``need:onion@2`` -> ``Need onion! -> 2``, ``warn:burning`` -> ``Burning!``,
    ``on_it:lettuce@2`` -> ``On it! (lettuce) -> 2``)."""
    call, at, to = callout.partition("@")
    kind, _sep, item = call.partition(":")
    if kind == "warn":
        item = _(WARNING_LABELS[item]) if item in WARNING_LABELS else item
    else:
        item = food_name(item)
    if kind == "on_it" and item:
        label = _(ON_IT_ITEM)
    else:
        label = _(LABELS[kind]) if kind in LABELS else kind
    label = label.format(item=item)
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
            need = _("Need {item}")
            return [need.format(item=food_name(i)) for i in self.items] + [_("Back")]
        if self.menu == "warn":
            warn = _("{item}!")
            return [warn.format(item=_(WARNING_LABELS[w])) for w in WARNINGS] + [_("Back")]
        top = [_(LABELS[k]) for k in self.TOP[1:-1]]
        return [_("Need ..."), *top, _("Warn ...")]

    def addressee(self) -> str:
        """The top line: who the call is for."""
        if self.to is None:
            return _("To everyone")
        return _("To chef {n}").format(n=self.to)

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
        colour: Colour,
        theme: Theme,
        text: TextCache,
        below: tuple[float, float] | None = None,
        bounds: pygame.Rect | None = None,
    ) -> pygame.Rect:
        """Draw the menu whole inside ``bounds`` (the kitchen area; the screen by default),
        next to the chef whose head is at ``anchor`` and feet at ``below``: above the head,
        else below the feet, else beside the chef on the side with room (see
        :func:`place_menu`). The top line says who the call is for (with left/right arrows
        when there are teammates); a list longer than the area shows the rows around the
        highlighted one.

        Returns:
            The menu's rectangle.
        """
        options = self.options()
        header = f"< {self.addressee()} >" if self.teammates else self.addressee()
        area = (bounds or surface.get_rect()).inflate(-2 * MARGIN, -2 * MARGIN)
        fits = max(1, (area.height - 2 * PAD) // ROW - 1)
        first = min(max(0, self.index - fits // 2), max(0, len(options) - fits))
        shown = options[first : first + fits]
        width = max(text.size(o, TEXT_SIZE)[0] for o in [*options, header]) + 64
        size = (width, ROW * (len(shown) + 1) + 2 * PAD)
        feet = below if below is not None else (anchor[0], anchor[1] + ROW)
        rect = place_menu(size, anchor, feet, area)
        ink = readable_on(colour)
        panel(surface, rect, theme.ticket, colour, radius=16, width=6)
        top = pygame.Rect(rect.x + 8, rect.y + PAD, rect.width - 16, ROW - 4)
        text.draw(surface, header, TEXT_SIZE, theme.text_dark, top.center, "center")
        pygame.draw.line(
            surface, colour, (top.x + 8, top.bottom + 1), (top.right - 8, top.bottom + 1), 4
        )
        for i, option in enumerate(shown, start=first):
            row = i - first + 1
            line = pygame.Rect(rect.x + 8, rect.y + PAD + row * ROW, rect.width - 16, ROW - 4)
            chosen = i == self.index
            if chosen:
                pygame.draw.rect(surface, colour, line, border_radius=10)
            label = option
            if (i == first > 0) or (i == first + len(shown) - 1 < len(options) - 1):
                label = f"{option}  ..."  # more rows beyond this one
            ink_here = ink if chosen else theme.text_dark
            text.draw(surface, label, TEXT_SIZE, ink_here, (line.x + 16, line.centery), "midleft")
        return rect


def place_menu(
    size: tuple[int, int],
    head: tuple[float, float],
    feet: tuple[float, float],
    area: pygame.Rect,
) -> pygame.Rect:
    """Where a menu of ``size`` goes for a chef with its head at ``head`` and feet at
    ``feet``, whole inside ``area``: centred above the head if it fits there, else below
    the feet, else beside the chef (right, then left) level with it, else on the side with
    the most room, moved into ``area``. A menu larger than ``area`` is cut to it."""
    width, height = min(size[0], area.width), min(size[1], area.height)
    x, mid = round(head[0]), round((head[1] + feet[1]) / 2)
    half = max(8, round((feet[1] - head[1]) / 2))
    above = pygame.Rect(0, 0, width, height)
    above.midbottom = (x, round(head[1]))
    under = pygame.Rect(0, 0, width, height)
    under.midtop = (x, round(feet[1]))
    right = pygame.Rect(0, 0, width, height)
    right.midleft = (x + half, mid)
    left = pygame.Rect(0, 0, width, height)
    left.midright = (x - half, mid)
    for rect in (above, under):
        if rect.top >= area.top and rect.bottom <= area.bottom:
            return rect.clamp(area)
    for rect in (right, left):
        if rect.left >= area.left and rect.right <= area.right:
            return rect.clamp(area)
    room_right, room_left = area.right - (x + half), (x - half) - area.left
    return (right if room_right >= room_left else left).clamp(area)
