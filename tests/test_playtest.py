"""``kitchen playtest``: bot-played rounds summed up for level designers."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from frontend_support import QUICK_SOUP_LEVEL

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
        "score       min",
        "median",
        "mean",
        "max",
        "stars       per run:",
        "suggested",
        "never served",
        "unused",
        "bottlenecks",
        "busiest",
    ):
        assert part in out, part
    assert "3/3 runs" in err
    assert "[" in err
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


def test_playtest_values_on_a_hand_worked_level(tmp_path, capsys):
    """One onion soup is ordered at 0 s with 120 s of patience; two cooks have 30 s.

    Worked by hand: each run serves that one soup and nothing expires. It is worth 20
    (the built-in value) plus a tip of ``tip_max * time left // patience`` = 8 * (at least
    105 s) // 120 s = 7 when served within 15 s, so 27, which is 2 stars on [10, 20, 30].
    The suggested thresholds of [27, 27, 27] by the documented rule (40th/70th/90th
    percentile rounded down to 5, each at least 5 above the last) are 25, 30, 35. One soup
    needs one pot, and nothing burns: the second stove and the bin are never used.
    """
    level = tmp_path / "quick.yaml"
    level.write_text(QUICK_SOUP_LEVEL, encoding="utf-8")
    assert main(["playtest", str(level), "--runs", "3", "--chefs", "2", "--json"]) == EXIT_OK
    summary = json.loads(capsys.readouterr().out)
    assert summary["seeds"] == [0, 2]  # the first and last seed
    assert summary["scores"] == [27, 27, 27]
    assert summary["score"] == {"min": 27, "median": 27.0, "mean": 27.0, "max": 27}
    assert summary["stars"] == [2, 2, 2]
    assert summary["star_counts"] == {"0": 0, "1": 0, "2": 3, "3": 0}
    assert summary["suggested_thresholds"] == [25, 30, 35]
    assert summary["served_per_run"] == 1.0
    assert summary["expired_per_run"] == 0.0
    assert summary["served_by_recipe"] == {"onion_soup": 3}
    assert summary["never_served"] == []
    assert summary["unused_stations"] == [
        {"tile": [4, 0], "kind": "stove"},
        {"tile": [3, 4], "kind": "bin"},
    ]
    assert summary["verdict"] is None
    assert summary["causes"] == []


def test_playtest_bad_level_is_a_message_and_exit_1(capsys):
    assert main(["playtest", "no_such_level"]) == EXIT_PROBLEMS
    _, err = capsys.readouterr()
    assert "no such file or shipped level" in err
    assert main(["playtest", str(BAD[0])]) == EXIT_PROBLEMS
    _, err = capsys.readouterr()
    assert str(BAD[0]) in err
    assert "Traceback" not in err


def test_playtest_bad_options_are_messages(capsys):
    assert main(["playtest", "tutorial", "--chefs", "9"]) == EXIT_PROBLEMS
    assert "--chefs must be 1 to 2" in capsys.readouterr().err
    assert main(["playtest", "tutorial", "--runs", "0"]) == EXIT_USAGE
    assert "--runs" in capsys.readouterr().err


def test_playtest_in_a_subprocess_never_shows_a_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "kitchen", "playtest", "nowhere/missing.yaml"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == EXIT_PROBLEMS
    assert "missing.yaml" in done.stderr
    assert "Traceback" not in done.stderr


def test_parallel_runs_match_sequential_runs():
    spec = dataclasses.replace(TUTORIAL, round_ticks=40 * 60)
    one = run_playtest(spec, 3, 2, seed=2, workers=1)
    two = run_playtest(spec, 3, 2, seed=2, workers=2)
    assert [r.seed for r in two] == [2, 3, 4]
    assert one == two


def test_a_round_records_use_blocks_and_visits():
    result = play_round(dataclasses.replace(TUTORIAL, round_ticks=60 * 60), seed=0, chefs=2)
    assert result.served >= 1
    assert result.recipes_served == {"onion_soup": result.served}
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
    with pytest.raises(ValueError, match="^no values$"):
        percentile([], 50)


def test_suggested_stars_follow_the_documented_rule():
    scores = list(range(0, 201, 10))  # 0, 10, ... 200
    assert suggest_stars(scores) == [80, 140, 180]  # 40th, 70th, 90th percentiles
    assert suggest_stars([0, 0, 0]) == [5, 10, 15]  # at least 5, rising by 5
    assert suggest_stars([97, 97, 97]) == [95, 100, 105]


def _result(seed, score, served, blocked=None, visits=None, used=()):
    return RunResult(
        seed=seed,
        score=score,
        stars=1,
        served=sum(served.values()),
        expired=0,
        wrong=0,
        recipes_served=served,
        recipes_ordered={**served, "salad": 2},
        stations_used=list(used),
        blocked=blocked or {},
        visits=visits or {},
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
    assert "salad (ordered 4x)" in text
    assert "(3,2) blocked 5x" in text
    assert "capped by how many orders arrive" in text  # no ticket expired in these runs
    results[1].expired = 2
    assert summarise(spec, results, chefs=2)["notes"] == []


# --- when the bots cannot serve ------------------------------------------------------

ONE_ORDER = """
round: {seconds: 20}
orders:
  schedule: [{at: 0, recipe: %s}]
