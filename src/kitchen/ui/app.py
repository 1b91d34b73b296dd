"""The game application: one window, a stack of screens, and the frame loop.

Everything is drawn on a fixed 1920x1080 logical surface that SDL's renderer scales into
the window keeping the aspect ratio (letterbox, :mod:`kitchen.ui.display`), so the game
reads the same from 1280x720 to 4K. At most 60 frames are drawn per second, and a screen
that has not changed is not drawn again (:class:`kitchen.ui.loop.Redraws`). Screens
(:mod:`kitchen.ui.scenes`) each implement ``handle_event / update / draw``; overlays such as
the pause menu are pushed on top of the screen they cover. Screens see the app as a
:class:`kitchen.ui.host.Host` and open each other by name (:meth:`App.go`, the names are in
:mod:`kitchen.ui.routes`).

Tests drive the real application with :meth:`App.run_frames` and posted events; nothing
waits in real time.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pygame

from kitchen.content.settings_store import SettingsStore
from kitchen.i18n import _
from kitchen.session import Session
from kitchen.session.replay import RoundLog
from kitchen.ui.audio import Audio
from kitchen.ui.console_window import ConsoleWindow, console_placement
from kitchen.ui.display import offscreen_problem, open_window, window_view
from kitchen.ui.host import Placement, Screen, ScreenFactory
from kitchen.ui.input.bindings import SDL_KEY_NAMES, layouts_from
from kitchen.ui.input.gamepads import PAD_REMOVED, Gamepads
from kitchen.ui.level_loading import load_level_or_message
from kitchen.ui.loop import FRAME_RATE, FramePacer, Redraws, visible
from kitchen.ui.render.icons import Icons
from kitchen.ui.routes import ROUTES
from kitchen.ui.text import TextCache
from kitchen.ui.theme import LOGICAL_SIZE, theme_for

MAX_FPS = FRAME_RATE

S = TypeVar("S")


class App:
    """The running game.

    Args:
        size: window size in pixels (ignored when fullscreen).
        fullscreen: start fullscreen (default: from the settings).
        settings_path: the settings file (default: the user's config folder).
        team: the team name for the workshop session (default: the one last typed).
        seed: the seed of every round (default: a new random one each round).
        routes: the screens :meth:`go` can open, by name (default :data:`ROUTES`).
        console: where the facilitator's console goes: ``window`` (its own window; the
            kitchen opens on the second display when there is one), ``panel`` (a compact
            panel beside the kitchen) or ``auto`` (a window when two displays are present).
    """

    def __init__(
        self,
        size: tuple[int, int] | None = None,
        fullscreen: bool | None = None,
        settings_path: Path | None = None,
        team: str | None = None,
        seed: int | None = None,
        routes: dict[str, ScreenFactory] | None = None,
        console: str = "panel",
    ) -> None:
        pygame.init()
        self.console_mode, self.game_display = console_placement(console)
        self.routes = dict(ROUTES if routes is None else routes)
        self.store = SettingsStore(settings_path, keys=SDL_KEY_NAMES)
        self.settings = self.store.load()
        self.fullscreen = self.settings.fullscreen if fullscreen is None else fullscreen
        self.window_size = size or (self.settings.window_width, self.settings.window_height)
        self.redraws = Redraws()
        self.screen = self._open_window()
        pygame.display.set_caption("Systems Kitchen")
        self.text = TextCache()
        self.apply_palette()
        self.audio = Audio(self.settings.volume, self.settings.music_volume, self.settings.muted)
        self.gamepads = Gamepads()
        self.layouts = layouts_from([layout.as_names() for layout in self.settings.layouts])
        self.scenes: list[Any] = []
        self.running = True
        self.team = self.settings.team_name if team is None else team
        self.session: Session | None = None
        self.seed = seed
        self.rounds_played = 0
        self.notice: str | None = self.store.message
        self.console_window: ConsoleWindow | None = None
        if self.console_mode == "window":
            self.console_window = ConsoleWindow(self)
        self.workshop: Any = None  # a WorkshopClient once a workshop was joined
        self.workshop_finder: Any = None

    # --- window -----------------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        self.redraws.request()  # a re-opened window shows nothing until drawn
        return open_window(self.window_size, self.fullscreen, display=self.game_display)

    @property
    def logical(self) -> pygame.Surface:
        """The 1920x1080 surface the screens draw on (the display surface: SDL scales it)."""
        return self.screen

    @property
    def notice(self) -> str | None:
        """A message the title screen shows (a problem with the settings, a crash)."""
        return self._notice

    @notice.setter
    def notice(self, value: str | None) -> None:
        self._notice = value
        self.redraws.request()

    def toggle_fullscreen(self) -> None:
        """F11: switch between fullscreen and a window, and remember it."""
        self.fullscreen = not self.fullscreen
        try:
            self.screen = self._open_window()
        except pygame.error:
            self.fullscreen = not self.fullscreen
            self.screen = self._open_window()
        self.store.update(fullscreen=self.fullscreen)

    def apply_palette(self) -> None:
        """(Re)build colours and icons from the palette setting."""
        self.theme = theme_for(self.settings.palette)
        self.icons = Icons(self.theme)

    def apply_settings(self) -> None:
        """Take new settings into use (after the settings screen changed them)."""
        self.settings = self.store.settings
        self.apply_palette()
        self.audio.set_levels(self.settings.volume, self.settings.music_volume, self.settings.muted)
        self.layouts = layouts_from([layout.as_names() for layout in self.settings.layouts])

    def view_rect(self) -> pygame.Rect:
        """Where the logical surface lands in the coordinates of pointer events: all of it,
        since SDL already gives event positions in logical coordinates."""
        return pygame.Rect((0, 0), LOGICAL_SIZE)

    def window_view(self) -> pygame.Rect:
        """Where the logical surface lands in the window's pixels (letterboxed by SDL)."""
        return window_view(pygame.display.get_window_size())

    def to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A pointer position from an event in logical coordinates (SDL has converted it)."""
        return (int(pos[0]), int(pos[1]))

    # --- screens ----------------------------------------------------------------------

    @property
    def scene(self) -> Any:
        """The screen on top."""
        return self.scenes[-1] if self.scenes else None

    def go(self, name: str, /, *, how: Placement = "push", **options: Any) -> Any:
        """Open the screen called ``name`` (see :mod:`kitchen.ui.routes`), made with
        ``options``, and place it ``how``: on top ("push"), instead of the top one
        ("replace"), as the only one ("reset") or just below the top one ("queue")."""
        if name not in self.routes:
            known = ", ".join(sorted(self.routes))
            raise LookupError(f"no screen called {name!r}; there are {known}")
        scene = self.routes[name](self, **options)
        place = {
            "push": self.push,
            "replace": self.replace,
            "reset": self.reset_to,
            "queue": self.queue,
        }
        place[how](scene)
        return scene

    def can_go(self, name: str) -> bool:
        """True when a screen called ``name`` can be opened."""
        return name in self.routes

    def push(self, scene: Screen) -> None:
        """Put a screen (or an overlay) on top."""
        self.scenes.append(scene)
        scene.enter()

    def queue(self, scene: Screen) -> None:
        """Put a screen just below the top one: it shows when the top one closes."""
        self.scenes.insert(max(0, len(self.scenes) - 1), scene)

    def pop(self) -> None:
        """Close the top screen, revealing the one below."""
        if self.scenes:
            self.scenes.pop().leave()
        if self.scene is not None:
            self.scene.reveal()

    def replace(self, scene: Screen) -> None:
        """Swap the top screen for another."""
        if self.scenes:
            self.scenes.pop().leave()
        self.push(scene)

    def reset_to(self, scene: Screen) -> None:
        """Close every screen and show ``scene``."""
        while self.scenes:
            self.scenes.pop().leave()
        self.push(scene)

    def find(self, kind: type[S]) -> S | None:
        """The topmost open screen of a class, if any."""
        for scene in reversed(self.scenes):
            if isinstance(scene, kind):
                return scene
        return None

    def workshop_session(self) -> Session | None:
        """The session this team's rounds are filed under (created on first use). Problems
        writing it never stop the game: the round is then played without a log."""
        if self.session is None:
            try:
                self.session = Session.create(self.team or _("Team"))
            except OSError as err:
                self.notice = _("Rounds are not being recorded: {error}").format(error=err)
                return None
        return self.session

    def new_session(self, team: str) -> None:
        """Start filing rounds under a new team name."""
        self.team = team.strip() or _("Team")
        self.session = None
        self.store.remember_team(self.team)

    # --- the loop ---------------------------------------------------------------------

    def frame(self, dt: float, always_draw: bool = False) -> None:
        """One frame: events, update, and draw and present unless nothing changed (or
        ``always_draw``)."""
        events = pygame.event.get()
        for event in events:
            self.dispatch(event)
        if self.scene is not None:
            self.scene.update(dt)
        if self.workshop is not None:
            self.workshop.frame(dt)
        if self.scene is None:
            self.running = False
            return
        if always_draw or self.redraws.needed(self.scenes, len(events)):
            self.draw()
        else:
            self.redraws.skip()
        if self.console_window is not None:
            self.console_window.frame(dt)

    def dispatch(self, event: pygame.event.Event) -> None:
        """Route one event: quit and fullscreen here, pads translated, the rest to the top
        screen."""
        if self.console_window is not None and self.console_window.handles(event):
            return
        if event.type == pygame.QUIT:
            self.running = False
            return
        if self.gamepads.handles(event):
            for translated in self.gamepads.translate(event):
                self.dispatch(translated)
            return
        if event.type == PAD_REMOVED:
            for scene in list(self.scenes):
                scene.pad_removed(event.pad)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if self.scene is not None:
            self.scene.handle_event(event)

    def draw(self) -> None:
        """Draw the visible screens to the logical surface and present it."""
        for scene in visible(self.scenes):
            scene.draw(self.logical)
        if self.workshop is not None:
            self.workshop.draw(self.logical)
        self.redraws.drew(self.scenes)
        self.present()

    def present(self) -> None:
        """Show the logical surface: SDL's renderer scales it into the window (letterboxed)."""
        pygame.display.flip()

    def run_frames(self, frames: int, dt: float = 1 / 60, always_draw: bool = True) -> None:
        """Advance ``frames`` frames of ``dt`` seconds each (for tests and tools), drawing
        every one unless ``always_draw`` is false (then only changed ones, as :meth:`run`)."""
        for _frame in range(frames):
            if not self.running:
                break
            self.frame(dt, always_draw)

    def safe_frame(self, dt: float) -> None:
        """One frame that never takes the game down: an unexpected error is written to a
        crash file, the round's log is closed (it holds everything up to now), and the
        title screen comes back with a message."""
        try:
            self.frame(dt)
        except Exception as err:  # a workshop must not end in a traceback
            self.recover(err)

    def recover(self, err: BaseException) -> None:
        """Return to the title screen after an unexpected error (see :meth:`safe_frame`)."""
        import time
        import traceback

        from kitchen.paths import data_dir

        where = _("the log could not be written")
        try:
            folder = data_dir()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.txt"
            path.write_text("".join(traceback.format_exception(err)), encoding="utf-8")
            where = str(path)
        except OSError:
            pass
        for scene in reversed(self.scenes):
            # One screen failing to close must not keep the others open.
            with contextlib.suppress(Exception):
                scene.leave()
        self.scenes.clear()
        self.notice = _(
            "Something went wrong ({error}). The round so far is saved; details: {where}"
        ).format(error=type(err).__name__, where=where)
        self.go("title")

    def run(self, clock: Callable[[], float] | None = None) -> None:
        """Run until the window closes, drawing at most :data:`MAX_FPS` frames a second
        (a :class:`FramePacer` sleeps out the rest of each frame; ``clock`` is its time
        source in seconds, :func:`time.perf_counter` by default)."""
        pacer = FramePacer(MAX_FPS) if clock is None else FramePacer(MAX_FPS, now=clock)
        while self.running:
            self.safe_frame(pacer.wait())
        self.close()

    def close(self) -> None:
        """Save nothing more, stop sound, close the window."""
        for scene in reversed(self.scenes):
            scene.leave()
        self.scenes.clear()
        if self.console_window is not None:
            self.console_window.close()
        for part in (self.workshop, self.workshop_finder):
            if part is not None:
                part.close()
        self.audio.close()
        pygame.quit()


