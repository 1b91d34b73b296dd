"""Playtest speed: 20 bot-played runs of a 3-minute level with 4 bots, on every core.

Run: ``python bench/playtest_speed.py [--runs N] [--level NAME]``. Prints one JSON line per
figure, e.g. ``{"name": "playtest_20_runs_s", "value": 9.1, ...}``. Goal: under 15 s in
total on the 2-core development machine. The clock covers what ``kitchen playtest`` does
after loading the level: starting the worker processes, playing every round and summing up.
``playtest_cpu_s`` is the processor time of that work (this process and its workers), a
steadier figure than the clock on a busy machine; ``playtest_summary_sha256`` fingerprints
the summary, so two versions can be shown to play identically.

To compare with an earlier commit in one sitting, on the same machine and venv::

    git worktree add /tmp/before COMMIT
    PYTHONPATH=/tmp/before/src python bench/playtest_speed.py   # the earlier code
    python bench/playtest_speed.py                              # this one
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import time

from kitchen.bots.playtest import run_playtest, summarise
from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.sim.spec import TICKS_PER_SECOND


def three_minute_level(chefs: int, name: str | None):
    """The first shipped 3-minute level with at least ``chefs`` starts (or the named one)."""
    for path in shipped_levels():
        level = load_level(path)
        spec = level.spec
        if name is not None:
            if name in (path.stem, spec.name):
                return level
            continue
        if spec.round_ticks == 180 * TICKS_PER_SECOND and len(spec.starts) >= chefs:
            return level
    raise SystemExit(f"no shipped level fits (name={name!r}, chefs={chefs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--chefs", type=int, default=4)
    parser.add_argument("--level", default=None, help="a shipped level's name")
    args = parser.parse_args()
    level = three_minute_level(args.chefs, args.level)
    spec = level.spec
    workers = min(args.runs, os.cpu_count() or 1)
    start = time.perf_counter()
    cpu = _cpu()
    results = run_playtest(spec, args.runs, args.chefs, seed=0, workers=workers)
    summary = summarise(spec, results, args.chefs)
    elapsed = time.perf_counter() - start
    cpu = _cpu() - cpu
    ticks = args.runs * spec.round_ticks
    common = {"level": spec.name, "runs": args.runs, "chefs": args.chefs, "workers": workers}
    name = f"playtest_{args.runs}_runs_s"
    print(json.dumps({"name": name, "value": round(elapsed, 2), **common}))
    print(json.dumps({"name": "playtest_ticks_per_s", "value": round(ticks / elapsed), **common}))
    print(json.dumps({"name": "playtest_mean_score", "value": summary["score"]["mean"], **common}))
    print(json.dumps({"name": "playtest_cpu_s", "value": round(cpu, 2), **common}))
    digest = hashlib.sha256(json.dumps(summary, sort_keys=True).encode()).hexdigest()[:16]
    print(json.dumps({"name": "playtest_summary_sha256", "value": digest, **common}))


def _cpu() -> float:
    """Processor seconds used so far by this process and its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


if __name__ == "__main__":
    main()