"""

UNSERVABLE = {
    # chef 1 can cook and plate, chef 2 can serve, and a wall (no counter) stands between
    "no_route": """
map: |
  #########
  O  1#2  S
  P   #   #
  D   #   #
  #########
recipes: [onion_soup]
kitchen: {burn_seconds: null}
"""
    + ONE_ORDER % "onion_soup",
    # the serving window is in the prep zone, whose chef may not serve
    "silo_window": """
map: |
  #########
  O   X   #
  P 1 X 2 #
  D   X   #
  #S#######
zones:
  map: |
    .........
    .aaa.bbb.
    .aaa.bbb.
    .aaa.bbb.
    .........
  names: {a: prep, b: pass}
roles:
  prep: {players: [1], zones: [prep], may_serve: false}
  pass: {players: [2], zones: [pass]}
recipes: [onion_soup]
kitchen: {burn_seconds: null}
"""
    + ONE_ORDER % "onion_soup",
    # the soup is ready before anyone can fetch a plate, and there is no bin for the mess
    "no_bin": """
map: |
  ##########
  O 1 2    D
  P        S
  ##########
recipes: [{name: onion_soup, cook_seconds: 0.1}]
kitchen: {burn_seconds: 0.05, burn_warning_seconds: 0}
"""
    + ONE_ORDER % "onion_soup",
    # the onion crate is in chef 2's room; a counter joins the rooms
    "far_crate": """
map: |
  #########
  P  1X2  O
  D   #   C
  S   #   #
  #########
recipes: [onion_soup]
kitchen: {burn_seconds: null}
"""
    + ONE_ORDER % "onion_soup",
    "far_board": """
map: |
  #########
  L  1#2  C
  T   #   #
  D   #   #
  S   #   #
  #########
recipes: [salad]
"""
    + ONE_ORDER % "salad",
    "far_stove": """
map: |
  #########
  O  1#2  P
  D   #   #
  S   #   #
  #########
recipes: [onion_soup]
kitchen: {burn_seconds: null}
"""
    + ONE_ORDER % "onion_soup",
    # plates and window on one side of a wall, onions and stove on the other
    "split_kitchen": """
map: |
  #########
  D  1#2  O
  S   #   P
  #########
recipes: [onion_soup]
kitchen: {burn_seconds: null}
"""
    + ONE_ORDER % "onion_soup",
    "far_sink": """
map: |
  #########
  P  1#2  O
  D   #   W
  S   #   R
  #########
recipes: [onion_soup]
kitchen: {burn_seconds: null, dishwashing: true, plates: 2}
"""
    + ONE_ORDER % "onion_soup",
    "no_orders": """
map: |
  #######
  O 1 2 S
  P     D
  #######
recipes: [onion_soup]
round: {seconds: 20}
orders:
  generator: {start: 100}
kitchen: {burn_seconds: null}
""",
    # tickets expire before any soup can cook: nothing wrong with the map
    "impatient": """
map: |
  #######
  O 1 2 S
  P     D
  #######
recipes: [onion_soup]
round: {seconds: 20}
orders:
  patience: 3
  schedule: [{at: 0, recipe: onion_soup}]
