"""A station's labels (plate, sink and return counts, the pot's seconds, EMPTY) stay inside
their own tile at any tile size, never smaller than 28 px; a word that cannot fit is left
out. The burn countdown ring stays whole on the map (never under the ticket bar), wherever
the stove is."""

from __future__ import annotations

import pygame
import pytest
from conftest import level_from

from kitchen.sim import Round
from kitchen.sim.items import Item
from kitchen.sim.stations import Crate, DirtyReturn, PlateStack, Sink, Stove
from kitchen.ui.render.hud import HUD_HEIGHT, KITCHEN_AREA
from kitchen.ui.render.icons import Icons
from kitchen.ui.render.kitchen_view import KitchenView
from kitchen.ui.text import TextCache, TextDraw
from kitchen.ui.theme import WARM

CORNERS = """\
version: 1
name: corners
title: Corners
description: Every labelled station at an edge of the map.
map: |
  XPXXXXXWX
  T       S
  O 1   2 X
  D       P
  R       X
  XXXCXXBXX
recipes: [onion_soup]
round: {seconds: 60}
kitchen: {dishwashing: true, plates: 12, dirty_plate_seconds: 6, burn_seconds: 10}
orders:
  patience: 120
  schedule: [{at: 0, recipe: onion_soup}]
scoring: {stars: [10, 20, 30]}
"""
"""Stoves in the top row and at the right edge, the sink in the top row, the plates and the
return stacked at the left edge."""

SIZES = (80, 96, 109, 123, 150)
"""Tile sizes from the smallest a level may be drawn with to the largest there is."""


@pytest.fixture(scope="module")
def text():
    pygame.font.init()
    return TextCache()


def _labelled_round(plates: int) -> Round:
    rnd = Round(level_from(CORNERS).spec, seed=1)
    burn = rnd.spec.burn_ticks
    assert burn is not None
    for station in rnd.stations.values():
        if isinstance(station, Stove):
            station.contents = [Item(900 + i, "ingredient", "onion") for i in range(3)]
            station.state, station.cook_ticks = "ready", 60
            station.timer = burn - rnd.spec.burn_warning_ticks + 30
        elif isinstance(station, Sink):
            station.dirty = [Item(950 + i, "plate", "plate") for i in range(11)]
        elif isinstance(station, DirtyReturn):
            station.plates = [Item(970 + i, "plate", "plate") for i in range(10)]
        elif isinstance(station, PlateStack):
            station.plates = [Item(990 + i, "plate", "plate") for i in range(plates)]
        elif isinstance(station, Crate) and station.ingredient == "tomato":
            station.empty = 1
    return rnd


def _draw(rnd: Round, cell: int, text: TextCache) -> tuple[KitchenView, list[TextDraw]]:
    spec = rnd.spec
    area = pygame.Rect(KITCHEN_AREA)
    area.size = (spec.width * cell, spec.height * cell)
    view = KitchenView(spec, area, WARM, Icons(WARM), text)
    assert view.cell == cell
    drawn: list[TextDraw] = []
    text.on_draw = drawn.append
    try:
        view.draw(pygame.Surface((1920, 1080)), rnd)
    finally:
        text.on_draw = None
    return view, drawn


def _tile_of(view: KitchenView, rect: pygame.Rect) -> tuple[int, int]:
    x, y = rect.center
    return ((x - view.rect.x) // view.cell, (y - view.rect.y) // view.cell)


@pytest.mark.parametrize("cell", SIZES)
@pytest.mark.parametrize("plates", [12, 0])
def test_labels_stay_inside_their_tile(cell, plates, text):
    rnd = _labelled_round(plates)
    view, drawn = _draw(rnd, cell, text)
    labels = [d for d in drawn if _tile_of(view, d.rect) in rnd.stations]
    said = [d.text for d in labels]
    assert {str(plates), "11", "10"} <= set(said)
    assert said.count("4") == 2  # both pots' seconds
    for draw in labels:
        tile = view.cell_rect(_tile_of(view, draw.rect))
        assert tile.contains(draw.rect), (draw.text, draw.rect, tile)
        assert draw.px >= 28, (draw.text, draw.px)
    fits = text.size("EMPTY", 42)[0] + 8 <= cell
    assert ("EMPTY" in said) == fits


@pytest.mark.parametrize("cell", SIZES)
def test_the_burn_ring_is_whole_on_the_map(cell, text):
    rnd = _labelled_round(12)
    view, _ = _draw(rnd, cell, text)
    rings = view.stations.rings
    assert len(rings) == 2
    for ring in rings:
        assert view.rect.contains(ring), (ring, view.rect)
        assert ring.top >= HUD_HEIGHT
    top = next(t for t, s in rnd.stations.items() if isinstance(s, Stove) and t[1] == 0)
    stove = view.cell_rect(top)
    ring = min(rings, key=lambda r: r.top)
    assert ring.colliderect(stove)  # still around its pot
    assert ring.width > cell
