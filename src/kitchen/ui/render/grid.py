"""Where the kitchen's cells are on the logical screen, and the drawing resources the kitchen
renderers share."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kitchen.sim import UNIT
from kitchen.sim.spec import Tile
from kitchen.ui.render.icons import Icons
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme


@dataclass(frozen=True, slots=True)
class Pens:
    """The theme, the item icons and the text renderer."""

    theme: Theme
    icons: Icons
    text: TextCache


@dataclass(frozen=True, slots=True)
class Grid:
    """A map of ``cell``-pixel squares with its top-left corner at ``origin``."""

    origin: tuple[int, int]
    cell: int
    rect: pygame.Rect

    def cell_rect(self, tile: Tile) -> pygame.Rect:
        """The screen rectangle of a map cell."""
        c = self.cell
        return pygame.Rect(self.origin[0] + tile[0] * c, self.origin[1] + tile[1] * c, c, c)

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        """Sub-tile units to logical screen pixels."""
        c = self.cell
        return (self.origin[0] + x * c / UNIT, self.origin[1] + y * c / UNIT)

    def top_centre(self, tile: Tile) -> tuple[float, float]:
        """The middle of a station's top face (where what it holds is drawn)."""
        r = self.cell_rect(tile)
        return (r.centerx, r.y + (self.cell - max(6, self.cell // 7)) / 2)
