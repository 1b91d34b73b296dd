"""The facilitator console in its own window (pygame-ce's ``pygame.Window``), for a laptop
with a projector: the kitchen fills the projector and the console stays on the laptop.

During a round the console shows the live orders and disruptions and holds the
facilitator's controls (:class:`kitchen.ui.console_view.ConsoleView`); after the round it
holds the TEAM rating form (:class:`kitchen.ui.scenes.observe.ObserveScene`, the same form
the results screen opens). Its picture is drawn on a 1920x1080 canvas and scaled into the
window, and redrawn only when something changed or four times a second.

Events from the console window carry it as ``event.window``: the app hands them here
first (:meth:`ConsoleWindow.handles`). Keys the console does not use go on to the game, so
chefs on the laptop's keyboard keep playing whichever window has the focus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, cast

import pygame

from kitchen.i18n import N_, _
from kitchen.ui.console_view import ConsoleView
from kitchen.ui.host import Host
from kitchen.ui.scenes.observe import ObserveScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.theme import LOGICAL_SIZE

CHOICES = ("window", "panel", "auto")
"""The values of ``kitchen play --console``."""

TITLE = N_("Systems Kitchen: facilitator console")
"""The console window's title, in English (shown with ``_()``)."""
REDRAW_EVERY = 0.25
"""Seconds between redraws when nothing was pressed (the clocks tick by the second)."""

KEYS = (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT, pygame.TEXTEDITING)
MOUSE = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION, pygame.MOUSEWHEEL)


def console_placement(choice: str) -> tuple[str, int]:
    """Where the console goes (``window`` or ``panel``) and which display the kitchen opens
    on, for ``--console`` ``choice``: ``auto`` is a window when two displays are present.
    With two displays and a console window the kitchen opens on the second display (the
    projector) and the console on the first (the laptop's main screen)."""
    if choice not in CHOICES:
        raise ValueError(
            _("--console is one of {choices}, not {choice}").format(
                choices=", ".join(CHOICES), choice=repr(choice)
            )
        )
    displays = pygame.display.get_num_displays()
    window = choice == "window" or (choice == "auto" and displays >= 2)
    return ("window" if window else "panel", 1 if window and displays >= 2 else 0)


def console_size(desktop: tuple[int, int]) -> tuple[int, int]:
    """The console window's size on a display of ``desktop`` pixels: as large as fits with
    room for the taskbar, in the canvas's 16:9 (0.85 of a 1080p display's height)."""
    scale = min(0.9 * desktop[0] / LOGICAL_SIZE[0], 0.85 * desktop[1] / LOGICAL_SIZE[1])
    return (round(LOGICAL_SIZE[0] * scale), round(LOGICAL_SIZE[1] * scale))


class ConsoleApp(Host, Protocol):
    """The running game as the console window uses it: the screens' :class:`Host` with its
    stack of screens, its event routing and where the console is (``kitchen.ui.app.App``
    is one; typed here so this module never imports the app, which imports it)."""

    scenes: list[Any]
    console_mode: str
    console_window: ConsoleWindow | None

    def dispatch(self, event: pygame.event.Event) -> None:
        """Route one event as if it came from the game's window."""


