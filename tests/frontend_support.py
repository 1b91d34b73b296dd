"""Shared helpers for the front-end tests (``test_frontend_*.py``): an isolated App, posted
key events, and a pilot that walks a chef to a station by pressing that chef's keys.

This module holds no tests itself; the other front-end test files import from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest

from kitchen.bots.navigation import approach_cells, facing_towards, plan_path, steer
from kitchen.sim import TICKS_PER_SECOND
from kitchen.sim.spec import Tile
from kitchen.ui.app import App
from kitchen.ui.scenes.round_end import RoundEndScene
from kitchen.ui.text import TextDraw

TICK = 1 / TICKS_PER_SECOND

# A tutorial-sized kitchen with one quick onion soup ordered at once and a 30 s round.
QUICK_SOUP_LEVEL = """\
version: 1
name: quick_soup
title: Quick Soup
description: One fast onion soup.
map: |
  XXPXPXXX
  O      S
  X 1  2 X
  D      X
  XXXBXXXX
recipes: [{name: onion_soup, cook_seconds: 1}]
round: {seconds: 30}
orders:
  patience: 120
  schedule: [{at: 0, recipe: onion_soup}]
scoring: {stars: [10, 20, 30]}
"""


@pytest.fixture
def env(tmp_path, monkeypatch):
    """Config and session folders in tmp; a clean event queue; apps closed afterwards."""
    config = tmp_path / "config"
    data = tmp_path / "data"
    config.mkdir()
    data.mkdir()
    monkeypatch.setenv("KITCHEN_CONFIG_DIR", str(config))
    monkeypatch.setenv("KITCHEN_DATA_DIR", str(data))
    made: list[App] = []

    class Env:
        root = tmp_path
        config_dir = config
        data_dir = data

        @staticmethod
        def app(size=(640, 360), seed=1, **kw) -> App:
            app = App(size=size, fullscreen=False, seed=seed, **kw)
            pygame.event.clear()
            made.append(app)
            return app

    yield Env
    for app in made:
        if pygame.get_init():
            app.close()


def key_event(kind: int, key: int) -> pygame.event.Event:
    return pygame.event.Event(kind, key=key, mod=0, unicode="", scancode=0)


def down(key: int) -> None:
    pygame.event.post(key_event(pygame.KEYDOWN, key))


def up(key: int) -> None:
    pygame.event.post(key_event(pygame.KEYUP, key))


def tap(key: int) -> None:
    """Post a key press and release (both handled in the next frame)."""
    down(key)
    up(key)


def press(app: App, key: int, frames: int = 1, dt: float = TICK) -> None:
    """Tap ``key`` and run ``frames`` frames."""
    tap(key)
    app.run_frames(frames, dt)


def write_level(folder: Path, text: str = QUICK_SOUP_LEVEL, name: str = "quick.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def not_one_colour(surface: pygame.Surface) -> bool:
    """True when the surface holds at least two different colours."""
    first = surface.get_at((0, 0))
    same = pygame.mask.from_threshold(surface, first, (1, 1, 1, 255)).count()
    return same < surface.get_width() * surface.get_height()


def skip_countdown(app: App) -> None:
    """Esc closes the 3-2-1 countdown (as a player can)."""
    from kitchen.ui.scenes.overlays import CountdownScene

    assert isinstance(app.scene, CountdownScene)
    tap(pygame.K_ESCAPE)
    app.run_frames(1, TICK)


def draws_of(app: App, scene: Any) -> list[TextDraw]:
    """Every text ``scene`` draws in one frame onto the app's logical surface, with where."""
    seen: list[TextDraw] = []
    app.text.on_draw = seen.append
    try:
        scene.draw(app.logical)
    finally:
        app.text.on_draw = None
    return seen


def end_round_now(app: App) -> RoundEndScene:
    """End the round from the pause menu (Esc, down twice, Enter) and return the results
    screen it opens."""
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # end the round now
    app.run_frames(1, TICK)
    end = app.scene
    assert isinstance(end, RoundEndScene)
    return end


class Pilot:
    """Drives one keyboard chef of the app's PlayScene with posted key events only.

    Every frame runs at exactly one simulation tick, so what the keys ask for is what the
    simulation sees, like :class:`driver.Driver` does with commands.
    """

    def __init__(self, app: App, player: int, layout: int) -> None:
        self.app = app
        self.player = player
        self.codes = app.layouts[layout].codes
        self.held: set[str] = set()

    @property
    def play(self):
        from kitchen.ui.scenes.play import PlayScene

        scene = self.app.find(PlayScene)
        assert scene is not None
        return scene

    def hold(self, move: tuple[int, int]) -> None:
        """Post key downs/ups so that exactly the keys of ``move`` are held."""
        dx, dy = move
        sides = (("right", dx > 0), ("left", dx < 0), ("down", dy > 0), ("up", dy < 0))
        want = {name for name, on in sides if on}
        for name in sorted(self.held - want):
            up(self.codes[name])
        for name in sorted(want - self.held):
            down(self.codes[name])
        self.held = want

    def frame(self) -> None:
        self.app.run_frames(1, TICK)

    def go(self, station: Tile, limit: int = 900) -> None:
        """Walk next to ``station`` and turn to face it."""
        rnd = self.play.round
        spec = rnd.spec
        goals = approach_cells(spec, station)
        for _ in range(limit):
            chef = rnd.chefs[self.player]
            others = [c.cell for p, c in rnd.chefs.items() if p != self.player]
            path = plan_path(spec, chef.cell, goals, avoid=others)
            assert path is not None, f"chef {self.player} cannot reach {station}"
            move = steer(chef, path[0] if path else chef.cell)
            if not path and move == (0, 0):
                self.hold(facing_towards(chef.cell, station))
                self.frame()
                self.hold((0, 0))
                assert rnd.chefs[self.player].target == station
                return
            self.hold(move)
            self.frame()
        raise AssertionError(f"chef {self.player} did not reach {station}")

    def act(self, action: str = "interact", frames: int = 1) -> None:
        """Tap the chef's key for ``action`` and run ``frames`` frames."""
        press(self.app, self.codes[action], frames)

    def station(self, kind: str, ingredient: str | None = None) -> Tile:
        spec = self.play.round.spec
        for tile, st in sorted(spec.stations.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if st.kind == kind and (ingredient is None or st.ingredient == ingredient):
                return tile
        raise LookupError(kind)


def cook_and_serve_onion_soup(pilot: Pilot) -> None:
    """Three onions into a pot, wait for it, plate it and serve it: keys only."""
    crate, pot = pilot.station("crate", "onion"), pilot.station("stove")
    for _ in range(3):
        pilot.go(crate)
        pilot.act()
        pilot.go(pot)
        pilot.act()
    pilot.go(pilot.station("plates"))
    pilot.act()
    pilot.go(pot)
    for _ in range(3 * TICKS_PER_SECOND):  # wait until the soup is done and ladled out
        pilot.act()
        held = pilot.play.round.chefs[pilot.player].held
        if held is not None and "soup" in held.describe():
            break
    pilot.go(pilot.station("serve"))
    pilot.act()
