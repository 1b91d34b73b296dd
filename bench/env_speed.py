"""Research-environment speed: decision steps per second, 2 chefs with random actions, on
Overcooked-AI's cramped_room, compared per tile crossed with Overcooked-AI's own transition.

Run: ``python bench/env_speed.py [--steps N] [--repeats R] [--overcooked SRC]``. Prints JSON
lines. The level is imported from the real layout (tests/data/overcooked/cramped_room.layout)
with ``kitchen.content.overcooked_import`` (falling back to bench/levels/cramped_room.yaml,
the same grid written by hand). Random actions are drawn uniformly from the environment's
action space and generated up front. Figures:

- ``kitchen_transition_steps_per_s``: :func:`kitchen.sim.fast_forward.advance` alone, one
  decision step (15 ticks, about one tile's walk) for both chefs: the counterpart of Overcooked-AI's
  ``get_state_transition``.
- ``kitchen_env_steps_per_s``: :class:`kitchen.env.KitchenEnv` ``step``, observations included.
- ``overcooked_steps_per_s``: ``OvercookedGridworld.get_state_transition`` on cramped_room
  with random joint actions, run with the interpreter given by ``--python`` (default
  ``python3``, no virtual environment: it needs only numpy) from an Overcooked-AI checkout's
  ``src`` folder (``--overcooked``). Without a checkout the issue's figure (36,000 steps/s)
  is used and the per-tile ratio is n/a.
- ``tiles_per_s`` for each: cells entered per second of computing (both chefs, summed);
  ``ratio_per_tile`` = ours / Overcooked-AI's, the goal being at least 2.
- ``cpu_ratio_per_tile``: the same ratio with each side's processor time instead of the
  clock (``cpu_steps_per_s``): on a machine shared with other work the clock also counts
  the time each process waits for a core, so this one is the steadier of the two.

Repeats alternate the two sides so both see the same machine load; medians are reported.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYOUT = ROOT / "tests" / "data" / "overcooked" / "cramped_room.layout"
FALLBACK = ROOT / "bench" / "levels" / "cramped_room.yaml"
ISSUE_OVERCOOKED_STEPS_PER_S = 36_000

OVERCOOKED_SCRIPT = r"""
import json, random, sys, time, types
src, steps, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.path.insert(0, src)
# The package's __init__ only registers a Gymnasium env: skip it (only numpy is needed).
pkg = types.ModuleType("overcooked_ai_py"); pkg.__path__ = [src + "/overcooked_ai_py"]
sys.modules["overcooked_ai_py"] = pkg
from overcooked_ai_py.mdp.overcooked_mdp import OvercookedGridworld
from overcooked_ai_py.mdp.actions import Action
mdp = OvercookedGridworld.from_layout_name("cramped_room")
rng = random.Random(seed)
joint = [(rng.choice(Action.ALL_ACTIONS), rng.choice(Action.ALL_ACTIONS)) for _ in range(steps)]
start_state = mdp.get_standard_start_state()
def run():
    state, tiles = start_state, 0
    for n, ja in enumerate(joint):
        if n % 400 == 0:
            state = start_state  # Overcooked-AI's horizon
        before = state.player_positions
        state, _ = mdp.get_state_transition(state, ja)
        after = state.player_positions
        tiles += sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(before, after))
    return tiles
tiles = run()
t, c = time.perf_counter(), time.process_time()
run()
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"steps_per_s": steps / elapsed, "cpu_steps_per_s": steps / cpu,
                  "tiles": tiles, "steps": steps}))
