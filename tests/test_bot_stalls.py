"""Computer cooks do not all stand still while a ticket waits: the counter wall of level 6
(silos) full of things handed over is cleared by the Pass, so the prep can hand over again.

The stall was seen on ``kitchen play 06_silos --bots --seed 3``: two spare onions and a
chopped lettuce waiting for its tomato held all three counters of the wall, so the prep
cook asked for the tomato had nowhere to put it, and all four cooks stood still for 35 s.
"""

from __future__ import annotations

import dataclasses

from conftest import SHIPPED

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.events import ItemPutDown, OrderServed
from kitchen.sim import Round
from kitchen.sim.items import INGREDIENT, Item
from kitchen.sim.spec import TICKS_PER_SECOND

S = TICKS_PER_SECOND
WALL = [(6, 1), (6, 2), (6, 4)]
"""The counters of level 6's middle wall: the only ones both departments reach."""


def full_wall_round(players: list[int]) -> Round:
    """Level 6 with no ticket coming but one salad, and the counter wall full as in the
    stall: spare onions on two counters, a chopped lettuce on the third."""
    path = next(p for p in SHIPPED if p.stem == "06_silos")
    spec = dataclasses.replace(
        load_level(path).spec, round_ticks=40 * S, generator=None, schedule=()
    )
    rnd = Round(spec, seed=3, players=players, people=())
    for tile, name, chopped in zip(
        WALL, ("onion", "onion", "lettuce"), (False, False, True), strict=True
    ):
        item = Item(rnd.new_id(), INGREDIENT, name, chopped=chopped, put_by=1)
        rnd.stations[tile].item = item  # handed over by the prep, left waiting
    rnd.orders.arrive(0, "salad", 38 * S, [])
    return rnd


def play(rnd: Round, team: BotTeam, until: int) -> list:
    """Step the round with the bots' commands until tick ``until``; every event."""
    events = []
    while not rnd.finished and rnd.tick < until:
        events.extend(rnd.step(team.commands()))
    return events


def test_the_pass_makes_room_on_a_full_counter_wall_and_the_salad_is_served():
    rnd = full_wall_round([1, 2])  # 1: prep (reads no tickets), 2: pass
    events = play(rnd, BotTeam(rnd, talk=True), until=25 * S)
    served = [e for e in events if isinstance(e, OrderServed)]
    assert [e.recipe for e in served] == ["salad"]
    # the Pass cook set something aside on a counter of its own (not the wall) ...
    aside = [
        e for e in events if isinstance(e, ItemPutDown) and e.player == 2 and e.tile not in WALL
    ]
    assert aside
    assert aside[0].item == "onion"
    # ... the prep cook took nothing back off the wall (it handed those over) ...
    assert not any(e.type == "item_picked" and e.player == 1 and e.tile in WALL for e in events)
    # ... and the prep cook's tomato crossed the wall
    assert any(
        isinstance(e, ItemPutDown)
        and e.player == 1
        and e.item == "tomato:chopped"
        and e.tile in WALL
        for e in events
    )


def test_a_cook_that_answers_two_calls_in_a_row_settles_both():
    # the Pass asks the one prep cook for lettuce and tomato; finishing the first errand and
    # taking the second call on in the same tick must not leave the first call open (the
    # Pass would then never ask for lettuce again: level 6, seed 5 stood still 14 s)
    path = next(p for p in SHIPPED if p.stem == "06_silos")
    spec = dataclasses.replace(
        load_level(path).spec, round_ticks=40 * S, generator=None, schedule=()
    )
    rnd = Round(spec, seed=5, players=[1, 2], people=())
    rnd.orders.arrive(0, "salad", 38 * S, [])
    team = BotTeam(rnd, talk=True)
    assert team.conversation is not None
    events = play(rnd, team, until=25 * S)
    assert [e.recipe for e in events if isinstance(e, OrderServed)] == ["salad"]
    requests = team.conversation.talk.requests
    assert sorted(r.item for r in requests) == ["lettuce", "tomato"]
    assert all(r.done for r in requests)