class _ConsoleHost:
    """The app as the rating form in the console sees it: the mouse is measured in the
    console window and closing the form returns to the console, not the game's screens."""

    def __init__(self, app: ConsoleApp, console: ConsoleWindow) -> None:
        self._app = app
        self._console = console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._app, name)

    def to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A position in the console window on its 1920x1080 canvas."""
        return self._console.to_canvas(pos)

    def pop(self) -> None:
        """The form closes: back to the console."""
        self._console.close_sheet()


class ConsoleWindow:
    """The facilitator's own window and what it shows.

    Args:
        app: the running game.
    """

    def __init__(self, app: ConsoleApp) -> None:
        self.app = app
        size = console_size(pygame.display.get_desktop_sizes()[0])
        self.window: pygame.Window | None = pygame.Window(
            _(TITLE), size, position=pygame.WINDOWPOS_CENTERED, resizable=True
        )
        self.canvas = pygame.Surface(LOGICAL_SIZE)
        self.view = ConsoleView(app)
        self.play: PlayScene | None = None
        """The latest round in play (kept after it ends, for its rating form)."""
        self.sheet: ObserveScene | None = None
        self.rated: PlayScene | None = None
        """The round whose form was opened (it opens once by itself)."""
        self.since_draw = REDRAW_EVERY
        self.dirty = True
        self.message = ""

    # --- where things are --------------------------------------------------------------

    def view_rect(self) -> pygame.Rect:
        """Where the canvas lands in the window (letterboxed)."""
        if self.window is None:
            return pygame.Rect(0, 0, *LOGICAL_SIZE)
        w, h = self.window.size
        scale = min(w / LOGICAL_SIZE[0], h / LOGICAL_SIZE[1])
        rect = pygame.Rect(0, 0, round(LOGICAL_SIZE[0] * scale), round(LOGICAL_SIZE[1] * scale))
        rect.center = (w // 2, h // 2)
        return rect

    def to_canvas(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A position in the console window on the 1920x1080 canvas."""
        rect = self.view_rect()
        if rect.width == 0 or rect.height == 0:
            return (0, 0)
        return (
            round((pos[0] - rect.x) * LOGICAL_SIZE[0] / rect.width),
            round((pos[1] - rect.y) * LOGICAL_SIZE[1] / rect.height),
        )

    def live(self) -> PlayScene | None:
        """The round in play, if one is (and not over)."""
        if self.play is not None and self.play in self.app.scenes and not self.play.round.finished:
            return self.play
        return None

    # --- events ------------------------------------------------------------------------

    def owns(self, event: pygame.event.Event) -> bool:
        """True when ``event`` happened in the console window."""
        window = getattr(event, "window", None)
        return self.window is not None and window is not None and window.id == self.window.id

    def handles(self, event: pygame.event.Event) -> bool:
        """Take an event of the console window; False for every other event."""
        if not self.owns(event):
            return False
        if self.sheet is not None or event.type != pygame.MOUSEMOTION:
            self.dirty = True  # the pointer moving over the live view changes nothing
        if event.type == pygame.WINDOWCLOSE:
            self.to_panel()
        elif self.sheet is not None and (event.type in KEYS or event.type in MOUSE):
            self.sheet.handle_event(event)
        elif event.type in KEYS:
            play = self.live()
            if play is None or not play.facilitator.handle_key(event):
                self._to_game(event)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._click(self.to_canvas(event.pos))
        return True

    def _to_game(self, event: pygame.event.Event) -> None:
        """A key the console does not use: as if pressed in the game's window."""
        data = {k: v for k, v in event.dict.items() if k != "window"}
        self.app.dispatch(pygame.event.Event(event.type, data))

    def _click(self, point: tuple[int, int]) -> None:
        play = self.live()
        if play is not None:
            self.view.click(play, point)
        elif self.play is not None and self.view.rate_button().collidepoint(point):
            self.open_sheet(self.play)

    # --- the rating form ---------------------------------------------------------------

    def open_sheet(self, play: PlayScene) -> None:
        """Open the TEAM rating form of ``play``'s round in the console."""
        self.rated = play
        path: Path | None = play.recorded.log_path
        if path is None:
            self.message = _("This round was not recorded, so there is nothing to rate.")
            return
        host = cast(Host, _ConsoleHost(self.app, self))
        self.sheet = ObserveScene(host, path)

    def close_sheet(self) -> None:
        """Back from the rating form to the console."""
        self.sheet = None
        self.dirty = True

    def _follow_rounds(self) -> None:
        """A new round replaces the form (saving what was rated); an ended round opens it."""
        found = self.app.find(PlayScene)
        if found is not None and found is not self.play:
            if self.sheet is not None and self.sheet.unsaved:
                self.sheet.save()
                self.message = _("The rating of the last round was saved.")
            self.sheet = None
            self.play = found
            self.dirty = True
        play = self.play
        if play is not None and play.round.finished and self.rated is not play:
            self.open_sheet(play)
            self.dirty = True

    # --- the frame ---------------------------------------------------------------------

    def frame(self, dt: float) -> None:
        """Follow the rounds and redraw the console when needed."""
        if self.window is None:
            return
        self._follow_rounds()
        self.since_draw += dt
        if not self.dirty and self.since_draw < REDRAW_EVERY:
            return
        self.since_draw, self.dirty = 0.0, False
        self.draw()
        self.present()

    def draw(self) -> None:
        """Draw what the console shows now onto its canvas."""
        if self.sheet is not None:
            self.sheet.draw(self.canvas)
        else:
            self.view.draw(self.canvas, self.live(), self.play, self.message)

    def present(self) -> None:
        """Scale the canvas into the window and show it."""
        if self.window is None:
            return
        surface = self.window.get_surface()
        rect = self.view_rect()
        surface.fill((0, 0, 0))
        if rect.size == LOGICAL_SIZE:
            surface.blit(self.canvas, rect)
        elif rect.width > 0 and rect.height > 0:
            pygame.transform.smoothscale(self.canvas, rect.size, surface.subsurface(rect))
        self.window.flip()

    def to_panel(self) -> None:
        """The console window was closed: the controls come back as the panel beside the
        kitchen (one display)."""
        self.close()
        self.app.console_mode = "panel"
        self.app.console_window = None
        for scene in self.app.scenes:
            if isinstance(scene, PlayScene):
                scene.facilitator.on_shared_screen = True

    def close(self) -> None:
        """Close the window."""
        if self.window is not None:
            self.window.destroy()
            self.window = None
