"""The hints (what pick-up and use would do) agree with what a step actually does."""

from __future__ import annotations

import copy

import pytest

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.sim import UNIT, Command, Round
from kitchen.sim.hints import item_words, target_tile, what_interact_does, what_use_does
from kitchen.sim.items import PLATE, Item
from kitchen.sim.spec import Tile

LEVELS = {p.stem: p for p in shipped_levels()}

INTERACT_EVENTS = {
    "item_spawned",
    "item_picked",
    "item_put_down",
    "item_combined",
    "item_binned",
    "order_served",
    "wrong_dish",
    "safety_incident",
    "action_refused",
    "cook_started",
}
EXPECTED = {
    "take": {"item_spawned"},
    "pick_up": {"item_picked"},
    "put_down": {"item_put_down"},
    "add": {"item_combined"},
    "cook": {"cook_started", "item_combined"},
    "plate": {"item_spawned", "item_combined"},
    "scrape": {"item_spawned"},
    "bin": {"item_binned"},
    "serve": {"order_served"},
    "wrong_dish": {"wrong_dish"},
    "safety_incident": {"safety_incident"},
    "refused": {"action_refused"},
}


def _copy(rnd: Round) -> Round:
    return copy.deepcopy(rnd, {id(rnd.spec): rnd.spec})


def _check(rnd: Round, player: int) -> str:
    """Compare both hints with a real step of a copy of the round; return the hint's action."""
    hint = what_interact_does(rnd, player)
    use = what_use_does(rnd, player)
    trial = _copy(rnd)
    before = trial.score
    events = trial.step({player: Command(interact=True)})
    mine = {
        e.type for e in events if e.type in INTERACT_EVENTS and getattr(e, "player", None) == player
    }
    if hint is None:
        assert not mine, f"no hint, but interact did {mine}"
    else:
        assert EXPECTED[hint.action] <= mine, f"hint {hint} but interact did {mine}"
        if hint.action == "serve":
            assert trial.score - before == hint.points
    # Holding use against standing idle: what changed at the station because of it?
    after = []
    for command in (Command(), Command(use=True)):
        trial = _copy(rnd)
        station = trial.facing_station(trial.chefs[player])
        events = trial.step({player: command})
        mine = [
            e.type
            for e in events
            if e.type in ("item_processed", "disruption_ended")
            and getattr(e, "player", None) == player
        ]
        after.append((getattr(station, "progress", 0), getattr(station, "repair", 0), mine))
    changed = after[0] != after[1]
    assert (use is not None) == changed, f"use hint {use} but the step changed {changed}"
    return "none" if hint is None else hint.action


def _place(rnd: Round, player: int, cell: Tile, facing: tuple[int, int]) -> None:
    chef = rnd.chefs[player]
    chef.x, chef.y = cell[0] * UNIT + UNIT // 2, cell[1] * UNIT + UNIT // 2
    chef.facing = facing


@pytest.mark.parametrize("level", ["04_broken_kit", "06_silos"])
def test_hint_agrees_with_step_for_a_grid_of_positions(level: str) -> None:
    rnd = Round(load_level(LEVELS[level]).spec, seed=3)
    for _ in range(200):
        rnd.step()
    seen: set[str] = set()
    walkable = [
        (x, y)
        for y in range(rnd.spec.height)
        for x in range(rnd.spec.width)
        if not rnd.mover.is_solid(x, y)
        and any((x + dx, y + dy) in rnd.stations for dx, dy in ((0, 1), (0, -1), (1, 0), (-1, 0)))
    ][::3]
    player = min(rnd.chefs)
    for held in (None, "plate", "tomato"):
        for cell in walkable:
            for facing in ((0, 1), (0, -1), (1, 0), (-1, 0)):
                _place(rnd, player, cell, facing)
                rnd.chefs[player].held = (
                    None
                    if held is None
                    else Item(
                        999,
                        PLATE if held == "plate" else "ingredient",
                        "" if held == "plate" else held,
                    )
                )
                seen.add(_check(rnd, player))
                tile = target_tile(rnd, player)
                target = rnd.chefs[player].target
                assert tile == (target if target in rnd.stations else None)
    assert {"take", "none"} <= seen


@pytest.mark.parametrize("level", ["04_broken_kit", "09_short_staffed"])
def test_hint_agrees_with_step_while_computer_cooks_play(level: str) -> None:
    rnd = Round(load_level(LEVELS[level]).spec, seed=11)
    team = BotTeam(rnd)
    seen: set[str] = set()
    for tick in range(1200):
        commands = team.commands()
        for player, command in commands.items():
            if command.interact or (command.use and tick % 15 == 0) or tick % 97 == 0:
                seen.add(_check(rnd, player))
        rnd.step(commands)
    assert len(seen - {"none"}) >= 3, seen


def test_item_words() -> None:
    assert item_words("onion:chopped") == "chopped onion"
    assert item_words("plate[onion]") == "plate"
    assert item_words("soup:onion+onion") == "soup"
    assert item_words("dirty_plate") == "dirty plate"
