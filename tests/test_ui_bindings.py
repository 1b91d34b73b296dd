"""Remapping keys with the mouse (the facilitator's device): click a cell, press a key; it
is saved and used at once; facilitator keys cannot be taken; F8 or a click resets."""

from __future__ import annotations

import json

import pygame
from frontend_support import TICK, press

from kitchen.content.settings_model import ACTIONS, DEFAULT_LAYOUTS
from kitchen.ui.scenes.settings_screen import KeyBindingsScene


def click(app, logical: tuple[int, int]) -> None:
    view = app.view_rect()
    pos = (view.x + logical[0] * view.width // 1920, view.y + logical[1] * view.height // 1080)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    app.run_frames(1, TICK)


def test_click_a_cell_then_press_a_key_rebinds_and_saves(env):
    app = env.app(size=(1280, 720))
    scene = KeyBindingsScene(app)
    app.push(scene)
    row = ACTIONS.index("interact")
    click(app, scene.cell_rect(row, 0).center)
    assert scene.waiting
    assert (scene.row, scene.col) == (row, 0)
    press(app, pygame.K_f)
    assert app.store.settings.layouts[0].interact == "F"
    assert app.layouts[0].action_for(pygame.K_f) == "interact"
    saved = json.loads(app.store.path.read_text(encoding="utf-8"))
    assert saved["layouts"][0]["interact"] == "F"

    # F1 belongs to the facilitator: refused, nothing changes.
    click(app, scene.cell_rect(row, 0).center)
    press(app, pygame.K_F1)
    assert app.store.settings.layouts[0].interact == "F"
    assert "facilitator" in scene.message

    # F8 puts every layout back.
    press(app, pygame.K_F8)
    assert app.store.settings.layouts[0].interact == DEFAULT_LAYOUTS[0]["interact"]
    app.draw()


def test_the_reset_button_restores_the_defaults(env):
    app = env.app()
    scene = KeyBindingsScene(app)
    app.push(scene)
    click(app, scene.cell_rect(0, 2).center)
    press(app, pygame.K_y)
    assert app.store.settings.layouts[2].up == "Y"
    click(app, scene.reset_button.center)
    assert [layout.as_names() for layout in app.store.settings.layouts] == [
        dict(d) for d in DEFAULT_LAYOUTS
    ]
