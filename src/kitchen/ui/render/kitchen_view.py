"""Drawing the kitchen: the map, the stations and what is on them, the chefs, and the effects
that answer each action.

The parts that do not change from frame to frame are drawn once into a cached background
(:mod:`~kitchen.ui.render.station_bodies`); a layout change rebuilds it. Then, in order: the
live state of the stations (:mod:`~kitchen.ui.render.stations`), each chef's target tile,
the chefs (:mod:`~kitchen.ui.render.chefs`), the progress bars (above the chefs, never
under a hat), the darkness of a power cut, and last the hints, rings and points
(:mod:`~kitchen.ui.render.effects`). Chef positions are interpolated between the previous
and the current tick so motion is smooth at any frame rate; every animation runs on the
render clock and never touches the simulation.
"""

from __future__ import annotations

import math

import pygame

from kitchen.i18n import current_language
from kitchen.sim import TICKS_PER_SECOND, UNIT, Round
from kitchen.sim.movement import Chef
from kitchen.sim.spec import KitchenSpec, Tile
from kitchen.ui.render.chefs import STILL, ChefPainter, Pose
from kitchen.ui.render.effects import EffectPainter
from kitchen.ui.render.grid import Grid, Pens
from kitchen.ui.render.icons import Icons
from kitchen.ui.render.station_bodies import draw_background
from kitchen.ui.render.stations import BLINKS_PER_SECOND, StationPainter, blink
from kitchen.ui.round_feedback import NO_SECONDS, SQUASH_SECONDS, RoundFeedback, pot_warning
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Colour, Theme

MAX_CELL = 150
"""Largest cell size in logical pixels (small maps do not get comically large)."""

STEPS_PER_SECOND = 2.6
"""Walking bobs this many steps a second."""

__all__ = ["BLINKS_PER_SECOND", "MAX_CELL", "KitchenView", "pot_warning"]


