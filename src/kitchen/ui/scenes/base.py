"""What every screen has: the host it runs in and the three-part contract.

A screen sees the running game as a :class:`kitchen.ui.host.Host` and opens another screen
by name (``self.app.go("levels")``), so no screen imports the app or another screen.
"""

from __future__ import annotations

import pygame

from kitchen.ui.host import Host
from kitchen.ui.theme import Theme

_VEILS: dict[tuple[tuple[int, int], int], pygame.Surface] = {}
"""Overlay veils by (size, darkness), kept between frames."""


class Scene:
    """A screen. ``opaque`` screens hide the ones below; overlays (pause) are not opaque.

    The game draws a screen again only when something may have changed it (see
    :class:`kitchen.ui.loop.Redraws`): input, a change of screens, or the screen changing by
    itself. A screen changes by itself when ``animated`` says so or, when ``animated`` is
    ``None``, when its class has its own :meth:`update` (a round ticking, a countdown). A
    screen whose picture changes for another reason (a clock read in :meth:`draw`, work
    finished in the background) sets ``animated = True`` or calls :meth:`invalidate`.
    """

    opaque = True
    animated: bool | None = None
    """Whether the screen changes with no input; ``None``: when it overrides :meth:`update`."""
    stale = False
    """Set by :meth:`invalidate`: draw this screen again at the next frame."""

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

    def changes_by_itself(self) -> bool:
        """True when the screen can look different from one frame to the next with no
        input, so it must be drawn every frame while it is on top."""
        if self.animated is not None:
            return self.animated
        return type(self).update is not Scene.update

    def invalidate(self) -> None:
        """Ask for this screen to be drawn again at the next frame."""
        self.stale = True

    def shade(self, surface: pygame.Surface, alpha: int = 170) -> None:
        """Darken what is below an overlay."""
        key = (surface.get_size(), alpha)
        veil = _VEILS.get(key)
        if veil is None:  # made once per size and darkness: a full-screen layer costs ~1 ms
            veil = _VEILS[key] = pygame.Surface(key[0], pygame.SRCALPHA)
            veil.fill((10, 8, 6, alpha))
        surface.blit(veil, (0, 0))
