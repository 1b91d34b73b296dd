"""What keeps a round cheap to draw changes nothing anyone sees: the play screen drawn with
its kept pictures (the backdrop with the kitchen's static layer, the ticket faces, the clock
and score panel) is the very frame drawn the plain way, and the hints' private copies of
chefs and stations share nothing with the round and give the hints a deep copy gives."""

from __future__ import annotations

import copy

import pygame
import pytest
from conftest import SHIPPED

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.sim import Round
from kitchen.sim import hints as hints_module
from kitchen.sim.items import Item
from kitchen.ui.render.effects import chef_hints
from kitchen.ui.scenes.play import PlayScene

SUPPLY = next(p for p in SHIPPED if p.stem == "05_supply_and_safety")
"""Three chefs, an order that must leave an ingredient out, zones."""


def _frame(play: PlayScene, like: pygame.Surface) -> bytes:
    surface = pygame.Surface(like.get_size(), 0, like)
    play.draw(surface)
    return pygame.image.tobytes(surface, "RGB")


@pytest.mark.parametrize("ticks", [240, 900])
def test_the_play_screen_drawn_from_kept_pictures_is_the_plain_frame(env, monkeypatch, ticks):
    app = env.app(seed=11)
    play = PlayScene(app, load_level(SUPPLY), SUPPLY, [], bots=True)
    app.reset_to(play)
    app.pop()  # the countdown
    for _tick in range(ticks):
        play.tick()
    while not play.round.orders.open and play.round.tick < ticks + 1200:
        play.tick()
    assert play.round.orders.open, "tickets to draw"
    kept = _frame(play, app.logical)
    assert _frame(play, app.logical) == kept  # drawn again from what was kept
    # The plain way: a fill under the kitchen's whole static layer, and every string drawn
    # where it lands (a listener on the text turns the kept faces off).
    monkeypatch.setattr(
        play.view, "draw_backdrop", lambda surface, colour, rnd: surface.fill(colour)
    )
    app.text.on_draw = lambda drawn: None
    assert _frame(play, app.logical) == kept


def _reachable(value: object, seen: dict[int, object]) -> None:
    """Every list, dict and object reachable from ``value`` (by id)."""
    if isinstance(value, (int, float, str, bool, type(None), tuple)):
        for inner in value if isinstance(value, tuple) else ():
            _reachable(inner, seen)
        return
    if id(value) in seen:
        return
    seen[id(value)] = value
    if isinstance(value, list):
        inner_values: list[object] = list(value)
    elif isinstance(value, dict):
        inner_values = [*value.keys(), *value.values()]
    elif isinstance(value, Item) or hasattr(type(value), "__slots__"):
        inner_values = [getattr(value, name) for name in type(value).__slots__]
    else:
        inner_values = list(vars(value).values())
    for inner in inner_values:
        _reachable(inner, seen)


def test_private_copies_share_nothing_and_hint_as_deep_copies_do(monkeypatch):
    level = load_level(SUPPLY)
    rnd = Round(level.spec, seed=5, players=sorted(level.spec.starts))
    team = BotTeam(rnd)
    checked = 0
    seen_hints = []
    for _tick in range(400):
        rnd.step(team.commands())
        seen_hints.append(chef_hints(rnd))
        for player, chef in rnd.chefs.items():
            station = rnd.facing_station(chef)
            if station is None:
                continue
            original = (chef, station)
            copied = hints_module.private_copy(original)
            before, after = {}, {}
            _reachable(original, before)
            _reachable(copied, after)
            assert not set(before) & set(after), f"chef {player} shares state with its copy"
            assert len(before) == len(after)
            checked += 1
    assert checked > 100
    monkeypatch.setattr(hints_module, "private_copy", copy.deepcopy)
    rnd = Round(level.spec, seed=5, players=sorted(level.spec.starts))
    team = BotTeam(rnd)
    for tick in range(400):
        rnd.step(team.commands())
        assert chef_hints(rnd) == seen_hints[tick], f"tick {tick}"
