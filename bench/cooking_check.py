"""Check the cooking profiles: play each on the levels it applies to and print, beside the
level's baseline, the metrics its cards read and which cards fired.

Run: ``python bench/cooking_check.py [--profiles a,b] [--levels a,b] [--seeds N]``.

A round is played exactly as ``bench/lesson_discrimination.py`` plays it (a recorded round,
the computer cooks for the cooking, every chef marked as a person, the log read back and
analysed with the shipped baselines), with the profile's perturbation between the cooks'
plan and the round. Prints one JSON line per round and a recall line per profile and card
(recall over the rounds where the profile showed its behaviour, ``shown``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from cooking_profiles import COOKING_PROFILES, CookingProfile

from kitchen.bots.team import BotTeam
from kitchen.content import load_level
from kitchen.content.problems import SourceError
from kitchen.debrief.analysis import analyse_logs
from kitchen.debrief.lessons import load_pack, load_pack_text
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, read_round_log

SHOWN = {
    "waste_and_rework": ["flow.waste", "flow.binned"],
    "lost_handovers": ["coordination.lost_handoffs"],
    "slow_handovers": ["coordination.handoffs", "coordination.handoff_delay_mean_s"],
    "stayed_in_silos": ["coordination.silo_index"],
    "crossed_boundaries": ["coordination.silo_index", "coordination.zone_crossings"],
    "disruption_hit_hard": ["resilience.max_drop", "resilience.unrecovered"],
    "recovered_well": [
        "resilience.max_wait_s",
        "resilience.mean_recovery_s",
        "resilience.unrecovered",
    ],
    "bottleneck_blocking": ["coordination.blocked_s"],
    "patients_waiting": ["service.expired"],
    "never_event": ["service.safety_incidents"],
    "waiting_around": ["flow.idle_while_open_share", "flow.idle_while_open_share_max"],
}

COOKING_CARDS = frozenset(SHOWN) | {"special_needs_met"}


def pack() -> Any:
    """The shipped lesson pack; while it is being edited and does not load, the last
    committed one (the cooking cards' conditions are what this check is about)."""
    try:
        return load_pack()
    except SourceError:
        text = subprocess.run(
            ["git", "show", "HEAD:assets/lessons/default.yaml"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        ).stdout
        return load_pack_text(text)


def profile(name: str) -> CookingProfile:
    """The cooking profile called ``name``."""
    return next(p for p in COOKING_PROFILES if p.name == name)


def play(args: tuple[str, str, int]) -> dict[str, Any]:
    """Play one round of a level with a cooking profile; its metrics and cards."""
    level_path, name, seed = args
    level = load_level(level_path)
    players = sorted(level.spec.starts)
    prof = profile(name)
    with tempfile.TemporaryDirectory() as tmp:
        rec = RecordedRound(level, seed, players, log_path=Path(tmp) / "r.jsonl", people=players)
        team = BotTeam(rec.round, players)
        pert = prof.start(rec, level, players, seed)
        while not rec.round.finished:
            rec.step(pert.commands(rec.round.tick, dict(team.commands())))
        rec.close()
        r = analyse_logs([read_round_log(rec.log_path)], pack())[0].rounds[0]
    names = sorted({m for card in SHOWN for m in SHOWN[card]})
    base = r.baseline.metrics if r.baseline else {}
    return {
        "level": Path(level_path).stem,
        "profile": name,
        "seed": seed,
        "shown": prof.shown(pert),
        "cards": sorted(c.id for c in r.cards if c.id in COOKING_CARDS),
        "metrics": {
            m: [r.values.get(m), (base[m].median, base[m].high) if m in base else None]
            for m in names
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", default="")
    parser.add_argument("--levels", default="")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--first-seed", type=int, default=101)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    chosen = [
        p for p in COOKING_PROFILES if not args.profiles or p.name in args.profiles.split(",")
    ]
    levels = [p for p in shipped_levels() if not args.levels or p.stem in args.levels.split(",")]
    tasks = [
        (str(path), prof.name, seed)
        for prof in chosen
        for path in levels
        if prof.applies(load_level(str(path)))
        for seed in range(args.first_seed, args.first_seed + args.seeds)
    ]
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(play, tasks))
    else:
        results = [play(t) for t in tasks]
    for res in results:
        shown = {
            m: v
            for m, v in res["metrics"].items()
            if any(m in SHOWN[c] for c in profile(res["profile"]).cards if c in SHOWN)
        }
        print(json.dumps({**res, "metrics": shown}))
    for prof in chosen:
        mine = [r for r in results if r["profile"] == prof.name]
        if not mine:
            continue
        shown = [r for r in mine if r["shown"]]
        for card in sorted(COOKING_CARDS):
            if card in prof.cards:
                fired = sum(card in r["cards"] for r in shown)
                line = {"recall": f"{fired}/{len(shown)}", "not_shown": len(mine) - len(shown)}
            else:
                fired = sum(card in r["cards"] for r in mine)
                line = {"fired_anyway": f"{fired}/{len(mine)}"}
            if card in prof.unsure:
                line = {**line, "unsure": True}
            if card in prof.cards or fired:
                print(json.dumps({"profile": prof.name, "card": card, **line}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
