"""The call-out menu is always whole inside the kitchen area (never under the ticket bar or
over the banner strip), never covers its own chef, and its highlighted row is always shown,
wherever the chef stands: every floor tile of every shipped level, both menus."""

from __future__ import annotations

import pygame
import pytest

from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.sim.spec import UNIT
from kitchen.ui.quickchat import QuickChat, place_menu
from kitchen.ui.render.hud import KITCHEN_AREA
from kitchen.ui.render.icons import Icons
from kitchen.ui.render.kitchen_view import KitchenView
from kitchen.ui.text import TextCache, TextDraw
from kitchen.ui.theme import WARM

AREA = pygame.Rect(KITCHEN_AREA)


@pytest.fixture(scope="module")
def text():
    pygame.font.init()
    return TextCache()


def _chef_spots(view: KitchenView, spec) -> list[tuple[tuple[float, float], tuple, tuple]]:
    """(body centre, head, feet) for a chef on each floor tile, as OpenChats.draw puts them."""
    spots = []
    for y in range(spec.height):
        for x in range(spec.width):
            if (x, y) not in spec.solid and (x, y) not in spec.stations:
                cx, cy = view.to_screen((x + 0.5) * UNIT, (y + 0.5) * UNIT)
                head, feet = (cx, cy - view.cell * 0.7), (cx, cy + view.cell * 0.5)
                spots.append(((cx, cy), head, feet))
    return spots


@pytest.mark.parametrize("path", shipped_levels(), ids=lambda p: p.stem)
def test_the_menu_is_whole_in_the_kitchen_and_clear_of_its_chef(path, text):
    spec = load_level(path).spec
    surface = pygame.Surface((1920, 1080))
    view = KitchenView(spec, pygame.Rect(KITCHEN_AREA), WARM, Icons(WARM), text)
    spots = _chef_spots(view, spec)
    assert spots
    items = ["onion", "tomato", "lettuce", "mushroom", "bread", "plate"]
    for menu in ("top", "need", "warn"):
        chat = QuickChat(1, items, [1, 2, 3])
        chat.menu = menu
        for (cx, cy), head, feet in spots:
            rect = chat.draw(surface, head, WARM.player(1), WARM, text, feet, AREA)
            where = f"{menu} menu, chef at {round(cx)},{round(cy)}: {rect}"
            assert AREA.contains(rect), where
            body = pygame.Rect(0, 0, view.cell * 0.6, view.cell * 0.6)
            body.center = (round(cx), round(cy))
            assert not rect.colliderect(body), where


@pytest.mark.parametrize(
    "where",
    ["top-left", "top", "top-right", "left", "right", "bottom-left", "bottom", "bottom-right"],
)
def test_a_chef_at_any_edge_gets_the_menu_inside_the_area(where):
    cell = 92
    x = {"left": AREA.left + cell / 2, "right": AREA.right - cell / 2}
    y = {"top": AREA.top + cell / 2, "bottom": AREA.bottom - cell / 2}
    cx = next((v for k, v in x.items() if k in where), AREA.centerx)
    cy = next((v for k, v in y.items() if k in where), AREA.centery)
    for size in ((400, 420), (520, 620), (700, 900)):
        rect = place_menu(size, (cx, cy - 0.7 * cell), (cx, cy + 0.5 * cell), AREA)
        assert AREA.contains(rect), (where, size, rect)


def test_the_highlighted_row_is_shown_even_in_a_list_taller_than_the_area(text):
    items = [f"thing {i}" for i in range(30)]
    chat = QuickChat(1, items, [1, 2])
    chat.menu = "need"
    surface = pygame.Surface((1920, 1080))
    short = pygame.Rect(0, 300, 1920, 420)
    drawn: list[TextDraw] = []
    text.on_draw = drawn.append
    try:
        for index in (0, 7, 15, 29, 30):
            chat.index = index
            drawn.clear()
            rect = chat.draw(surface, (960, 500), WARM.player(1), WARM, text, (960, 600), short)
            assert short.contains(rect)
            label = chat.options()[index]
            shown = [d for d in drawn if d.text.startswith(label)]
            assert shown, index
            assert all(short.contains(d.rect) for d in shown), index
            assert all(rect.contains(d.rect) for d in drawn)
    finally:
        text.on_draw = None