class KitchenView:
    """Draws one kitchen into a rectangle of the logical screen, whole: the tiles are scaled
    so the map fits ``area`` and it is centred there.

    Args:
        spec: the kitchen.
        area: where on the logical surface to draw it.
        theme, icons, text: drawing resources.
    """

    def __init__(
        self, spec: KitchenSpec, area: pygame.Rect, theme: Theme, icons: Icons, text: TextCache
    ) -> None:
        self.spec = spec
        self.theme = theme
        self.icons = icons
        self.text = text
        # Tiles shrink to fit the area (never a fixed minimum, which would crop a large map);
        # validation keeps every playable map's tiles readable in play.
        self.cell = max(1, min(MAX_CELL, area.width // spec.width, area.height // spec.height))
        width, height = self.cell * spec.width, self.cell * spec.height
        self.origin = (area.centerx - width // 2, area.centery - height // 2)
        self.rect = pygame.Rect(self.origin, (width, height))
        self.grid = Grid(self.origin, self.cell, self.rect)
        pens = Pens(theme, icons, text)
        self.stations = StationPainter(self.grid, pens)
        self.chefs = ChefPainter(self.grid, pens)
        self.effects = EffectPainter(self.grid, pens)
        self._background: pygame.Surface | None = None
        self._layout_key: tuple | None = None
        self._backdrop: tuple[pygame.Surface, pygame.Surface, tuple] | None = None
        """The frame-sized picture :meth:`draw_backdrop` blits: (static layer it holds,
        picture, (size, colour))."""
        self._static_drawn: tuple | None = None
        """The layout key whose static layer :meth:`draw_backdrop` has just put on the frame
        (so :meth:`draw` leaves it out once)."""
        self._dark: pygame.Surface | None = None
        self.frame = 0
        self.seconds = 0.0
        """Animation clock: simulation time (ticks plus the interpolation fraction), so
        blinking and steam run at the same speed at any frame rate and stop in a pause."""

    # --- geometry --------------------------------------------------------------------

    def cell_rect(self, tile: Tile) -> pygame.Rect:
        """The screen rectangle of a map cell."""
        return self.grid.cell_rect(tile)

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        """Sub-tile units to logical screen pixels."""
        return self.grid.to_screen(x, y)

    # --- the static layer ------------------------------------------------------------

    def background(self, rnd: Round | None = None) -> pygame.Surface:
        """The cached static layer (rebuilt if the layout changed)."""
        # The zones' names are drawn in the language in force.
        key: tuple[object, ...] = (None,) if rnd is None else (id(rnd), rnd.layout_version)
        key += (current_language(),)
        if self._background is None or key != self._layout_key:
            pens = self.stations.pens
            self._background = draw_background(self.spec, rnd, self.rect.size, self.cell, pens)
            self._layout_key = key
        return self._background

    def draw_backdrop(self, surface: pygame.Surface, colour: Colour, rnd: Round) -> None:
        """Cover ``surface`` with ``colour`` and the kitchen's static layer, as a fill then
        :meth:`draw` would, in one copy of a cached frame-sized picture (cheaper than filling
        the frame and blending the static layer onto it every frame). The next :meth:`draw`
        of ``rnd`` then leaves the static layer out."""
        background = self.background(rnd)
        key = (surface.get_size(), tuple(colour))
        cached = self._backdrop
        if cached is None or cached[0] is not background or cached[2] != key:
            picture = pygame.Surface(surface.get_size(), 0, surface)
            picture.fill(colour)
            picture.blit(background, self.origin)
            cached = self._backdrop = (background, picture, key)
        surface.blit(cached[1], (0, 0))
        self._static_drawn = self._layout_key

    # --- the live layer ---------------------------------------------------------------

    def draw(
        self,
        surface: pygame.Surface,
        rnd: Round,
        previous: dict[int, tuple[int, int]] | None = None,
        fraction: float = 1.0,
        bubbles: dict[int, str] | None = None,
        feedback: RoundFeedback | None = None,
    ) -> None:
        """Draw the kitchen and the chefs (positions interpolated from ``previous``), with
        the target tiles and hints, and the live effects of ``feedback`` if given."""
        self.frame += 1
        self.seconds = (rnd.tick + fraction) / TICKS_PER_SECOND
        background = self.background(rnd)
        if self._static_drawn != self._layout_key:
            surface.blit(background, self.origin)
        self._static_drawn = None
        self.stations.draw(surface, rnd, self.seconds)
        hints = self.effects.hints(rnd)
        self.effects.targets(surface, rnd, hints, self.seconds)
        if feedback is not None:
            self.effects.pulses(surface, feedback)
        for chef in sorted(rnd.chefs.values(), key=lambda ch: ch.y):
            if chef.status == "away":
                continue
            pos, moving = self._position(chef, previous, fraction)
            pose = self._pose(chef, moving, feedback)
            refused = None
            if feedback is not None:
                refused = feedback.age(feedback.refusals, chef.player, NO_SECONDS)
            bubble = (bubbles or {}).get(chef.player)
            self.chefs.draw(surface, chef, pos, bubble, pose, refused)
        self.stations.draw_bars(surface, rnd)
        if rnd.darkness:
            self._darkness(surface, rnd, previous, fraction)
        self.effects.labels(surface, rnd, hints)
        if feedback is not None:
            self.effects.floaters(surface, feedback)

    def _position(
        self, chef: Chef, previous: dict[int, tuple[int, int]] | None, fraction: float
    ) -> tuple[tuple[float, float], bool]:
        x, y = float(chef.x), float(chef.y)
        moving = False
        if previous and chef.player in previous:
            px, py = previous[chef.player]
            if abs(px - x) + abs(py - y) < UNIT * 2:  # not a teleport
                moving = (px, py) != (chef.x, chef.y)
                x, y = px + (x - px) * fraction, py + (y - py) * fraction
        return self.to_screen(x, y), moving

    def _pose(self, chef: Chef, moving: bool, feedback: RoundFeedback | None) -> Pose:
        """The chef's motion this frame (the walking phase follows the animation clock)."""
        walk = self.seconds * STEPS_PER_SECOND + 1e-6 if moving else 0.0
        if feedback is None:
            return Pose(walk=walk, seconds=self.seconds)
        squash = feedback.age(feedback.squashes, chef.player, SQUASH_SECONDS)
        shake = feedback.age(feedback.refusals, chef.player, NO_SECONDS)
        return Pose(
            walk=walk,
            squash=0.0 if squash is None else _bump(squash),
            shake=0.0 if shake is None else _wobble(shake),
            work=feedback.working_at(chef.player),
            seconds=self.seconds,
        )

    def _chef(
        self, surface: pygame.Surface, chef: Chef, pos: tuple[float, float], bubble: str | None
    ) -> None:
        """One chef standing still at ``pos`` (for tests and previews)."""
        self.chefs.draw(surface, chef, pos, bubble, STILL)

    def _blink(self, per_second: float) -> bool:
        """On for the first half of each of ``per_second`` cycles a second."""
        return blink(self.seconds, per_second)

    def _darkness(self, surface: pygame.Surface, rnd: Round, previous, fraction: float) -> None:
        if self._dark is None or self._dark.get_size() != self.rect.size:
            self._dark = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        dark = self._dark
        dark.fill((6, 6, 14, 236))
        lights: list[tuple[float, float]] = []
        if rnd.darkness == "stoves":
            lights = [
                self.cell_rect(tile).center for tile, s in rnd.stations.items() if s.kind == "stove"
            ]
        else:
            lights = [
                self.to_screen(ch.x, ch.y) for ch in rnd.chefs.values() if ch.status != "away"
            ]
        radius = self.cell * 1.6
        for lx, ly in lights:
            for k, alpha in ((1.0, 150), (0.75, 80), (0.5, 0)):
                pygame.draw.circle(
                    dark, (6, 6, 14, alpha), (lx - self.origin[0], ly - self.origin[1]), radius * k
                )
        surface.blit(dark, self.origin)


def _bump(age: float) -> float:
    """0 -> 1 -> 0 over a squash, quick down and springy back."""
    return math.sin(math.pi * min(1.0, age)) * (1 - 0.3 * age)


def _wobble(age: float) -> float:
    """A "no" shake: three fading swings, in cells."""
    return math.sin(age * math.pi * 6) * 0.07 * (1 - age)
