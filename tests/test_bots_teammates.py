"""Computer cooks as teammates: they pass plates across a counter (Overcooked-AI's
forced_coordination), set a burnt pot's mess aside when the level has no bin, talk through
the players' call-outs and answer people's calls."""

from __future__ import annotations

from pathlib import Path

from conftest import level_from

from kitchen.bots import BotTeam
from kitchen.content.overcooked_import import level_text, read_layout
from kitchen.events import ItemPutDown, ItemSpawned, OrderServed
from kitchen.sim import Round
from kitchen.sim.items import INGREDIENT, Item
from kitchen.sim.spec import TICKS_PER_SECOND

S = TICKS_PER_SECOND
OVERCOOKED = Path(__file__).resolve().parent / "data" / "overcooked"


def overcooked(name: str):
    """A level made by the Overcooked-AI importer from a real layout file."""
    path = OVERCOOKED / f"{name}.layout"
    text = level_text(read_layout(path.read_text(), path.name), path.name, name, path.name)
    return level_from(text, f"{name}.yaml").spec


def play(rnd: Round, team: BotTeam, people=None, until: int | None = None) -> list:
    """Step the round with the bots' commands plus ``people(rnd)``; every event."""
    events = []
    while not rnd.finished and (until is None or rnd.tick < until):
        commands = dict(people(rnd)) if people else {}
        commands.update(team.commands())
        events.extend(rnd.step(commands))
    return events


def test_two_cooks_serve_at_least_five_dishes_on_forced_coordination():
    spec = overcooked("forced_coordination")
    assert spec.round_ticks == 180 * S
    rnd = Round(spec, seed=0, players=sorted(spec.starts)[:2], people=())
    events = play(rnd, BotTeam(rnd))
    served = [e for e in events if isinstance(e, OrderServed)]
    assert len(served) >= 5
    passed_plates = [
        e for e in events if isinstance(e, ItemPutDown) and e.item == "plate" and e.player == 2
    ]
    assert passed_plates, "the plates came across the counter"


NO_BIN = """
version: 1
name: no_bin
title: No bin
description: a kitchen without a bin
map: |
  XXPXX
  O 1 S
  X 2 D
  XXXXX
recipes: [onion_soup]
round: {seconds: 60}
orders:
  patience: 60
  generator: {start: 1, every: [20, 20], max_active: 1}
scoring: {stars: [10, 20, 30]}
"""


def test_a_burnt_pot_is_set_aside_on_a_counter_when_there_is_no_bin():
    spec = level_from(NO_BIN).spec
    assert not any(s.kind == "bin" for s in spec.stations.values())
    rnd = Round(spec, seed=1, people=())
    stove = rnd.stations[(2, 0)]
    stove.contents = [Item(rnd.new_id(), INGREDIENT, "onion") for _ in range(3)]
    stove.state = "burnt"
    events = play(rnd, BotTeam(rnd), until=40 * S)
    mess = [e for e in events if isinstance(e, ItemSpawned) and e.item == "burnt"]
    assert mess, "the burnt pot was scraped"
    set_aside = [e for e in events if isinstance(e, ItemPutDown) and e.item == "burnt"]
    assert set_aside
    assert rnd.stations[set_aside[0].tile].kind == "counter"
    assert rnd.served >= 1  # the pot cooked again
