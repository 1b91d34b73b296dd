"""Computer cooks: they play every shipped level through commands only, repair breakdowns,
switch recipe in a shortage, wash plates, clear burnt pots, and share a round with people.

Rounds are shortened with ``dataclasses.replace(spec, round_ticks=...)`` to keep this fast.
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import SHIPPED, level_from

from kitchen.bots import BotTeam
from kitchen.bots.navigation import approach_cells, facing_towards, plan_path, steer
from kitchen.content import load_level
from kitchen.events import (
    DisruptionEnded,
    DisruptionStarted,
    ItemBinned,
    ItemProcessed,
    ItemSpawned,
    OrderServed,
)
from kitchen.sim import Command, Round
from kitchen.sim.items import INGREDIENT, PLATE, Item
from kitchen.sim.spec import TICKS_PER_SECOND

SECONDS = TICKS_PER_SECOND


def play(rnd: Round, team: BotTeam, people=None, until: int | None = None) -> list:
    """Step the round to the end (or tick ``until``) with the bots' commands plus
    ``people(rnd) -> {player: Command}``; return every event."""
    events = []
    while not rnd.finished and (until is None or rnd.tick < until):
        commands = dict(people(rnd)) if people else {}
        commands.update(team.commands())
        events.extend(rnd.step(commands))
    return events


def short(spec, seconds: int):
    return dataclasses.replace(spec, round_ticks=seconds * SECONDS)


CASES = []
for path in SHIPPED:
    starts = len(load_level(path).spec.starts)
    for chefs in sorted({min(2, starts), starts}):
        CASES.append(pytest.param(path, chefs, id=f"{path.stem}-{chefs}"))


@pytest.mark.parametrize(("path", "chefs"), CASES)
def test_bots_serve_and_earn_a_star_on_every_shipped_level(path, chefs):
    spec = short(load_level(path).spec, 80)
    rnd = Round(spec, seed=7, players=sorted(spec.starts)[:chefs])
    events = play(rnd, BotTeam(rnd))
    served = [e for e in events if isinstance(e, OrderServed)]
    assert served, "the bots served nothing"
    assert {e.player for e in served} <= set(rnd.chefs)
    assert rnd.wrong == 0
    assert rnd.stars >= 1, f"score {rnd.score} below the level's first star {spec.scoring.stars[0]}"


BREAKDOWN = """
name: breakdown_test
map: |
  XXPXXXX
  O     S
  X 1 2 X
  D     X
  XXXBXXX
recipes: [onion_soup]
round: {seconds: 60}
orders:
  schedule:
    - {at: 1, recipe: onion_soup, patience: 55}
    - {at: 10, recipe: onion_soup, patience: 50}
disruptions:
  - {kind: breakdown, target: stove, at: 2, repair_seconds: 3, label: Stove fails}
"""


def test_bots_repair_a_broken_stove_they_need():
    spec = level_from(BREAKDOWN).spec
    rnd = Round(spec, seed=1)
    events = play(rnd, BotTeam(rnd))
    started = [e for e in events if isinstance(e, DisruptionStarted)]
    ended = [e for e in events if isinstance(e, DisruptionEnded)]
    assert [e.kind for e in started] == ["breakdown"]
    assert ended[0].reason == "repaired"
    assert ended[0].player in (1, 2)
    assert ended[0].tick < 20 * SECONDS
    assert rnd.served >= 1


SHORTAGE = """
name: shortage_test
map: |
  XXXPXXXXXX
  L        S
  X  1  2  X
  T        D
  U        X
  XXCXXCXBXX
recipes: [salad, cucumber_salad]
round: {seconds: 70}
orders:
  patience: 60
  generator: {start: 1, every: [6, 9], max_active: 3, weights: {salad: 1, cucumber_salad: 0}}
disruptions:
  - {kind: shortage, ingredient: tomato, at: 15, substitute: cucumber_salad, label: No tomatoes}
