"""Simulation speed: 4 chefs with random commands on the largest shipped level.

Run: ``python bench/sim_speed.py [--ticks N]``. Prints one JSON line per figure, e.g.
``{"name": "sim_ticks_per_s", "value": 45000.0, ...}``. Goal: >= 30,000 ticks/s on one core.
The command stream is generated up front so only the simulation is timed.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.sim import Command, Round


def largest_level():
    """The shipped level with the most cells (ties: most chef starts)."""
    levels = [load_level(p) for p in shipped_levels()]
    return max(levels, key=lambda lv: (lv.spec.width * lv.spec.height, len(lv.spec.starts)))


def random_commands(players: list[int], ticks: int, seed: int) -> list[dict[int, Command]]:
    """A stream of commands: each chef holds a random move for a while, presses interact
    now and then and holds use sometimes, roughly as people play."""
    rng = random.Random(seed)
    moves = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    current = {p: Command() for p in players}
    out = []
    for _ in range(ticks):
        tick_cmds = {}
        for p in players:
            if rng.random() < 0.05:
                current[p] = Command(move=rng.choice(moves), use=rng.random() < 0.2)
            press = rng.random() < 0.04
            c = current[p]
            tick_cmds[p] = Command(move=c.move, use=c.use, interact=press)
        out.append(tick_cmds)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ticks", type=int, default=60_000, help="ticks per repeat")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    level = largest_level()
    players = sorted(level.spec.starts)[:4]
    spec = level.spec
    rates = []
    for r in range(args.repeats):
        commands = random_commands(players, args.ticks, seed=r)
        rnd = Round(spec, seed=r, players=players)
        start = time.perf_counter()
        step = rnd.step
        for cmds in commands:
            if rnd.finished:
                rnd = Round(spec, seed=r, players=players)
                step = rnd.step
            step(cmds)
        rates.append(args.ticks / (time.perf_counter() - start))
    print(
        json.dumps(
            {
                "name": "sim_ticks_per_s",
                "value": round(statistics.median(rates)),
                "level": spec.name,
                "chefs": len(players),
                "ticks": args.ticks,
                "repeats": args.repeats,
                "min": round(min(rates)),
                "max": round(max(rates)),
            }
        )
    )


if __name__ == "__main__":
    main()
