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
  ``ratio_per_tile`` = ours / Overcooked-AI's, the goal being at least 2. Each side counts
  the tiles in its warm-up run and times a second run of the same actions without counting
  (``--tiles-in-loop``: counted inside the timed run too, the method before 2026-11-30).
- ``cpu_ratio_per_tile``: the same ratio with each side's processor time instead of the
  clock (``cpu_steps_per_s``): on a machine shared with other work the clock also counts
  the time each process waits for a core, so this one is the steadier of the two.

Each kitchen figure is given for the pure-Python simulation (``"sim": "pure"``, the
reference) and, when it is built (``python tools/compile_fast_path.py``), for the compiled
copy (``"sim": "compiled"``, see :mod:`kitchen.env.fast_path`); ``env_uses`` says which one
``KitchenEnv`` runs by default here.

Repeats alternate the sides so all see the same machine load; medians are reported, with the
load average before and after.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
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
in_loop = sys.argv[4] == "1"
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
def run(count):
    state, tiles = start_state, 0
    for n, ja in enumerate(joint):
        if n % 400 == 0:
            state = start_state  # Overcooked-AI's horizon
        if count:
            before = state.player_positions
        state, _ = mdp.get_state_transition(state, ja)
        if count:
            after = state.player_positions
            tiles += sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(before, after))
    return tiles
tiles = run(True)
t, c = time.perf_counter(), time.process_time()
run(in_loop)
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


def kitchen_transition(spec, plan, commands, ticks, sim, in_loop=False):
    """(decision steps per second of the clock, and of processor time, tiles crossed) for
    ``sim.advance`` (``fast_forward.advance``, pure or compiled) alone. The tiles are
    counted in the warm-up run (the timed one, the same plan replayed, crosses the same)
    unless ``in_loop``."""
    Round, advance = sim.Round, sim.advance

    def run(count):
        rnd = Round(spec, seed=0)
        rnd.step()
        chefs = rnd.chefs_in_order
        tiles = 0
        for joint in plan:
            if rnd.finished:
                rnd = Round(spec, seed=0)
                rnd.step()
                chefs = rnd.chefs_in_order
            if count:
                before = [c.cell for c in chefs]
            advance(rnd, {1: commands[joint[0]], 2: commands[joint[1]]}, ticks)
            if count:
                tiles += tiles_between(before, [c.cell for c in chefs])
        return tiles

    tiles = run(True)  # warm up
    start, cpu = time.perf_counter(), time.process_time()
    run(in_loop)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return len(plan) / elapsed, len(plan) / cpu, tiles


def kitchen_env(spec, plan, compiled):
    """Decision steps per second through KitchenEnv.step (observations included)."""
    from kitchen.env import KitchenEnv

    env = KitchenEnv(spec, compiled=compiled)
    start = time.perf_counter()
    env.reset(seed=0)
    for joint in plan:
        if not env.agents:
            env.reset(seed=0)
        env.step({"chef_1": joint[0], "chef_2": joint[1]})
    return len(plan) / (time.perf_counter() - start)


def overcooked(src: Path, python: str, steps: int, seed: int, in_loop: bool):
    out = subprocess.run(
        [python, "-c", OVERCOOKED_SCRIPT, str(src), str(steps), str(seed), str(int(in_loop))],
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
    parser.add_argument(
        "--tiles-in-loop",
        action="store_true",
        help="count tiles crossed inside the timed runs too (the method before 2026-11-30)",
    )
    args = parser.parse_args()
    from kitchen.env import fast_path
    from kitchen.env.actions import action_table
    from kitchen.env.observe import level_ingredients
    from kitchen.env.parallel import KitchenEnv

    spec, origin = cramped_room()
    table = action_table(level_ingredients(spec))
    commands = [command for _, command in table]
    ticks = KitchenEnv(spec, compiled=False).ticks_per_step
    rng = random.Random(1)
    plan = [(rng.randrange(len(table)), rng.randrange(len(table))) for _ in range(args.steps)]
    sims = {"pure": fast_path.pure()}
    built = fast_path.compiled()
    if built is not None:
        sims["compiled"] = built
    ours = {name: [] for name in sims}
    ours_cpu = {name: [] for name in sims}
    env_rates = {name: [] for name in sims}
    tiles = dict.fromkeys(sims, 0)
    theirs, theirs_cpu = [], []
    their_tiles = 0
    load_before = os.getloadavg()
    for r in range(args.repeats):
        for name, sim in sims.items():
            rate, cpu_rate, tiles[name] = kitchen_transition(
                spec, plan, commands, ticks, sim, args.tiles_in_loop
            )
            ours[name].append(rate)
            ours_cpu[name].append(cpu_rate)
        if args.overcooked:
            rate, cpu_rate, their_tiles = overcooked(
                args.overcooked, args.python, args.steps, r, args.tiles_in_loop
            )
            theirs.append(rate)
            theirs_cpu.append(cpu_rate)
        if not args.no_env:
            for name, sim in sims.items():
                env_rates[name].append(kitchen_env(spec, plan, sim.compiled))
    common = {"level": f"cramped_room ({origin})", "chefs": 2, "steps": args.steps}
    emit = functools.partial(_emit, common)
    emit(
        "env_uses",
        "compiled" if KitchenEnv(spec).sim.compiled else "pure",
        compiled_build=fast_path.status(),
        repeats=args.repeats,
        tiles_counted="in the timed runs" if args.tiles_in_loop else "in the warm-up runs",
        load_before=[round(x, 2) for x in load_before],
        load_after=[round(x, 2) for x in os.getloadavg()],
    )
    if len(set(tiles.values())) != 1:
        sys.exit(f"the simulations crossed different numbers of tiles: {tiles}")
    if theirs:
        their_rate, their_cpu = statistics.median(theirs), statistics.median(theirs_cpu)
        emit(
            "overcooked_steps_per_s",
            round(their_rate),
            min=round(min(theirs)),
            max=round(max(theirs)),
            cpu_steps_per_s=round(their_cpu),
            tiles_per_step=round(their_tiles / args.steps, 3),
            source="measured",
        )
    else:
        their_rate, their_cpu = ISSUE_OVERCOOKED_STEPS_PER_S, None
        emit("overcooked_steps_per_s", their_rate, source="issue 15's figure (not measured here)")
    for name in sims:
        rate, cpu = statistics.median(ours[name]), statistics.median(ours_cpu[name])
        our_tiles = tiles[name]
        emit(
            "kitchen_transition_steps_per_s",
            round(rate),
            sim=name,
            ticks_per_step=ticks,
            min=round(min(ours[name])),
            max=round(max(ours[name])),
            cpu_steps_per_s=round(cpu),
            tiles_per_step=round(our_tiles / args.steps, 3),
            tiles_per_s=round(rate * our_tiles / args.steps),
        )
        if env_rates[name]:
            emit("kitchen_env_steps_per_s", round(statistics.median(env_rates[name])), sim=name)
        if theirs:
            emit(
                "ratio_per_tile",
                round(rate * our_tiles / (their_rate * their_tiles), 2),
                sim=name,
                goal=2,
            )
            emit(
                "cpu_ratio_per_tile",
                round(cpu * our_tiles / (their_cpu * their_tiles), 2),
                sim=name,
                goal=2,
            )
            emit("ratio_per_step", round(rate / their_rate, 2), sim=name)
        else:
            emit("ratio_per_step", round(rate / their_rate, 2), sim=name)
            emit("ratio_per_tile", "n/a", sim=name)


def _emit(common, name, value, **fields):
    print(json.dumps({"name": name, "value": value, **fields, **common}))


if __name__ == "__main__":
    main()