kitchen: {burn_seconds: null}
""",
}

COULD_NOT = "verdict     the bots could not serve this level: they served nothing in 1 run"
NO_CAUSE_LINE = (
    "verdict     the bots served nothing; no cause was found in the map — try it by hand"
)


def _unservable(tmp_path, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"name: {name}\n" + UNSERVABLE[name].lstrip(), encoding="utf-8")
    assert main(["validate", "-q", str(path)]) == EXIT_OK
    return path


def _playtest_lines(capsys, path, *options):
    capsys.readouterr()
    code = main(["playtest", str(path), "--runs", "1", *options])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert any(line.endswith("suggested none: every run scored 0") for line in lines)
    return code, lines[lines.index(next(x for x in lines if x.startswith("verdict"))) :]


@pytest.mark.parametrize(
    ("name", "options", "expected"),
    [
        (
            "no_route",
            [],
            [
                COULD_NOT,
                "cause       no route for plates from where onion_soup is plated "
                "(chef 1) to the serving window (chef 2 may serve there): no counter is "
                "reachable from both sides",
            ],
        ),
        (
            "silo_window",
            [],
            [
                COULD_NOT,
                "cause       no chef who may serve (chef 2) can reach the serving window",
                "cause       without the level's roles and zones (--no-silos) the map shows none "
                "of these problems",
            ],
        ),
        (
            "silo_window",
            ["--chefs", "1"],
            [
                COULD_NOT,
                "cause       no chef in play may serve: chef 1 is in role 'prep' "
                "(may_serve: false)",
                "cause       without the level's roles and zones (--no-silos) the map shows none "
                "of these problems",
            ],
        ),
        (
            "no_bin",
            ["--chefs", "1"],
            [
                COULD_NOT,
                "cause       a pot burnt in 1 of 1 runs and the level has no bin to empty it",
            ],
        ),
        (
            "far_crate",
            ["--chefs", "1"],
            [
                COULD_NOT,
                "cause       no chef can reach a crate of onion, and onion_soup needs it",
                "cause       with every chef in play (--chefs 2) the map shows none of these problems",
            ],
        ),
        (
            "far_board",
            ["--chefs", "1"],
            [COULD_NOT, "cause       no chef can reach a chopping board, and salad needs one"],
        ),
        (
            "far_board",
            [],
            [
                COULD_NOT,
                "cause       no chef who can get lettuce can reach a chopping board, and salad "
                "needs it chopped",
                "cause       no chef who can get tomato can reach a chopping board, and salad "
                "needs it chopped",
            ],
        ),
        (
            "far_stove",
            ["--chefs", "1"],
            [COULD_NOT, "cause       no chef can reach a stove, and onion_soup needs one"],
        ),
        (
            "far_stove",
            [],
            [
                COULD_NOT,
                "cause       no chef who can get onion can reach a stove, and onion_soup cooks it",
            ],
        ),
        (
            "split_kitchen",
            [],
            [
                COULD_NOT,
                "cause       no route for plates of onion_soup: the chefs who can reach "
                "the plates (chef 1) and those who can take onion_soup from a stove (chef 2) share "
                "no counter to pass a plate across",
            ],
        ),
        (
            "far_sink",
            ["--chefs", "1"],
            [
                COULD_NOT,
                "cause       no chef can reach a crate of onion, and onion_soup needs it",
                "cause       dish-washing is on but no chef can reach a sink, so plates are never "
                "washed",
                "cause       dish-washing is on but no chef can reach the dirty-plate return, so "
                "plates are never washed",
            ],
        ),
        (
            "no_orders",
            [],
            [
                COULD_NOT,
                "cause       no order arrived in any run: check the level's orders "
                "(start, schedule, weights)",
            ],
        ),
        ("impatient", [], [NO_CAUSE_LINE]),
    ],
)
def test_playtest_names_why_the_bots_could_not_serve(tmp_path, capsys, name, options, expected):
    path = _unservable(tmp_path, name)
    code, tail = _playtest_lines(capsys, path, *options)
    assert tail == expected
    assert code == EXIT_PROBLEMS  # a script must not take an unservable level for a good one


def test_unservable_json_has_no_thresholds(tmp_path, capsys):
    path = _unservable(tmp_path, "no_route")
    assert main(["playtest", str(path), "--runs", "1", "--json"]) == EXIT_PROBLEMS
    summary = json.loads(capsys.readouterr().out)
    assert summary["suggested_thresholds"] is None
    assert summary["verdict"] == COULD_NOT.removeprefix("verdict     ")
    assert summary["causes"] == [
        "no route for plates from where onion_soup is plated (chef 1) to the serving window "
        "(chef 2 may serve there): no counter is reachable from both sides"
    ]
    assert summary["notes"] == []  # "thresholds are a ceiling" would mislead here


def test_a_servable_run_has_no_verdict(capsys):
    assert main(["playtest", "tutorial", "--runs", "1", "--json"]) == EXIT_OK
    summary = json.loads(capsys.readouterr().out)
    assert summary["verdict"] is None
    assert summary["causes"] == []
    assert len(summary["suggested_thresholds"]) == 3


def test_lifting_the_silos_lets_the_bots_serve(tmp_path, capsys):
    path = _unservable(tmp_path, "silo_window")
    assert main(["playtest", str(path), "--runs", "1", "--no-silos", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["verdict"] is None


def test_shipped_levels_show_no_cause():
    from kitchen.bots.servability import find_causes

    for path in shipped_levels():
        spec = load_level(path).spec
        assert find_causes(spec, len(spec.starts)) == [], path.stem
        assert find_causes(spec, len(spec.starts), silos=False) == [], path.stem


def test_zero_scores_after_serving_suggest_no_thresholds():
    results = [_result(0, 0, {"onion_soup": 1}), _result(1, 0, {})]
    summary = summarise(TUTORIAL, results, chefs=2)
    assert summary["suggested_thresholds"] is None
    assert summary["causes"] == []
    assert summary["verdict"] == (
        "every run scored 0: the bots served 1 order in 2 runs, "
        "but penalties (expired tickets, wrong dishes) took every point"
    )
    assert "suggested none: every run scored 0" in format_summary(summary)


def test_some_runs_serving_nothing_keep_thresholds_and_add_a_note():
    results = [
        _result(0, 60, {"onion_soup": 3}),
        _result(1, 0, {}),
        _result(2, 80, {"onion_soup": 4}),
    ]
    summary = summarise(TUTORIAL, results, chefs=2)
    assert summary["verdict"] is None
    assert summary["suggested_thresholds"] == suggest_stars([60, 0, 80])
    assert (
        "1 of 3 runs served nothing (seeds 1): the bots sometimes could not serve; "
        "play those seeds to see why"
    ) in summary["notes"]
