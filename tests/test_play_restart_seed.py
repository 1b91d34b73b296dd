"""A round restarted from the pause menu keeps the seed it was set up with (a redesign's
test round must keep its compared round's seed), and a round nobody gave a seed to gets a
new one each time, as before."""

from __future__ import annotations

import json

from kitchen.content import load_level
from kitchen.paths import shipped_levels


def header_seed(play) -> int:
    with open(play.recorded.log_path, encoding="utf-8") as f:
        return json.loads(f.readline())["seed"]


def test_a_restart_keeps_the_seed_the_round_was_set_up_with(env):
    app = env.app(seed=None)
    level_path = shipped_levels()[1]
    app.seed = 4242  # as the Improve phase does while the test round is set up
    play = app.go("play", level=load_level(level_path), path=level_path, seats=[], bots=True)
    app.seed = None
    assert header_seed(play) == 4242
    play.restart()
    assert play.recorded.round is not None
    assert header_seed(play) == 4242
