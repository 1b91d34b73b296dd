"""Lesson discrimination: does each lesson card fire when its behaviour is present, and only
then?

Run: ``python bench/lesson_discrimination.py [--seeds N] [--levels a,b] [--jobs J]``.

Every shipped level is played with several seeds (not the seeds its baseline was made with)
by the computer cooks for the cooking (:class:`kitchen.bots.BotTeam`) and every chef marked
as a person, plus a scripted communication profile added as call-outs through the same
commands:

- ``talkative``: calls for items rotate round the team, each acknowledged ("On it!") by
  another chef and thanked by the caller: loops that close;
- ``unanswered``: the same calls, never acknowledged: open loops;
- ``quiet``: each chef says "ready" once in the round, and that is all;
- ``dominant``: one chef calls constantly (items, "ready"), the others only acknowledge;
- ``silent``: as ``talkative``, but one chef never says anything;
- ``idle``: as ``talkative``, but one chef (a person) stands still all round: waiting while
  work is open.

Each round goes through the debrief exactly as a recorded round does (log written, read
back, :func:`kitchen.debrief.analysis.analyse_logs`), with the shipped level baselines.

A card's behaviour is *present* in the profiles :data:`PRESENT` names for it; for every other
profile it is absent. Cards about the cooking (waste, blocking, hand-overs, silos) and about
outcomes only the cooking decides (expired orders, special orders, disruptions) are absent
in every profile whose cooking is the computer cooks' own, since the cooks are the baseline;
in the ``idle`` profile only the talk cards and ``waiting_around`` are scored (a chef who
stands still changes the cooking in ways whose truth is not known: blocking a corridor,
orders expiring). A card
with no profile that presents it has recall "n/a".

Prints JSON lines: one per card (``lesson_card``), then ``lesson_recall_min`` and
``lesson_false_fire_max``; with ``--table``, a Markdown table for docs/lessons.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from kitchen.bots.team import BotTeam
from kitchen.content import Level, load_level
from kitchen.debrief.analysis import analyse_logs
from kitchen.debrief.lessons import load_pack
from kitchen.events import DisruptionStarted
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, read_round_log
from kitchen.sim import Command
from kitchen.sim.commands import IDLE
from kitchen.sim.spec import TICKS_PER_SECOND

PROFILES = ("talkative", "unanswered", "quiet", "dominant", "silent", "idle")

SCORED_WHEN_IDLE = frozenset(
    {
        "open_loops",
        "closed_loops_held",
        "quiet_kitchen",
        "unequal_voices",
        "silent_members",
        "waiting_around",
    }
)
"""The cards scored in the ``idle`` profile (the others depend on how the cooking went)."""


def scored(card: str, profile: str) -> bool:
    """Whether ``card`` is scored in rounds of ``profile``."""
    return profile != "idle" or card in SCORED_WHEN_IDLE


def present(card: str, profile: str, people: int) -> bool:
    """Whether ``card``'s behaviour is present in a round of ``profile`` with ``people``."""
    if card == "closed_loops_held":
        return profile in ("talkative", "dominant", "idle") or (profile == "silent" and people >= 3)
    if card == "open_loops":
        return profile == "unanswered" or (profile == "silent" and people == 2)
    if card == "quiet_kitchen":
        return profile == "quiet"
    if card == "unequal_voices":
        # one of two or three people silent is a round carried by the others' voices
        return profile == "dominant" or (profile == "silent" and people <= 3)
    if card == "silent_members":
        return profile == "silent"
    if card == "waiting_around":
        return profile == "idle"
    return False


class Talk:
    """A profile's call-outs, tick by tick."""

    def __init__(self, profile: str, people: list[int], items: list[str], seed: int) -> None:
        self.profile = profile
        self.rng = random.Random(seed)
        self.items = items or ["onion"]
        speakers = people[:-1] if profile == "silent" else people
        self.speakers = speakers
        self.pending: dict[int, list[tuple[int, str]]] = defaultdict(list)
        self.turn = 0
        self.next_call = 3 * TICKS_PER_SECOND

    def _loop(self, tick: int, caller: int, answered: bool, kind: str = "need") -> None:
        others = [p for p in self.speakers if p != caller]
        call = f"need:{self.rng.choice(self.items)}" if kind == "need" else kind
        self.pending[tick].append((caller, call))
        if answered and others:
            answerer = others[self.turn % len(others)]
            self.pending[tick + int(1.5 * TICKS_PER_SECOND)].append((answerer, "on_it"))
            self.pending[tick + int(3.5 * TICKS_PER_SECOND)].append((caller, "thanks"))

    def calls(self, tick: int, disrupted: bool) -> dict[int, str]:
        """This tick's call-outs by chef."""
        s = TICKS_PER_SECOND
        p = self.profile
        if p == "quiet":
            for i, player in enumerate(self.speakers):
                if tick == (20 + 40 * i) * s:
                    self.pending[tick].append((player, "ready"))
        elif p == "dominant":
            boss = self.speakers[0]
            if tick % (3 * s) == 0:
                self.pending[tick].append((boss, "ready"))
            if tick >= self.next_call:
                self.turn += 1
                self._loop(tick + 1, boss, answered=True)
                self.next_call = tick + self.rng.randint(4 * s, 6 * s)
        elif self.speakers:
            if tick >= self.next_call:
                self.turn += 1
                caller = self.speakers[self.turn % len(self.speakers)]
                alone = len(self.speakers) < 2
                self._loop(tick, caller, answered=p != "unanswered" and not alone)
                self.next_call = tick + self.rng.randint(5 * s, 8 * s)
            if disrupted and len(self.speakers) >= 1:
                self._loop(tick + s, self.speakers[0], answered=p != "unanswered", kind="help")
        out: dict[int, str] = {}
        for player, call in self.pending.pop(tick, []):
            out.setdefault(player, call)
        return out


