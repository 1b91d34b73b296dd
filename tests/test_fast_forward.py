"""Round.advance (several ticks with held commands, jumping over quiet stretches) gives the
very events and state that Round.step once a tick gives, on every shipped level."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.sim import Command, Round
from kitchen.sim.actions import EndDisruption, TriggerDisruption
from kitchen.sim.commands import CALLOUT_KINDS, DIRECTIONS
from kitchen.sim.fast_forward import advance, world_quiet_until

CRAMPED = Path(__file__).resolve().parents[1] / "bench" / "levels" / "cramped_room.yaml"
MOVES = list(DIRECTIONS.values())


def snapshot(rnd: Round) -> tuple:
    stations = [
        (tile, sorted((k, repr(v)) for k, v in vars(s).items()))
        for tile, s in sorted(rnd.stations.items())
    ]
    return (
        rnd.tick,
        rnd.score,
        rnd.finished,
        [repr(c) for c in rnd.chefs_in_order],
        stations,
        repr(rnd.orders.open),
        re.sub(r" at 0x[0-9a-f]+", "", repr(rnd.disruptions.active)),
    )


def random_command(rng: random.Random) -> Command:
    roll = rng.random()
    if roll < 0.55:
        return Command(move=rng.choice(MOVES), use=rng.random() < 0.1)
    if roll < 0.75:
        return Command(interact=True, move=rng.choice(MOVES) if rng.random() < 0.3 else (0, 0))
    if roll < 0.9:
        return Command(use=True)
    kind = rng.choice([k for k in CALLOUT_KINDS if k not in ("need", "warn")])
    return Command(callout=kind)


def expand(commands: dict[int, Command], ticks: int) -> list[dict[int, Command]]:
    held = {p: Command(move=c.move, use=c.use) for p, c in commands.items()}
    return [commands] + [held] * (ticks - 1)


def compare(spec, seed: int, decisions: int, bots: bool, disrupt: bool) -> int:
    """Play both ways; return how many ticks the fast way jumped over."""
    rng = random.Random(seed)
    ref, fast = Round(spec, seed=seed), Round(spec, seed=seed)
    team = BotTeam(ref) if bots else None
    jumped = 0
    for _ in range(decisions):
        if ref.finished:
            break
        ticks = rng.choice([1, 2, 5, 15, 15, 15, 30])
        if team is not None and rng.random() < 0.7:
            commands = team.commands()
        else:
            commands = {p: random_command(rng) for p in ref.chefs}
        actions = []
        if disrupt and spec.disruptions and rng.random() < 0.03:
            actions.append(TriggerDisruption(rng.randrange(len(spec.disruptions))))
        if disrupt and ref.disruptions.active and rng.random() < 0.05:
            actions.append(EndDisruption(ref.disruptions.active[0].id))
        expected = []
        for n, cmds in enumerate(expand(commands, ticks)):
            expected.extend(ref.step(cmds, actions if n == 0 else ()))
            if ref.finished:
                break
        before = fast.tick
        got = advance(fast, commands, ticks, actions)
        jumped += max(0, fast.tick - before - len({e.tick for e in got}))
        assert [e.to_dict() for e in got] == [e.to_dict() for e in expected]
        assert snapshot(fast) == snapshot(ref)
    return jumped


def test_advance_matches_stepping_on_every_shipped_level(shipped_level_path):
    spec = load_level(shipped_level_path).spec
    jumped = compare(spec, seed=3, decisions=220, bots=True, disrupt=True)
    assert jumped > 200  # the fast path was really taken


@pytest.mark.parametrize("seed", [0, 1])
def test_advance_matches_stepping_on_cramped_room(seed):
    spec = load_level(CRAMPED).spec
    compare(spec, seed=seed, decisions=400, bots=seed == 0, disrupt=False)


def test_advance_plays_a_whole_round_like_stepping():
    spec = load_level(CRAMPED).spec
    ref, fast = Round(spec, seed=5), Round(spec, seed=5)
    idle: dict[int, Command] = {}
    expected = ref.run()
    got = []
    while not fast.finished:
        got.extend(advance(fast, idle, 97))
    assert [e.to_dict() for e in got] == [e.to_dict() for e in expected]
    assert snapshot(fast) == snapshot(ref)


def test_nothing_is_jumped_while_a_pot_is_about_to_finish():
    spec = load_level(CRAMPED).spec
    rnd = Round(spec, seed=0)
    rnd.step()
    stove = next(s for s in rnd.stations.values() if s.kind == "stove")
    stove.state, stove.timer, stove.cook_ticks = "cooking", 0, 3
    assert world_quiet_until(rnd) - rnd.tick == 2  # the third update finishes it
    stove.timer = 2
    assert world_quiet_until(rnd) - rnd.tick == 0


def test_advance_needs_a_tick():
    rnd = Round(load_level(CRAMPED).spec)
    with pytest.raises(ValueError, match="at least 1"):
        advance(rnd, {}, 0)


def test_advance_matches_stepping_under_the_environments_random_actions():
    """The research environment's own action mix (call-outs, diagonals into counters,
    chefs pushing each other in a cramped kitchen), as bench/env_speed.py plays it."""
    from kitchen.env.actions import action_table
    from kitchen.env.observe import level_ingredients

    spec = load_level(CRAMPED).spec
    table = [command for _, command in action_table(level_ingredients(spec))]
    rng = random.Random(7)
    ref, fast = Round(spec, seed=7), Round(spec, seed=7)
    for _ in range(300):
        commands = {p: rng.choice(table) for p in ref.chefs}
        expected = []
        for cmds in expand(commands, 15):
            expected.extend(ref.step(cmds))
        got = advance(fast, commands, 15)
        assert [e.to_dict() for e in got] == [e.to_dict() for e in expected]
        assert snapshot(fast) == snapshot(ref)
