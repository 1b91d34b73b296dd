"""The level select never crashes: a level that fails to load shows its problem (with the
file position) and the menu stays; a long pack scrolls so the choice is always on screen."""

from __future__ import annotations

import pygame
from frontend_support import TICK, not_one_colour, press

from kitchen.paths import shipped_levels
from kitchen.ui.scenes import level_select
from kitchen.ui.scenes.level_select import VISIBLE_ROWS, LevelSelectScene

BROKEN = """\
version: 1
name: broken
map: |
  XXPXX
  O 1 S
  XXXXX
recipes: [no_such_recipe]
"""


def test_a_broken_level_shows_its_problem_and_the_menu_stays(env, monkeypatch):
    broken = env.root / "99_broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    monkeypatch.setattr(level_select, "shipped_levels", lambda: [*shipped_levels(), broken])
    app = env.app()
    scene = LevelSelectScene(app)
    app.push(scene)
    app.run_frames(1, TICK)
    press(app, pygame.K_UP)  # wraps round to the last entry: the broken level
    assert scene.entries[scene.index][0] == broken
    path, level, message = scene.entries[scene.index]
    assert level is None
    assert "99_broken.yaml:" in message
    assert "no_such_recipe" in message
    press(app, pygame.K_RETURN)
    assert app.scene is scene  # still choosing, nothing started
    app.draw()
    assert not_one_colour(app.logical)


def test_a_long_level_pack_scrolls_to_keep_the_choice_on_screen(env, monkeypatch):
    many = [*shipped_levels()] * 2
    monkeypatch.setattr(level_select, "shipped_levels", lambda: many)
    app = env.app()
    scene = LevelSelectScene(app)
    app.push(scene)
    assert len(scene.entries) > VISIBLE_ROWS
    for _ in range(len(many) + 3):
        press(app, pygame.K_DOWN)
        shown = scene.visible()
        assert scene.index in shown
        assert len(shown) <= VISIBLE_ROWS
        rect = scene.row_rect(scene.index)
        assert rect.top >= 150
        assert rect.bottom <= 1000
