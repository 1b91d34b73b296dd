"""What every screen has: a reference to the app and the three-part contract."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from kitchen.ui.app import App


class Scene:
    """A screen. ``opaque`` screens hide the ones below; overlays (pause) are not opaque."""

    opaque = True

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def theme(self):  # noqa: ANN201
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
