"""Bot stalls: the longest stretch of a bot-played round in which no chef acted while
orders were open, for every shipped level and seeds 1-10.

Run: ``python bench/bot_stalls.py [--levels NAME ...] [--seeds 1-10] [--silent]``. Every
chef is a computer cook (one per start, as ``kitchen play LEVEL --bots`` previews and
``kitchen simulate LEVEL --bots`` records), talking unless ``--silent``, with the level's
silos on. One JSON line per round::

    {"level": "06_silos", "seed": 3, "chefs": 4, "still_s": 34.7, "still_from_s": 46.8,
     "idle_s": 34.7, "idle_from_s": 46.8, "stuck_s": 34.7, "stuck_from_s": 46.8,
     "served": 8, "expired": 0, "score": 183}

- ``still_s``: the longest stretch in which no chef moved or pressed anything (call-outs
  do not count) while at least one order was open; ``still_from_s`` is when it began
  (seconds into the round; the round clock shows the round's length minus that).
- ``idle_s``: the longest stretch in which, besides, no bot had an errand at all (a bot
  waiting at a cooking pot has one): every bot had found nothing to do.
- ``stuck_s``: the longest stretch in which no chef acted, orders were open and no pot was
  cooking either: nothing at all moved the orders on. This is the deadlock figure;
  ``still_s`` also counts waiting for a soup to cook (a few seconds are normal).

A last line sums up: ``{"summary": true, "rounds": N, "worst_still_s": ..., ...}``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.sim import Round
from kitchen.sim.spec import TICKS_PER_SECOND


def stalls(path: Path, seed: int, talk: bool = True) -> dict[str, object]:
    """Play one round of the level at ``path`` with bots in every chef; its stall figures."""
    level = load_level(path)
    players = sorted(level.spec.starts)
    rnd = Round(level.spec, seed=seed, players=players)
    team = BotTeam(rnd, talk=talk)
    still = idle = stuck = 0
    best_still = best_idle = best_stuck = (0, 0)
    where = {p: (c.x, c.y) for p, c in rnd.chefs.items()}
    while not rnd.finished:
        commands = team.commands()
        tick = rnd.tick
        rnd.step(commands)
        moved = False
        for p, c in rnd.chefs.items():
            if where[p] != (c.x, c.y):
                moved = True
                where[p] = (c.x, c.y)
        acted = moved or any(c.interact or c.use or c.move != (0, 0) for c in commands.values())
        if acted or not rnd.orders.open:
            still = idle = stuck = 0
            continue
        still += 1
        if still > best_still[0]:
            best_still = (still, tick - still + 1)
        if any(s.kind == "stove" and s.state == "cooking" for s in rnd.stations.values()):
            stuck = 0
        else:
            stuck += 1
            if stuck > best_stuck[0]:
                best_stuck = (stuck, tick - stuck + 1)
        if all(pilot.errand is None for pilot in team.pilots.values()):
            idle += 1
            if idle > best_idle[0]:
                best_idle = (idle, tick - idle + 1)
        else:
            idle = 0
    return {
        "level": path.stem,
        "seed": seed,
        "chefs": len(players),
        "still_s": round(best_still[0] / TICKS_PER_SECOND, 1),
        "still_from_s": round(best_still[1] / TICKS_PER_SECOND, 1),
        "idle_s": round(best_idle[0] / TICKS_PER_SECOND, 1),
        "idle_from_s": round(best_idle[1] / TICKS_PER_SECOND, 1),
        "stuck_s": round(best_stuck[0] / TICKS_PER_SECOND, 1),
        "stuck_from_s": round(best_stuck[1] / TICKS_PER_SECOND, 1),
        "served": rnd.served,
        "expired": rnd.expired,
        "score": rnd.score,
    }


def _seeds(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main() -> None:
    """Print one JSON line per level and seed, then a summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", nargs="*", help="level file stems (default: every one)")
    parser.add_argument("--seeds", default="1-10", help="a seed or a range, e.g. 1-10")
    parser.add_argument("--silent", action="store_true", help="bots that do not talk")
    args = parser.parse_args()
    paths = [p for p in shipped_levels() if not args.levels or p.stem in args.levels]
    rows = []
    for path in paths:
        for seed in _seeds(args.seeds):
            row = stalls(path, seed, talk=not args.silent)
            rows.append(row)
            print(json.dumps(row), flush=True)
    summary = {
        "summary": True,
        "rounds": len(rows),
        "worst_still_s": max((float(str(r["still_s"])) for r in rows), default=0.0),
        "worst_idle_s": max((float(str(r["idle_s"])) for r in rows), default=0.0),
        "worst_stuck_s": max((float(str(r["stuck_s"])) for r in rows), default=0.0),
        "rounds_still_over_10s": sum(1 for r in rows if float(str(r["still_s"])) > 10),
        "rounds_stuck_over_5s": sum(1 for r in rows if float(str(r["stuck_s"])) > 5),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
