"""The facilitator's controls during play, on the shared screen: a small panel opened with
the mouse (the tab in the bottom-left corner) or function keys, never the players' keys.

F1 help   F2 disruptions   F3 tag a moment   F4 +30 s   F5 end the round (press twice)
F6 pause / resume. In an open list, Tab moves and Enter chooses (or click).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from kitchen.sim.actions import Action, EndRound, ExtendRound, Tag, TriggerDisruption
from kitchen.ui.render.shapes import panel
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

TAB = pygame.Rect(0, 1030, 250, 50)
PANEL = pygame.Rect(0, 560, 640, 470)

HELP = [
    "F1  this help",
    "F2  trigger a disruption",
    "F3  tag this moment",
    "F4  add 30 seconds",
    "F5  end the round (press twice)",
    "F6  pause / resume",
    "Tab / Enter, or the mouse, in a list",
]


class FacilitatorPanel:
    """State and drawing of the facilitator's panel.

    Args:
        disruptions: the level's disruption labels, in order.
        tags: the observation labels to offer.
        act: called with a facilitator :class:`~kitchen.sim.actions.Action`.
        toggle_pause: called to pause or resume.
    """

    def __init__(
        self,
        disruptions: list[str],
        tags: list[str],
        act: Callable[[Action], None],
        toggle_pause: Callable[[], None],
    ) -> None:
        self.disruptions = disruptions
        self.tags = tags
        self.act = act
        self.toggle_pause = toggle_pause
        self.mode: str | None = None  # None, "menu", "help", "disruptions", "tags"
        self.index = 0
        self.end_armed_until = -1.0
        self.clock = 0.0
        self.flash: tuple[str, float] | None = None

    def entries(self) -> list[tuple[str, Callable[[], None]]]:
        """The rows of the open list."""
        if self.mode == "disruptions":
            return [
                (label, lambda i=i: self._trigger(i)) for i, label in enumerate(self.disruptions)
            ] or [("This level has no disruptions", lambda: None)]
        if self.mode == "tags":
            return [(label, lambda label=label: self._tag(label)) for label in self.tags]
        if self.mode == "menu":
            return [
                ("Pause / resume", self.toggle_pause),
                ("Trigger a disruption...", lambda: self.open("disruptions")),
                ("Tag this moment...", lambda: self.open("tags")),
                ("Add 30 seconds", self._extend),
                ("End the round now", self._end_now),
                ("Close", self.close),
            ]
        return []

    def open(self, mode: str) -> None:
        """Open the list ``mode`` ("menu", "help", "disruptions" or "tags") at its first row."""
        self.mode, self.index = mode, 0

    def close(self) -> None:
        """Close the panel."""
        self.mode = None

    def _trigger(self, index: int) -> None:
        self.act(TriggerDisruption(index))
        self.say(f"Triggered: {self.disruptions[index]}")
        self.close()

    def _tag(self, label: str) -> None:
        self.act(Tag(label))
        self.say(f"Tagged: {label}")
        self.close()

    def _extend(self) -> None:
        self.act(ExtendRound(30))
        self.say("30 seconds added")

    def _end_now(self) -> None:
        self.act(EndRound("ended"))
        self.close()

    def say(self, message: str) -> None:
        """Show ``message`` on the panel for 2.5 seconds."""
        self.flash = (message, self.clock + 2.5)

    def update(self, dt: float) -> None:
        """Advance the panel's clock by ``dt`` seconds."""
        self.clock += dt

    def handle_event(
        self, event: pygame.event.Event, to_logical: Callable[[tuple[int, int]], tuple[int, int]]
    ) -> bool:
        """Returns True if the facilitator's panel used the event."""
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_F1:
                self.mode = None if self.mode == "help" else "help"
            elif key == pygame.K_F2:
                self.close() if self.mode == "disruptions" else self.open("disruptions")
            elif key == pygame.K_F3:
                self.close() if self.mode == "tags" else self.open("tags")
            elif key == pygame.K_F4:
                self._extend()
            elif key == pygame.K_F5:
                if self.clock < self.end_armed_until:
                    self._end_now()
                else:
                    self.end_armed_until = self.clock + 3
                    self.say("Press F5 again to end the round")
            elif key == pygame.K_F6:
                self.toggle_pause()
            elif key == pygame.K_TAB and self.entries():
                self.index = (self.index + 1) % len(self.entries())
            elif key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.entries():
                self.entries()[self.index][1]()
            else:
                return False
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            point = to_logical(event.pos)
            if TAB.collidepoint(point):
                self.close() if self.mode else self.open("menu")
                return True
            for i, rect in enumerate(self._rows()):
                if rect.collidepoint(point):
                    self.index = i
                    self.entries()[i][1]()
                    return True
            if self.mode is not None and self.panel_rect().collidepoint(point):
                return True
        return False

    def panel_rect(self) -> pygame.Rect:
        """Where the open panel is (it grows upwards from the corner tab)."""
        lines = len(HELP) if self.mode == "help" else len(self.entries())
        height = 80 + lines * 56
        return pygame.Rect(PANEL.x, TAB.y - height, PANEL.width, height)

    def _rows(self) -> list[pygame.Rect]:
        r = self.panel_rect()
        return [
            pygame.Rect(r.x + 16, r.y + 70 + i * 56, r.width - 32, 50)
            for i in range(len(self.entries()))
        ]

    def draw(self, surface: pygame.Surface, theme: Theme, text: TextCache) -> None:
        """The corner tab, the open panel and short confirmations."""
        pygame.draw.rect(surface, theme.panel, TAB, border_top_right_radius=14)
        text.draw(surface, "Facilitator  F1", 32, theme.text_dim, TAB.center, "center")
        if self.flash and self.clock < self.flash[1]:
            text.draw(
                surface,
                self.flash[0],
                40,
                theme.accent,
                (270, 1055),
                "midleft",
                shadow=theme.text_dark,
            )
        if self.mode is None:
            return
        rect = self.panel_rect()
        shade = pygame.Surface(rect.size, pygame.SRCALPHA)
        shade.fill((*theme.panel, 240))
        surface.blit(shade, rect)
        pygame.draw.rect(surface, theme.accent, rect, 4, border_top_right_radius=14)
        title = {
            "menu": "Facilitator",
            "help": "Facilitator keys",
            "disruptions": "Trigger a disruption",
            "tags": "Tag this moment",
        }[self.mode]
        text.draw(surface, title, 44, theme.accent, (rect.x + 20, rect.y + 14))
        if self.mode == "help":
            for i, line in enumerate(HELP):
                text.draw(surface, line, 36, theme.text, (rect.x + 24, rect.y + 74 + i * 56))
            return
        for i, ((label, _), row) in enumerate(zip(self.entries(), self._rows(), strict=False)):
            if i == self.index:
                panel(surface, row, theme.accent, theme.text, radius=10, width=2)
            text.draw(
                surface,
                label,
                36,
                theme.accent_text if i == self.index else theme.text,
                (row.x + 14, row.centery),
                "midleft",
            )
