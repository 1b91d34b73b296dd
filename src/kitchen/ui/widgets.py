"""A vertical menu that works with the keyboard, gamepads and the mouse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from kitchen.i18n import _
from kitchen.ui.host import Host
from kitchen.ui.input.menu_keys import menu_action
from kitchen.ui.render.shapes import panel
from kitchen.ui.theme import TEXT_LARGE


@dataclass
class MenuItem:
    """One entry: a label (or a function giving it) and what choosing it does.
    ``adjust`` (if given) is called with -1 or +1 for left and right. A plain label is
    looked up in the catalogue when shown (mark it with ``N_``)."""

    label: str | Callable[[], str]
    action: Callable[[], None] | None = None
    adjust: Callable[[int], None] | None = None
    enabled: bool = True

    def text(self) -> str:
        """The label to show now."""
        return self.label() if callable(self.label) else _(self.label)


class Menu:
    """A list of :class:`MenuItem` centred at ``center``."""

    def __init__(
        self,
        app: Host,
        items: list[MenuItem],
        center: tuple[int, int],
        width: int = 900,
        size: int = TEXT_LARGE,
    ) -> None:
        self.app = app
        self.items = items
        self.center = center
        self.width = width
        self.size = size
        self.index = next((i for i, it in enumerate(items) if it.enabled), 0)
        self.row_h = int(size * 1.55)

    def rects(self) -> list[pygame.Rect]:
        """Each item's rectangle."""
        top = self.center[1] - len(self.items) * self.row_h // 2
        return [
            pygame.Rect(
                self.center[0] - self.width // 2, top + i * self.row_h, self.width, self.row_h - 12
            )
            for i in range(len(self.items))
        ]

    def move(self, step: int) -> None:
        """Move the highlight, skipping disabled items."""
        for _tries in range(len(self.items)):
            self.index = (self.index + step) % len(self.items)
            if self.items[self.index].enabled:
                break
        self.app.audio.play("click", 0.5)

    def choose(self) -> None:
        """Activate the highlighted item."""
        item = self.items[self.index]
        if item.enabled and item.action is not None:
            self.app.audio.play("click")
            item.action()
        elif item.enabled and item.adjust is not None:
            item.adjust(1)

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Returns True if the event was used."""
        action = menu_action(event)
        if action == "up":
            self.move(-1)
        elif action == "down":
            self.move(1)
        elif action in ("left", "right") and self.items[self.index].adjust is not None:
            self.items[self.index].adjust(-1 if action == "left" else 1)
            self.app.audio.play("click", 0.5)
        elif action == "confirm":
            self.choose()
        elif event.type == pygame.MOUSEMOTION:
            # Only a pointer that really moved takes the highlight: SDL reports a motion
            # with rel (0, 0) when the window opens under a resting pointer, which must
            # not steal the keyboard's choice (Enter would then pick what is under it).
            if tuple(getattr(event, "rel", (1, 1))) != (0, 0):
                self._hover(event.pos)
            return False
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self._hover(event.pos):
                self.choose()
            else:
                return False
        else:
            return False
        return True

    def _hover(self, pos: tuple[int, int]) -> bool:
        point = self.app.to_logical(pos)
        for i, rect in enumerate(self.rects()):
            if rect.collidepoint(point) and self.items[i].enabled:
                self.index = i
                return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the menu; the highlighted item stands out."""
        t = self.app.theme
        for i, (item, rect) in enumerate(zip(self.items, self.rects(), strict=False)):
            chosen = i == self.index
            if chosen:
                panel(surface, rect, t.accent, t.text, radius=20, width=4)
            colour = t.accent_text if chosen else (t.text if item.enabled else t.text_dim)
            label = item.text()
            if item.adjust is not None:
                label = f"<  {label}  >"
            self.app.text.draw(surface, label, self.size, colour, rect.center, "center")
