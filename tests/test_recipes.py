"""Cook and serve every built-in recipe through ``Round.step`` with scripted commands."""

from __future__ import annotations

import pytest
from conftest import level_from
from driver import Driver

from kitchen.content.builtins import BUILTIN_RECIPES
from kitchen.sim import Round

ALL_STATIONS_MAP = """\
  XXXXPXPXXXX
  O         S
  T  1   2  D
  L         X
  M         C
  N         C
  U         B
  XXXXXXXXXXX
"""


def kitchen_with_every_recipe():
    names = list(BUILTIN_RECIPES)
    schedule = "\n".join(f"    - {{at: 0, recipe: {n}}}" for n in names)
    return level_from(
        f"""
name: every_recipe
map: |
{ALL_STATIONS_MAP}
recipes: [{", ".join(names)}]
round: {{seconds: 900}}
orders:
  patience: 900
  schedule:
{schedule}
"""
    )


def make_component(d: Driver, player: int, key: str) -> None:
    """Leave ``player`` holding the ingredient ``key`` (chopped if it says so)."""
    name, _, state = key.partition(":")
    d.go(player, d.station("crate", name))
    d.interact(player)
    if state == "chopped":
        board = d.station("board")
        d.go(player, board)
        d.interact(player)
        d.use(player, d.rnd.spec.chop_ticks)
        d.interact(player)
    held = d.rnd.chefs[player].held
    assert held is not None
    assert held.component == key


def cook_and_serve(d: Driver, player: int, recipe_name: str) -> None:
    recipe = d.rnd.spec.recipes[recipe_name]
    counter = (10, 3)
    d.go(player, d.station("plates"))
    d.interact(player)
    d.go(player, counter)
    d.interact(player)
    for key in recipe.plate:
        make_component(d, player, key)
        d.go(player, counter)
        d.interact(player)
    if recipe.cook:
        stove = d.station("stove")
        for key in recipe.cook:
            make_component(d, player, key)
            d.go(player, stove)
            d.interact(player)
        assert d.of_type("cook_started")[-1].item == recipe.soup_key
        cooked = len(d.of_type("item_processed"))
        while len(d.of_type("item_processed")) == cooked:
            d.wait(1)
        d.go(player, counter)
        d.interact(player)
        d.go(player, stove)
        d.interact(player)
    else:
        d.go(player, counter)
        d.interact(player)
    plate = d.rnd.chefs[player].held
    assert plate is not None
    assert plate.plate_components() == recipe.components
    d.go(player, d.station("serve"))
    d.interact(player)


@pytest.mark.parametrize("recipe_name", list(BUILTIN_RECIPES))
def test_every_builtin_recipe_can_be_cooked_and_served(recipe_name):
    level = kitchen_with_every_recipe()
    d = Driver(Round(level.spec, seed=1, players=[1]))
    cook_and_serve(d, 1, recipe_name)
    served = d.of_type("order_served")
    assert [e.recipe for e in served] == [recipe_name]
    value = level.spec.recipes[recipe_name].value
    assert served[0].points == value
    assert 0 < served[0].tip <= level.spec.scoring.tip_max
    assert d.rnd.score == value + served[0].tip
    assert d.of_type("score_changed")[-1].score == d.rnd.score
    assert not d.of_type("wrong_dish")
