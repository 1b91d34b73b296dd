"""The play screen's layout: the disruption banner stays clear of the controls line under it,
and the tutorial's card covers no station and no chef, with the facilitator's panel open or
closed and on a map that fills the screen; a function key hides and shows the tutorial."""

from __future__ import annotations

import re

import pygame
import pytest
from conftest import SHIPPED, level_from

from kitchen.content import load_level
from kitchen.ui.input.bindings import RESERVED_KEYS
from kitchen.ui.input.seats import Seat
from kitchen.ui.render.hud import KITCHEN_AREA
from kitchen.ui.render.tutorial_prompt import TOGGLE_KEY, TOGGLE_LABEL
from kitchen.ui.scenes.facilitator import TAB
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.text import TextDraw

TUTORIAL = next(p for p in SHIPPED if p.stem.endswith("tutorial"))
AREA = pygame.Rect(KITCHEN_AREA)

WIDE_BANNER = """\
version: 1
name: wide_banner
title: Wide Banner
description: A kitchen as wide as a level may be drawn with 80 px tiles, and a shortage.
map: |
  XXPXPXXXXXXXXXXXXXXXXWXX
  T                      S
  O  1  2  3  4          X
  D                      X
  R                      X
  XXXCXXBXXXXXXXXXXXXXXXXX
recipes: [onion_soup, tomato_soup]
round: {seconds: 60}
kitchen: {dishwashing: true, plates: 12}
orders:
  patience: 120
  schedule: [{at: 0, recipe: onion_soup}]
scoring: {stars: [10, 20, 30]}
disruptions:
  - {kind: shortage, ingredient: tomato, at: 0, duration: 50, label: No tomatoes at all today}
"""

FILLING_MAP = """\
  XXXXXPXPXXXXX
  O           S
  X  1     2  X
  X  3     4  X
  D           X
  XXXXXXBXXXXXX
"""
"""Thirteen tiles wide: the map fills the screen's width (123 px tiles)."""


def _play(app, level, path=None, seats=4) -> PlayScene:
    play = PlayScene(app, level, path, [Seat(p, layout=p - 1) for p in range(1, seats + 1)])
    app.scenes.append(play)  # straight into play, no countdown
    return play


def _draw(app, play: PlayScene) -> list[TextDraw]:
    drawn: list[TextDraw] = []
    app.text.on_draw = drawn.append
    try:
        play.draw(pygame.Surface((1920, 1080)))
    finally:
        app.text.on_draw = None
    return drawn


def _legend(drawn: list[TextDraw]) -> TextDraw:
    return next(d for d in drawn if d.text.endswith("Esc pause"))


def test_the_banner_stays_clear_of_the_controls_line(env):
    app = env.app()
    play = _play(app, level_from(WIDE_BANNER))
    for _ in range(30):
        play.tick()
    drawn = _draw(app, play)
    banner, legend = play.hud.banner_rect, _legend(drawn).rect
    assert banner is not None
    assert play.view.cell == 80
    assert legend.width > 900  # four chefs' keys
    assert banner.top >= AREA.bottom, "the banner covers no kitchen"
    assert banner.bottom < legend.top, (banner, legend)
    assert not banner.colliderect(TAB)
    assert not banner.colliderect(play.view.rect)


def _tutorial_level(filling: bool):
    if not filling:
        return load_level(TUTORIAL)
    text = TUTORIAL.read_text(encoding="utf-8")
    text = re.sub(r"map: \|\n(  .*\n)+", "map: |\n" + FILLING_MAP, text)
    return level_from(text, "filling.yaml")


@pytest.mark.parametrize("panel", [False, True], ids=["kitchen", "with_panel"])
@pytest.mark.parametrize("filling", [False, True], ids=["level_1", "filling_map"])
def test_the_tutorial_card_covers_no_station_and_no_chef(env, panel, filling):
    app = env.app()
    play = _play(app, _tutorial_level(filling))
    if panel:
        play.facilitator.open("menu")
    play.update(0)
    _draw(app, play)
    card, view = play.tutorial.card, play.view
    assert card is not None
    assert view.cell >= 60
    assert AREA.contains(card)
    assert not card.colliderect(view.rect), "beside the map, not over it"
    for tile in play.round.spec.stations:
        assert not card.colliderect(view.cell_rect(tile)), tile
    for chef in play.round.chefs.values():
        assert not card.collidepoint(view.to_screen(chef.x, chef.y))
    if panel:
        assert play.facilitator.is_open()
        assert not card.colliderect(play.facilitator.panel_rect())


def test_a_function_key_hides_and_shows_the_tutorial(env):
    app = env.app()
    assert TOGGLE_KEY in RESERVED_KEYS, "players cannot bind it"
    play = _play(app, load_level(TUTORIAL), TUTORIAL, seats=2)
    press = pygame.event.Event(pygame.KEYDOWN, key=TOGGLE_KEY, mod=0, unicode="")
    assert not play.facilitator.handle_event(press, app.to_logical)
    play.update(0)
    drawn = _draw(app, play)
    assert play.tutorial.card is not None
    assert any(d.text == f"{TOGGLE_LABEL} hide" for d in drawn), "the card says how to hide it"
    beside = play.view.rect

    play.handle_event(press)
    play.update(0)
    drawn = _draw(app, play)
    assert play.tutorial.card is None
    assert f"{TOGGLE_LABEL} show the tutorial" in _legend(drawn).text
    assert play.view.rect.centerx == AREA.centerx, "the kitchen takes the whole area back"
    assert play.view.rect != beside

    play.handle_event(press)
    play.update(0)
    _draw(app, play)
    assert play.tutorial.card is not None
    assert play.view.rect == beside
