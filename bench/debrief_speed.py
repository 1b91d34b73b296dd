"""Debrief speed: compute every metric and write the HTML report for a 10-minute, 4-chef
round log.

Run: ``python bench/debrief_speed.py``. The log is made first (not timed) by playing the
largest 4-chef shipped level for 10 minutes with busy, people-like random input (moves,
presses, call-outs) and two facilitator tags. Prints JSON lines:
``debrief_metrics_s`` (reading the log + metrics + lessons) and ``debrief_report_s``
(that plus writing HTML, CSV and JSON). Goal: under 0.5 s.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from kitchen.content import load_level_text
from kitchen.debrief.analysis import analyse_logs
from kitchen.debrief.lessons import load_pack
from kitchen.debrief.report import write_report
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, read_round_log
from kitchen.sim import Command
from kitchen.sim.actions import Tag


def ten_minute_level():
    """The largest shipped level with 4 starts, stretched to a 10-minute round."""
    best = None
    for path in shipped_levels():
        text = path.read_text(encoding="utf-8")
        level = load_level_text(text, str(path))
        if len(level.spec.starts) == 4:
            size = level.spec.width * level.spec.height
            if best is None or size > best[0]:
                best = (size, text, path)
    assert best is not None, "no 4-chef level shipped"
    data = yaml.safe_load(best[1])
    data["round"] = {"seconds": 600}
    return load_level_text(yaml.safe_dump(data, sort_keys=False), str(best[2]))


def make_log(folder: Path) -> Path:
    level = ten_minute_level()
    rec = RecordedRound(level, 7, [1, 2, 3, 4], log_path=folder / "round.jsonl")
    rng = random.Random(7)
    moves = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    held = {p: Command() for p in range(1, 5)}
    calls = [None] * 120 + ["need:onion", "on_it", "help", "thanks", "ready"]
    while not rec.round.finished:
        tick = rec.round.tick
        cmds = {}
        for p in range(1, 5):
            if rng.random() < 0.05:
                held[p] = Command(move=rng.choice(moves), use=rng.random() < 0.3)
            cmds[p] = Command(
                move=held[p].move,
                use=held[p].use,
                interact=rng.random() < 0.05,
                callout=rng.choice(calls),
            )
        rec.step(cmds, [Tag("silo", "tagged")] if tick in (6000, 20000) else [])
    return rec.log_path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        log_path = make_log(folder)
        pack = load_pack()
        events = len(read_round_log(log_path).events)
        metrics_times, report_times = [], []
        for i in range(5):
            start = time.perf_counter()
            sessions = analyse_logs([read_round_log(log_path)], pack)
            metrics_times.append(time.perf_counter() - start)
            write_report(sessions, folder / f"report{i}.html")
            report_times.append(time.perf_counter() - start)
        size = (folder / "report0.html").stat().st_size
        log_bytes = log_path.stat().st_size
    common = {"round_s": 600, "chefs": 4, "events": events, "log_bytes": log_bytes}
    print(
        json.dumps(
            {
                "name": "debrief_metrics_s",
                "value": round(statistics.median(metrics_times), 3),
                **common,
            }
        )
    )
    print(
        json.dumps(
            {
                "name": "debrief_report_s",
                "value": round(statistics.median(report_times), 3),
                "html_bytes": size,
                **common,
            }
        )
    )


if __name__ == "__main__":
    main()
