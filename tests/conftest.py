"""Shared test set-up: headless SDL, and helpers to load levels."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest

from kitchen.content import load_level_text
from kitchen.paths import shipped_levels

# The front-end tests' `env` fixture (an isolated App) lives with their other helpers.
pytest_plugins = ["frontend_support"]

SHIPPED = shipped_levels()


@pytest.fixture(params=SHIPPED, ids=[p.stem for p in SHIPPED])
def shipped_level_path(request):
    """Each shipped level file in turn."""
    return request.param


def level_from(text: str, name: str = "test.yaml"):
    """Load a level from YAML text, for tests."""
    return load_level_text(text, name)