def play(args: tuple[str, str, int]) -> dict[str, Any]:
    """Play one round of a level with a profile and seed; the cards it brought up."""
    level_path, profile, seed = args
    level: Level = load_level(level_path)
    spec = level.spec
    players = sorted(spec.starts)
    items = sorted(
        {key.split(":")[0] for r in spec.recipes.values() for key in (*r.cook, *r.plate)}
    )
    with tempfile.TemporaryDirectory() as tmp:
        rec = RecordedRound(
            level, seed, players, log_path=Path(tmp) / "round.jsonl", people=players
        )
        idle = players[-1] if profile == "idle" else None
        team = BotTeam(rec.round, [p for p in players if p != idle])
        talk = Talk(profile, players, items, seed)
        disrupted = False
        while not rec.round.finished:
            commands = dict(team.commands())
            if idle is not None:
                commands[idle] = IDLE
            for player, call in talk.calls(rec.round.tick, disrupted).items():
                base = commands.get(player, IDLE)
                commands[player] = Command(base.move, base.interact, base.use, call)
            events = rec.step(commands)
            disrupted = any(isinstance(e, DisruptionStarted) for e in events)
        rec.close()
        sessions = analyse_logs([read_round_log(rec.log_path)], load_pack())
    r = sessions[0].rounds[0]
    return {
        "level": level_path.rsplit("/", 1)[-1],
        "profile": profile,
        "seed": seed,
        "people": len(players),
        "cards": [c.id for c in r.cards],
        "baseline": r.baseline is not None,
    }


def score(results: list[dict[str, Any]], cards: list[str]) -> list[dict[str, Any]]:
    """Recall and false-fire rate of every card."""
    rows = []
    for card in cards:
        hits = positives = fires = negatives = 0
        for res in results:
            if not scored(card, res["profile"]):
                continue
            fired = card in res["cards"]
            if present(card, res["profile"], res["people"]):
                positives += 1
                hits += fired
            else:
                negatives += 1
                fires += fired
        rows.append(
            {
                "name": "lesson_card",
                "card": card,
                "recall": round(hits / positives, 3) if positives else None,
                "positives": positives,
                "false_fire": round(fires / negatives, 3) if negatives else None,
                "negatives": negatives,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--first-seed", type=int, default=101)
    parser.add_argument("--levels", default="", help="comma-separated level file stems")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--table", action="store_true", help="also print a Markdown table")
    parser.add_argument("--misses", action="store_true", help="list each wrong call on stderr")
    args = parser.parse_args(argv)
    levels = [p for p in shipped_levels() if not args.levels or p.stem in args.levels.split(",")]
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    tasks = [(str(p), prof, s) for p in levels for prof in PROFILES for s in seeds]
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(play, tasks, chunksize=2))
    else:
        results = [play(t) for t in tasks]
    cards = [lesson.id for lesson in load_pack().lessons]
    rows = score(results, cards)
    if args.misses:
        for res in results:
            for card in cards:
                if not scored(card, res["profile"]):
                    continue
                want = present(card, res["profile"], res["people"])
                if want != (card in res["cards"]):
                    wrong = "missed" if want else "false fire"
                    where = f"{res['level']} {res['profile']} seed {res['seed']}"
                    print(f"{wrong}: {card} in {where}", file=sys.stderr)
    for row in rows:
        print(json.dumps(row))
    recalls = [r["recall"] for r in rows if r["recall"] is not None]
    falses = [r["false_fire"] for r in rows if r["false_fire"] is not None]
    worst_recall = min(rows, key=lambda r: 2 if r["recall"] is None else r["recall"])
    worst_false = max(rows, key=lambda r: -1 if r["false_fire"] is None else r["false_fire"])
    common = {"rounds": len(results), "levels": len(levels), "seeds": args.seeds}
    print(
        json.dumps(
            {
                "name": "lesson_recall_min",
                "value": min(recalls) if recalls else None,
                "card": worst_recall["card"],
                "goal": 0.8,
                **common,
            }
        )
    )
    print(
        json.dumps(
            {
                "name": "lesson_false_fire_max",
                "value": max(falses) if falses else None,
                "card": worst_false["card"],
                "goal": 0.1,
                **common,
            }
        )
    )
    if args.table:
        print("\n| card | recall | rounds with the behaviour | false-fire | rounds without |")
        print("|---|---|---|---|---|")
        for r in rows:
            recall = "n/a" if r["recall"] is None else f"{r['recall']:.2f}"
            false = "n/a" if r["false_fire"] is None else f"{r['false_fire']:.2f}"
            print(f"| `{r['card']}` | {recall} | {r['positives']} | {false} | {r['negatives']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
