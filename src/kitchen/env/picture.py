"""Off-screen pictures of a round for ``render("rgb_array")``, drawn by the game's own
kitchen renderer (:class:`kitchen.ui.render.kitchen_view.KitchenView`). pygame is imported
only here, and only when a picture is asked for."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from kitchen.sim import KitchenSpec, Round

CELL = 64
"""Pixels per map cell in the picture."""


class Picture:
    """Draws rounds of one kitchen into a ``(height, width, 3)`` ``uint8`` array."""

    def __init__(self, spec: KitchenSpec) -> None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        import pygame

        from kitchen.ui.render.icons import Icons
        from kitchen.ui.render.kitchen_view import KitchenView
        from kitchen.ui.text import TextCache
        from kitchen.ui.theme import theme_for

        self._pygame = pygame
        pygame.display.init()
        pygame.font.init()
        theme = theme_for("warm")
        size = (spec.width * CELL, spec.height * CELL)
        self._surface: Any = pygame.Surface(size)
        self._backdrop = theme.backdrop
        self._view = KitchenView(spec, pygame.Rect((0, 0), size), theme, Icons(theme), TextCache())

    def draw(self, rnd: Round) -> np.ndarray:
        """The round as it is now."""
        self._surface.fill(self._backdrop)
        self._view.draw(self._surface, rnd)
        pixels = self._pygame.surfarray.array3d(self._surface)  # (width, height, 3)
        return np.ascontiguousarray(pixels.transpose(1, 0, 2), dtype=np.uint8)

    def close(self) -> None:
        """Nothing to release but the drawing surface (pygame stays up for other users)."""
        self._surface = None