def run_app(level_path: Path | None = None, args: argparse.Namespace | None = None) -> int:
    """Open the game: the main menu, or the player-join screen of ``level_path``."""
    size = None
    if args is not None and getattr(args, "size", None):
        try:
            w, h = (int(v) for v in args.size.lower().split("x"))
            size = (max(640, w), max(360, h))
        except ValueError:
            print(
                _("kitchen: --size must look like 1280x720, not {size}").format(
                    size=repr(args.size)
                )
            )
            return 2
    fullscreen = False if args is not None and getattr(args, "windowed", False) else None
    if size is not None:
        fullscreen = False
    seed = getattr(args, "seed", None) if args else None
    console = getattr(args, "console", None) or "auto"
    if not window_shows():
        return 1
    app = App(size=size, fullscreen=fullscreen, seed=seed, console=console)
    app.go("title")
    _workshop(app, args)
    if level_path is not None:
        level, message = load_level_or_message(level_path)
        if level is not None:
            app.go(
                "join",
                level=level,
                path=level_path,
                silos=not getattr(args, "no_silos", False),
                bots=bool(getattr(args, "bots", False)),
                watch=bool(getattr(args, "watch", False)),
            )
        else:
            app.notice = message
    app.run()
    return 0


def _workshop(app: App, args: argparse.Namespace | None) -> None:
    """Look for workshops on the network and join the one ``--workshop`` names."""
    from kitchen.ui.workshop_join import join, start_finder

    start_finder(app)
    address = getattr(args, "workshop", None) if args is not None else None
    if address:
        app.notice = join(app, address, getattr(args, "code", None) or "") or app.notice


def run_replay(log: RoundLog, args: argparse.Namespace | None = None) -> int:
    """Play a round log back on screen (``kitchen replay LOG --show``)."""
    if not window_shows():
        return 1
    app = App(size=(1280, 720), fullscreen=False)
    app.go("replay", log=log, close_app=True)
    app.run()
    return 0


def window_shows() -> bool:
    """True when the game's window will appear on a screen (or running without one was
    asked for, see :func:`kitchen.ui.display.offscreen_problem`); otherwise says why in
    one line."""
    problem = offscreen_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        pygame.display.quit()
        return False
    return True


def headless() -> bool:
    """True when SDL has no real display (tests, CI)."""
    return os.environ.get("SDL_VIDEODRIVER") == "dummy"
