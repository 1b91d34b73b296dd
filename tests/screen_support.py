"""Shared helpers for the tests that draw every screen (readability, French text, fit): an
app whose settings and sessions live in a temporary folder, and drawing the visible scenes.

This module holds no tests itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pygame
import pytest

from kitchen.ui.app import App


@contextmanager
def isolated_app(root: Path, seed: int) -> Iterator[App]:
    """A small windowed App whose config and data folders are under ``root`` (closed after).

    Only one App is open at a time: two share one display and can crash SDL.
    """
    with pytest.MonkeyPatch.context() as mp:
        for name in ("config", "data"):
            (root / name).mkdir(exist_ok=True)
            mp.setenv(f"KITCHEN_{name.upper()}_DIR", str(root / name))
        app = App(size=(640, 360), fullscreen=False, seed=seed)
        pygame.event.clear()
        try:
            yield app
        finally:
            app.close()


def draw_stack(app: App) -> None:
    """Draw the visible screens onto the logical surface, as a frame does."""
    start = max((i for i, s in enumerate(app.scenes) if s.opaque), default=0)
    for scene in app.scenes[start:]:
        scene.draw(app.logical)
