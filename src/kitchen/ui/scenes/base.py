"""What every screen has: the host it runs in and the three-part contract.

A screen sees the running game as a :class:`kitchen.ui.host.Host` and opens another screen
by name (``self.app.go("levels")``), so no screen imports the app or another screen.
"""

from __future__ import annotations

import pygame

from kitchen.ui.host import Host
from kitchen.ui.theme import Theme


class Scene:
    """A screen. ``opaque`` screens hide the ones below; overlays (pause) are not opaque."""

    opaque = True

    def __init__(self, app: Host) -> None:
        self.app = app

    @property
    def theme(self) -> Theme:
        """The current colour theme."""
        return self.app.theme

    def enter(self) -> None:
        """Called when the screen is pushed."""

    def reveal(self) -> None:
        """Called when the screen above it closes."""

    def leave(self) -> None:
        """Called when the screen is closed."""

    def handle_event(self, event: pygame.event.Event) -> None:
        """React to one input event."""

    def pad_removed(self, pad: int) -> None:
        """A gamepad was unplugged. Every open screen hears this, not only the top one,
        so a screen under an overlay can still react (pause for the lost chef)."""

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds of real time."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw onto the 1920x1080 logical surface."""

    def shade(self, surface: pygame.Surface, alpha: int = 170) -> None:
        """Darken what is below an overlay."""
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((10, 8, 6, alpha))
        surface.blit(veil, (0, 0))
