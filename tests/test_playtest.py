"""``kitchen playtest``: bot-played rounds summed up for level designers."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kitchen.bots.playtest import (
    RunResult,
    format_summary,
    percentile,
    play_round,
    run_playtest,
    suggest_stars,
    summarise,
)
from kitchen.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from kitchen.content import load_level
from kitchen.paths import shipped_levels

ROOT = Path(__file__).resolve().parent.parent
BAD = sorted((Path(__file__).parent / "data" / "levels").glob("bad_*.yaml"))
TUTORIAL = load_level(shipped_levels()[0]).spec


def test_playtest_prints_every_part_of_the_summary(capsys):
    assert main(["playtest", "tutorial", "--runs", "3", "--chefs", "2"]) == EXIT_OK
    out, err = capsys.readouterr()
    for part in (
        "score       min", "median", "mean", "max",
        "stars       per run:",
        "suggested",
        "never served",
        "unused",
        "bottlenecks",
        "busiest",
    ):
        assert part in out, part
    assert "3/3 runs" in err and "[" in err  # the progress bar
    assert "Traceback" not in out + err


def test_playtest_json_uses_consecutive_seeds(capsys):
    assert main(["playtest", "two_recipes", "--runs", "2", "--seed", "5", "--json"]) == EXIT_OK
    out, _ = capsys.readouterr()
    summary = json.loads(out)
    assert summary["level"] == "two_recipes"
    assert summary["seeds"] == [5, 6]
    assert len(summary["scores"]) == len(summary["stars"]) == 2
    score = summary["score"]
    assert score["min"] <= score["median"] <= score["max"]
    assert score["min"] <= score["mean"] <= score["max"]
    assert summary["score"]["max"] > 0
    assert len(summary["suggested_thresholds"]) == 3
    for key in ("never_served", "unused_stations", "bottlenecks", "busiest", "star_counts"):
        assert key in summary


def test_playtest_bad_level_is_a_message_and_exit_1(capsys):
    assert main(["playtest", "no_such_level"]) == EXIT_PROBLEMS
    _, err = capsys.readouterr()
    assert "no such file or shipped level" in err
    assert main(["playtest", str(BAD[0])]) == EXIT_PROBLEMS
    _, err = capsys.readouterr()
    assert str(BAD[0]) in err and "Traceback" not in err


def test_playtest_bad_options_are_messages(capsys):
    assert main(["playtest", "tutorial", "--chefs", "9"]) == EXIT_PROBLEMS
    assert "--chefs must be 1 to 2" in capsys.readouterr().err
    assert main(["playtest", "tutorial", "--runs", "0"]) == EXIT_USAGE
    assert "--runs" in capsys.readouterr().err


def test_playtest_in_a_subprocess_never_shows_a_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "kitchen", "playtest", "nowhere/missing.yaml"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert done.returncode == EXIT_PROBLEMS
    assert "missing.yaml" in done.stderr and "Traceback" not in done.stderr


def test_parallel_runs_match_sequential_runs():
    spec = dataclasses.replace(TUTORIAL, round_ticks=40 * 60)
    one = run_playtest(spec, 3, 2, seed=2, workers=1)
    two = run_playtest(spec, 3, 2, seed=2, workers=2)
    assert [r.seed for r in two] == [2, 3, 4]
    assert one == two


def test_a_round_records_use_blocks_and_visits():
    result = play_round(dataclasses.replace(TUTORIAL, round_ticks=60 * 60), seed=0, chefs=2)
    assert result.served >= 1 and result.recipes_served == {"onion_soup": result.served}
    used = set(result.stations_used)
    kinds = {TUTORIAL.stations[t].kind for t in used}
    assert {"crate", "stove", "plates", "serve"} <= kinds
    assert sum(result.visits.values()) > 10
    assert all(TUTORIAL.stations.get(t) is None for t in result.visits)  # floor cells only


def test_percentile_interpolates_between_ranks():
    assert percentile([10], 40) == 10
    assert percentile([0, 10], 50) == 5
    assert percentile([4, 1, 3, 2, 5], 50) == 3
    assert percentile([0, 100], 40) == pytest.approx(40)
    with pytest.raises(ValueError):
        percentile([], 50)


def test_suggested_stars_follow_the_documented_rule():
    scores = list(range(0, 201, 10))  # 0, 10, ... 200
    assert suggest_stars(scores) == [80, 140, 180]  # 40th, 70th, 90th percentiles
    assert suggest_stars([0, 0, 0]) == [5, 10, 15]  # at least 5, rising by 5
    assert suggest_stars([97, 97, 97]) == [95, 100, 105]


def _result(seed, score, served, blocked=None, visits=None, used=()):
    return RunResult(
        seed=seed, score=score, stars=1, served=sum(served.values()), expired=0, wrong=0,
        recipes_served=served, recipes_ordered={**served, "salad": 2},
        stations_used=list(used), blocked=blocked or {}, visits=visits or {},
    )


def test_summary_names_unserved_recipes_unused_stations_and_busy_cells():
    spec = load_level(shipped_levels()[1]).spec  # onion soup and salad
    used = [t for t, st in spec.stations.items() if st.kind in ("crate", "stove")][:3]
    results = [
        _result(0, 40, {"onion_soup": 2}, {(3, 2): 4}, {(3, 2): 9, (4, 2): 3}, used),
        _result(1, 60, {"onion_soup": 3}, {(3, 2): 1, (5, 2): 2}, {(4, 2): 8}, used),
    ]
    summary = summarise(spec, results, chefs=2)
    assert summary["never_served"] == [{"recipe": "salad", "ordered": 4}]
    unused_kinds = {u["kind"] for u in summary["unused_stations"]}
    assert {"board", "serve", "plates", "bin"} <= unused_kinds
    assert summary["bottlenecks"][0] == {"tile": [3, 2], "blocked": 5}
    assert summary["busiest"][0] == {"tile": [4, 2], "visits": 11}
    assert summary["score"] == {"min": 40, "median": 50, "mean": 50.0, "max": 60}
    text = format_summary(summary)
    assert "salad (ordered 4x)" in text and "(3,2) blocked 5x" in text
    assert "capped by how many orders arrive" in text  # no ticket expired in these runs
    results[1].expired = 2
    assert summarise(spec, results, chefs=2)["notes"] == []
