"""Picture snapshots of what people see: each shipped level's preview, and the play screen,
the round end and each debrief phase at 1920x1080 (dummy video driver, fixed seed).

``tests/test_snapshots.py`` compares today's pictures with the ones stored in
``tests/snapshots/`` within a tolerance; ``python tools/regen_snapshots.py`` rewrites them
after an intended change of looks (review the PNGs before committing them).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from kitchen.content import load_level
from kitchen.paths import shipped_levels

SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshots"
SEED = 5
TICK = 1 / 60
SIZE = (1920, 1080)

CHANNEL_TOLERANCE = 24
"""How far (0-255) a pixel's channel may drift (anti-aliasing, font hinting) and still match."""
PIXEL_TOLERANCE = 0.005
"""The share of pixels that may differ by more than that before a snapshot fails."""


def preview_names() -> list[str]:
    """The snapshot names of the shipped levels' previews."""
    return [f"preview_{p.stem}" for p in shipped_levels()]


APP_SCREENS = [
    "play",
    "round_end",
    "debrief_1_reactions",
    "debrief_2_description",
    "debrief_3_analysis",
    "debrief_4_application",
]


def render_preview(name: str, folder: Path) -> pygame.Surface:
    """The preview PNG of the shipped level of snapshot ``name``, loaded as a surface."""
    from kitchen.ui.preview import render_level_png

    stem = name.removeprefix("preview_")
    path = next(p for p in shipped_levels() if p.stem == stem)
    out = render_level_png(load_level(path), folder / f"{name}.png")
    return pygame.image.load(str(out))


def render_app_screens(folder: Path) -> Iterator[tuple[str, pygame.Surface]]:
    """Play the tutorial with computer cooks for 20 s, end it from the pause menu, open the
    debrief and step through its phases; each screen as ``(name, logical surface copy)``."""
    from kitchen.ui.app import App
    from kitchen.ui.scenes.debrief import DebriefScene
    from kitchen.ui.scenes.play import PlayScene
    from kitchen.ui.scenes.round_end import RoundEndScene

    config, data = folder / "config", folder / "data"
    config.mkdir(exist_ok=True)
    data.mkdir(exist_ok=True)
    os.environ["KITCHEN_CONFIG_DIR"] = str(config)
    os.environ["KITCHEN_DATA_DIR"] = str(data)
    app = App(size=SIZE, fullscreen=False, seed=SEED, team="Ward 7")
    try:
        pygame.event.clear()
        tutorial = shipped_levels()[0]
        play = PlayScene(app, load_level(tutorial), tutorial, [], bots=True)
        app.push(play)
        for _ in range(40):  # the 3-2-1 countdown
            app.run_frames(1, 0.1)
            if app.scene is play:
                break
        app.run_frames(20 * 60, TICK)
        yield "play", app.logical.copy()
        _tap(app, pygame.K_ESCAPE)
        _tap(app, pygame.K_DOWN)
        _tap(app, pygame.K_DOWN)
        _tap(app, pygame.K_RETURN)  # "End the round and see the results"
        app.run_frames(30, TICK)
        assert isinstance(app.scene, RoundEndScene), app.scene
        yield "round_end", _without_saved_path(app.logical.copy())
        log_path = play.recorded.log_path
        assert log_path is not None
        debrief = DebriefScene(app, log_path)
        app.push(debrief)
        app.run_frames(2, TICK)
        for name in APP_SCREENS[2:]:
            yield name, app.logical.copy()
            _tap(app, pygame.K_RIGHT if debrief.phase != 2 else pygame.K_RETURN)
    finally:
        app.close()


def _without_saved_path(surface: pygame.Surface) -> pygame.Surface:
    """The round end with its bottom line ("Saved: <path>") painted over: the path holds
    the machine's temporary folder and the minute the session began, so it differs on
    every run."""
    strip = pygame.Rect(0, 1040, surface.get_width(), surface.get_height() - 1040)
    surface.fill(surface.get_at((2, surface.get_height() - 2)), strip)
    return surface


def _tap(app, key: int) -> None:
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode="", scancode=0))
    app.run_frames(2, TICK)


def render_all() -> dict[str, pygame.Surface]:
    """Every snapshot, rendered now."""
    out: dict[str, pygame.Surface] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in preview_names():
            out[name] = render_preview(name, folder)
        for name, surface in render_app_screens(folder):
            out[name] = surface
    return out


def differing_share(expected: pygame.Surface, actual: pygame.Surface) -> float:
    """The share of pixels whose colour differs by more than :data:`CHANNEL_TOLERANCE` in
    some channel (1.0 when the sizes differ)."""
    if expected.get_size() != actual.get_size():
        return 1.0
    a, b = _rgb(expected), _rgb(actual)
    up = a.copy()
    up.blit(b, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(a - b, 0)
    down = b.copy()
    down.blit(a, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(b - a, 0)
    up.blit(down, (0, 0), special_flags=pygame.BLEND_RGB_ADD)  # |a - b| per channel
    t = CHANNEL_TOLERANCE
    same = pygame.mask.from_threshold(up, (0, 0, 0, 255), (t + 1, t + 1, t + 1, 255)).count()
    width, height = expected.get_size()
    return 1 - same / (width * height)


def _rgb(surface: pygame.Surface) -> pygame.Surface:
    out = pygame.Surface(surface.get_size(), 0, 24)
    out.blit(surface, (0, 0))
    return out