"""


def test_bots_switch_recipe_when_an_ingredient_runs_out():
    spec = level_from(SHORTAGE).spec
    rnd = Round(spec, seed=3)
    events = play(rnd, BotTeam(rnd))
    start = next(e.tick for e in events if isinstance(e, DisruptionStarted))
    before = [e.recipe for e in events if isinstance(e, OrderServed) and e.tick < start]
    after = [e.recipe for e in events if isinstance(e, OrderServed) and e.tick > start]
    assert "salad" in before
    assert "cucumber_salad" in after, f"served after the shortage: {after}"
    late_tomatoes = [
        e for e in events if isinstance(e, ItemSpawned) and e.item == "tomato" and e.tick >= start
    ]
    assert not late_tomatoes
    assert rnd.wrong == 0


DISHES = """
name: dishes_test
map: |
  XXPXPXXXX
  O       S
  X 1   2 R
  D       W
  XXXBXXXXX
recipes: [onion_soup]
round: {seconds: 100}
kitchen: {dishwashing: true, plates: 1, dirty_plate_seconds: 3}
orders:
  patience: 60
  generator: {start: 1, every: [8, 10], max_active: 3}
"""


def test_bots_wash_plates_when_the_level_has_dishwashing():
    spec = level_from(DISHES).spec
    rnd = Round(spec, seed=2)
    events = play(rnd, BotTeam(rnd))
    washed = [e for e in events if isinstance(e, ItemProcessed) and e.process == "wash"]
    assert washed, "no plate was washed"
    assert rnd.served >= 2  # one plate in the kitchen: the second dish needs a washed plate


BURNT = BREAKDOWN.split("disruptions:")[0]


def test_bots_scrape_a_burnt_pot_and_bin_the_mess():
    spec = level_from(BURNT).spec
    rnd = Round(spec, seed=1)
    stove = rnd.stations[(2, 0)]
    stove.contents = [Item(rnd.new_id(), INGREDIENT, "onion") for _ in range(3)]
    stove.state = "burnt"
    events = play(rnd, BotTeam(rnd))
    binned = [e for e in events if isinstance(e, ItemBinned) and e.item == "burnt"]
    assert binned, "the burnt food was not binned"
    assert rnd.served >= 1  # the pot was usable again


def _walker(path_cells, player):
    """A scripted 'person' who walks back and forth between two cells and never gives way."""
    state = {"goal": 0}

    def people(rnd: Round) -> dict[int, Command]:
        chef = rnd.chefs[player]
        goal = path_cells[state["goal"]]
        if chef.cell == goal and steer(chef, goal) == (0, 0):
            state["goal"] = 1 - state["goal"]
            goal = path_cells[state["goal"]]
        route = plan_path(rnd.spec, chef.cell, [goal])
        nxt = route[0] if route else goal
        return {player: Command(move=steer(chef, nxt))}

    return people


def test_a_bot_and_a_person_share_the_narrow_passage_without_deadlock():
    spec = short(load_level(next(p for p in SHIPPED if "narrow" in p.stem)).spec, 90)
    rnd = Round(spec, seed=4, players=[1, 3])
    team = BotTeam(rnd, players=[3])
    events = play(rnd, team, people=_walker([(1, 3), (11, 3)], 1))
    assert rnd.served >= 1
    assert all(e.player == 3 for e in events if isinstance(e, OrderServed))
    blocks = [e for e in events if e.type == "chef_unblocked"]
    assert all(e.ticks < 6 * SECONDS for e in blocks), max(e.ticks for e in blocks)


TAKEN = """
name: taken_test
map: |
  XXPXPXXX
  O      S
  X1    2X
  D      X
  XXXBXXXX
recipes: [onion_soup]
round: {seconds: 50}
orders:
  schedule: [{at: 0, recipe: onion_soup, patience: 50}]