"""


def cramped_room():
    """The cramped_room level, imported from the real layout when the importer is there."""
    from kitchen.content import load_level, load_level_text

    try:
        from kitchen.content.overcooked_import import level_text, read_layout

        text = LAYOUT.read_text(encoding="utf-8")
        yaml = level_text(
            read_layout(text, LAYOUT.name), LAYOUT.name, "cramped_room", "cramped_room"
        )
        return load_level_text(yaml, "cramped_room.yaml").spec, "imported"
    except Exception:
        return load_level(FALLBACK).spec, "hand-written"


def tiles_between(before, after) -> int:
    return sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(before, after, strict=True))


def kitchen_transition(spec, plan, commands, ticks):
    """(decision steps per second of the clock, and of processor time, tiles crossed) for
    ``fast_forward.advance`` alone."""
    from kitchen.sim import Round
    from kitchen.sim.fast_forward import advance

    def run():
        rnd = Round(spec, seed=0)
        rnd.step()
        chefs = rnd.chefs_in_order
        tiles = 0
        for joint in plan:
            if rnd.finished:
                rnd = Round(spec, seed=0)
                rnd.step()
                chefs = rnd.chefs_in_order
            before = [c.cell for c in chefs]
            advance(rnd, {1: commands[joint[0]], 2: commands[joint[1]]}, ticks)
            tiles += tiles_between(before, [c.cell for c in chefs])
        return tiles

    run()  # warm up
    start, cpu = time.perf_counter(), time.process_time()
    tiles = run()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return len(plan) / elapsed, len(plan) / cpu, tiles


def kitchen_env(spec, plan):
    """Decision steps per second through KitchenEnv.step (observations included)."""
    from kitchen.env import KitchenEnv

    env = KitchenEnv(spec)
    start = time.perf_counter()
    env.reset(seed=0)
    for joint in plan:
        if not env.agents:
            env.reset(seed=0)
        env.step({"chef_1": joint[0], "chef_2": joint[1]})
    return len(plan) / (time.perf_counter() - start)


def overcooked(src: Path, python: str, steps: int, seed: int):
    out = subprocess.run(
        [python, "-c", OVERCOOKED_SCRIPT, str(src), str(steps), str(seed)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        sys.exit(f"Overcooked-AI did not run: {out.stderr.strip().splitlines()[-1:]}")
    data = json.loads(out.stdout)
    return data["steps_per_s"], data["cpu_steps_per_s"], data["tiles"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=20_000, help="decision steps per run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--overcooked", type=Path, help="an Overcooked-AI checkout's src folder")
    parser.add_argument("--python", default="python3", help="interpreter for Overcooked-AI")
    parser.add_argument("--no-env", action="store_true", help="skip the KitchenEnv figure")
    args = parser.parse_args()
    from kitchen.env.actions import action_table
    from kitchen.env.observe import level_ingredients
    from kitchen.env.parallel import KitchenEnv

    spec, origin = cramped_room()
    table = action_table(level_ingredients(spec))
    commands = [command for _, command in table]
    ticks = KitchenEnv(spec).ticks_per_step
    rng = random.Random(1)
    plan = [(rng.randrange(len(table)), rng.randrange(len(table))) for _ in range(args.steps)]
    ours, theirs, env_rates = [], [], []
    ours_cpu, theirs_cpu = [], []
    our_tiles = their_tiles = 0
    for r in range(args.repeats):
        rate, cpu_rate, our_tiles = kitchen_transition(spec, plan, commands, ticks)
        ours.append(rate)
        ours_cpu.append(cpu_rate)
        if args.overcooked:
            rate, cpu_rate, their_tiles = overcooked(args.overcooked, args.python, args.steps, r)
            theirs.append(rate)
            theirs_cpu.append(cpu_rate)
        if not args.no_env:
            env_rates.append(kitchen_env(spec, plan))
    ours_rate = statistics.median(ours)
    our_tps = ours_rate * our_tiles / args.steps
    common = {"level": f"cramped_room ({origin})", "chefs": 2, "steps": args.steps}
    print(
        json.dumps(
            {
                "name": "kitchen_transition_steps_per_s",
                "value": round(ours_rate),
                "ticks_per_step": ticks,
                "min": round(min(ours)),
                "max": round(max(ours)),
                **common,
            }
        )
    )
    print(json.dumps({"name": "kitchen_tiles_per_step", "value": round(our_tiles / args.steps, 3)}))
    print(json.dumps({"name": "kitchen_tiles_per_s", "value": round(our_tps)}))
    if env_rates:
        print(
            json.dumps(
                {
                    "name": "kitchen_env_steps_per_s",
                    "value": round(statistics.median(env_rates)),
                    **common,
                }
            )
        )
    if theirs:
        their_rate = statistics.median(theirs)
        their_tps = their_rate * their_tiles / args.steps
        print(
            json.dumps(
                {
                    "name": "overcooked_steps_per_s",
                    "value": round(their_rate),
                    "min": round(min(theirs)),
                    "max": round(max(theirs)),
                    "source": "measured",
                    **common,
                }
            )
        )
        print(
            json.dumps(
                {"name": "overcooked_tiles_per_step", "value": round(their_tiles / args.steps, 3)}
            )
        )
        print(json.dumps({"name": "overcooked_tiles_per_s", "value": round(their_tps)}))
        print(
            json.dumps(
                {"name": "ratio_per_tile", "value": round(our_tps / their_tps, 2), "goal": 2}
            )
        )
        print(json.dumps({"name": "ratio_per_step", "value": round(ours_rate / their_rate, 2)}))
        # the same with processor time, steadier than the clock on a busy machine
        ours_c, theirs_c = statistics.median(ours_cpu), statistics.median(theirs_cpu)
        print(
            json.dumps(
                {
                    "name": "cpu_steps_per_s",
                    "kitchen": round(ours_c),
                    "overcooked": round(theirs_c),
                }
            )
        )
        print(
            json.dumps(
                {
                    "name": "cpu_ratio_per_tile",
                    "value": round((ours_c * our_tiles) / (theirs_c * their_tiles), 2),
                    "goal": 2,
                }
            )
        )
    else:
        print(
            json.dumps(
                {
                    "name": "overcooked_steps_per_s",
                    "value": ISSUE_OVERCOOKED_STEPS_PER_S,
                    "source": "issue 15's figure (not measured here)",
                }
            )
        )
        print(
            json.dumps(
                {
                    "name": "ratio_per_step",
                    "value": round(ours_rate / ISSUE_OVERCOOKED_STEPS_PER_S, 2),
                }
            )
        )
        print(json.dumps({"name": "ratio_per_tile", "value": "n/a"}))


if __name__ == "__main__":
    main()
