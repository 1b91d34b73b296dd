"""What a screen sees of the running game: the contract between :class:`kitchen.ui.app.App`
and the screens (:mod:`kitchen.ui.scenes`).

Screens are typed against :class:`Host`, never against ``App`` itself, so no screen
imports the application (which imports every screen through :mod:`kitchen.ui.routes`).
A screen opens another by name, ``host.go("join", level=...)``; the names are listed in
:mod:`kitchen.ui.routes`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, Protocol, TypeVar

import pygame

from kitchen.content.settings_model import Settings
from kitchen.content.settings_store import SettingsStore
from kitchen.session import Session
from kitchen.ui.audio import Audio
from kitchen.ui.input.bindings import KeyLayout
from kitchen.ui.input.gamepads import Gamepads
from kitchen.ui.render.icons import Icons
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

Placement = Literal["push", "replace", "reset", "queue"]
"""How :meth:`Host.go` places the new screen: on top, instead of the top one, as the only
one, or just below the top one."""

S = TypeVar("S")


class Screen(Protocol):
    """One screen or overlay on the app's stack (:class:`kitchen.ui.scenes.base.Scene`)."""

    opaque: bool

    def enter(self) -> None:
        """Called when the screen is pushed."""

    def reveal(self) -> None:
        """Called when the screen above it closes."""

    def leave(self) -> None:
        """Called when the screen is closed."""

    def handle_event(self, event: pygame.event.Event) -> None:
        """React to one input event."""

    def pad_removed(self, pad: int) -> None:
        """A gamepad was unplugged (every open screen hears it)."""

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds of real time."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw onto the 1920x1080 logical surface."""


ScreenFactory = Callable[..., Screen]
"""Makes a screen: called with the host first, then the options given to :meth:`Host.go`."""


class Host(Protocol):
    """The running game as the screens use it."""

    theme: Theme
    icons: Icons
    text: TextCache
    audio: Audio
    settings: Settings
    store: SettingsStore
    layouts: list[KeyLayout]
    gamepads: Gamepads
    seed: int | None
    team: str
    notice: str | None
    rounds_played: int
    running: bool
    fullscreen: bool

    @property
    def scene(self) -> Any:
        """The screen on top (``None`` when none is open)."""

    def go(self, name: str, /, *, how: Placement = "push", **options: Any) -> Any:
        """Open the screen called ``name``, made with ``options``, placed ``how``."""

    def can_go(self, name: str) -> bool:
        """True when a screen called ``name`` can be opened."""

    def push(self, scene: Screen) -> None:
        """Put a screen (or an overlay) on top."""

    def queue(self, scene: Screen) -> None:
        """Put a screen just below the top one: it shows when the top one closes."""

    def pop(self) -> None:
        """Close the top screen, revealing the one below."""

    def replace(self, scene: Screen) -> None:
        """Swap the top screen for another."""

    def reset_to(self, scene: Screen) -> None:
        """Close every screen and show ``scene``."""

    def find(self, kind: type[S]) -> S | None:
        """The topmost open screen of a class, if any."""

    def to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A window position (the mouse) in logical coordinates."""

    def toggle_fullscreen(self) -> None:
        """Switch between fullscreen and a window, and remember it."""

    def apply_settings(self) -> None:
        """Take new settings into use (after the settings screen changed them)."""

    def workshop_session(self) -> Session | None:
        """The session this team's rounds are filed under (``None`` if it cannot be)."""

    def new_session(self, team: str) -> None:
        """Start filing rounds under a new team name."""