"""


def test_a_bot_replans_when_a_person_takes_the_item_it_was_going_for():
    spec = level_from(TAKEN).spec
    rnd = Round(spec, seed=0)
    onion = Item(rnd.new_id(), INGREDIENT, "onion")
    rnd.stations[(0, 2)].item = onion  # a loose onion on the counter beside chef 1
    team = BotTeam(rnd, players=[2])
    pilot = team.pilots[2]

    def going_for_onion() -> bool:
        return pilot.errand is not None and onion.id in pilot.errand.items

    while not going_for_onion() and rnd.tick < 10 * SECONDS:
        play(rnd, team, until=rnd.tick + 1)
    assert going_for_onion()
    assert rnd.stations[(0, 2)].item is onion
    # The person (chef 1, beside the counter) turns to it and takes the onion first.
    play(rnd, team, people=lambda r: {1: Command(move=(-1, 0), interact=True)}, until=rnd.tick + 1)
    assert rnd.chefs[1].held is onion
    play(rnd, team, until=rnd.tick + 2)
    assert not going_for_onion()
    events = play(rnd, team)
    assert any(isinstance(e, OrderServed) and e.player == 2 for e in events)


def test_bots_are_deterministic():
    spec = short(load_level(SHIPPED[1]).spec, 40)

    def run():
        rnd = Round(spec, seed=11)
        return [e.to_dict() for e in play(rnd, BotTeam(rnd))]

    assert run() == run()


def test_bot_team_only_commands_its_own_chefs_and_rejects_unknown_ones():
    spec = load_level(SHIPPED[0]).spec
    rnd = Round(spec, seed=0)
    team = BotTeam(rnd, players=[2])
    for _ in range(30):
        commands = team.commands()
        assert set(commands) == {2}
        rnd.step(commands)
    assert set(team.status()) == {2}
    with pytest.raises(ValueError, match=r"^no chef \[9\] in this round"):
        BotTeam(rnd, players=[9])


def test_navigation_helpers_still_plan_on_the_static_map():
    spec = load_level(SHIPPED[0]).spec
    goals = approach_cells(spec, (0, 1))
    path = plan_path(spec, spec.starts[1], goals)
    assert path is not None
    assert path[-1] in goals
    assert facing_towards(path[-1], (0, 1)) in ((-1, 0), (1, 0), (0, -1), (0, 1))


def test_a_prep_bot_leaves_a_finished_plate_on_the_pass_for_a_chef_who_may_serve():
    spec = short(load_level(next(p for p in SHIPPED if "silos" in p.stem)).spec, 30)
    rnd = Round(spec, seed=0, players=[1, 2])  # 1: prep (may not serve), 2: pass
    salad = Item(rnd.new_id(), PLATE)
    for name in ("lettuce", "tomato"):
        salad.contents.append(Item(rnd.new_id(), INGREDIENT, name, chopped=True))
    rnd.stations[(6, 2)].item = salad  # on the counter wall between the departments
    rnd.orders.arrive(0, "salad", 25 * SECONDS, [])
    events = play(rnd, BotTeam(rnd), until=15 * SECONDS)
    served = [e for e in events if isinstance(e, OrderServed) and e.item_id == salad.id]
    assert served
    assert served[0].player == 2
    assert not [
        e for e in events if e.type == "item_picked" and e.item_id == salad.id and e.player == 1
    ]


LAYOUT = """
name: layout_test
map: |
  XXPXXXPXX
  O       S
  X 1 # 2 X
  D       X
  XXXXBXXXX
recipes: [onion_soup]
round: {seconds: 70}
orders:
  patience: 60
  generator: {start: 1, every: [8, 12], max_active: 3}
disruptions:
  - {kind: layout_change, cells: [[4, 1]], to: wall, at: 3, label: The top way closes}
"""


def test_bots_walk_round_a_passage_that_closes():
    spec = level_from(LAYOUT).spec
    rnd = Round(spec, seed=5)
    team = BotTeam(rnd)
    events = []
    while rnd.tick < 65 * SECONDS:
        events += play(rnd, team, until=rnd.tick + 1)
        for pilot in team.pilots.values():  # plans follow the live map
            assert not [c for c in pilot.path if rnd.mover.is_solid(*c)], (rnd.tick, pilot.path)
    assert rnd.mover.is_solid(4, 1)  # still walled up (the round's end restores it)
    events += play(rnd, team)
    change = next(e for e in events if isinstance(e, DisruptionStarted))
    assert len([e for e in events if isinstance(e, OrderServed) and e.tick > change.tick]) >= 3
